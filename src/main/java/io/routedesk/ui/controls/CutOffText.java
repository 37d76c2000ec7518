package io.routedesk.ui.controls;

import javafx.scene.Node;
import javafx.scene.control.Control;
import javafx.scene.control.Labeled;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.scene.text.Text;

/**
 * Shows the full text of a label or cell on hover, only when it is cut off ("callcenter-wei…"). The
 * check runs when the pointer enters (a Labeled's skin writes the shortened text into its Text
 * node), so nothing is measured for the many cells never hovered, and no tooltip is made for text
 * that is shown whole.
 */
public final class CutOffText {
  private CutOffText() {}

  /**
   * Installs the hover check on {@code labeled}; the tooltip is set on {@code owner} (the cell that
   * holds the label, or the label itself).
   */
  public static void showFullTextOnHover(Labeled labeled, Control owner) {
    Tooltip[] made = new Tooltip[1];
    owner.addEventFilter(
        MouseEvent.MOUSE_ENTERED,
        e -> {
          String full = labeled.getText();
          if (full == null || full.isEmpty() || !isCutOff(labeled)) {
            if (owner.getTooltip() == made[0]) {
              owner.setTooltip(null);
            }
            return;
          }
          if (made[0] == null) {
            made[0] = new Tooltip();
            made[0].setWrapText(true);
            made[0].setMaxWidth(480);
          }
          made[0].setText(full);
          owner.setTooltip(made[0]);
        });
  }

  /** True when the skin shows less than the whole text (an ellipsis in place of the rest). */
  public static boolean isCutOff(Labeled labeled) {
    Node shown = labeled.lookup(".text");
    return shown instanceof Text text
        && labeled.getText() != null
        && !labeled.getText().equals(text.getText());
  }
}
