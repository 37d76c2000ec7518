package io.routedesk.ui.picker;

import io.routedesk.ui.controls.Dialogs;
import io.routedesk.ui.controls.RouteCells;
import io.routedesk.ui.model.RoutePicker;
import io.routedesk.ui.model.RouteRow;
import java.util.Optional;
import javafx.application.Platform;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * Picks a route with the keyboard: type to narrow the list, arrows to move, Enter to choose, Esc to
 * cancel. The keyboard equivalent of dragging a route.
 */
public final class RoutePickerDialog extends Dialog<RouteRow> {
  private final TextField filter = new TextField();
  private final ListView<RouteRow> list = new ListView<>();

  /** Shows the picker for a request over {@code owner} and waits for the user's choice. */
  public static Optional<RouteRow> pick(Window owner, RoutePicker.Request request) {
    RoutePickerViewModel vm = new RoutePickerViewModel(request.routes(), request.allowed());
    vm.preselect(request.preselectedRouteId());
    return new RoutePickerDialog(owner, request.title(), request.prompt(), request.confirm(), vm)
        .showAndWait();
  }

  public RoutePickerDialog(
      Window owner, String title, String prompt, String confirm, RoutePickerViewModel vm) {
    Dialogs.adopt(this, owner);
    setTitle(title);
    setHeaderText(title);
    getDialogPane().getStyleClass().add("route-picker");
    ButtonType ok = new ButtonType(confirm, ButtonBar.ButtonData.OK_DONE);
    getDialogPane().getButtonTypes().setAll(ok, ButtonType.CANCEL);

    Label promptLabel = new Label(prompt);
    promptLabel.setLabelFor(filter);
    promptLabel.setWrapText(true);
    filter.setPromptText("Type to filter by alias, value or type");
    filter.setAccessibleText("Filter routes");
    filter.textProperty().bindBidirectional(vm.filterProperty());
    list.setItems(vm.matches());
    list.setCellFactory(v -> RouteCells.listCell());
    list.setAccessibleText("Routes");
    list.setPrefHeight(260);
    list.setPlaceholder(new Label("No route matches."));
    list.getSelectionModel()
        .selectedItemProperty()
        .addListener((o, a, b) -> vm.chosenProperty().set(b));
    vm.chosenProperty()
        .addListener(
            (o, a, b) -> {
              if (b != list.getSelectionModel().getSelectedItem()) {
                list.getSelectionModel().select(b);
              }
              if (b != null) {
                list.scrollTo(b);
              }
            });
    if (vm.chosenProperty().get() != null) {
      list.getSelectionModel().select(vm.chosenProperty().get());
    }
    // Arrow keys in the filter field move the list's selection, so typing and choosing mix.
    filter.addEventFilter(
        KeyEvent.KEY_PRESSED,
        e -> {
          int i = list.getSelectionModel().getSelectedIndex();
          if (e.getCode() == KeyCode.DOWN) {
            list.getSelectionModel().select(Math.min(i + 1, list.getItems().size() - 1));
            e.consume();
          } else if (e.getCode() == KeyCode.UP) {
            list.getSelectionModel().select(Math.max(i - 1, 0));
            e.consume();
          }
        });
    list.setOnMouseClicked(
        e -> {
          if (e.getClickCount() == 2 && list.getSelectionModel().getSelectedItem() != null) {
            setResult(list.getSelectionModel().getSelectedItem());
            close();
          }
        });
    VBox content = new VBox(8, promptLabel, filter, list);
    content.setPrefWidth(460);
    getDialogPane().setContent(content);
    getDialogPane().lookupButton(ok).disableProperty().bind(vm.chosenProperty().isNull());
    setResultConverter(b -> b == ok ? vm.chosenProperty().get() : null);
    setOnShown(
        e -> {
          filter.requestFocus();
          Platform.runLater(filter::requestFocus);
        });
  }
}
