package io.routedesk.ui.controls;

import javafx.beans.value.ObservableStringValue;
import javafx.scene.Node;
import javafx.scene.control.Control;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.StackPane;

/**
 * Says why a control is disabled. A disabled node gets no mouse events, so a tooltip on the control
 * itself never shows: the reason is put on a thin wrapper around it (and into the control's
 * accessible help, for screen readers).
 */
public final class WhyDisabled {
  private static final String TOOLTIP_KEY = "routedesk.why-disabled";

  private WhyDisabled() {}

  /**
   * Wraps {@code control}; while {@code reason} is not empty, hovering the control shows it.
   *
   * @return the node to put into the layout instead of the control
   */
  public static StackPane wrap(Control control, ObservableStringValue reason) {
    StackPane holder = new StackPane(control);
    holder.getStyleClass().add("why-disabled");
    holder.setMaxSize(Control.USE_PREF_SIZE, Control.USE_PREF_SIZE);
    holder.setMinSize(Control.USE_PREF_SIZE, Control.USE_PREF_SIZE);
    Tooltip tip = new Tooltip();
    tip.setWrapText(true);
    tip.setMaxWidth(360);
    tip.getStyleClass().add("why-disabled-tip");
    Runnable update =
        () -> {
          String why = reason.get();
          if (why == null || why.isEmpty()) {
            Tooltip.uninstall(holder, tip);
          } else {
            tip.setText(why);
            Tooltip.install(holder, tip);
          }
        };
    reason.addListener((o, a, b) -> update.run());
    update.run();
    control.accessibleHelpProperty().bind(reason);
    holder.getProperties().put(TOOLTIP_KEY, tip);
    return holder;
  }

  /** The text hovering the wrapped control shows now ("" when none), for tests. */
  public static String reasonShown(Node holder) {
    Object t = holder.getProperties().get(TOOLTIP_KEY);
    if (!(t instanceof Tooltip tip) || !(holder instanceof StackPane p)) {
      return "";
    }
    String help = p.getChildren().getFirst().getAccessibleHelp();
    return help == null || help.isEmpty() ? "" : tip.getText();
  }
}
