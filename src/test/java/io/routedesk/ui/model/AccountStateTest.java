package io.routedesk.ui.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.routedesk.domain.NumberRouting;
import io.routedesk.flowroute.FlowrouteException;
import io.routedesk.testing.FakeFlowrouteClient;
import io.routedesk.testing.TestWorld;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class AccountStateTest {

  @Test
  void loadsRoutesNumbersAndRoutingAndCountsUsage() {
    TestWorld w = new TestWorld().standardAccount().loaded();

    assertThat(w.account.routesStateProperty().get()).isEqualTo(LoadState.LOADED);
    assertThat(w.account.numbersStateProperty().get()).isEqualTo(LoadState.LOADED);
    assertThat(w.account.routingStateProperty().get()).isEqualTo(LoadState.LOADED);
    assertThat(w.account.numbers()).hasSize(5);
    assertThat(w.account.number("12065550003").failoverRouteId()).isEqualTo("11");
    RouteRow east = w.account.route("10");
    assertThat(east.primaryUses()).isEqualTo(2);
    assertThat(east.failoverUses()).isEqualTo(1);
    assertThat(w.account.connectivityProperty().get()).isEqualTo(Connectivity.ONLINE);
    assertThat(w.account.lastRefreshProperty().get()).isNotNull();
    assertThat(w.activity.tasks()).isEmpty();
  }

  @Test
  void theRowsOnScreenHaveTheirRoutingReadBeforeTheOthers() {
    TestWorld w = new TestWorld();
    for (int i = 0; i < 600; i++) {
      w.client.addNumber(String.valueOf(12065550000L + i), null, null, null);
    }
    FakeFlowrouteClient.HeldDetails reads = w.client.holdDetails();
    CompletableFuture<Void> refresh = w.account.refresh();
    assertThat(w.account.numbers()).hasSize(600);
    assertThat(reads.asked()).hasSize(4); // numbers 0 to 299 are being read

    // The window shows rows 550 to 552 (a scroll to the end); 0 is being read already.
    w.account.rowsOnScreen(
        List.of(
            w.account.number("12065550550"),
            w.account.number("12065550551"),
            w.account.number("12065550000"),
            w.account.number("12065550552")));
    reads.answerNext();

    assertThat(reads.asked().get(4)).containsExactly("12065550550", "12065550551", "12065550552");
    assertThat(w.account.number("12065550000").routingStatus())
        .isEqualTo(NumberRow.RoutingStatus.LOADED);
    reads.answerAll();
    refresh.join();
    assertThat(w.account.unknownRoutingCount()).isZero();
  }

  @Test
  void aNumberWhoseRoutingFailsIsMarkedAndCanBeRetried() {
    TestWorld w = new TestWorld().standardAccount();
    w.client.failDetails(
        "12065550002",
        FakeFlowrouteClient.error(FlowrouteException.Kind.SERVER, 503, "Maintenance (503)."));
    w.loaded();

    NumberRow row = w.account.number("12065550002");
    assertThat(row.routingStatus()).isEqualTo(NumberRow.RoutingStatus.FAILED);
    assertThat(row.routingErrorProperty().get()).contains("503");
    assertThat(w.account.routingStateProperty().get()).isEqualTo(LoadState.ERROR);
    assertThat(w.account.routingFailuresProperty().get()).isEqualTo(1);

    w.client.failDetails("12065550002", null);
    w.account.retryFailedRouting().join();

    assertThat(row.routingStatus()).isEqualTo(NumberRow.RoutingStatus.LOADED);
    assertThat(w.account.routingFailuresProperty().get()).isZero();
    assertThat(w.account.routingStateProperty().get()).isEqualTo(LoadState.LOADED);
  }

  @Test
  void anUnreachableServerIsAnErrorStateAndOffline() {
    TestWorld w = new TestWorld().standardAccount();
    FlowrouteException down =
        FakeFlowrouteClient.error(FlowrouteException.Kind.NETWORK, 0, "Cannot reach Flowroute.");
    w.client.failListNumbers(down);
    w.client.failListRoutes(down);

    w.account.refresh().exceptionally(e -> null).join();

    assertThat(w.account.numbersStateProperty().get()).isEqualTo(LoadState.ERROR);
    assertThat(w.account.numbersErrorProperty().get()).isEqualTo("Cannot reach Flowroute.");
    assertThat(w.account.routesStateProperty().get()).isEqualTo(LoadState.ERROR);
    assertThat(w.account.connectivityProperty().get()).isEqualTo(Connectivity.OFFLINE);
  }

  @Test
  void refreshKeepsRowObjectsAndDropsNumbersThatAreGone() {
    TestWorld w = new TestWorld().standardAccount().loaded();
    NumberRow before = w.account.number("12065550001");

    RouteRow pbxWest = w.account.route("11");
    assertThat(pbxWest.primaryUses()).isEqualTo(1); // 13125550004
    assertThat(pbxWest.failoverUses()).isEqualTo(1); // 12065550003
    w.client.removeNumber("13125550004");
    w.client.removeNumber("12065550003");

    w.account.refresh().join();

    assertThat(w.account.number("12065550001")).isSameAs(before);
    assertThat(w.account.numbers())
        .extracting(NumberRow::number)
        .containsExactly("12065550001", "12065550002", "13125550005");
    assertThat(w.account.number("13125550004")).isNull();
    // The numbers that left no longer count as users of their routes.
    assertThat(pbxWest.primaryUses()).isZero();
    assertThat(pbxWest.failoverUses()).isZero();
    assertThat(w.account.usageOf("11").inUse()).isFalse();
  }

  @Test
  void batcherRunsManyUpdatesInOneUiTask() {
    List<Runnable> queued = new ArrayList<>();
    int[] after = {0};
    UiBatcher b = new UiBatcher(queued::add, () -> after[0]++);
    int[] applied = {0};
    for (int i = 0; i < 100; i++) {
      b.submit(() -> applied[0]++);
    }
    assertThat(queued).hasSize(1);
    queued.getFirst().run();
    assertThat(applied[0]).isEqualTo(100);
    assertThat(after[0]).isEqualTo(1);
  }

  @Test
  void eachFullRefreshSaysWhetherTheCopyOnThisComputerWasSaved() {
    TestWorld w = new TestWorld().standardAccount();
    assertThat(w.account.copyRefreshProperty().get()).isNull();

    w.loaded();
    CopyRefresh saved = w.account.copyRefreshProperty().get();
    assertThat(saved.isSaved()).isTrue();
    assertThat(saved.at()).isEqualTo(w.store.lastRefresh().orElseThrow());

    FlowrouteException down =
        FakeFlowrouteClient.error(FlowrouteException.Kind.NETWORK, 0, "Cannot reach Flowroute.");
    w.client.failListRoutes(down);
    w.account.refresh().exceptionally(e -> null).join();
    CopyRefresh failed = w.account.copyRefreshProperty().get();
    assertThat(failed.isSaved()).isFalse();
    assertThat(failed.problem()).isEqualTo("Cannot reach Flowroute.");
    assertThat(failed.at()).isAfterOrEqualTo(saved.at());
  }

  @Test
  void aCopyThatCannotBeWrittenIsReportedAsNotSaved() {
    TestWorld w = new TestWorld().standardAccount();
    w.store.close(); // the disk refuses every write from now on

    w.account.refresh().join();

    assertThat(w.account.numbers()).hasSize(5); // the window still shows what was read
    CopyRefresh outcome = w.account.copyRefreshProperty().get();
    assertThat(outcome.isSaved()).isFalse();
    assertThat(outcome.problem()).startsWith("it could not be written to this computer: ");
  }

  /**
   * Issue 17, item 1: a change confirmed while a refresh's chunk of number details is in flight
   * (read before the change) stays on screen, in the saved copy and in the "used by" counts.
   */
  @Test
  void aRefreshNeverOverwritesAChangeConfirmedAfterItsReadStarted() {
    TestWorld w = new TestWorld().standardAccount().loaded();
    CompletableFuture<Void> gate = new CompletableFuture<>();
    w.client.holdDetails(gate);
    CompletableFuture<Void> refresh = w.account.refresh();
    // The chunk has read 12065550002 as primary 10; now the user's change to 11 is confirmed.
    NumberRouting confirmed = new NumberRouting("12065550002", "11", null);
    w.client.setRoutingElsewhere("12065550002", "11", null);
    w.account.applyRouting(Map.of("12065550002", confirmed));

    gate.complete(null);
    refresh.join();

    assertThat(w.account.number("12065550002").routing()).isEqualTo(confirmed);
    assertThat(w.store.cachedRoutings(List.of("12065550002")))
        .containsEntry("12065550002", confirmed);
    assertThat(w.account.route("11").primaryUses()).isEqualTo(2);
  }
}
