package io.routedesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.routedesk.flowroute.FlowrouteClient;
import io.routedesk.flowroute.OkHttpFlowrouteClient;
import io.routedesk.flowroute.RetryPolicy;
import io.routedesk.sandbox.FlowrouteSandbox;
import io.routedesk.service.NumberOutcome;
import io.routedesk.ui.numbers.BatchViewModel;
import io.routedesk.ui.numbers.OutcomeRow;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Assigning routes in the real window against the sandbox: drag-and-drop onto one number and onto a
 * selection's Failover column, the same by keyboard only, undo, refused drops, and a bulk change
 * under injected 503s.
 */
class AssignmentWindowTest extends WindowTestBase {
  private boolean noRetries;

  @Override
  protected FlowrouteClient client(FlowrouteSandbox s) {
    if (!noRetries) {
      return super.client(s);
    }
    return OkHttpFlowrouteClient.builder()
        .baseUrl(s.baseUrl())
        .credentials(s.accessKey(), s.secretKey())
        .retryPolicy(RetryPolicy.NO_RETRIES)
        .build();
  }

  private void waitForBatch() throws Exception {
    waitUntil(
        () ->
            !app.numbers.batch().runningProperty().get()
                && app.numbers.batch().visibleProperty().get(),
        30);
  }

  @Test
  void draggingARouteOntoANumberMakesItThePrimary() throws Exception {
    String number = number(1);
    String target = routeId("legacy-fax-gw");
    assertThat(sandbox.account().primaryRouteId(number)).isNotEqualTo(target);

    drag(routeRow(target)).dropTo(cell(numberRow(number), "col-number"));

    waitUntil(() -> target.equals(sandbox.account().primaryRouteId(number)), 15);
    waitForBatch();
    assertThat(app.account.number(number).primaryRouteId()).isEqualTo(target);
    assertThat(app.numbers.batch().resultProperty().get()).isEqualTo(BatchViewModel.Result.SUCCESS);
  }

  @Test
  void draggingOntoASelectionsFailoverColumnPreviewsThenSetsEveryFailover() throws Exception {
    String target = routeId("legacy-fax-gw");
    List<String> chosen = List.of(number(2), number(3), number(4));
    select(chosen.toArray(String[]::new));

    Node failoverCell = cell(numberRow(chosen.get(1)), "col-failover");
    drag(routeRow(target)).moveTo(failoverCell);
    Label hint = app.window.numbersView().dropHint();
    assertThat(hint.isVisible()).isTrue();
    assertThat(hint.getText()).isEqualTo("Failover of 3 numbers → legacy-fax-gw");
    drop();

    waitUntil(() -> lookup(".preview-dialog").tryQuery().isPresent(), 10);
    TableView<?> preview = lookup("#preview-table").queryAs(TableView.class);
    assertThat(preview.getItems()).hasSize(3);
    type(KeyCode.ENTER);

    waitUntil(
        () -> chosen.stream().allMatch(n -> target.equals(sandbox.account().failoverRouteId(n))),
        15);
    waitForBatch();
    for (String n : chosen) {
      assertThat(app.account.number(n).failoverRouteId()).isEqualTo(target);
    }
    assertThat(app.account.route(target).failoverUses()).isEqualTo(3);
  }

  @Test
  void aDropThatMakesNoSenseIsRefusedWithTheReason() throws Exception {
    String number = number(0);
    String primary = sandbox.account().primaryRouteId(number);
    String label = app.account.routeLabel(primary);
    long writesBefore = writes();

    drag(routeRow(primary)).moveTo(cell(numberRow(number), "col-failover"));
    Label hint = app.window.numbersView().dropHint();
    assertThat(hint.getText())
        .isEqualTo(
            "Refused: "
                + label
                + " is the primary of "
                + app.account.number(number).formatted()
                + ": a failover identical to the primary would never be used.");
    TableRow<?> row = numberRow(number);
    assertThat(row.getPseudoClassStates().toString()).contains("drop-refuse");
    drop();
    WaitForAsyncUtils.waitForFxEvents();

    assertThat(writes()).isEqualTo(writesBefore);
    assertThat(hint.isVisible()).isFalse();
  }

  @Test
  void undoRestoresTheSandboxAfterABatch() throws Exception {
    List<String> chosen = List.of(number(5), number(6), number(7), number(8));
    Map<String, String[]> before = new HashMap<>();
    for (String n : chosen) {
      before.put(
          n,
          new String[] {sandbox.account().primaryRouteId(n), sandbox.account().failoverRouteId(n)});
    }
    String target = routeId("legacy-fax-gw");
    select(chosen.toArray(String[]::new));
    drag(routeRow(target)).dropTo(cell(numberRow(chosen.getFirst()), "col-number"));
    waitUntil(() -> lookup(".preview-dialog").tryQuery().isPresent(), 10);
    type(KeyCode.ENTER);
    waitUntil(
        () -> chosen.stream().allMatch(n -> target.equals(sandbox.account().primaryRouteId(n))),
        15);
    waitForBatch();

    clickOn(numberRow(chosen.getFirst()));
    push(KeyCode.SHORTCUT, KeyCode.Z);

    waitUntil(
        () ->
            chosen.stream()
                .allMatch(
                    n ->
                        Objects.equals(before.get(n)[0], sandbox.account().primaryRouteId(n))
                            && Objects.equals(
                                before.get(n)[1], sandbox.account().failoverRouteId(n))),
        15);
    waitForBatch();
    assertThat(app.numbers.canUndoProperty().get()).isFalse();
    assertThat(app.account.number(chosen.getFirst()).primaryRouteId())
        .isEqualTo(before.get(chosen.getFirst())[0]);
  }

  @Test
  void theWholeWorkflowWorksWithTheKeyboardAlone() throws Exception {
    String west = routeId("pbx-west");
    String fax = routeId("legacy-fax-gw");
    List<String> chosen = List.of(number(0), number(1), number(2));

    // Go to the numbers, select the first three with Home and Shift+Down.
    push(KeyCode.SHORTCUT, KeyCode.DIGIT2);
    type(KeyCode.HOME);
    press(KeyCode.SHIFT).type(KeyCode.DOWN, 2).release(KeyCode.SHIFT);
    assertThat(app.numbers.selection())
        .extracting(r -> r.number())
        .containsExactlyElementsOf(chosen);

    // Ctrl+P: pick a route by typing, Enter; review, Enter.
    push(KeyCode.SHORTCUT, KeyCode.P);
    pickRoute("legacy");
    waitUntil(() -> lookup(".preview-dialog").tryQuery().isPresent(), 5);
    type(KeyCode.ENTER);
    waitUntil(
        () -> chosen.stream().allMatch(n -> fax.equals(sandbox.account().primaryRouteId(n))), 15);
    waitForBatch();

    // Ctrl+Shift+P: failover.
    push(KeyCode.SHORTCUT, KeyCode.SHIFT, KeyCode.P);
    pickRoute("pbx-west");
    waitUntil(() -> lookup(".preview-dialog").tryQuery().isPresent(), 5);
    type(KeyCode.ENTER);
    waitUntil(
        () -> chosen.stream().allMatch(n -> west.equals(sandbox.account().failoverRouteId(n))), 15);
    waitForBatch();

    // Ctrl+Shift+R: remove the failover again.
    push(KeyCode.SHORTCUT, KeyCode.SHIFT, KeyCode.R);
    waitUntil(() -> lookup(".preview-dialog").tryQuery().isPresent(), 5);
    type(KeyCode.ENTER);
    waitUntil(
        () -> chosen.stream().allMatch(n -> sandbox.account().failoverRouteId(n) == null), 15);
    waitForBatch();

    // Ctrl+Z restores the failovers just removed.
    push(KeyCode.SHORTCUT, KeyCode.Z);
    waitUntil(
        () -> chosen.stream().allMatch(n -> west.equals(sandbox.account().failoverRouteId(n))), 15);
    waitForBatch();

    // Ctrl+N: a URI route, typed and submitted without the mouse.
    push(KeyCode.SHORTCUT, KeyCode.N);
    waitUntil(() -> app.window.isFormOpen(), 5);
    WaitForAsyncUtils.waitForFxEvents();
    // Focus starts in the value; Shift+Tab goes back to the route type, where arrows choose it
    // and Tab moves on to the value again.
    push(KeyCode.SHIFT, KeyCode.TAB);
    type(KeyCode.RIGHT, 2);
    type(KeyCode.TAB);
    write("sip:desk@pbx.example.com");
    type(KeyCode.TAB);
    write("desk-uri");
    type(KeyCode.ENTER);
    waitUntil(
        () -> sandbox.account().routes().stream().anyMatch(r -> "desk-uri".equals(r.alias())), 10);
    assertThat(
            sandbox.account().routes().stream()
                .filter(r -> "desk-uri".equals(r.alias()))
                .findFirst()
                .orElseThrow()
                .value())
        .isEqualTo("sip:desk@pbx.example.com");
    type(KeyCode.ESCAPE);
    assertThat(app.window.isFormOpen()).isFalse();
  }

  @Test
  void aBulkChangeUnderInjected503sEndsWithEveryNumberDoneOrShownAsFailed() throws Exception {
    // Reopen with a client that does not retry, so 503s surface as failures.
    closeWindow();
    noRetries = true;
    openWindow();
    String target = routeId("legacy-fax-gw");
    int total = app.account.numbers().size();
    sandbox.faults().errorRates(0.0, 0.6);

    push(KeyCode.SHORTCUT, KeyCode.DIGIT2);
    push(KeyCode.SHORTCUT, KeyCode.A);
    assertThat(app.numbers.selection()).hasSize(total);
    push(KeyCode.SHORTCUT, KeyCode.SHIFT, KeyCode.P);
    pickRoute("legacy-fax");
    waitUntil(() -> lookup(".preview-dialog").tryQuery().isPresent(), 5);
    type(KeyCode.ENTER);
    waitForBatch();

    List<OutcomeRow> outcomes = List.copyOf(app.numbers.batch().outcomes());
    assertThat(outcomes).hasSize(total);
    assertThat(outcomes).allMatch(o -> o.status() != NumberOutcome.Status.SKIPPED);
    List<OutcomeRow> failed =
        outcomes.stream().filter(o -> o.status() == NumberOutcome.Status.FAILED).toList();
    assertThat(failed).isNotEmpty();
    assertThat(failed).allMatch(o -> o.reason().contains("503"));
    sandbox.faults().reset();
    for (OutcomeRow o : outcomes) {
      String now = sandbox.account().failoverRouteId(o.number());
      if (o.status() == NumberOutcome.Status.DONE) {
        assertThat(now).as(o.number()).isEqualTo(target);
      } else {
        assertThat(now).as(o.number()).isNotEqualTo(target);
      }
    }
    // The failures are on screen (listed first, with the reason) and can be retried.
    TableView<?> list = lookup("#batch-outcomes").queryAs(TableView.class);
    assertThat(list.isVisible()).isTrue();
    assertThat(((OutcomeRow) list.getItems().getFirst()).status())
        .isEqualTo(NumberOutcome.Status.FAILED);
    // The reasons have their column; the numbers are never cut to make room for it.
    assertThat(list.getColumns())
        .filteredOn(c -> "outcome-details".equals(c.getId()))
        .singleElement()
        .matches(TableColumn::isVisible);
    assertThat(list.getColumns())
        .filteredOn(c -> "Number".equals(c.getText()))
        .singleElement()
        .matches(c -> c.getWidth() >= 150 && !c.isResizable());
    clickOn("#batch-retry");
    waitForBatch();
    waitUntil(
        () -> app.numbers.batch().resultProperty().get() == BatchViewModel.Result.SUCCESS, 15);
    assertThat(sandbox.account().numbers())
        .allMatch(n -> target.equals(sandbox.account().failoverRouteId(n.number())));
  }

  private long writes() {
    return sandbox.requests().receivedByEndpoint().entrySet().stream()
        .filter(e -> e.getKey().mutating())
        .mapToLong(Map.Entry::getValue)
        .sum();
  }
}
