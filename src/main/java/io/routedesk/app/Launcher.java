package io.routedesk.app;

import io.routedesk.cli.AccountAccess;
import io.routedesk.cli.RouteDeskCli;
import io.routedesk.sandbox.DemoSeed;
import io.routedesk.sandbox.SandboxMain;
import io.routedesk.store.AppDirs;
import java.util.Arrays;
import javafx.application.Application;
import org.slf4j.LoggerFactory;

/**
 * Plain main class (not an Application subclass) so the app starts from a classpath jar, and so
 * command-line tools (the sandbox; export, plan, check, apply) share one entry point with the
 * window: the installed launcher passes its arguments here.
 */
public final class Launcher {
  private Launcher() {}

  public static void main(String[] args) {
    AppDirs dirs = AppDirs.forCurrentUser();
    // Before the first logger is created, so logback writes to the per-user log folder.
    System.setProperty(LoggingConfigurator.LOG_DIR_PROPERTY, dirs.logs().toString());
    if (args.length > 0 && args[0].equals("sandbox")) {
      // "routedesk sandbox [options]": the Flowroute simulator alone, no window.
      SandboxMain.main(Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    if (RouteDeskCli.isCommand(args)) {
      // "routedesk export|plan|check|apply …": no window; stdout belongs to the command's output.
      System.setProperty(LoggingConfigurator.LOG_CONSOLE_PROPERTY, "false");
      System.exit(RouteDeskCli.run(args, () -> windowAccounts(dirs)));
    }
    // Logging starts while JavaFX starts: otherwise its set-up sits on the way to the window.
    Thread.ofPlatform().name("logging-init").daemon().start(LoggerFactory::getILoggerFactory);
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
    return new AccountAccess(wiring.signIn, wiring::close);
  }
}
