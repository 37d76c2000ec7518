package io.routedesk.cli;

import io.routedesk.domain.Plural;
import io.routedesk.service.plan.AccountRouting;
import io.routedesk.service.plan.RoutingFileIo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Writes the account's routing as two CSV files: FILE (one row per number) and, beside it,"
          + " FILE's name with .routes.csv (one row per route).",
      "Both open in Excel and LibreOffice; edit the numbers file and give it to plan or apply."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:written",
      "1:the account could not be read, or some numbers' routing could not be read (their rows"
          + " say so)"
    })
final class ExportCommand extends AccountCommand {
  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE",
      description = "The numbers file to write, e.g. routing.csv.")
  Path out;

  ExportCommand(CliContext context) {
    super(context);
  }

  @Override
  protected int run(Connection connection, ExecutorService executor) throws IOException {
    Path folder = out.toAbsolutePath().getParent();
    if (!Files.isDirectory(folder)) {
      // Before reading the account, which can take a minute on a large one.
      throw new CliException(ExitCodes.ERRORS, "No such folder: " + folder + ".");
    }
    AccountRouting account = readAccount(connection, executor);
    Path routesOut = RoutingFileIo.export(account, out);
    int unreadable = account.unreadable().size();
    if (options.json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("account", connection.accountName());
      doc.put("numbersFile", out.toString());
      doc.put("numbers", account.numbers().size());
      doc.put("routesFile", routesOut.toString());
      doc.put("routes", account.routes().size());
      doc.put("unreadable", account.unreadable());
      printJson(doc);
    } else {
      context
          .out()
          .println(
              "Wrote "
                  + Plural.count(account.numbers().size(), "number")
                  + " to "
                  + out
                  + " and "
                  + Plural.count(account.routes().size(), "route")
                  + " to "
                  + routesOut
                  + ".");
      if (unreadable > 0) {
        context
            .err()
            .println(
                "routedesk: the routing of "
                    + Plural.count(unreadable, "number")
                    + " could not be read; their rows say “(not read: …)”. Export again.");
      }
    }
    return unreadable > 0 ? ExitCodes.ERRORS : ExitCodes.OK;
  }
}
