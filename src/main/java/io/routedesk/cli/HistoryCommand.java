package io.routedesk.cli;

import io.routedesk.domain.Route;
import io.routedesk.flowroute.FlowrouteClient;
import io.routedesk.store.ChangeJournal;
import io.routedesk.store.JournalBatch;
import io.routedesk.store.JournalEntry;
import io.routedesk.store.LocalStore;
import io.routedesk.store.RouteChange;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "history",
    mixinStandardHelpOptions = true,
    description = {
      "Lists the account's change history, newest first: every batch of changes sent from the"
          + " window or by apply and undo, with its id, start, kind, state and counts.",
      "With a batch id (or the start of one): that batch, each number's routing before → after"
          + " and its outcome, and each route change.",
      "The history is kept on this computer; history changes nothing. The batch view reads the"
          + " account's routes to show their aliases when the saved copy has none (ids only when"
          + " Flowroute cannot be reached)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:listed (also an empty history)",
      "1:no such batch, several batches start with the id given, or the account or its history"
          + " could not be opened"
    })
final class HistoryCommand extends AccountCommand {
  /** How long the batch view waits for the route names before it shows ids. */
  private static final long ROUTES_WAIT_SECONDS = 10;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "BATCH",
      description = "A batch id, or its first characters (at least 4) as the list shows them.")
  String batchId;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "20",
      description = "List the newest N batches (default: ${DEFAULT-VALUE}); 0 lists all.")
  int limit;

  @Option(
      names = "--match",
      paramLabel = "TEXT",
      description =
          "Only batches that touched a number containing these digits or a route with this id,"
              + " or whose summary or route aliases contain the text (as the window's filter).")
  String match;

  HistoryCommand(CliContext context) {
    super(context);
  }

  @Override
  protected int run(Connection connection, ExecutorService executor) {
    if (limit < 0) {
      throw new CliException(ExitCodes.USAGE, "--limit must be 0 (all) or more.");
    }
    try (LocalStore store = openStore(connection)) {
      List<HistoryReports.Listed> all = HistoryReports.list(store);
      return batchId == null
          ? list(connection.accountName(), store, all)
          : detail(connection, store, HistoryReports.find(all, batchId));
    }
  }

  private int list(String account, LocalStore store, List<HistoryReports.Listed> all) {
    List<HistoryReports.Listed> listed = all;
    if (match != null && !match.isBlank()) {
      Set<UUID> ids =
          ChangeJournal.of(store).batchesMatching(match).stream()
              .map(JournalBatch::id)
              .collect(Collectors.toSet());
      listed = all.stream().filter(l -> ids.contains(l.batch().id())).toList();
    }
    List<HistoryReports.Listed> shown =
        limit == 0 ? listed : listed.subList(0, Math.min(limit, listed.size()));
    if (options.json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("account", account);
      doc.put("total", listed.size());
      doc.put("batches", shown.stream().map(HistoryReports::batchJson).toList());
      printJson(doc);
    } else {
      HistoryReports.printList(
          shown, listed.size(), account, ZoneId.systemDefault(), context.out());
    }
    return ExitCodes.OK;
  }

  private int detail(Connection connection, LocalStore store, HistoryReports.Listed batch) {
    String account = connection.accountName();
    ChangeJournal journal = ChangeJournal.of(store);
    List<JournalEntry> entries = journal.entries(batch.batch().id());
    List<RouteChange> routeChanges = journal.routeChanges(batch.batch().id());
    if (options.json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("account", account);
      doc.put("batch", HistoryReports.batchJson(batch));
      doc.put("routes", routeChanges.stream().map(HistoryReports::routeChangeJson).toList());
      doc.put("numbers", entries.stream().map(HistoryReports::entryJson).toList());
      printJson(doc);
    } else {
      HistoryReports.printBatch(
          batch,
          entries,
          routeChanges,
          routes(connection, store),
          ZoneId.systemDefault(),
          context.out());
    }
    return ExitCodes.OK;
  }

  /**
   * The routes by id for their aliases: the saved copy of the account (a window account's), else a
   * quick read from Flowroute (--api-url keeps no copy); none when that fails.
   */
  private static Map<String, Route> routes(Connection connection, LocalStore store) {
    Map<String, Route> saved = store.loadSnapshot().routesById();
    if (!saved.isEmpty()) {
      return saved;
    }
    try {
      Map<String, Route> read = new HashMap<>();
      connection
          .client()
          .listAllRoutes(null, FlowrouteClient.ProgressListener.NONE)
          .get(ROUTES_WAIT_SECONDS, TimeUnit.SECONDS)
          .forEach(r -> read.put(r.id(), r));
      return read;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Map.of();
    } catch (ExecutionException | TimeoutException e) {
      return Map.of();
    }
  }
}
