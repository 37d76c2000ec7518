package io.routedesk.store;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The per-user folders RouteDesk writes to, following each OS's convention:
 *
 * <ul>
 *   <li>Linux: $XDG_CONFIG_HOME/routedesk, $XDG_DATA_HOME/routedesk, $XDG_STATE_HOME/routedesk/logs
 *       (defaults ~/.config, ~/.local/share, ~/.local/state)
 *   <li>Windows: %APPDATA%\RouteDesk (config, which may roam with the user) and
 *       %LOCALAPPDATA%\RouteDesk (data, logs): the SQLite databases must not live in the roaming
 *       profile, which is often redirected to a network share where SQLite's write-ahead log does
 *       not work. Earlier versions kept data in %APPDATA%\RouteDesk ({@link FormerDataMove}).
 *   <li>macOS: ~/Library/Application Support/RouteDesk and ~/Library/Logs/RouteDesk
 * </ul>
 *
 * The system property {@code routedesk.home} puts all three under one folder (tests, portable use).
 */
public record AppDirs(Path config, Path data, Path logs) {

  public static AppDirs forCurrentUser() {
    return resolve(
        System.getProperty("os.name", ""),
        System.getenv(),
        Path.of(System.getProperty("user.home")),
        System.getProperty("routedesk.home"));
  }

  /** Everything under one root folder. */
  public static AppDirs under(Path root) {
    return new AppDirs(root.resolve("config"), root.resolve("data"), root.resolve("logs"));
  }

  /**
   * Where an earlier RouteDesk kept the data of this user when that differs from today's folder: on
   * Windows the roaming %APPDATA%\RouteDesk. Empty elsewhere and under {@code routedesk.home}.
   */
  public static Optional<Path> formerDataOfCurrentUser() {
    return formerData(
        System.getProperty("os.name", ""),
        System.getenv(),
        Path.of(System.getProperty("user.home")),
        System.getProperty("routedesk.home"));
  }

  static Optional<Path> formerData(
      String osName, Map<String, String> env, Path home, String override) {
    if ((override != null && !override.isBlank()) || !isWindows(osName)) {
      return Optional.empty();
    }
    return Optional.of(roamingAppData(env, home).resolve("RouteDesk"));
  }

  static AppDirs resolve(String osName, Map<String, String> env, Path home, String override) {
    if (override != null && !override.isBlank()) {
      return under(Path.of(override));
    }
    String os = osName.toLowerCase(Locale.ROOT);
    if (isWindows(osName)) {
      Path roaming = roamingAppData(env, home);
      Path local = pathOr(env.get("LOCALAPPDATA"), home.resolve("AppData").resolve("Local"));
      Path localApp = local.resolve("RouteDesk");
      return new AppDirs(roaming.resolve("RouteDesk"), localApp, localApp.resolve("logs"));
    }
    if (os.startsWith("mac")) {
      Path app = home.resolve("Library").resolve("Application Support").resolve("RouteDesk");
      return new AppDirs(app, app, home.resolve("Library").resolve("Logs").resolve("RouteDesk"));
    }
    Path config = pathOr(env.get("XDG_CONFIG_HOME"), home.resolve(".config"));
    Path data = pathOr(env.get("XDG_DATA_HOME"), home.resolve(".local").resolve("share"));
    Path state = pathOr(env.get("XDG_STATE_HOME"), home.resolve(".local").resolve("state"));
    return new AppDirs(
        config.resolve("routedesk"),
        data.resolve("routedesk"),
        state.resolve("routedesk").resolve("logs"));
  }

  private static boolean isWindows(String osName) {
    return osName.toLowerCase(Locale.ROOT).startsWith("windows");
  }

  private static Path roamingAppData(Map<String, String> env, Path home) {
    return pathOr(env.get("APPDATA"), home.resolve("AppData").resolve("Roaming"));
  }

  private static Path pathOr(String value, Path fallback) {
    // XDG: a relative path in these variables is invalid and must be ignored.
    if (value == null || value.isBlank() || !Path.of(value).isAbsolute()) {
      return fallback;
    }
    return Path.of(value);
  }
}
