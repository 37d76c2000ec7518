package io.routedesk.ui.drafts;

import static org.assertj.core.api.Assertions.assertThat;

import io.routedesk.domain.NewRoute;
import io.routedesk.domain.RouteType;
import io.routedesk.domain.VoiceSlot;
import io.routedesk.flowroute.FlowrouteException;
import io.routedesk.service.ReachabilityWatcher;
import io.routedesk.store.OpenReport;
import io.routedesk.testing.FakeFlowrouteClient;
import io.routedesk.testing.ManualTimer;
import io.routedesk.testing.TestWorld;
import io.routedesk.ui.model.AccountState;
import io.routedesk.ui.model.Activity;
import io.routedesk.ui.model.Connectivity;
import io.routedesk.ui.model.LoadState;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LocalCopyViewModelTest {
  /** The saved copy is stamped with the real time, so the banner reads it with the real clock. */
  private static final Clock CLOCK = Clock.system(ZoneOffset.UTC);

  private final TestWorld w = new TestWorld().standardAccount();
  private final AtomicBoolean reachable = new AtomicBoolean();
  private final ManualTimer timer = new ManualTimer();
  private final ReachabilityWatcher watcher =
      new ReachabilityWatcher(
          () -> CompletableFuture.completedFuture(reachable.get()),
          new ReachabilityWatcher.Schedule(Duration.ofSeconds(10), Duration.ofSeconds(30)),
          timer);
  private final DraftsViewModel drafts =
      new DraftsViewModel(
          w.draftService,
          w.account,
          w.activity,
          w.ui,
          (d, n, c) -> CompletableFuture.failedFuture(new AssertionError("no batch expected")));

  private LocalCopyViewModel vm(OpenReport report) {
    return new LocalCopyViewModel(w.account, drafts, watcher, report, w.activity, w.ui, CLOCK);
  }

  @AfterEach
  void close() {
    watcher.close();
  }

  private static FlowrouteException down() {
    return FakeFlowrouteClient.error(FlowrouteException.Kind.NETWORK, 0, "Connection refused.");
  }

  @Test
  void startsFromTheSavedCopyAndTellsWhatChangedSinceAfterRefreshing() {
    vm(null).start(CompletableFuture.completedFuture(List.of())).join();
    // Someone re-routes a number and adds a route elsewhere.
    w.client.addRoute("44", "elsewhere", RouteType.HOST, "e.example.com");
    w.client.setRoute("12065550001", VoiceSlot.PRIMARY, "11").join();

    // A second window on the same store: shows the copy before any request.
    AccountState again = new AccountState(w.accountService, w.snapshots, w.ui, w.activity);
    again.showCached().join();
    assertThat(again.numbers()).hasSize(5);
    assertThat(again.number("12065550001").primaryRouteId()).isEqualTo("0");
    assertThat(again.showingSavedCopyProperty().get()).isTrue();
    assertThat(again.numbersStateProperty().get()).isEqualTo(LoadState.LOADED);

    again.refresh().join();
    assertThat(again.number("12065550001").primaryRouteId()).isEqualTo("11");
    assertThat(w.activity.lastNoticeProperty().get().text())
        .isEqualTo("1 route changed, 1 number re-routed since the last refresh.");
  }

  @Test
  void offlineShowsTheLastRefreshAndBackOnlineOffersToPublishWithoutPublishing() {
    LocalCopyViewModel vm = vm(null);
    vm.start(CompletableFuture.completedFuture(List.of())).join();
    drafts.createDraft(new NewRoute(RouteType.HOST, "x.example.com", "waiting", null)).join();

    w.account.reportFailure(down());
    assertThat(vm.bannerProperty().get()).isEqualTo(LocalCopyViewModel.Banner.OFFLINE);
    assertThat(vm.bannerTextProperty().get())
        .matches(
            "Offline — last refreshed today at \\d\\d:\\d\\d\\. Flowroute cannot be reached.*");
    assertThat(watcher.isWatching()).isTrue();

    timer.advance(Duration.ofSeconds(10)); // a probe, still unreachable
    assertThat(vm.bannerProperty().get()).isEqualTo(LocalCopyViewModel.Banner.OFFLINE);
    reachable.set(true);
    timer.advance(Duration.ofSeconds(15)); // the next probe answers
    assertThat(w.account.connectivityProperty().get()).isEqualTo(Connectivity.ONLINE);
    assertThat(vm.bannerProperty().get()).isEqualTo(LocalCopyViewModel.Banner.BACK_ONLINE);
    assertThat(vm.bannerTextProperty().get()).contains("1 draft is waiting to be published");
    assertThat(vm.publishTextProperty().get()).isEqualTo("Publish 1 draft");
    assertThat(w.client.routesById().values()).noneMatch(r -> "waiting".equals(r.alias()));

    vm.publishAll().join();
    assertThat(w.client.routesById().values()).anyMatch(r -> "waiting".equals(r.alias()));
    assertThat(vm.bannerProperty().get()).isEqualTo(LocalCopyViewModel.Banner.NONE);
  }

  @Test
  void backOnlineWithNothingToPublishIsJustANotice() throws Exception {
    LocalCopyViewModel vm = vm(null);
    vm.start(CompletableFuture.completedFuture(List.of())).join();
    w.account.reportFailure(down());
    w.account.reportReachable();
    assertThat(vm.bannerProperty().get()).isEqualTo(LocalCopyViewModel.Banner.NONE);
    assertThat(w.activity.lastNoticeProperty().get().severity())
        .isEqualTo(Activity.Severity.SUCCESS);
  }

  @Test
  void neverRefreshedAndOfflineSaysThereIsNoCopyYet() {
    w.client.failListRoutes(down());
    w.client.failListNumbers(down());
    LocalCopyViewModel vm = vm(null);
    vm.start(CompletableFuture.completedFuture(List.of())).join();
    assertThat(vm.bannerProperty().get()).isEqualTo(LocalCopyViewModel.Banner.OFFLINE);
    assertThat(vm.bannerTextProperty().get())
        .startsWith("Offline — no copy of this account is saved on this computer yet");
  }

  private static final Path MOVED_ASIDE = Path.of("accounts", "acct.db.damaged-20261127T150000Z");

  private static OpenReport recovered() {
    return new OpenReport(
        Path.of("accounts", "acct.db"),
        OpenReport.Status.RECOVERED,
        0,
        1,
        "the file is not a database",
        MOVED_ASIDE,
        2,
        1,
        List.of());
  }

  /** "today at 14:02" for the copy saved by the last refresh, as the notice writes it. */
  private String savedToday() {
    return "today at "
        + DateTimeFormatter.ofPattern("HH:mm")
            .format(w.store.lastRefresh().orElseThrow().atZone(ZoneOffset.UTC));
  }

  @Test
  void aRebuiltDatabaseIsReportedUntilDismissed() {
    LocalCopyViewModel vm = vm(recovered());
    assertThat(vm.storeNoticeProperty().get())
        .contains("moved aside to " + MOVED_ASIDE)
        .contains("2 drafts and 1 pending assignment were recovered");
    vm.dismissStoreNotice();
    assertThat(vm.storeNoticeProperty().get()).isEmpty();

    // A refresh afterwards does not bring it back.
    vm.start(CompletableFuture.completedFuture(List.of())).join();
    assertThat(w.account.copyRefreshProperty().get().isSaved()).isTrue();
    assertThat(vm.storeNoticeProperty().get()).isEmpty();
  }

  @Test
  void aRebuiltDatabaseSaysTheCopyIsBeingRebuiltThenThatItWasOnceARefreshSavedIt() {
    LocalCopyViewModel vm = vm(recovered());
    assertThat(vm.storeNoticeProperty().get())
        .endsWith("The saved copy of routes and numbers is being rebuilt from Flowroute.");

    vm.start(CompletableFuture.completedFuture(List.of())).join();

    assertThat(vm.storeNoticeProperty().get())
        .isEqualTo(
            "The local database could not be used (the file is not a database): it was moved"
                + " aside to "
                + MOVED_ASIDE
                + " and a new one was created; 2 drafts and 1 pending assignment were recovered."
                + " The saved copy of routes and numbers was rebuilt from Flowroute "
                + savedToday()
                + ".");
  }

  @Test
  void aFailedRefreshSaysTheCopyCouldNotBeRebuiltYetAndTheNextWorkingOneThatItWas() {
    w.client.failListRoutes(down());
    w.client.failListNumbers(down());
    LocalCopyViewModel vm = vm(recovered());
    vm.start(CompletableFuture.completedFuture(List.of())).join();

    assertThat(vm.storeNoticeProperty().get())
        .contains("moved aside to " + MOVED_ASIDE)
        .contains("2 drafts and 1 pending assignment were recovered.")
        .endsWith(
            "The saved copy of routes and numbers could not be rebuilt from Flowroute yet"
                + " (Connection refused); it will be at the next refresh that reaches Flowroute.")
        .doesNotContain("being rebuilt")
        .doesNotContain("was rebuilt");

    // Flowroute answers again; "Try now" refreshes and saves the copy.
    w.client.failListRoutes(null);
    w.client.failListNumbers(null);
    vm.retryNow().join();
    assertThat(vm.storeNoticeProperty().get())
        .endsWith(
            "The saved copy of routes and numbers was rebuilt from Flowroute " + savedToday() + ".")
        .doesNotContain("could not be rebuilt");
  }

  @Test
  void aLaterFailedRefreshDoesNotTakeBackThatTheCopyWasRebuilt() {
    LocalCopyViewModel vm = vm(recovered());
    vm.start(CompletableFuture.completedFuture(List.of())).join();
    String rebuilt = vm.storeNoticeProperty().get();
    assertThat(rebuilt).contains("was rebuilt from Flowroute " + savedToday());

    w.client.failListRoutes(down());
    vm.retryNow().join();

    assertThat(w.account.copyRefreshProperty().get().isSaved()).isFalse();
    assertThat(vm.storeNoticeProperty().get()).isEqualTo(rebuilt);
  }

  @Test
  void aCopyThatCouldNotBeWrittenIsNotCalledRebuilt() {
    LocalCopyViewModel vm = vm(recovered());
    w.store.close(); // the new database refuses writes too

    vm.start(CompletableFuture.completedFuture(List.of())).join();

    assertThat(vm.storeNoticeProperty().get())
        .contains(
            "could not be rebuilt from Flowroute yet (it could not be written to this computer:")
        .doesNotContain("was rebuilt");
  }

  @Test
  void aDatabaseKeptInMemoryIsReportedAsItWasWhateverTheRefreshDoes() {
    OpenReport temporary =
        new OpenReport(
            Path.of("accounts", "acct.db"),
            OpenReport.Status.TEMPORARY,
            0,
            1,
            "the disk is full",
            null,
            0,
            0,
            List.of());
    LocalCopyViewModel vm = vm(temporary);
    vm.start(CompletableFuture.completedFuture(List.of())).join();
    assertThat(vm.storeNoticeProperty().get()).isEqualTo(temporary.summary());
  }
}
