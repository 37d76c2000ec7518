package io.routedesk.cli;

import io.routedesk.domain.Plural;
import io.routedesk.service.plan.AccountRouting;
import io.routedesk.service.plan.LintFinding;
import io.routedesk.service.plan.LintRule;
import io.routedesk.service.plan.RoutingLint;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import picocli.CommandLine.Command;

@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description =
        "Checks the account's routing as it is now against Flowroute's rules and common mistakes"
            + " (the routing lint), and says for each finding why it matters and how to fix it.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:no findings",
      "2:warnings only",
      "1:errors found, or the account could not be read"
    })
final class CheckCommand extends AccountCommand {
  CheckCommand(CliContext context) {
    super(context);
  }

  @Override
  protected int run(Connection connection, ExecutorService executor) {
    AccountRouting account = readAccount(connection, executor);
    List<LintFinding> findings = RoutingLint.check(account);
    long errors = findings.stream().filter(f -> f.severity() == LintRule.Severity.ERROR).count();
    if (options.json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("account", connection.accountName());
      doc.put("numbers", account.numbers().size());
      doc.put("routes", account.routes().size());
      doc.put("unreadable", account.unreadable());
      doc.put("findings", findings.stream().map(Reports::findingJson).toList());
      printJson(doc);
    } else {
      context
          .out()
          .println(
              "Check of "
                  + connection.accountName()
                  + ": "
                  + Plural.count(account.numbers().size(), "number")
                  + ", "
                  + Plural.count(account.routes().size(), "route")
                  + "; "
                  + Plural.count(errors, "error")
                  + ", "
                  + Plural.count(findings.size() - errors, "warning")
                  + ".");
      Reports.printFindings(findings, context.out());
      if (!account.unreadable().isEmpty()) {
        context
            .out()
            .println(
                "The routing of "
                    + Plural.count(account.unreadable().size(), "number")
                    + " could not be read; they were not checked, and no route is called unused.");
      }
    }
    if (errors > 0 || !account.unreadable().isEmpty()) {
      return ExitCodes.ERRORS;
    }
    return findings.isEmpty() ? ExitCodes.OK : ExitCodes.CHANGES;
  }
}
