package io.routedesk.ui.controls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Skin;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The cell skin keeps its nodes through text changes, yet shows exactly what the base skin does.
 */
class StableCellSkinTest {
  private Stage stage;
  private TableView<String> table;
  private TableColumn<String, String> column;
  private TableColumn<String, String> iconColumn;

  /** A cell with a graphic always there, as the number table's route cells. */
  private static final class IconCell extends TableCell<String, String> {
    IconCell() {
      setGraphic(new Rectangle(8, 8));
    }

    @Override
    protected void updateItem(String item, boolean empty) {
      super.updateItem(item, empty);
      setText(empty ? null : item);
    }

    @Override
    protected Skin<?> createDefaultSkin() {
      return new StableCellSkin<>(this);
    }
  }

  @BeforeAll
  static void startToolkit() throws Exception {
    FxToolkit.registerPrimaryStage();
  }

  @BeforeEach
  void showTable() throws Exception {
    fx(
        () -> {
          table = new TableView<>();
          column = new TableColumn<>("Value");
          column.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue()));
          column.setCellFactory(StableCellSkin.textCells());
          iconColumn = new TableColumn<>("With icon");
          iconColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue()));
          iconColumn.setCellFactory(c -> new IconCell());
          table.getColumns().setAll(List.of(column, iconColumn));
          table.getItems().setAll("alpha", "beta");
          stage = new Stage();
          stage.setScene(new Scene(table, 300, 200));
          stage.show();
          return null;
        });
    WaitForAsyncUtils.waitForFxEvents();
  }

  @AfterEach
  void close() throws Exception {
    fx(
        () -> {
          stage.close();
          return null;
        });
  }

  @Test
  void textCellsShowTheirItemsAsText() throws Exception {
    assertThat(fx(() -> shownText(cellAt(0)))).isEqualTo("alpha");
    assertThat(fx(() -> shownText(cellAt(1)))).isEqualTo("beta");
  }

  @Test
  void theTextNodeStaysWhileTheTableRebuildsItsRows() throws Exception {
    TableCell<?, ?> cell = fx(() -> cellAt(0));
    Text textNode = fx(() -> textNode(cell));
    AtomicInteger leftTheScene = whenItLeavesTheScene(textNode);
    // setAll is a replacing change: the table empties every cell, then fills them again.
    fx(
        () -> {
          table.getItems().setAll("gamma", "delta");
          return null;
        });
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(leftTheScene).hasValue(0);
    assertThat(fx(() -> cell.getChildrenUnmodifiable().contains(textNode))).isTrue();
    assertThat(fx(() -> shownText(cellAt(0)))).isEqualTo("gamma");
    assertThat(fx(() -> shownText(cellAt(1)))).isEqualTo("delta");
  }

  @Test
  void aCellWithAGraphicKeepsItsTextNodeThroughEmptyRows() throws Exception {
    TableCell<?, ?> cell = fx(() -> cellAt(0, iconColumn));
    Text textNode = fx(() -> textNode(cell));
    AtomicInteger leftTheScene = whenItLeavesTheScene(textNode);
    fx(
        () -> {
          table.getItems().setAll("gamma", "delta");
          return null;
        });
    WaitForAsyncUtils.waitForFxEvents();
    // The base skin drops the text node of an emptied cell that has a graphic, and adds it back
    // (its CSS then matched from scratch): this is what the skin is for.
    assertThat(leftTheScene).hasValue(0);
    assertThat(fx(() -> shownText(cellAt(0, iconColumn)))).isEqualTo("gamma");
    fx(
        () -> {
          table.getItems().remove(1);
          return null;
        });
    WaitForAsyncUtils.waitForFxEvents();
    TableCell<?, ?> emptied = fx(() -> cellAt(1, iconColumn));
    assertThat(fx(() -> shownText(emptied))).isEmpty();
  }

  @Test
  void anEmptiedCellShowsNoText() throws Exception {
    TableCell<?, ?> cell = fx(() -> cellAt(1));
    Text textNode = fx(() -> textNode(cell));
    AtomicInteger leftTheScene = whenItLeavesTheScene(textNode);
    fx(
        () -> {
          table.getItems().remove(1);
          return null;
        });
    WaitForAsyncUtils.waitForFxEvents();
    // Still a child (no re-styling when text comes back), with nothing drawn.
    assertThat(leftTheScene).hasValue(0);
    assertThat(fx(() -> cell.getChildrenUnmodifiable().contains(textNode))).isTrue();
    assertThat(fx(textNode::getText)).isEmpty();
    assertThat(fx(() -> shownText(cellAt(0)))).isEqualTo("alpha");
  }

  @Test
  void aNewGraphicOrContentDisplayStillRebuildsTheChildren() throws Exception {
    TableCell<?, ?> cell = fx(() -> cellAt(0));
    Rectangle graphic = new Rectangle(8, 8);
    fx(
        () -> {
          cell.setGraphic(graphic);
          return null;
        });
    assertThat(fx(() -> cell.getChildrenUnmodifiable())).contains(graphic);
    fx(
        () -> {
          cell.setContentDisplay(ContentDisplay.TEXT_ONLY);
          return null;
        });
    assertThat(fx(() -> cell.getChildrenUnmodifiable())).doesNotContain(graphic);
    fx(
        () -> {
          cell.setContentDisplay(ContentDisplay.LEFT);
          cell.setGraphic(null);
          return null;
        });
    assertThat(fx(() -> cell.getChildrenUnmodifiable())).doesNotContain(graphic);
  }

  private TableCell<?, ?> cellAt(int index) {
    return cellAt(index, column);
  }

  private TableCell<?, ?> cellAt(int index, TableColumn<String, String> of) {
    List<Node> cells = List.copyOf(table.lookupAll(".table-cell"));
    return cells.stream()
        .filter(n -> n instanceof TableCell<?, ?> c && c.getIndex() == index && c.isVisible())
        .map(n -> (TableCell<?, ?>) n)
        .filter(c -> c.getTableColumn() == of && c.getParent().isVisible())
        .findFirst()
        .orElseThrow(() -> new AssertionError("no cell for row " + index));
  }

  /** The string the cell draws (its text node's, after layout). */
  private String shownText(TableCell<?, ?> cell) {
    table.applyCss();
    table.layout();
    return textNode(cell).getText();
  }

  private static AtomicInteger whenItLeavesTheScene(Node node) throws Exception {
    AtomicInteger count = new AtomicInteger();
    fx(
        () -> {
          node.sceneProperty()
              .addListener(
                  (o, was, now) -> {
                    if (now == null) {
                      count.incrementAndGet();
                    }
                  });
          return null;
        });
    return count;
  }

  private static Text textNode(TableCell<?, ?> cell) {
    return cell.getChildrenUnmodifiable().stream()
        .filter(Text.class::isInstance)
        .map(Text.class::cast)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no text node in " + cell));
  }

  private static <T> T fx(Callable<T> work) throws Exception {
    return WaitForAsyncUtils.asyncFx(work).get(10, TimeUnit.SECONDS);
  }
}
