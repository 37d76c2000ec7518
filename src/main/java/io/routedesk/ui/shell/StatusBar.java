package io.routedesk.ui.shell;

import atlantafx.base.theme.Styles;
import io.routedesk.ui.controls.Icons;
import io.routedesk.ui.model.Connectivity;
import javafx.beans.binding.Bindings;
import javafx.css.PseudoClass;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.AccessibleRole;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Separator;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;

/** Account, online/offline, last refresh and the progress of background work. */
public final class StatusBar extends HBox {

  public StatusBar(ShellViewModel vm) {
    getStyleClass().add("status-bar");
    setId("status-bar");
    setAccessibleRole(AccessibleRole.TEXT);
    setAccessibleText("Status bar");
    setAlignment(Pos.CENTER_LEFT);
    setSpacing(10);

    FontIcon netIcon = new FontIcon();
    Label net = new Label();
    net.setId("status-connectivity");
    net.textProperty().bind(vm.connectivityTextProperty());
    net.setGraphic(netIcon);
    Runnable paint =
        () -> {
          Connectivity c = vm.connectivityProperty().get();
          netIcon.setIconCode(c == Connectivity.OFFLINE ? Icons.OFFLINE : Icons.ONLINE);
          net.pseudoClassStateChanged(
              PseudoClass.getPseudoClass("offline"), c == Connectivity.OFFLINE);
          net.pseudoClassStateChanged(
              PseudoClass.getPseudoClass("online"), c == Connectivity.ONLINE);
        };
    vm.connectivityProperty().addListener((o, a, b) -> paint.run());
    paint.run();

    Label account =
        new Label(
            vm.accountInfo().label(),
            Icons.icon(vm.isSandbox() ? Icons.SANDBOX : Material2AL.ACCOUNT_CIRCLE));
    account.setId("status-account");
    account.setAccessibleText("Account: " + vm.accountInfo().label());
    // Keys kept in memory only: say so where the account is named, with the reason on hover.
    Label keysNote = new Label("Keys for this session only", Icons.icon(Icons.WARNING));
    keysNote.setId("status-keys");
    keysNote.getStyleClass().add("status-keys");
    keysNote.setAccessibleText(vm.accountInfo().keysNote());
    keysNote.setTooltip(new Tooltip(vm.accountInfo().keysNote()));
    keysNote.setVisible(!vm.accountInfo().keysNote().isEmpty());
    keysNote.setManaged(keysNote.isVisible());
    Label refreshed = new Label();
    refreshed.setId("status-refreshed");
    refreshed.textProperty().bind(vm.lastRefreshTextProperty());

    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    Label work = new Label();
    work.setId("status-work");
    work.textProperty().bind(vm.workTextProperty());
    ProgressBar bar = new ProgressBar();
    bar.getStyleClass().add(Styles.SMALL);
    bar.setPrefWidth(140);
    bar.progressProperty().bind(vm.workProgressProperty());
    bar.setAccessibleText("Background work progress");
    bar.visibleProperty().bind(Bindings.isNotEmpty(vm.workTextProperty()));
    bar.managedProperty().bind(bar.visibleProperty());

    getChildren()
        .addAll(
            net,
            new Separator(Orientation.VERTICAL),
            account,
            keysNote,
            new Separator(Orientation.VERTICAL),
            refreshed,
            spacer,
            work,
            bar);
  }
}
