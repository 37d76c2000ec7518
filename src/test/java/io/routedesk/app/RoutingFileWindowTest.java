package io.routedesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.routedesk.domain.NumberRouting;
import io.routedesk.domain.Route;
import io.routedesk.domain.VoiceSlot;
import io.routedesk.service.plan.LintRule;
import io.routedesk.store.BatchKind;
import io.routedesk.store.ChangeJournal;
import io.routedesk.store.JournalBatch;
import io.routedesk.ui.history.HistoryViewModel;
import io.routedesk.ui.routingfile.AccountCheckViewModel;
import io.routedesk.ui.routingfile.PlanReviewView;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File → Export…, File → Import plan… → review → Apply, and View → Account check…, end to end. */
class RoutingFileWindowTest extends WindowTestBase {
  @TempDir Path files;

  @Test
  void exportThenImportAPlanReviewItAndApplyItAsOneBatchInTheHistory() throws Exception {
    Path exported = files.resolve("routing.csv");
    Path edited = files.resolve("moves.csv");
    app.chooseRoutingFilesWith(w -> Optional.of(exported), w -> Optional.of(edited));

    clickOn("File");
    clickOn("Export…");
    waitUntil(() -> Files.exists(files.resolve("routing.routes.csv")), 20);
    assertThat(Files.readAllLines(exported, StandardCharsets.UTF_8))
        .hasSize(sandbox.account().numberCount() + 1);

    // Three numbers move to a route that is neither their primary nor their failover.
    Route target =
        sandbox.account().routes().stream()
            .filter(r -> !r.isSystemRoute() && r.alias() != null)
            .findFirst()
            .orElseThrow();
    List<String> moving = new ArrayList<>();
    for (var n : sandbox.account().numbers()) {
      NumberRouting r = sandbox.account().routing(n.number()).orElseThrow();
      if (!target.id().equals(r.primaryRouteId()) && !target.id().equals(r.failoverRouteId())) {
        moving.add(n.number());
      }
      if (moving.size() == 3) {
        break;
      }
    }
    StringBuilder csv = new StringBuilder("number,primary_route\n");
    moving.forEach(n -> csv.append(n).append(',').append(target.alias()).append('\n'));
    Files.writeString(edited, csv, StandardCharsets.UTF_8);

    clickOn("File");
    clickOn("Import plan…");
    waitUntil(() -> !app.planReviews().isEmpty(), 20);
    PlanReviewView review = app.planReviews().getFirst();
    waitUntil(review.stage()::isShowing, 5);
    assertThat(
            from(review.stage().getScene().getRoot())
                .lookup("#plan-summary")
                .queryAs(Label.class)
                .getText())
        .contains("3 numbers change");
    CheckBox accept =
        from(review.stage().getScene().getRoot())
            .lookup("#plan-accept-warnings")
            .queryAs(CheckBox.class);
    if (accept.isVisible()) {
      clickOn(accept);
    }
    clickOn(from(review.stage().getScene().getRoot()).lookup("#plan-apply").queryButton());

    waitUntil(
        () ->
            from(review.stage().getScene().getRoot())
                .lookup("#plan-result")
                .queryAs(Label.class)
                .getText()
                .startsWith("Applied: 3 done"),
        20);
    for (String n : moving) {
      assertThat(sandbox.account().primaryRouteId(n)).isEqualTo(target.id());
      assertThat(app.account.number(n).primaryRouteId()).isEqualTo(target.id());
    }
    List<JournalBatch> batches = ChangeJournal.of(workspace.store()).batches();
    assertThat(batches)
        .singleElement()
        .satisfies(
            b -> {
              assertThat(b.kind()).isEqualTo(BatchKind.ROUTING_FILE);
              assertThat(b.description()).isEqualTo("Routing file: 3 numbers");
            });
    interact(app::showHistory);
    TableView<HistoryViewModel.BatchRow> history = lookup("#history-batches").query();
    waitUntil(() -> history.getItems().size() == 1, 10);
    assertThat(history.getItems().getFirst().what()).contains("Routing file");
    assertThat(review.stage().isShowing()).isTrue();
  }

  @Test
  void theAccountCheckListsFindingsAndChoosingAFailoverFixesThem() throws Exception {
    // Two numbers lose their failover behind the window; a refresh shows it.
    List<String> bare = List.of(number(0), number(1));
    for (String n : bare) {
      sandbox.account().assign(n, VoiceSlot.FAILOVER, null);
    }
    interact(() -> app.account.refresh());
    waitUntil(
        () -> bare.stream().allMatch(n -> app.account.number(n).failoverRouteId() == null), 20);
    Route failover =
        sandbox.account().routes().stream()
            .filter(
                r ->
                    !r.isSystemRoute()
                        && r.alias() != null
                        && bare.stream()
                            .noneMatch(n -> r.id().equals(sandbox.account().primaryRouteId(n))))
            .findFirst()
            .orElseThrow();

    clickOn("View");
    clickOn("Account check…");
    ListView<AccountCheckViewModel.Group> rules = lookup("#check-rules").query();
    waitUntil(() -> !rules.getItems().isEmpty(), 10);
    assertThat(lookup("#check-summary").queryAs(Label.class).getText())
        .contains("in " + sandbox.account().numberCount() + " numbers");
    AccountCheckViewModel.Group noFailover = group(rules, LintRule.NO_FAILOVER).orElseThrow();
    assertThat(noFailover.items()).extracting(i -> i.finding().subject()).containsAll(bare);
    interact(() -> rules.getSelectionModel().select(noFailover));
    assertThat(lookup("#check-fix").queryButton().getText()).isEqualTo("Choose a failover…");

    TableView<AccountCheckViewModel.Item> findings = lookup("#check-findings").query();
    interact(
        () -> {
          findings.getSelectionModel().clearSelection();
          findings.getItems().stream()
              .filter(i -> bare.contains(i.finding().subject()))
              .forEach(i -> findings.getSelectionModel().select(i));
        });

    clickOn("#check-fix");
    pickRoute(failover.alias());

    waitUntil(
        () ->
            group(rules, LintRule.NO_FAILOVER).stream()
                .flatMap(g -> g.items().stream())
                .noneMatch(i -> bare.contains(i.finding().subject())),
        20);
    for (String n : bare) {
      assertThat(sandbox.account().routing(n).orElseThrow().failoverRouteId())
          .isEqualTo(failover.id());
    }
    assertThat(ChangeJournal.of(workspace.store()).batches())
        .singleElement()
        .satisfies(b -> assertThat(b.kind()).isEqualTo(BatchKind.ASSIGN));
  }

  private static Optional<AccountCheckViewModel.Group> group(
      ListView<AccountCheckViewModel.Group> rules, LintRule rule) {
    return rules.getItems().stream().filter(g -> g.rule() == rule).findFirst();
  }
}
