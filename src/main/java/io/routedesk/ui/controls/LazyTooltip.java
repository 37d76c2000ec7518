package io.routedesk.ui.controls;

import java.util.function.Consumer;
import javafx.scene.control.Control;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;

/**
 * The tooltip of a table cell or row, made the first time the pointer enters it.
 *
 * <p>A {@link Tooltip} is a popup window with its own scene: making one per cell cost about a tenth
 * of building a table's rows. Rows are built for every visible line, but few are ever hovered. The
 * text is kept as the control's accessible help from the start, so screen readers get it as they
 * got the tooltip's text before.
 */
public final class LazyTooltip {
  private final Control owner;
  private final Consumer<Tooltip> setUp;
  private Tooltip tooltip;
  private String text;

  public LazyTooltip(Control owner) {
    this(owner, t -> {});
  }

  /**
   * @param setUp configures the tooltip once it is made (wrapping, width)
   */
  public LazyTooltip(Control owner, Consumer<Tooltip> setUp) {
    this.owner = owner;
    this.setUp = setUp;
    // Tooltips start on the first mouse move over the node: installed on entry, in time for it.
    owner.addEventFilter(MouseEvent.MOUSE_ENTERED, e -> install());
  }

  /** The tooltip's text; null for none. */
  public void setText(String text) {
    this.text = text;
    owner.setAccessibleHelp(text);
    if (tooltip != null) {
      install();
    }
  }

  public String getText() {
    return text;
  }

  private void install() {
    if (text == null) {
      owner.setTooltip(null);
      return;
    }
    if (tooltip == null) {
      tooltip = new Tooltip();
      setUp.accept(tooltip);
    }
    tooltip.setText(text);
    owner.setTooltip(tooltip);
  }
}
