package io.routedesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.routedesk.domain.NumberRouting;
import io.routedesk.domain.Route;
import io.routedesk.domain.VoiceSlot;
import io.routedesk.flowroute.CancellationToken;
import io.routedesk.sandbox.Endpoint;
import io.routedesk.service.AssignmentPlan;
import io.routedesk.service.BatchListener;
import io.routedesk.service.NumberChange;
import io.routedesk.store.BatchKind;
import io.routedesk.store.ChangeJournal;
import io.routedesk.store.JournalBatch;
import io.routedesk.store.LocalStore;
import io.routedesk.ui.history.HistoryViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The interrupted-change notice and its three choices; the History window. */
class HistoryWindowTest extends WindowTestBase {
  @TempDir Path exports;

  private List<String> numbers() {
    return sandbox.account().numbers().stream().map(n -> n.number()).limit(5).toList();
  }

  private String otherRoute(String not) {
    return sandbox.account().routes().stream()
        .filter(r -> !r.isSystemRoute() && !r.id().equals(not))
        .map(Route::id)
        .findFirst()
        .orElseThrow();
  }

  /**
   * Closes the app, leaves a batch of five numbers in the journal as a kill would (two landed on
   * the sandbox, three not), and starts the app again.
   */
  private String interruptedAtRestart() throws Exception {
    closeApp();
    String target = otherRoute(null);
    List<String> ns = numbers();
    try (LocalStore store = LocalStore.open(databaseFile())) {
      List<ChangeJournal.Planned> planned = new ArrayList<>();
      for (String n : ns) {
        NumberRouting now = sandbox.account().routing(n).orElseThrow();
        String failover = target.equals(now.failoverRouteId()) ? null : now.failoverRouteId();
        planned.add(new ChangeJournal.Planned(now, new NumberRouting(n, target, failover)));
        if (planned.size() <= 2) {
          sandbox.account().assign(n, VoiceSlot.FAILOVER, failover);
          sandbox.account().assign(n, VoiceSlot.PRIMARY, target);
        }
      }
      ChangeJournal.of(store)
          .begin(
              new ChangeJournal.NewBatch(
                  UUID.randomUUID(), BatchKind.ASSIGN, "Primary of 5 numbers → x", "ann", null),
              planned);
    }
    openApp();
    waitUntil(() -> !lookup("#interrupted-text").queryAs(Label.class).getText().isEmpty(), 20);
    return target;
  }

  @Test
  void theNoticeSaysWhatWasInterruptedAndResumeSendsTheRest() throws Exception {
    String target = interruptedAtRestart();
    assertThat(lookup("#interrupted-text").queryAs(Label.class).getText())
        .matches("A change to 5 numbers was interrupted at \\d\\d:\\d\\d: 2 done, 3 not done\\.");

    clickOn("#interrupted-resume");

    waitUntil(() -> !lookup("#interrupted-banner").query().isVisible(), 20);
    for (String n : numbers()) {
      assertThat(sandbox.account().primaryRouteId(n)).isEqualTo(target);
    }
    assertThat(ChangeJournal.of(workspace.store()).interrupted()).isEmpty();
  }

  @Test
  void undoWhatWasDonePutsTheLandedNumbersBack() throws Exception {
    List<NumberRouting> before = new ArrayList<>();
    for (String n : numbers()) {
      before.add(sandbox.account().routing(n).orElseThrow());
    }
    interruptedAtRestart();

    clickOn("#interrupted-undo");

    waitUntil(() -> !lookup("#interrupted-banner").query().isVisible(), 20);
    for (NumberRouting r : before) {
      assertThat(sandbox.account().routing(r.number())).contains(r);
    }
  }

  @Test
  void leaveAsIsSendsNothingAndKeepsTheBatchInTheHistory() throws Exception {
    interruptedAtRestart();
    long writes = numberWrites();

    clickOn("#interrupted-leave");

    waitUntil(() -> !lookup("#interrupted-banner").query().isVisible(), 20);
    assertThat(ChangeJournal.of(workspace.store()).batches())
        .singleElement()
        .satisfies(b -> assertThat(b.resolution()).isEqualTo(JournalBatch.Resolution.LEFT));
    assertThat(numberWrites()).isEqualTo(writes);
  }

  private long numberWrites() {
    return sandbox.requests().received(Endpoint.SET_PRIMARY_ROUTE)
        + sandbox.requests().received(Endpoint.SET_FAILOVER_ROUTE)
        + sandbox.requests().received(Endpoint.REMOVE_PRIMARY_ROUTE)
        + sandbox.requests().received(Endpoint.REMOVE_FAILOVER_ROUTE);
  }

  @Test
  void historyListsFiltersUndoesWithAConflictPreviewAndExports() throws Exception {
    List<String> ns = numbers();
    String first = otherRoute(null);
    List<NumberChange> changes = new ArrayList<>();
    for (String n : ns.subList(0, 3)) {
      NumberRouting now = sandbox.account().routing(n).orElseThrow();
      String failover = first.equals(now.failoverRouteId()) ? null : now.failoverRouteId();
      changes.add(new NumberChange(now, new NumberRouting(n, first, failover)));
    }
    workspace
        .changes()
        .apply(
            BatchKind.ASSIGN,
            new AssignmentPlan("Primary of 3 numbers → first", changes),
            BatchListener.NONE,
            new CancellationToken())
        .join();
    // A colleague changes one of them afterwards.
    String elsewhere = otherRoute(first);
    sandbox.account().assign(ns.get(0), VoiceSlot.FAILOVER, null);
    sandbox.account().assign(ns.get(0), VoiceSlot.PRIMARY, elsewhere);
    Path exported = exports.resolve("batch.csv");
    interact(() -> app.chooseExportFilesWith((w, name) -> Optional.of(exported)));

    press(KeyCode.SHORTCUT, KeyCode.SHIFT, KeyCode.H)
        .release(KeyCode.H, KeyCode.SHIFT, KeyCode.SHORTCUT);
    waitUntil(() -> lookup("#history-batches").tryQuery().isPresent(), 10);
    TableView<HistoryViewModel.BatchRow> batches = lookup("#history-batches").queryTableView();
    waitUntil(() -> batches.getItems().size() == 1, 10);
    assertThat(batches.getItems().getFirst().counts()).startsWith("3 done");

    clickOn("#history-filter").write("000000");
    waitUntil(() -> batches.getItems().isEmpty(), 10);
    interact(() -> app.history.filterProperty().set(ns.get(1)));
    waitUntil(() -> batches.getItems().size() == 1, 10);

    interact(() -> batches.getSelectionModel().select(0));
    TableView<HistoryViewModel.ChangeRow> rows = lookup("#history-changes").queryTableView();
    waitUntil(() -> rows.getItems().size() == 3, 10);

    clickOn("#history-export-batch");
    waitUntil(() -> Files.exists(exported), 10);
    assertThat(Files.readAllLines(exported)).hasSize(4).first().asString().startsWith("batch,");

    clickOn("#history-undo");
    waitUntil(() -> lookup("#history-undo-preview").tryQuery().isPresent(), 20);
    DialogPane preview = lookup("#history-undo-preview").queryAs(DialogPane.class);
    assertThat(preview.getContentText())
        .contains("Restores 2 numbers")
        .contains("1 number was changed since and will be left alone");
    clickOn((Button) preview.lookupButton(preview.getButtonTypes().getFirst()));

    waitUntil(
        () ->
            sandbox
                .account()
                .primaryRouteId(ns.get(1))
                .equals(changes.get(1).before().primaryRouteId()),
        20);
    assertThat(sandbox.account().primaryRouteId(ns.get(0)))
        .as("the colleague's change stays")
        .isEqualTo(elsewhere);
    assertThat(sandbox.account().routing(ns.get(2))).contains(changes.get(2).before());
    waitUntil(
        () ->
            ChangeJournal.of(workspace.store()).batches().stream()
                .anyMatch(b -> b.kind() == BatchKind.UNDO),
        10);
  }
}
