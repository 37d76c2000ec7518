package io.routedesk.app;

import javafx.application.Application;

/**
 * Plain main class (not an Application subclass) so the app starts from a classpath jar, and so
 * command-line tools share one entry point: {@code routedesk sandbox …} runs the standalone
 * Flowroute simulator; anything else opens the window.
 */
public final class Launcher {
  private Launcher() {}

  public static void main(String[] args) {
    Application.launch(RouteDeskApp.class, args);
  }
}
