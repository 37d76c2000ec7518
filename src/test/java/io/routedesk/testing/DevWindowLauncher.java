package io.routedesk.testing;

/** Starts {@link DevWindow} from a classpath (a main class must not extend Application). */
public final class DevWindowLauncher {
  private DevWindowLauncher() {}

  public static void main(String[] args) {
    javafx.application.Application.launch(DevWindow.class, args);
  }
}
