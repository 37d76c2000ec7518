package io.routedesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.routedesk.cli.CliContext;
import io.routedesk.cli.ExitCodes;
import io.routedesk.cli.RouteDeskCli;
import io.routedesk.store.AppDirs;
import io.routedesk.testing.ChildJvm;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command-line command runs before the single-instance claim: beside an open window (another
 * process owning the data folder) it runs and returns its own exit code, and the window is not
 * asked to come to the front.
 */
class LauncherTest {
  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  /** Runs commands as the launcher does, with this test's streams and no accounts. */
  private int runCommand(String[] args, AppDirs dirs) {
    CliContext context =
        new CliContext(
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            new BufferedReader(new StringReader("")),
            Map.of(),
            false,
            dirs,
            () -> {
              throw new AssertionError("a command's help opens no account");
            });
    return RouteDeskCli.run(args, context);
  }

  @Test
  void aCommandBesideAnOpenWindowRunsAndLeavesTheWindowAlone() throws Exception {
    AppDirs dirs = AppDirs.under(dir.resolve("home"));
    try (ChildJvm window =
        ChildJvm.start(InstanceChild.class, dir.resolve("window.err"), dirs.data().toString())) {
      assertThat(window.awaitLine("OWNER", Duration.ofSeconds(60))).isNotNull();

      Launcher.Start help =
          Launcher.start(
              new String[] {"history", "--help"}, dirs, Optional.empty(), this::runCommand);
      Launcher.Start wrong =
          Launcher.start(new String[] {"export"}, dirs, Optional.empty(), this::runCommand);

      assertThat(help).isEqualTo(new Launcher.Start.CommandRan(0));
      assertThat(out.toString()).contains("Usage: routedesk history");
      assertThat(wrong).isEqualTo(new Launcher.Start.CommandRan(ExitCodes.USAGE));
      assertThat(err.toString()).startsWith("Missing required option: '--out=FILE'");
      Launcher.Start sandbox =
          Launcher.start(
              new String[] {"sandbox", "--help"}, dirs, Optional.empty(), this::runCommand);
      assertThat(sandbox)
          .isInstanceOfSatisfying(
              Launcher.Start.Sandbox.class, s -> assertThat(s.args()).containsExactly("--help"));
      // A second start of the window brings it to the front at once; no command did.
      assertThat(window.awaitLine("ACTIVATED", Duration.ofSeconds(2))).isNull();

      // The window start on the same folder is the one that finds the owner and activates it.
      Launcher.Start second =
          Launcher.start(new String[0], dirs, Optional.empty(), this::runCommand);
      assertThat(second).isInstanceOf(Launcher.Start.AlreadyRunning.class);
      assertThat(window.awaitLine("ACTIVATED", Duration.ofSeconds(30))).isNotNull();
    }
  }
}
