package io.routedesk.ui.shell;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Properties;

/**
 * What Help → About shows and "Copy details" copies for a support request: the version and build,
 * the Java and JavaFX runtimes, and where the data and logs are.
 *
 * @param documentationUrl where Help → Documentation goes; empty when this build names none
 */
public record AboutInfo(
    String version,
    String built,
    String javaVersion,
    String javafxVersion,
    Path dataFolder,
    Path logFolder,
    String documentationUrl) {

  private static final String BUILD_PROPERTIES = "/io/routedesk/build.properties";

  /**
   * This build's details (from the build.properties the build writes) and the running runtimes;
   * "unknown" for what is missing, such as the version when run from an IDE without a build.
   */
  public static AboutInfo of(Path dataFolder, Path logFolder) {
    Properties build = new Properties();
    try (InputStream in = AboutInfo.class.getResourceAsStream(BUILD_PROPERTIES)) {
      if (in != null) {
        build.load(in);
      }
    } catch (IOException e) {
      // Only About shows these: "unknown" says enough.
    }
    return new AboutInfo(
        known(build.getProperty("version")),
        known(build.getProperty("built")),
        known(System.getProperty("java.runtime.version", System.getProperty("java.version"))),
        known(System.getProperty("javafx.runtime.version")),
        dataFolder,
        logFolder,
        filled(build.getProperty("documentation")));
  }

  /** The details as plain text, one per line, as "Copy details" puts them on the clipboard. */
  public String details() {
    return "RouteDesk "
        + version
        + "\nBuilt: "
        + built
        + "\nJava: "
        + javaVersion
        + "\nJavaFX: "
        + javafxVersion
        + "\nOperating system: "
        + System.getProperty("os.name", "unknown")
        + " "
        + System.getProperty("os.version", "")
        + " ("
        + System.getProperty("os.arch", "")
        + ")"
        + "\nData: "
        + (dataFolder == null ? "unknown" : dataFolder)
        + "\nLogs: "
        + (logFolder == null ? "unknown" : logFolder);
  }

  public boolean hasDocumentation() {
    return !documentationUrl.isEmpty();
  }

  /** A value the build did not fill in is still "${…}": treat it as missing. */
  private static String filled(String value) {
    return value == null || value.isBlank() || value.startsWith("${") ? "" : value.strip();
  }

  private static String known(String value) {
    String v = filled(value);
    return v.isEmpty() ? "unknown" : v;
  }
}
