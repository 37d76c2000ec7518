package io.routedesk.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppDirsTest {
  /** An absolute root on every OS ("/" or "C:\"), so the paths below are absolute everywhere. */
  private static final Path ROOT = Path.of("").toAbsolutePath().getRoot();

  private final Path home = ROOT.resolve("home").resolve("ana");

  private static String absolute(String name) {
    return ROOT.resolve(name).toString();
  }

  @Test
  void linuxFollowsXdgWithDefaults() {
    AppDirs dirs = AppDirs.resolve("Linux", Map.of(), home, null);
    assertThat(dirs.config()).isEqualTo(home.resolve(".config").resolve("routedesk"));
    assertThat(dirs.data()).isEqualTo(home.resolve(".local/share").resolve("routedesk"));
    assertThat(dirs.logs()).isEqualTo(home.resolve(".local/state/routedesk/logs"));
  }

  @Test
  void linuxHonoursAbsoluteXdgVariablesOnly() {
    AppDirs dirs =
        AppDirs.resolve(
            "Linux",
            Map.of("XDG_CONFIG_HOME", absolute("cfg"), "XDG_DATA_HOME", "relative"),
            home,
            null);
    assertThat(dirs.config()).isEqualTo(ROOT.resolve("cfg").resolve("routedesk"));
    assertThat(dirs.data()).isEqualTo(home.resolve(".local/share").resolve("routedesk"));
  }

  @Test
  void windowsKeepsSettingsRoamingAndDataAndLogsLocal() {
    AppDirs dirs =
        AppDirs.resolve(
            "Windows 11",
            Map.of("APPDATA", absolute("r"), "LOCALAPPDATA", absolute("l")),
            home,
            null);
    assertThat(dirs.config()).isEqualTo(ROOT.resolve("r").resolve("RouteDesk"));
    assertThat(dirs.data()).isEqualTo(ROOT.resolve("l").resolve("RouteDesk"));
    assertThat(dirs.logs()).isEqualTo(ROOT.resolve("l").resolve("RouteDesk").resolve("logs"));
  }

  @Test
  void windowsWithoutTheVariablesUsesTheProfileFolders() {
    AppDirs dirs = AppDirs.resolve("Windows 10", Map.of(), home, null);
    assertThat(dirs.config()).isEqualTo(home.resolve("AppData/Roaming").resolve("RouteDesk"));
    assertThat(dirs.data()).isEqualTo(home.resolve("AppData/Local").resolve("RouteDesk"));
  }

  @Test
  void formerDataIsTheRoamingFolderOnWindowsOnly() {
    Map<String, String> env = Map.of("APPDATA", absolute("r"), "LOCALAPPDATA", absolute("l"));
    assertThat(AppDirs.formerData("Windows 11", env, home, null))
        .contains(ROOT.resolve("r").resolve("RouteDesk"));
    assertThat(AppDirs.formerData("Linux", env, home, null)).isEmpty();
    assertThat(AppDirs.formerData("Mac OS X", env, home, null)).isEmpty();
    assertThat(AppDirs.formerData("Windows 11", env, home, absolute("portable"))).isEmpty();
  }

  @Test
  void macUsesLibrary() {
    AppDirs dirs = AppDirs.resolve("Mac OS X", Map.of(), home, null);
    assertThat(dirs.data()).isEqualTo(home.resolve("Library/Application Support/RouteDesk"));
    assertThat(dirs.logs()).isEqualTo(home.resolve("Library/Logs/RouteDesk"));
  }

  @Test
  void overridePutsEverythingUnderOneRoot() {
    AppDirs dirs = AppDirs.resolve("Linux", Map.of(), home, absolute("rd"));
    assertThat(dirs).isEqualTo(AppDirs.under(ROOT.resolve("rd")));
  }
}
