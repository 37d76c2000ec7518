package io.routedesk.ui.routes;

import atlantafx.base.theme.Styles;
import io.routedesk.domain.PhoneNumbers;
import io.routedesk.service.RouteUsage;
import io.routedesk.ui.controls.Dialogs;
import io.routedesk.ui.controls.RouteCells;
import io.routedesk.ui.model.RouteRow;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * Deleting a route: the view-model explains, confirms and deletes ({@link
 * RoutesViewModel#requestDelete}); when numbers use the route, this dialog says which and offers to
 * move them to another route first. Never sends a DELETE that Flowroute would refuse.
 */
public final class DeleteRouteFlow {
  private final RoutesViewModel vm;
  private final Supplier<Window> owner;

  public DeleteRouteFlow(RoutesViewModel vm, Supplier<Window> owner) {
    this.vm = vm;
    this.owner = owner;
  }

  public void start(RouteRow row) {
    vm.requestDelete(row).ifPresent(check -> offerMove(row, check));
  }

  private void offerMove(RouteRow row, DeleteCheck check) {
    RouteUsage usage = check.usage();
    Dialog<ButtonType> d = new Dialog<>();
    Dialogs.adopt(d, owner.get());
    d.setTitle("Route in use");
    d.setHeaderText("“" + row.label() + "” is still in use");
    ButtonType move = new ButtonType("Move numbers and delete", ButtonBar.ButtonData.OK_DONE);
    d.getDialogPane().getButtonTypes().setAll(move, ButtonType.CANCEL);

    Label explain = new Label(check.message());
    explain.setWrapText(true);
    explain.setMaxWidth(480);

    ListView<String> users = new ListView<>();
    List<String> lines = new ArrayList<>();
    usage.primaryOf().forEach(n -> lines.add(PhoneNumbers.format(n) + "  —  primary"));
    usage.failoverOf().forEach(n -> lines.add(PhoneNumbers.format(n) + "  —  failover"));
    users.getItems().setAll(lines);
    users.setPrefHeight(Math.min(200, 28 * lines.size() + 6));
    users.setAccessibleText("Numbers that use this route");
    users.setFocusTraversable(true);

    Label moveLabel = new Label("Move them to:");
    ComboBox<RouteRow> target = new ComboBox<>();
    FilteredList<RouteRow> others =
        new FilteredList<>(vm.allRoutes(), r -> r != row && !r.isDraft());
    target.setItems(new SortedList<>(others, RouteRow.BY_LABEL));
    target.setCellFactory(v -> RouteCells.listCell());
    target.setButtonCell(RouteCells.listCell());
    target.setMaxWidth(Double.MAX_VALUE);
    target.setAccessibleText("Route to move the numbers to");
    target.setId("move-target");
    moveLabel.setLabelFor(target);
    Label note =
        new Label(
            "Numbers whose failover is the chosen route lose that failover (a number's primary"
                + " and failover must differ). This move cannot be undone once the route is"
                + " deleted.");
    note.setWrapText(true);
    note.setMaxWidth(480);
    note.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);

    VBox content = new VBox(10, explain, users, moveLabel, target, note);
    d.getDialogPane().setContent(content);
    d.getDialogPane().lookupButton(move).disableProperty().bind(target.valueProperty().isNull());
    ((Button) d.getDialogPane().lookupButton(move)).getStyleClass().add(Styles.DANGER);
    d.setOnShown(e -> target.requestFocus());
    d.showAndWait()
        .filter(b -> b == move && target.getValue() != null)
        .ifPresent(b -> vm.moveAndDelete(row, target.getValue().id()));
  }
}
