package io.routedesk.cli;

import io.routedesk.service.plan.RoutingCsv;
import io.routedesk.service.plan.RoutingFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
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
    String name = numbers.getFileName().toString();
    String base =
        name.toLowerCase(java.util.Locale.ROOT).endsWith(".csv")
            ? name.substring(0, name.length() - 4)
            : name;
    return numbers.resolveSibling(base + ".routes.csv");
  }

  /** Reads the files; problems in them are in the result, a missing file ends the command. */
  RoutingFile read() {
    Path routesFile = routes != null ? routes : routesBeside(numbers);
    boolean withRoutes = routes != null || Files.isRegularFile(routesFile);
    try (InputStream n = open(numbers);
        InputStream r = withRoutes ? open(routesFile) : null) {
      return RoutingCsv.read(numbers.toString(), n, withRoutes ? routesFile.toString() : null, r);
    } catch (IOException e) {
      throw new CliException(ExitCodes.ERRORS, "Could not read the file: " + e.getMessage());
    }
  }

  private static InputStream open(Path file) throws IOException {
    try {
      return Files.newInputStream(file);
    } catch (NoSuchFileException e) {
      throw new CliException(ExitCodes.ERRORS, "No such file: " + file + ".");
    }
  }
}
