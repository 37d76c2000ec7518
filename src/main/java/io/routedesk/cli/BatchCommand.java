package io.routedesk.cli;

import io.routedesk.domain.PhoneNumbers;
import io.routedesk.domain.Plural;
import io.routedesk.flowroute.CancellationToken;
import io.routedesk.service.BatchListener;
import io.routedesk.service.BatchReport;
import io.routedesk.service.ChangeEngine;
import io.routedesk.service.NumberOutcome;
import io.routedesk.store.JournalEntry;
import io.routedesk.store.LocalStore;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * A command that sends changes for a batch of the history (undo, resume): finds the batch, works
 * out what to send from a fresh reading of its numbers, shows it, asks, sends it through the change
 * engine as a batch of its own, and reports each number. The engine's rules are the window's: a
 * number changed since is left alone (a conflict), never overwritten.
 */
abstract class BatchCommand extends AccountCommand {
  @Parameters(
      index = "0",
      paramLabel = "BATCH",
      description = "The batch id, or its first characters (at least 4) as history lists them.")
  String batchId;

  @Option(names = "--yes", description = "Send without asking (for scripts).")
  boolean yes;

  BatchCommand(CliContext context) {
    super(context);
  }

  /**
   * What the command will send, worked out from a fresh reading.
   *
   * @param sendsNothing true when there is nothing to send and no decision to record: no question
   * @param send sends it (or, with nothing to send, reports the numbers left alone)
   */
  protected record Proposal(
      String title,
      String description,
      boolean sendsNothing,
      Function<Sending, CompletableFuture<BatchReport>> send) {}

  /** A listener and a cancellation for the engine. */
  protected record Sending(BatchListener listener, CancellationToken cancel) {}

  /** Works out the proposal for the batch named on the command line. */
  protected abstract Proposal propose(
      ChangeEngine engine, HistoryReports.Listed batch, ZoneId zone);

  /** The verb of the progress bar and the result: "Undo", "Resume". */
  protected abstract String verb();

  /** For a batch that is not interrupted: the engine's list does not have it then. */
  protected static ChangeEngine.Interruption interruption(
      ChangeEngine engine, HistoryReports.Listed batch) {
    return engine.findInterrupted().join().stream()
        .filter(i -> i.batch().id().equals(batch.batch().id()))
        .findFirst()
        .orElseThrow(() -> beingSent(batch));
  }

  protected static CliException beingSent(HistoryReports.Listed batch) {
    return new CliException(
        ExitCodes.ERRORS,
        "Batch "
            + HistoryReports.shortId(batch.batch().id())
            + " is being sent now (a RouteDesk window or another command holds the account);"
            + " try again when it has finished. Nothing was sent.");
  }

  @Override
  protected final int run(Connection connection, ExecutorService executor) throws Exception {
    try (LocalStore store = openStore(connection)) {
      HistoryReports.Listed batch = HistoryReports.find(HistoryReports.list(store), batchId);
      if (batch.state() == HistoryReports.State.RUNNING) {
        throw beingSent(batch);
      }
      ChangeEngine engine = new ChangeEngine(store, connection.client(), executor);
      Proposal proposal;
      try (ProgressLine bar = progress("Reading the batch's numbers")) {
        proposal = propose(engine, batch, ZoneId.systemDefault());
      }
      if (!options.json) {
        context.out().println(proposal.title());
        context.out().println(proposal.description());
        context.out().flush();
      }
      if (!proposal.sendsNothing() && !yes && !confirmed(verb() + "?")) {
        return nothingSent(connection.accountName(), batch, verb() + ": not sent.");
      }
      CancellationToken cancel = new CancellationToken();
      CountDownLatch printed = new CountDownLatch(1);
      BatchReport report;
      try (Connection.Locks locks = connection.holdWindowAccountLocks();
          ProgressLine bar = progress(verb())) {
        BatchListener listener =
            (phase, done, total) -> {
              if (phase == BatchListener.Phase.APPLYING) {
                bar.update(done, total);
              }
            };
        report =
            joinCancellably(proposal.send().apply(new Sending(listener, cancel)), cancel, printed);
      }
      try {
        printReport(connection.accountName(), batch, report);
      } finally {
        printed.countDown();
      }
      return exitCode(report);
    }
  }

  private int nothingSent(String account, HistoryReports.Listed batch, String message) {
    if (options.json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("account", account);
      doc.put("batch", HistoryReports.batchJson(batch));
      doc.put("result", null);
      doc.put("message", message);
      printJson(doc);
    } else {
      context.out().println(message);
    }
    return ExitCodes.ERRORS;
  }

  static int exitCode(BatchReport report) {
    if (report.cancelled()) {
      return ExitCodes.CANCELLED;
    }
    if (!report.failed().isEmpty()) {
      return ExitCodes.ERRORS;
    }
    return conflicts(report) > 0 ? ExitCodes.CONFLICTS : ExitCodes.OK;
  }

  private static long conflicts(BatchReport report) {
    return report.outcomes().stream().filter(NumberOutcome::conflict).count();
  }

  private static String status(NumberOutcome o) {
    return o.conflict() ? "conflict" : o.status().name().toLowerCase(Locale.ROOT);
  }

  private void printReport(String account, HistoryReports.Listed batch, BatchReport report) {
    long conflicts = conflicts(report);
    long skipped = report.count(NumberOutcome.Status.SKIPPED) - conflicts;
    if (options.json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("account", account);
      doc.put("batch", HistoryReports.batchJson(batch));
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("batch", report.batchId() == null ? null : report.batchId().toString());
      result.put("cancelled", report.cancelled());
      Map<String, Object> counts = new LinkedHashMap<>();
      counts.put("done", report.count(NumberOutcome.Status.DONE));
      counts.put("failed", report.failed().size());
      counts.put("skipped", skipped);
      counts.put("conflict", conflicts);
      result.put("counts", counts);
      List<Object> numbers = new ArrayList<>();
      for (NumberOutcome o : report.outcomes()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("number", o.number());
        m.put("status", status(o));
        m.put("reason", o.reason());
        m.put("after", o.conflict() ? null : HistoryReports.routingJson(o.change().after()));
        m.put(
            "server", o.serverState() == null ? null : HistoryReports.routingJson(o.serverState()));
        numbers.add(m);
      }
      result.put("numbers", numbers);
      doc.put("result", result);
      printJson(doc);
      return;
    }
    for (NumberOutcome o : report.outcomes()) {
      if (o.status() != NumberOutcome.Status.DONE || !o.reason().isEmpty()) {
        context
            .out()
            .println(
                "  "
                    + status(o).toUpperCase(Locale.ROOT)
                    + "  "
                    + PhoneNumbers.format(o.number())
                    + (o.reason().isEmpty() ? "" : ": " + o.reason()));
      }
    }
    context
        .out()
        .println(
            verb()
                + ": "
                + Plural.count(report.count(NumberOutcome.Status.DONE), "number")
                + " done, "
                + report.failed().size()
                + " failed, "
                + conflicts
                + " left alone (changed since), "
                + skipped
                + " not sent"
                + (report.cancelled() ? " (cancelled)" : "")
                + (report.batchId() == null
                    ? "."
                    : "; batch " + HistoryReports.shortId(report.batchId()) + " in the history."));
  }

  /** The numbers of an interrupted batch that will be left alone, one a line; empty for none. */
  protected static String leftAlone(ChangeEngine.Interruption i) {
    if (i.conflicts().isEmpty()) {
      return "";
    }
    return " "
        + Plural.count(i.conflicts().size(), "number was", "numbers were")
        + " changed elsewhere or could not be read; left alone:"
        + conflictLines(i.conflicts());
  }

  /** The conflicts, one a line, for the proposal. */
  protected static String conflictLines(List<ChangeEngine.Conflict> conflicts) {
    StringBuilder s = new StringBuilder();
    for (ChangeEngine.Conflict c : conflicts) {
      s.append("\n  • ").append(PhoneNumbers.format(c.number())).append(" — ").append(c.reason());
    }
    return s.toString();
  }

  /** Numbers of an interruption whose routing now differs from what the batch found. */
  protected static long changedByTheBatch(ChangeEngine.Interruption i, List<String> numbers) {
    return numbers.stream()
        .filter(
            n -> {
              JournalEntry e = i.entries().get(n);
              return !i.now().get(n).equals(e.before());
            })
        .count();
  }
}
