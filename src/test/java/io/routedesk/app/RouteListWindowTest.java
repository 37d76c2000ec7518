package io.routedesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.routedesk.sandbox.Endpoint;
import io.routedesk.sandbox.FaultType;
import io.routedesk.store.BatchKind;
import io.routedesk.store.JournalBatch;
import io.routedesk.ui.model.RouteRow;
import io.routedesk.ui.numbers.BatchViewModel;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListCell;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableRow;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/** The route list on the real window: delete (and move numbers first), and accessible names. */
class RouteListWindowTest extends WindowTestBase {

  @Test
  void aCutOffValueShowsItsFullTextOnHoverAndAWholeOneShowsNone() throws Exception {
    String east = routeId("pbx-east");
    setValueColumnWidth(70);
    TableCell<?, ?> value = (TableCell<?, ?>) cell(routeRow(east), "col-value");
    moveTo(value);
    waitUntil(() -> value.getTooltip() != null, 5);
    assertThat(value.getTooltip().getText()).isEqualTo("pbx-east.example.com:5060");

    // Widened, the value shows whole: hovering it again shows no tooltip.
    moveTo(routesTable());
    setValueColumnWidth(400);
    TableCell<?, ?> wide = (TableCell<?, ?>) cell(routeRow(east), "col-value");
    moveTo(wide);
    assertThat(wide.getTooltip()).isNull();
  }

  private void setValueColumnWidth(double width) {
    interact(
        () ->
            routesTable().getColumns().stream()
                .filter(c -> "col-value".equals(c.getId()))
                .findFirst()
                .orElseThrow()
                .setPrefWidth(width));
  }

  @Test
  void aSelectedRouteShowsItsDetailsAndItsNumbersOnRequest() throws Exception {
    String east = routeId("pbx-east");
    int primaries = sandbox.account().numbersUsing(east).size();
    assertThat(lookup("#route-detail").query().isVisible()).isFalse();

    clickOn(routeRow(east));

    waitUntil(() -> lookup("#route-detail").query().isVisible(), 5);
    assertThat(lookup("#route-detail-title").queryLabeled().getText()).isEqualTo("pbx-east");
    assertThat(lookup("#route-detail-type").queryLabeled().getText()).isEqualTo("Host");
    TextArea value = lookup("#route-detail-value").queryAs(TextArea.class);
    assertThat(value.getText()).isEqualTo("pbx-east.example.com:5060");
    assertThat(value.isEditable()).isFalse();
    assertThat(lookup("#route-detail-primary").queryLabeled().getText()).startsWith("Primary of ");
    assertThat(primaries).isPositive();

    clickOn("#route-detail-show-numbers");

    WaitForAsyncUtils.waitForFxEvents();
    assertThat(numbersTable().getItems())
        .isNotEmpty()
        .allMatch(n -> east.equals(n.primaryRouteId()) || east.equals(n.failoverRouteId()));
  }

  @Test
  void shiftF10AndTheMenuKeyOpenTheRouteMenuAtTheSelectedRow() throws Exception {
    String west = routeId("pbx-west");
    TableRow<RouteRow> row = routeRow(west);
    clickOn(row);
    ContextMenu menu = app.window.routesView().routeMenu();

    press(KeyCode.SHIFT).press(KeyCode.F10).release(KeyCode.F10).release(KeyCode.SHIFT);

    waitUntil(menu::isShowing, 5);
    assertThat(menu.getItems().stream().map(MenuItem::getText).filter(t -> t != null))
        .containsExactly(
            "Make primary of selected numbers",
            "Make failover of selected numbers",
            "Show numbers using it",
            "Edit route…",
            "Duplicate route…",
            "Delete route…");
    Bounds rowOnScreen = row.localToScreen(row.getBoundsInLocal());
    assertThat(menu.getAnchorY()).isBetween(rowOnScreen.getMinY(), rowOnScreen.getMaxY() + 12);
    type(KeyCode.ESCAPE);
    waitUntil(() -> !menu.isShowing(), 5);

    type(KeyCode.CONTEXT_MENU);

    waitUntil(menu::isShowing, 5);
    assertThat(menu.getItems()).extracting(MenuItem::getText).contains("Edit route…");
    type(KeyCode.ESCAPE);
  }

  @Test
  void deletingARouteInUseMovesItsNumbersFirstThenDeletes() throws Exception {
    String east = routeId("pbx-east");
    String west = routeId("pbx-west");
    List<String> users = sandbox.account().numbersUsing(east);
    assertThat(users).isNotEmpty();
    long deletesBefore = deletes();

    clickOn(routeRow(east));
    type(KeyCode.DELETE);
    waitUntil(() -> lookup("#move-target").tryQuery().isPresent(), 5);
    // The dialog names the numbers that use the route.
    assertThat(lookup(".dialog-pane .list-view").queryListView().getItems()).hasSize(users.size());
    moveNumbersTo(west);

    waitUntil(() -> sandbox.account().route(east).isEmpty(), 15);
    assertThat(sandbox.account().numbersUsing(east)).isEmpty();
    for (String n : users) {
      assertThat(sandbox.account().primaryRouteId(n)).isNotEqualTo(east);
      assertThat(sandbox.account().failoverRouteId(n)).isNotEqualTo(east);
    }
    // Exactly one DELETE, sent only after the numbers were moved.
    assertThat(deletes()).isEqualTo(deletesBefore + 1);
    waitUntil(() -> app.account.route(east) == null, 5);
    // The moves' per-number results are in the numbers panel's batch panel.
    waitUntil(() -> app.numbers.batch().resultProperty().get() == BatchViewModel.Result.SUCCESS, 5);
    assertThat(app.numbers.batch().outcomes()).hasSize(users.size());
    // One operation of the change engine: the moves, then the delete named after them.
    assertThat(workspace.changes().journal().batches())
        .extracting(JournalBatch::kind)
        .containsExactly(BatchKind.ROUTE_DELETE, BatchKind.MOVE_AND_DELETE);
  }

  @Test
  void aMoveThatFailsKeepsTheRouteAndTheNoticeSaysWhy() throws Exception {
    String east = routeId("pbx-east");
    String west = routeId("pbx-west");
    assertThat(sandbox.account().numbersUsing(east)).isNotEmpty();
    long deletesBefore = deletes();
    // Every primary move fails, past the client's retries.
    sandbox.faults().failNext(Endpoint.SET_PRIMARY_ROUTE, FaultType.SERVER_ERROR, 1_000);

    clickOn(routeRow(east));
    type(KeyCode.DELETE);
    waitUntil(() -> lookup("#move-target").tryQuery().isPresent(), 5);
    moveNumbersTo(west);

    waitUntil(
        () ->
            app.activity.lastNoticeProperty().get() != null
                && app.activity.lastNoticeProperty().get().text().contains("was not deleted"),
        30);
    assertThat(app.activity.lastNoticeProperty().get().text())
        .startsWith("“pbx-east” was not deleted: ")
        .contains("numbers were not moved");
    assertThat(deletes()).isEqualTo(deletesBefore);
    assertThat(sandbox.account().route(east)).isPresent();
    assertThat(app.account.route(east)).isNotNull();
    assertThat(app.numbers.batch().resultProperty().get())
        .isIn(BatchViewModel.Result.PARTIAL, BatchViewModel.Result.FAILED);
    sandbox.faults().reset();
  }

  @Test
  void anUnusedRouteIsDeletedAfterConfirmationAndSipRegIsProtected() throws Exception {
    String fax = routeId("legacy-fax-gw");
    assertThat(sandbox.account().numbersUsing(fax)).isEmpty();

    clickOn(routeRow(fax));
    type(KeyCode.DELETE);
    waitUntil(() -> lookup("Delete route").tryQuery().isPresent(), 5);
    type(KeyCode.ENTER);
    waitUntil(() -> sandbox.account().route(fax).isEmpty(), 10);

    long deletesBefore = deletes();
    clickOn(routeRow("0"));
    type(KeyCode.DELETE);
    waitUntil(() -> lookup(".dialog-pane").tryQuery().isPresent(), 5);
    assertThat(lookup(".dialog-pane .content").queryAs(Label.class).getText())
        .contains("cannot be deleted");
    type(KeyCode.ENTER);
    assertThat(deletes()).isEqualTo(deletesBefore);
  }

  @Test
  void everyControlHasAnAccessibleName() throws Exception {
    interact(() -> app.window.openNewRouteForm());
    select(number(0), number(1));
    WaitForAsyncUtils.waitForFxEvents();

    Set<Control> labelled =
        from(app.window.root())
            .lookup((Predicate<Node>) n -> n instanceof Label)
            .queryAll()
            .stream()
            .map(n -> ((Label) n).getLabelFor())
            .filter(n -> n instanceof Control)
            .map(n -> (Control) n)
            .collect(Collectors.toSet());
    List<Control> controls =
        from(app.window.root())
            .lookup(
                (Predicate<Node>)
                    n -> n instanceof Control c && c.isFocusTraversable() && showing(c))
            .queryAll()
            .stream()
            .map(n -> (Control) n)
            .filter(c -> !internal(c))
            .toList();
    // Menus, searches, filters, both tables, the number actions and the whole route form.
    assertThat(controls).hasSizeGreaterThan(20);
    List<String> unnamed =
        controls.stream()
            .filter(c -> !named(c) && !labelled.contains(c))
            .map(c -> c.getClass().getSimpleName() + "#" + c.getId())
            .toList();
    assertThat(unnamed).isEmpty();
  }

  private static boolean showing(Node n) {
    for (Node p = n; p != null; p = p.getParent()) {
      if (!p.isVisible()) {
        return false;
      }
    }
    return true;
  }

  /**
   * Parts of other controls (cells, scroll bars, a combo box's editor) are named by their owner.
   */
  private static boolean internal(Control c) {
    if (c instanceof TableCell<?, ?>
        || c instanceof TableRow<?>
        || c instanceof ListCell<?>
        || c instanceof ScrollBar) {
      return true;
    }
    for (Node p = c.getParent(); p != null; p = p.getParent()) {
      if (p instanceof ComboBox<?> || p instanceof Spinner<?>) {
        return true;
      }
    }
    return false;
  }

  private static boolean named(Control c) {
    if (c.getAccessibleText() != null && !c.getAccessibleText().isBlank()) {
      return true;
    }
    return c instanceof Labeled l && l.getText() != null && !l.getText().isBlank();
  }

  /** In the open "delete a route in use" dialog: picks where the numbers go, and confirms. */
  private void moveNumbersTo(String targetRouteId) {
    interact(
        () -> {
          @SuppressWarnings("unchecked")
          ComboBox<RouteRow> target = lookup("#move-target").queryAs(ComboBox.class);
          target.setValue(app.account.route(targetRouteId));
        });
    clickOn("Move numbers and delete");
  }

  private long deletes() {
    return sandbox.requests().received(Endpoint.DELETE_ROUTE);
  }
}
