package io.routedesk.app;

import io.routedesk.ui.common.AppIcons;
import java.lang.management.ManagementFactory;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The JavaFX application: composition root for the window. */
public final class RouteDeskApp extends Application {
  private static final Logger LOG = LoggerFactory.getLogger(RouteDeskApp.class);

  @Override
  public void start(Stage stage) {
    stage.setTitle("RouteDesk");
    AppIcons.apply(stage);
    stage.setScene(new Scene(new Label("RouteDesk"), 1100, 700));
    stage.addEventHandler(WindowEvent.WINDOW_SHOWN, e -> logReady());
    stage.show();
  }

  /** The readiness line that installer smoke tests and start-up benchmarks wait for. */
  private static void logReady() {
    long sinceJvmStart =
        System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    LOG.info("READY main window shown {} ms after JVM start", sinceJvmStart);
  }
}
