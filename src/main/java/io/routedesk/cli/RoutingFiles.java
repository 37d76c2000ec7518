package io.routedesk.cli;

import io.routedesk.service.plan.RoutingFile;
import io.routedesk.service.plan.RoutingFileIo;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The routing file arguments of plan and apply: the numbers file and its routes file, which by
 * default sits beside it ("routing.csv" → "routing.routes.csv"), as export writes them.
 */
final class RoutingFiles {
  @Parameters(index = "0", paramLabel = "FILE", description = "The numbers file (CSV).")
  Path numbers;

  @Option(
      names = "--routes",
      paramLabel = "FILE",
      description = "The routes file (CSV). Default: FILE's name with .routes.csv, when it exists.")
  Path routes;

  /** "routing.csv" → "routing.routes.csv": the routes file export writes beside the numbers. */
  static Path routesBeside(Path numbers) {
    return RoutingFileIo.routesBeside(numbers);
  }

  /** Reads the files; problems in them are in the result, a missing file ends the command. */
  RoutingFile read() {
    try {
      return RoutingFileIo.read(numbers, routes);
    } catch (NoSuchFileException e) {
      throw new CliException(ExitCodes.ERRORS, "No such file: " + e.getFile() + ".");
    } catch (IOException e) {
      throw new CliException(ExitCodes.ERRORS, "Could not read the file: " + e.getMessage());
    }
  }
}
