package io.routedesk.ui.drafts;

import atlantafx.base.theme.Styles;
import io.routedesk.ui.controls.Icons;
import javafx.beans.binding.Bindings;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.AccessibleRole;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Banners under the menu bar about the copy on this computer: the local database had to be rebuilt
 * (what was recovered), and the connection — "Offline — last refreshed …" with Try now, or "Back
 * online" with "Publish N drafts".
 */
public final class LocalCopyBanner extends VBox {
  private static final PseudoClass OFFLINE = PseudoClass.getPseudoClass("offline");
  private static final PseudoClass BACK_ONLINE = PseudoClass.getPseudoClass("back-online");

  public LocalCopyBanner(LocalCopyViewModel vm) {
    setId("local-copy-banners");
    getChildren().addAll(storeNotice(vm), connectivity(vm));
  }

  private static HBox storeNotice(LocalCopyViewModel vm) {
    Label text = new Label();
    text.setId("store-notice-text");
    text.textProperty().bind(vm.storeNoticeProperty());
    text.setWrapText(true);
    text.setGraphic(Icons.icon(Icons.STORAGE));
    text.setMaxWidth(Double.MAX_VALUE);
    text.setAccessibleRole(AccessibleRole.TEXT);
    HBox.setHgrow(text, Priority.ALWAYS);
    Button dismiss = new Button(null, Icons.icon(Icons.CLOSE));
    dismiss.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
    dismiss.setAccessibleText("Dismiss the notice about local data");
    dismiss.setId("store-notice-dismiss");
    dismiss.setOnAction(e -> vm.dismissStoreNotice());
    HBox box = new HBox(12, text, dismiss);
    box.setAlignment(Pos.CENTER_LEFT);
    box.getStyleClass().addAll("app-banner", "store-notice");
    box.setId("store-notice");
    box.visibleProperty().bind(Bindings.isNotEmpty(vm.storeNoticeProperty()));
    box.managedProperty().bind(box.visibleProperty());
    return box;
  }

  private static HBox connectivity(LocalCopyViewModel vm) {
    FontIcon icon = new FontIcon(Icons.OFFLINE);
    Label text = new Label();
    text.setId("connectivity-banner-text");
    text.textProperty().bind(vm.bannerTextProperty());
    text.setWrapText(true);
    text.setGraphic(icon);
    text.setMaxWidth(Double.MAX_VALUE);
    text.setAccessibleRole(AccessibleRole.TEXT);
    HBox.setHgrow(text, Priority.ALWAYS);

    Button retry = new Button("Try now", Icons.icon(Icons.RETRY));
    retry.setId("offline-retry");
    retry.setAccessibleText("Try to reach Flowroute now");
    retry.setOnAction(e -> vm.retryNow());
    Button publish = new Button(null, Icons.icon(Icons.PUBLISH));
    publish.setId("banner-publish-drafts");
    publish.getStyleClass().add(Styles.ACCENT);
    publish.textProperty().bind(vm.publishTextProperty());
    publish.accessibleTextProperty().bind(vm.publishTextProperty());
    publish.disableProperty().bind(vm.drafts().publishingProperty());
    publish.setOnAction(e -> vm.publishAll());
    Button dismiss = new Button(null, Icons.icon(Icons.CLOSE));
    dismiss.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
    dismiss.setAccessibleText("Dismiss");
    dismiss.setId("connectivity-banner-dismiss");
    dismiss.setOnAction(e -> vm.dismissBanner());

    HBox box = new HBox(12, text, retry, publish, dismiss);
    box.setAlignment(Pos.CENTER_LEFT);
    box.getStyleClass().addAll("app-banner", "connectivity-banner");
    box.setId("connectivity-banner");
    Runnable paint =
        () -> {
          LocalCopyViewModel.Banner b = vm.bannerProperty().get();
          boolean offline = b == LocalCopyViewModel.Banner.OFFLINE;
          boolean back = b == LocalCopyViewModel.Banner.BACK_ONLINE;
          box.setVisible(offline || back);
          box.setManaged(offline || back);
          box.pseudoClassStateChanged(OFFLINE, offline);
          box.pseudoClassStateChanged(BACK_ONLINE, back);
          icon.setIconCode(back ? Icons.ONLINE : Icons.OFFLINE);
          retry.setVisible(offline);
          retry.setManaged(offline);
          publish.setVisible(back);
          publish.setManaged(back);
          dismiss.setVisible(back);
          dismiss.setManaged(back);
        };
    vm.bannerProperty().addListener((o, a, b) -> paint.run());
    paint.run();
    return box;
  }
}
