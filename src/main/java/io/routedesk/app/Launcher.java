package io.routedesk.app;

import io.routedesk.cli.AccountAccess;
import io.routedesk.cli.RouteDeskCli;
import io.routedesk.sandbox.DemoSeed;
import io.routedesk.sandbox.SandboxMain;
import io.routedesk.store.AppDirs;
import io.routedesk.store.FormerDataMove;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import javafx.application.Application;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plain main class (not an Application subclass) so the app starts from a classpath jar, and so
 * command-line tools (the sandbox; export, plan, check, apply) share one entry point with the
 * window: the installed launcher passes its arguments here.
 */
public final class Launcher {
  private Launcher() {}

  public static void main(String[] args) {
    // Before any HTTP client exists: the built-in sandbox on 127.0.0.1 must never be sent to the
    // system's proxy (java.net.useSystemProxies is on in the installed app).
    LoopbackDirectProxySelector.install();
    AppDirs standardDirs = AppDirs.forCurrentUser();
    // Before the first logger is created, so logback writes to the per-user log folder.
    System.setProperty(LoggingConfigurator.LOG_DIR_PROPERTY, standardDirs.logs().toString());
    Start start =
        start(
            args,
            standardDirs,
            AppDirs.formerDataOfCurrentUser(),
            (commandArgs, dirs) -> {
              // No window: stdout belongs to the command's output.
              System.setProperty(LoggingConfigurator.LOG_CONSOLE_PROPERTY, "false");
              return RouteDeskCli.run(commandArgs, dirs, () -> windowAccounts(dirs));
            });
    switch (start) {
      case Start.Sandbox sandbox -> SandboxMain.main(sandbox.args());
      case Start.CommandRan ran -> System.exit(ran.exitCode());
      case Start.AlreadyRunning running -> System.err.println(running.message());
      case Start.Window window -> openWindow(args, window.dirs());
    }
  }

  /**
   * What a start with these arguments does, decided (and, for a command, done) by {@link #start}.
   */
  sealed interface Start {
    /** "routedesk sandbox [options]": the Flowroute simulator alone, no window. */
    record Sandbox(String[] args) implements Start {}

    /** A command ran; the process ends with its exit code. */
    record CommandRan(int exitCode) implements Start {}

    /** Another RouteDesk owns the data folder (and was asked to come to the front). */
    record AlreadyRunning(String message) implements Start {}

    /** This process owns the data folder: open the window on {@code dirs}. */
    record Window(AppDirs dirs) implements Start {}
  }

  /** Runs a command-line command with the app's folders; returns its exit code. */
  @FunctionalInterface
  interface CommandRunner {
    int run(String[] args, AppDirs dirs);
  }

  /**
   * Runs a command-line command, or claims the single instance for the window. A command comes
   * first and claims nothing: it runs beside an open window without bringing that window to the
   * front or handing it the arguments; the account's apply lock keeps the two from sending to one
   * account at once.
   */
  static Start start(
      String[] args, AppDirs standardDirs, Optional<Path> formerData, CommandRunner commands) {
    if (args.length > 0 && args[0].equals("sandbox")) {
      return new Start.Sandbox(Arrays.copyOfRange(args, 1, args.length));
    }
    if (RouteDeskCli.isCommand(args)) {
      // After the former-data move, so the commands see the window's accounts where the window
      // does.
      AppDirs dirs = FormerDataMove.moveIfNeeded(standardDirs, formerData);
      return new Start.CommandRan(commands.run(args, dirs));
    }
    // One RouteDesk per data folder; claimed before any data is moved or opened.
    try {
      switch (SingleInstance.claim(standardDirs.data())) {
        case SingleInstance.AlreadyRunning running -> {
          return new Start.AlreadyRunning(running.message());
        }
        case SingleInstance.Owner owner -> SingleInstance.hold(owner.instance());
      }
    } catch (java.io.IOException e) {
      // The data folder cannot hold the lock (read-only?): the store reports that on opening.
      System.err.println("RouteDesk could not check for another running copy: " + e.getMessage());
    }
    // Before any database opens: data an earlier version kept elsewhere (Windows: roaming).
    return new Start.Window(FormerDataMove.moveIfNeeded(standardDirs, formerData));
  }

  private static void openWindow(String[] args, AppDirs dirs) {
    // Before JavaFX reads its pipeline options.
    Optional<String> pipelineChoice = RenderingPipeline.chooseForThisMachine();
    // Logging starts while JavaFX starts: otherwise its set-up sits on the way to the window.
    Thread.ofPlatform()
        .name("logging-init")
        .daemon()
        .start(
            () -> {
              Logger log = LoggerFactory.getLogger(Launcher.class); // sets up logging
              pipelineChoice.ifPresent(log::info);
            });
    // So does everything that needs no window, the opening of the last used account included.
    EarlyStart.begin(dirs);
    try {
      Application.launch(RouteDeskApp.class, args);
    } catch (RuntimeException | Error e) {
      EarlyStart.abandon(); // e.g. no display: the sandbox must not keep the JVM alive
      throw e;
    }
  }

  /** The window's accounts and keystore, for --account (the built-in sandbox included). */
  private static AccountAccess windowAccounts(AppDirs dirs) {
    AccountsWiring wiring = AccountsWiring.forThisSystem(dirs, DemoSeed.small());
    return new AccountAccess(wiring.signIn, dirs, wiring::close);
  }
}
