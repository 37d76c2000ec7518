package io.routedesk.ui.history;

import atlantafx.base.theme.Styles;
import io.routedesk.ui.controls.Icons;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.AccessibleRole;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/** The banner under the menu bar about a change a crash cut off, with its three choices. */
public final class InterruptedBanner extends HBox {
  public InterruptedBanner(InterruptedChangesViewModel vm) {
    super(8);
    setId("interrupted-banner");
    Label text = new Label();
    text.setId("interrupted-text");
    text.textProperty().bind(vm.messageProperty());
    text.setWrapText(true);
    text.setGraphic(Icons.icon(Icons.STORAGE));
    text.setMaxWidth(Double.MAX_VALUE);
    text.setAccessibleRole(AccessibleRole.TEXT);
    HBox.setHgrow(text, Priority.ALWAYS);
    Button resume = new Button("Resume");
    resume.setId("interrupted-resume");
    resume.getStyleClass().add(Styles.ACCENT);
    resume.setOnAction(e -> vm.resume());
    Button undo = new Button("Undo what was done");
    undo.setId("interrupted-undo");
    undo.setOnAction(e -> vm.undoDone());
    Button leave = new Button("Leave as is");
    leave.setId("interrupted-leave");
    leave.setOnAction(e -> vm.leaveAsIs());
    for (Button b : new Button[] {resume, undo, leave}) {
      b.disableProperty().bind(vm.busyProperty());
    }
    resume.setAccessibleHelp("Send only the changes that had not reached Flowroute");
    undo.setAccessibleHelp("Put back the routing of the numbers the change had already reached");
    leave.setAccessibleHelp("Send nothing; the history keeps what Flowroute shows");
    getChildren().addAll(text, resume, undo, leave);
    setAlignment(Pos.CENTER_LEFT);
    getStyleClass().addAll("app-banner", "store-notice");
    visibleProperty().bind(Bindings.isNotEmpty(vm.messageProperty()));
    managedProperty().bind(visibleProperty());
  }
}
