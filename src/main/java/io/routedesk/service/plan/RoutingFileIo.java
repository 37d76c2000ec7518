package io.routedesk.service.plan;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * A routing file on disk as export writes it and plan and apply read it: the numbers file and,
 * beside it, the routes file ("routing.csv" → "routing.routes.csv"). Shared by the command line and
 * the window so both name, write and read the files the same way.
 */
public final class RoutingFileIo {
  private RoutingFileIo() {}

  /** "routing.csv" → "routing.routes.csv": the routes file export writes beside the numbers. */
  public static Path routesBeside(Path numbers) {
    String name = numbers.getFileName().toString();
    String base =
        name.toLowerCase(Locale.ROOT).endsWith(".csv")
            ? name.substring(0, name.length() - 4)
            : name;
    return numbers.resolveSibling(base + ".routes.csv");
  }

  /**
   * Writes the account to {@code numbers} and its routes beside it ({@link #routesBeside}). Each
   * file is written beside its target and moved over it, so a failed export (disk full, no
   * permission) leaves no half file and an earlier export intact.
   *
   * @return the routes file written
   */
  public static Path export(AccountRouting account, Path numbers) throws IOException {
    Path routes = routesBeside(numbers);
    write(numbers, w -> RoutingCsv.writeNumbers(account, w));
    write(routes, w -> RoutingCsv.writeRoutes(account, w));
    return routes;
  }

  /**
   * Reads a numbers file and its routes file ({@code routes}, or the one beside it when null and it
   * exists). Problems in the rows are in the result; a file that cannot be opened throws.
   */
  public static RoutingFile read(Path numbers, Path routes) throws IOException {
    Path routesFile = routes != null ? routes : routesBeside(numbers);
    boolean withRoutes = routes != null || Files.isRegularFile(routesFile);
    try (InputStream n = Files.newInputStream(numbers);
        InputStream r = withRoutes ? Files.newInputStream(routesFile) : null) {
      return RoutingCsv.read(numbers.toString(), n, withRoutes ? routesFile.toString() : null, r);
    }
  }

  @FunctionalInterface
  private interface Content {
    void writeTo(Writer writer) throws IOException;
  }

  private static void write(Path target, Content content) throws IOException {
    Path absolute = target.toAbsolutePath();
    Path temp = Files.createTempFile(absolute.getParent(), ".routedesk-export-", ".csv");
    try {
      try (Writer w = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
        content.writeTo(w);
      }
      Files.move(
          temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
