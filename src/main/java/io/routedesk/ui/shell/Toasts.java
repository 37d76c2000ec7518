package io.routedesk.ui.shell;

import atlantafx.base.controls.Notification;
import atlantafx.base.theme.Styles;
import io.routedesk.ui.controls.Icons;
import io.routedesk.ui.model.Activity;
import javafx.animation.PauseTransition;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.AccessibleRole;
import javafx.scene.layout.StackPane;
import javafx.util.Duration;

/**
 * Short notices about finished work, at the bottom right of the window, resting on the status bar;
 * they fade after a few seconds. At the top they covered the route form's title and close button
 * and the numbers' Show filter; the status bar and the numbers' footer under this corner only say
 * things (counts, keys, progress), so a toast there hides nothing one could click.
 */
public final class Toasts extends StackPane {
  private final PauseTransition hide = new PauseTransition(Duration.seconds(6));

  public Toasts(Activity activity) {
    setPickOnBounds(false);
    setAlignment(Pos.BOTTOM_RIGHT);
    setPadding(new Insets(0, 12, 3, 0));
    setId("toasts");
    activity.lastNoticeProperty().addListener((o, a, n) -> show(n));
    hide.setOnFinished(e -> getChildren().clear());
  }

  private void show(Activity.Notice n) {
    if (n == null) {
      return;
    }
    Notification toast =
        new Notification(
            n.text(),
            Icons.icon(
                switch (n.severity()) {
                  case INFO -> Icons.INFO;
                  case SUCCESS -> Icons.SUCCESS;
                  case WARNING -> Icons.WARNING;
                  case ERROR -> Icons.ERROR;
                }));
    toast.getStyleClass().add(Styles.ELEVATED_2);
    toast
        .getStyleClass()
        .add(
            switch (n.severity()) {
              case INFO -> Styles.ACCENT;
              case SUCCESS -> Styles.SUCCESS;
              case WARNING -> Styles.WARNING;
              case ERROR -> Styles.DANGER;
            });
    toast.setId("toast");
    toast.setMaxWidth(440);
    toast.setMaxHeight(USE_PREF_SIZE);
    toast.setAccessibleRole(AccessibleRole.TEXT);
    toast.setAccessibleText(n.text());
    toast.setOnClose(e -> getChildren().remove(toast));
    // Only the drawn card takes clicks: the control's layout box is taller than what it paints,
    // and that transparent margin must not swallow clicks meant for buttons under it.
    toast.setPickOnBounds(false);
    getChildren().setAll(toast);
    hide.playFromStart();
  }
}
