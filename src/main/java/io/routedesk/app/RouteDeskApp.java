package io.routedesk.app;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/** The JavaFX application: composition root for the window. */
public final class RouteDeskApp extends Application {
  @Override
  public void start(Stage stage) {
    stage.setTitle("RouteDesk");
    stage.setScene(new Scene(new Label("RouteDesk"), 1100, 700));
    stage.show();
  }
}
