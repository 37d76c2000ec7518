package io.routedesk.cli;

import io.routedesk.service.plan.AccountRouting;
import io.routedesk.service.plan.PlanBuilder;
import io.routedesk.service.plan.RoutingFile;
import io.routedesk.service.plan.RoutingPlan;
import java.util.concurrent.ExecutorService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = {
      "Compares a routing file with the account as it is now (read fresh) and prints what an"
          + " apply would change: routes to create or change, each number's primary and failover"
          + " before → after, the file's bad rows, and the lint findings the plan brings in.",
      "Sends nothing."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:no changes",
      "2:changes to apply",
      "1:errors (bad rows, lint errors the plan brings in, or the account could not be read)"
    })
final class PlanCommand extends AccountCommand {
  @Mixin RoutingFiles files;

  PlanCommand(CliContext context) {
    super(context);
  }

  @Override
  protected int run(Connection connection, ExecutorService executor) {
    RoutingFile file = files.read();
    AccountRouting account = readAccount(connection, executor);
    RoutingPlan plan = PlanBuilder.build(file, account);
    if (options.json) {
      printJson(Reports.planJson(plan, connection.accountName()));
    } else {
      Reports.printPlan(plan, connection.accountName(), context.out());
    }
    return exitCode(plan);
  }

  static int exitCode(RoutingPlan plan) {
    if (plan.hasErrors()) {
      return ExitCodes.ERRORS;
    }
    return plan.hasChanges() ? ExitCodes.CHANGES : ExitCodes.OK;
  }
}
