package io.routedesk.cli;

import io.routedesk.domain.Plural;
import io.routedesk.flowroute.CancellationToken;
import io.routedesk.service.ChangeEngine;
import io.routedesk.service.RouteService;
import io.routedesk.service.plan.ApplyReport;
import io.routedesk.service.plan.PlanApplier;
import io.routedesk.service.plan.PlanBuilder;
import io.routedesk.service.plan.RoutingFile;
import io.routedesk.service.plan.RoutingPlan;
import io.routedesk.store.LocalStore;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "apply",
    mixinStandardHelpOptions = true,
    description = {
      "Makes the plan (as plan does), shows it, asks, and applies it: routes first, then the"
          + " numbers, each read again just before it is changed. A number whose routing changed"
          + " since the plan was read is left alone and reported as a conflict.",
      "Nothing is sent from a file with errors unless --only-valid is given."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:everything applied, or nothing to change",
      "1:errors (nothing sent; with --only-valid: the bad rows left out), or some changes"
          + " failed",
      "3:applied, but some numbers were left alone as conflicts",
      "4:cancelled (Ctrl+C) before everything was sent"
    })
final class ApplyCommand extends AccountCommand {
  @Mixin RoutingFiles files;

  @Option(names = "--yes", description = "Apply without asking (for scripts).")
  boolean yes;

  @Option(
      names = "--only-valid",
      description =
          "Apply the valid rows of a file that has errors; the bad rows, and numbers the plan"
              + " would give a lint error, are left out.")
  boolean onlyValid;

  ApplyCommand(CliContext context) {
    super(context);
  }

  @Override
  protected int run(Connection connection, ExecutorService executor)
      throws IOException, InterruptedException {
    RoutingFile file = files.read();
    RoutingPlan plan = PlanBuilder.build(file, readAccount(connection, executor));
    String account = connection.accountName();
    if (!options.json) {
      Reports.printPlan(plan, account, context.out());
      context.out().flush();
    }
    if (plan.hasErrors() && !onlyValid) {
      return nothingSent(
          plan,
          account,
          "The plan has errors; nothing was sent. Fix the rows, or"
              + " add --only-valid to apply the valid rows.",
          ExitCodes.ERRORS);
    }
    if (!plan.hasChanges()) {
      return nothingSent(
          plan, account, "Nothing to change.", plan.hasErrors() ? ExitCodes.ERRORS : ExitCodes.OK);
    }
    if (!yes && !confirmed(question(plan))) {
      return nothingSent(plan, account, "Not applied.", ExitCodes.ERRORS);
    }
    CancellationToken cancel = new CancellationToken();
    CountDownLatch reported = new CountDownLatch(1);
    ApplyReport report;
    try (LocalStore store = openStore(connection);
        Connection.Locks locks = connection.holdWindowAccountLocks();
        ProgressLine bar = progress("Applying")) {
      ChangeEngine engine = new ChangeEngine(store, connection.client(), executor);
      PlanApplier applier =
          new PlanApplier(PlanApplier.through(new RouteService(engine), engine), executor);
      report =
          joinCancellably(applier.apply(plan, onlyValid, bar::update, cancel), cancel, reported);
    }
    try {
      if (options.json) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("plan", Reports.planJson(plan, account));
        doc.put("result", Reports.applyJson(report, plan, account));
        printJson(doc);
      } else {
        context.out().println();
        Reports.printApply(report, plan, context.out());
      }
      context.out().flush();
    } finally {
      reported.countDown();
    }
    return exitCode(report, plan);
  }

  /** Bad rows left out with --only-valid still make it 1: a script must not take it for success. */
  static int exitCode(ApplyReport report, RoutingPlan plan) {
    if (report.cancelled()) {
      return ExitCodes.CANCELLED;
    }
    if (report.count(ApplyReport.Status.FAILED) > 0 || plan.hasErrors()) {
      return ExitCodes.ERRORS;
    }
    return report.count(ApplyReport.Status.CONFLICT) > 0 ? ExitCodes.CONFLICTS : ExitCodes.OK;
  }

  private int nothingSent(RoutingPlan plan, String account, String message, int exitCode) {
    if (options.json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("plan", Reports.planJson(plan, account));
      doc.put("result", null);
      doc.put("message", message);
      printJson(doc);
    } else {
      context.out().println(message);
    }
    return exitCode;
  }

  private static String question(RoutingPlan plan) {
    return "Apply "
        + Plural.count(plan.numberChanges().size(), "number change")
        + " and "
        + Plural.count(plan.routeChanges().size(), "route change")
        + (plan.newFindings().isEmpty()
            ? ""
            : ", accepting " + Plural.count(plan.newFindings().size(), "lint finding"))
        + "?";
  }
}
