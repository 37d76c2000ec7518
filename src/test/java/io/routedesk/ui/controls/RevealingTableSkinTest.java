package io.routedesk.ui.controls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.Scene;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The first rows of a table on screen are built a few per frame, and nothing else changes. */
class RevealingTableSkinTest {
  private static final double ROW_HEIGHT = 20;
  private static final List<String> THOUSAND =
      IntStream.range(0, 1000).mapToObj(i -> "row " + i).toList();

  /** The app's pacer with the frames played by the test. */
  private static final class ManualPacer extends RevealingTableSkin.Pacer {
    @Override
    void wake() {}

    /** One frame: the pacer's steps, then the pulse's layout. */
    void nextFrame() throws Exception {
      fx(
          () -> {
            frame();
            return null;
          });
      WaitForAsyncUtils.waitForFxEvents();
    }
  }

  private final ManualPacer pacer = new ManualPacer();
  private final AtomicInteger rowsBuilt = new AtomicInteger();
  private Stage stage;
  private TableView<String> table;

  @BeforeAll
  static void startToolkit() throws Exception {
    FxToolkit.registerPrimaryStage();
  }

  @BeforeEach
  void newTable() throws Exception {
    fx(
        () -> {
          table = new TableView<>();
          TableColumn<String, String> column = new TableColumn<>("Value");
          column.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue()));
          table.getColumns().add(column);
          table.setFixedCellSize(ROW_HEIGHT);
          table.setRowFactory(
              t -> {
                rowsBuilt.incrementAndGet();
                return new TableRow<>();
              });
          return null;
        });
  }

  @AfterEach
  void close() throws Exception {
    fx(
        () -> {
          if (stage != null) {
            stage.hide();
          }
          return null;
        });
  }

  @Test
  void rowsArrivingOnScreenAreBuiltAFewPerFrameUntilTheViewportIsFull() throws Exception {
    RevealingTableSkin<String> skin = show(new RevealingTableSkin<>(table, pacer));

    fx(() -> table.getItems().setAll(THOUSAND));
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(rowsBuilt.get()).as("nothing is built before this table's turn").isZero();
    assertThat(skin.isRevealed()).isFalse();

    pacer.nextFrame();
    assertThat(rowsBuilt.get()).isBetween(1, RevealingTableSkin.FIRST_ROWS + 1);

    int frames = 1;
    int before = rowsBuilt.get();
    while (!skin.isRevealed() && frames < 100) {
      pacer.nextFrame();
      frames++;
      assertThat(rowsBuilt.get() - before)
          .as("rows built in frame %d", frames)
          .isLessThanOrEqualTo(RevealingTableSkin.MAX_STEP + 1);
      before = rowsBuilt.get();
    }

    assertThat(skin.isRevealed()).isTrue();
    assertThat(frames).as("the first rows have a frame of their own").isGreaterThanOrEqualTo(2);
    int fitting = fx(() -> (int) Math.ceil(visibleRowArea() / ROW_HEIGHT));
    assertThat(fx(this::nonEmptyRowsShown)).isGreaterThanOrEqualTo(fitting - 1);
    assertThat(pacer.waiting()).isEmpty();
    assertThat(fx(() -> table.getItems().size())).isEqualTo(1000);
  }

  @Test
  void aFewRowsAreFollowedByTheEmptyStripesInLaterFrames() throws Exception {
    RevealingTableSkin<String> skin = show(new RevealingTableSkin<>(table, pacer));

    fx(() -> table.getItems().setAll("one", "two", "three"));
    int frames = 0;
    while (!skin.isRevealed() && frames < 100) {
      pacer.nextFrame();
      frames++;
    }

    assertThat(skin.isRevealed()).isTrue();
    assertThat(fx(this::nonEmptyRowsShown)).isEqualTo(3);
    int fitting = fx(() -> (int) Math.ceil(visibleRowArea() / ROW_HEIGHT));
    assertThat(rowsBuilt.get()).as("empty rows fill the rest").isGreaterThanOrEqualTo(fitting);
  }

  @Test
  void rowsPresentWhenTheTableIsBuiltAreLaidOutAtOnce() throws Exception {
    fx(() -> table.getItems().setAll(THOUSAND));
    RevealingTableSkin<String> skin = show(new RevealingTableSkin<>(table, pacer));

    assertThat(skin.isRevealed()).isTrue();
    assertThat(pacer.waiting()).isEmpty();
    assertThat(fx(this::nonEmptyRowsShown)).isGreaterThan(10);
  }

  @Test
  void rowsArrivingBeforeTheFirstLayoutComeWithTheFirstFrame() throws Exception {
    // As at start-up: the window is shown and the saved copy fills it in the same FX task.
    RevealingTableSkin<String> skin =
        show(new RevealingTableSkin<>(table, pacer), () -> table.getItems().setAll(THOUSAND));

    assertThat(skin.isRevealed()).isTrue();
    assertThat(pacer.waiting()).isEmpty();
    assertThat(fx(this::nonEmptyRowsShown)).isGreaterThan(10);
  }

  @Test
  void aTableNotOnScreenIsNotPaced() throws Exception {
    RevealingTableSkin<String> skin =
        fx(
            () -> {
              RevealingTableSkin<String> s = new RevealingTableSkin<>(table, pacer);
              table.setSkin(s);
              table.getItems().setAll(THOUSAND);
              return s;
            });

    assertThat(skin.isRevealed()).isTrue();
    assertThat(pacer.waiting()).isEmpty();
  }

  @Test
  void aListSetWhileEmptyIsWatchedToo() throws Exception {
    RevealingTableSkin<String> skin = show(new RevealingTableSkin<>(table, pacer));
    ObservableList<String> replacement = FXCollections.observableArrayList();
    // The first list and this one are equal (both empty): the swap must still be noticed.
    fx(
        () -> {
          table.setItems(replacement);
          return null;
        });

    fx(() -> replacement.setAll(THOUSAND));

    assertThat(pacer.waiting()).containsExactly(skin);
    assertThat(skin.isRevealed()).isFalse();
  }

  @Test
  void twoTablesNeverBuildTheirFirstRowsInTheSameFrame() throws Exception {
    AtomicInteger otherRowsBuilt = new AtomicInteger();
    RevealingTableSkin<String> skin = show(new RevealingTableSkin<>(table, pacer));
    RevealingTableSkin<String> otherSkin =
        fx(
            () -> {
              TableView<String> other = new TableView<>();
              TableColumn<String, String> column = new TableColumn<>("Value");
              column.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue()));
              other.getColumns().add(column);
              other.setFixedCellSize(ROW_HEIGHT);
              other.setRowFactory(
                  t -> {
                    otherRowsBuilt.incrementAndGet();
                    return new TableRow<>();
                  });
              RevealingTableSkin<String> s = new RevealingTableSkin<>(other, pacer);
              other.setSkin(s);
              Stage second = new Stage();
              second.setScene(new Scene(other, 300, 400));
              second.show();
              return s;
            });
    WaitForAsyncUtils.waitForFxEvents();

    fx(
        () -> {
          table.getItems().setAll(THOUSAND);
          otherSkin.getSkinnable().getItems().setAll(THOUSAND);
          return null;
        });
    pacer.nextFrame();
    assertThat(rowsBuilt.get()).isPositive();
    assertThat(otherRowsBuilt.get()).as("the other table waits for the next frame").isZero();

    pacer.nextFrame();
    assertThat(otherRowsBuilt.get()).isPositive();

    for (int frame = 0; frame < 100 && !(skin.isRevealed() && otherSkin.isRevealed()); frame++) {
      pacer.nextFrame();
    }
    assertThat(skin.isRevealed()).isTrue();
    assertThat(otherSkin.isRevealed()).isTrue();
    fx(
        () -> {
          otherSkin.getSkinnable().getScene().getWindow().hide();
          return null;
        });
  }

  @Test
  void theSharedPacerRevealsEveryRowOnItsOwn() throws Exception {
    RevealingTableSkin<String> skin = show(new RevealingTableSkin<>(table));

    fx(() -> table.getItems().setAll(THOUSAND));

    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, skin::isRevealed);
    WaitForAsyncUtils.waitForFxEvents();
    int fitting = fx(() -> (int) Math.ceil(visibleRowArea() / ROW_HEIGHT));
    assertThat(fx(this::nonEmptyRowsShown)).isGreaterThanOrEqualTo(fitting - 1);
  }

  private RevealingTableSkin<String> show(RevealingTableSkin<String> skin) throws Exception {
    return show(skin, () -> {});
  }

  /** Shows the table with {@code skin}, then runs {@code sameTask} in the same FX task. */
  private RevealingTableSkin<String> show(RevealingTableSkin<String> skin, Runnable sameTask)
      throws Exception {
    fx(
        () -> {
          table.setSkin(skin);
          stage = new Stage();
          stage.setScene(new Scene(table, 300, 400));
          stage.show();
          sameTask.run();
          return null;
        });
    WaitForAsyncUtils.waitForFxEvents();
    return skin;
  }

  /** Height of the table below its column header. */
  private double visibleRowArea() {
    double header = table.lookup(".column-header-background").getLayoutBounds().getHeight();
    return table.getHeight() - header;
  }

  private long nonEmptyRowsShown() {
    return table.lookupAll(".table-row-cell").stream()
        .filter(n -> n instanceof TableRow<?> row && !row.isEmpty() && row.isVisible())
        .count();
  }

  private static <T> T fx(Callable<T> work) throws Exception {
    return WaitForAsyncUtils.asyncFx(work).get(10, TimeUnit.SECONDS);
  }
}
