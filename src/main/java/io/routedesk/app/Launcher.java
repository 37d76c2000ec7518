package io.routedesk.app;

import io.routedesk.cli.AccountAccess;
import io.routedesk.cli.RouteDeskCli;
import io.routedesk.sandbox.DemoSeed;
import io.routedesk.sandbox.SandboxMain;
import io.routedesk.store.AppDirs;
import io.routedesk.store.FormerDataMove;
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
    // Before any HTTP client exists: the built-in sandbox on 127.0.0.1 must never be sent to the
    // system's proxy (java.net.useSystemProxies is on in the installed app).
    LoopbackDirectProxySelector.install();
    AppDirs standardDirs = AppDirs.forCurrentUser();
    // Before the first logger is created, so logback writes to the per-user log folder.
    System.setProperty(LoggingConfigurator.LOG_DIR_PROPERTY, standardDirs.logs().toString());
    if (args.length > 0 && args[0].equals("sandbox")) {
      // "routedesk sandbox [options]": the Flowroute simulator alone, no window.
      SandboxMain.main(Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    if (RouteDeskCli.isCommand(args)) {
      // "routedesk export|plan|check|apply …": no window; stdout belongs to the command's output.
      // A command runs beside a window: it claims no single instance (and brings no window to the
      // front); the account's apply lock keeps the two from sending to one account at once.
      // After the former-data move, so the commands see the window's accounts where the window
      // does.
      AppDirs dirs = FormerDataMove.moveIfNeeded(standardDirs, AppDirs.formerDataOfCurrentUser());
      System.setProperty(LoggingConfigurator.LOG_CONSOLE_PROPERTY, "false");
      System.exit(RouteDeskCli.run(args, dirs, () -> windowAccounts(dirs)));
    }
    // One RouteDesk per data folder; claimed before any data is moved or opened.
    try {
      switch (SingleInstance.claim(standardDirs.data())) {
        case SingleInstance.AlreadyRunning running -> {
          System.err.println(running.message());
          return;
        }
        case SingleInstance.Owner owner -> SingleInstance.hold(owner.instance());
      }
    } catch (java.io.IOException e) {
      // The data folder cannot hold the lock (read-only?): the store reports that on opening.
      System.err.println("RouteDesk could not check for another running copy: " + e.getMessage());
    }
    // Before any database opens: data an earlier version kept elsewhere (Windows: roaming).
    AppDirs dirs = FormerDataMove.moveIfNeeded(standardDirs, AppDirs.formerDataOfCurrentUser());
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
    return new AccountAccess(wiring.signIn, dirs, wiring::close);
  }
}
