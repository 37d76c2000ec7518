package io.routedesk.ui.controls;

import javafx.scene.Node;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Skin;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.skin.TableCellSkin;
import javafx.util.Callback;

/**
 * A table cell skin that keeps its text and graphic nodes in place when only the text changes.
 *
 * <p>JavaFX's {@code LabeledSkinBase} answers every text change by setting its children again
 * ({@code getChildren().setAll(graphic, text)}), and takes the text node out while the text is
 * empty. A table empties its cells whenever it rebuilds its rows (each filter keystroke: every
 * visible cell goes to no item and back), so each cell lost and regained its nodes twice per
 * keystroke; JavaFX matches all CSS selectors of a node from scratch when it is added. Profiled,
 * that was a fifth to a third of a filter keystroke over 10,000 numbers (docs/benchmarks.md).
 *
 * <p>Here the base class rebuilds the children only when the graphic or the content display
 * changes, or when text appears in a cell whose text node is not shown yet. An empty text leaves
 * the text node where it is: the base layout already treats an ignored text node as a child that
 * does not count (it sets its string to "" and gives it no room).
 */
public final class StableCellSkin<S, T> extends TableCellSkin<S, T> {
  /** False while the base constructor runs: it calls {@link #updateChildren()} before our state. */
  private boolean ready;

  private Node lastGraphic;
  private ContentDisplay lastDisplay;
  private boolean lastGraphicShown;
  private boolean textInChildren;

  /** Cells that show their value as text, as a column's default cells do, with this skin. */
  public static <S, T> Callback<TableColumn<S, T>, TableCell<S, T>> textCells() {
    return column -> new TextCell<>();
  }

  public StableCellSkin(TableCell<S, T> cell) {
    super(cell);
    remember(); // what the base constructor's updateChildren() did
    ready = true;
  }

  @Override
  protected void updateChildren() {
    if (ready && getSkinnable() != null && unchanged()) {
      return;
    }
    super.updateChildren();
    if (ready) {
      remember();
    }
  }

  private boolean unchanged() {
    TableCell<S, T> cell = getSkinnable();
    return cell.getGraphic() == lastGraphic
        && cell.getContentDisplay() == lastDisplay
        && graphicShown(cell) == lastGraphicShown
        && (textInChildren || !textShown(cell));
  }

  private void remember() {
    TableCell<S, T> cell = getSkinnable();
    lastGraphic = cell.getGraphic();
    lastDisplay = cell.getContentDisplay();
    lastGraphicShown = graphicShown(cell);
    textInChildren = textShown(cell);
  }

  /** The base skin's rule for a graphic it lays out (not isIgnoreGraphic()). */
  private static boolean graphicShown(TableCell<?, ?> cell) {
    Node graphic = cell.getGraphic();
    return graphic != null
        && graphic.isManaged()
        && cell.getContentDisplay() != ContentDisplay.TEXT_ONLY;
  }

  /** The base skin's rule for text it lays out (not isIgnoreText()). */
  private static boolean textShown(TableCell<?, ?> cell) {
    String text = cell.getText();
    return text != null
        && !text.isEmpty()
        && cell.getContentDisplay() != ContentDisplay.GRAPHIC_ONLY;
  }

  /** {@code TableColumn}'s default cell (its updateItem, line for line), with the stable skin. */
  private static final class TextCell<S, T> extends TableCell<S, T> {
    TextCell() {
      CutOffText.showFullTextOnHover(this, this);
    }

    @Override
    protected void updateItem(T item, boolean empty) {
      if (item == getItem()) {
        return;
      }
      super.updateItem(item, empty);
      if (item == null) {
        setText(null);
        setGraphic(null);
      } else if (item instanceof Node node) {
        setText(null);
        setGraphic(node);
      } else {
        setText(item.toString());
        setGraphic(null);
      }
    }

    @Override
    protected Skin<?> createDefaultSkin() {
      return new StableCellSkin<>(this);
    }
  }
}
