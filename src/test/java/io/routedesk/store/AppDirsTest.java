package io.routedesk.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppDirsTest {
  private final Path home = Path.of("/home/ana");

  @Test
  void linuxFollowsXdgWithDefaults() {
    AppDirs dirs = AppDirs.resolve("Linux", Map.of(), home, null);
    assertThat(dirs.config()).isEqualTo(Path.of("/home/ana/.config/routedesk"));
    assertThat(dirs.data()).isEqualTo(Path.of("/home/ana/.local/share/routedesk"));
    assertThat(dirs.logs()).isEqualTo(Path.of("/home/ana/.local/state/routedesk/logs"));
  }

  @Test
  void linuxHonoursAbsoluteXdgVariablesOnly() {
    AppDirs dirs =
        AppDirs.resolve(
            "Linux", Map.of("XDG_CONFIG_HOME", "/cfg", "XDG_DATA_HOME", "relative"), home, null);
    assertThat(dirs.config()).isEqualTo(Path.of("/cfg/routedesk"));
    assertThat(dirs.data()).isEqualTo(Path.of("/home/ana/.local/share/routedesk"));
  }

  @Test
  void windowsUsesAppData() {
    AppDirs dirs =
        AppDirs.resolve("Windows 11", Map.of("APPDATA", "/r", "LOCALAPPDATA", "/l"), home, null);
    assertThat(dirs.data()).isEqualTo(Path.of("/r/RouteDesk"));
    assertThat(dirs.logs()).isEqualTo(Path.of("/l/RouteDesk/logs"));
  }

  @Test
  void macUsesLibrary() {
    AppDirs dirs = AppDirs.resolve("Mac OS X", Map.of(), home, null);
    assertThat(dirs.data()).isEqualTo(Path.of("/home/ana/Library/Application Support/RouteDesk"));
    assertThat(dirs.logs()).isEqualTo(Path.of("/home/ana/Library/Logs/RouteDesk"));
  }

  @Test
  void overridePutsEverythingUnderOneRoot() {
    AppDirs dirs = AppDirs.resolve("Linux", Map.of(), home, "/tmp/rd");
    assertThat(dirs).isEqualTo(AppDirs.under(Path.of("/tmp/rd")));
  }
}
