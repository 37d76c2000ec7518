package io.routedesk.app;

import io.routedesk.store.AppDirs;
import javafx.application.Application;

/**
 * Plain main class (not an Application subclass) so the app starts from a classpath jar, and so
 * command-line tools share one entry point with the window.
 */
public final class Launcher {
  private Launcher() {}

  public static void main(String[] args) {
    AppDirs dirs = AppDirs.forCurrentUser();
    // Before the first logger is created, so logback writes to the per-user log folder.
    System.setProperty("routedesk.logDir", dirs.logs().toString());
    Application.launch(RouteDeskApp.class, args);
  }
}
