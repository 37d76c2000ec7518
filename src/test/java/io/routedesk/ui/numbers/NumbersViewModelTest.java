package io.routedesk.ui.numbers;

import static org.assertj.core.api.Assertions.assertThat;

import io.routedesk.domain.NumberRouting;
import io.routedesk.domain.VoiceSlot;
import io.routedesk.flowroute.FlowrouteException;
import io.routedesk.service.NumberChange;
import io.routedesk.service.NumberOutcome;
import io.routedesk.testing.FakeFlowrouteClient;
import io.routedesk.testing.TestWorld;
import io.routedesk.ui.model.NumberRow;
import io.routedesk.ui.model.RoutePicker;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class NumbersViewModelTest {
  private final TestWorld w = new TestWorld().standardAccount().loaded();
  private final NumbersViewModel vm = w.numbers();

  private List<NumberRow> rows(String... numbers) {
    return Arrays.stream(numbers).map(w.account::number).toList();
  }

  // ---- search and filters -------------------------------------------------------------------

  @Test
  void searchesByDigitsInAnyFormatOrByAlias() {
    vm.searchProperty().set("(312) 555");
    assertThat(vm.visibleNumbers())
        .extracting(NumberRow::number)
        .containsExactly("13125550004", "13125550005");

    vm.searchProperty().set("sal");
    assertThat(vm.visibleNumbers()).extracting(NumberRow::number).containsExactly("12065550002");

    vm.searchProperty().set("");
    assertThat(vm.visibleNumbers()).hasSize(5);
    assertThat(vm.countTextProperty().get()).isEqualTo("5 numbers");
  }

  @Test
  void searchFindsNumbersByTheirPrimaryOrFailoverRoute() {
    vm.searchProperty().set("PBX-WEST");
    assertThat(vm.visibleNumbers())
        .extracting(NumberRow::number)
        .containsExactly("12065550003", "13125550004"); // failover of one, primary of the other

    vm.searchProperty().set("555"); // digits look at numbers only, not at route values
    assertThat(vm.visibleNumbers()).hasSize(5);

    w.client.addRoute("13", "voicemail", io.routedesk.domain.RouteType.URI, "sip:vm@example.com");
    w.client.addNumber("13125550006", null, "13", null);
    w.account.refresh().join();
    vm.searchProperty().set("voicemail");
    assertThat(vm.visibleNumbers()).extracting(NumberRow::number).containsExactly("13125550006");
  }

  @Test
  void filtersNoFailoverAndUsesRoute() {
    vm.scopeProperty().set(NumberScope.NO_FAILOVER);
    assertThat(vm.visibleNumbers())
        .extracting(NumberRow::number)
        .containsExactly("12065550001", "12065550002", "13125550005");

    vm.showNumbersUsing("11");
    assertThat(vm.scopeProperty().get().label()).isEqualTo("Uses pbx-west");
    assertThat(vm.visibleNumbers())
        .extracting(NumberRow::number)
        .containsExactly("12065550003", "13125550004");
    assertThat(vm.countTextProperty().get()).isEqualTo("2 of 5 numbers");
  }

  @Test
  void aRoutingDependentFilterFollowsChanges() {
    vm.scopeProperty().set(NumberScope.NO_FAILOVER);
    Proposal p = vm.propose("11", rows("12065550001"), VoiceSlot.FAILOVER);
    vm.apply(p).join();
    assertThat(vm.visibleNumbers()).extracting(NumberRow::number).doesNotContain("12065550001");
  }

  @Test
  void theRoutingBannerSaysHowManyNumbersCouldNotBeReadAndRetryClearsIt() {
    assertThat(vm.routingBannerProperty().get().kind())
        .isEqualTo(NumbersViewModel.RoutingBanner.Kind.HIDDEN);

    TestWorld failing = new TestWorld().standardAccount();
    FlowrouteException down =
        FakeFlowrouteClient.error(FlowrouteException.Kind.SERVER, 503, "Maintenance.");
    failing.client.failDetails("12065550001", down);
    failing.client.failDetails("12065550002", down);
    failing.loaded();
    NumbersViewModel numbers = failing.numbers();
    NumbersViewModel.RoutingBanner banner = numbers.routingBannerProperty().get();
    assertThat(banner.kind()).isEqualTo(NumbersViewModel.RoutingBanner.Kind.FAILED);
    assertThat(banner.text())
        .isEqualTo("2 numbers' routing could not be read; they show their last known routes.");

    failing.client.clearDetailFailures();
    numbers.retryFailedRouting().join();
    assertThat(numbers.routingBannerProperty().get().kind())
        .isEqualTo(NumbersViewModel.RoutingBanner.Kind.HIDDEN);
  }

  @Test
  void placeholderSaysWhyTheTableIsEmpty() {
    vm.searchProperty().set("nomatch");
    assertThat(vm.placeholderTextProperty().get())
        .isEqualTo(
            "No number, alias or route matches “nomatch”. To see the numbers of a route, choose"
                + " it under “Show”.");
  }

  // ---- the route picker ("Assign primary…") ------------------------------------------------

  @Test
  void thePickerIsNotOfferedWithoutASelection() {
    assertThat(vm.routePickerRequest(VoiceSlot.PRIMARY, null)).isEmpty();
    assertThat(w.activity.lastNoticeProperty().get().text())
        .isEqualTo("Select one or more numbers first.");
  }

  @Test
  void thePickerNamesTheSlotAndWhomItAssigns() {
    vm.selection().setAll(rows("12065550001"));
    RoutePicker.Request one = vm.routePickerRequest(VoiceSlot.FAILOVER, "11").orElseThrow();
    assertThat(one.title()).isEqualTo("Assign failover route");
    assertThat(one.prompt()).isEqualTo("Choose the failover route for +1 (206) 555-0001:");
    assertThat(one.preselectedRouteId()).isEqualTo("11");
    assertThat(one.routes()).isSameAs(w.account.routes());

    vm.selection().setAll(rows("12065550001", "12065550002"));
    RoutePicker.Request two = vm.routePickerRequest(VoiceSlot.PRIMARY, null).orElseThrow();
    assertThat(two.prompt()).isEqualTo("Choose the primary route for 2 selected numbers:");
  }

  @Test
  void thePickerDoesNotOfferWhatTheAssignmentWouldRefuse() {
    vm.selection().setAll(rows("12065550002")); // primary pbx-east, no failover
    RoutePicker.Request failover = vm.routePickerRequest(VoiceSlot.FAILOVER, null).orElseThrow();
    assertThat(w.account.routes().filtered(failover.allowed()))
        .extracting(r -> r.id())
        .doesNotContain("10") // its own primary
        .contains("11", "12");

    RoutePicker.Request primary = vm.routePickerRequest(VoiceSlot.PRIMARY, null).orElseThrow();
    assertThat(w.account.routes().filtered(primary.allowed()))
        .extracting(r -> r.id())
        .doesNotContain("10") // already its primary
        .contains("11", "12");

    // Among several numbers, a route is offered when it changes at least one of them.
    vm.selection().setAll(rows("12065550002", "12065550001"));
    RoutePicker.Request both = vm.routePickerRequest(VoiceSlot.FAILOVER, null).orElseThrow();
    assertThat(w.account.routes().filtered(both.allowed())).extracting(r -> r.id()).contains("10");
  }

  @Test
  void routeScopesAreInAlphabeticalOrderIgnoringCase() {
    w.client.addRoute("13", "Alpha", io.routedesk.domain.RouteType.URI, "sip:a@example.com");
    w.account.refresh().join();
    assertThat(vm.scopes())
        .extracting(NumberScope::label)
        .containsSubsequence("Uses Alpha", "Uses fwd-cell", "Uses pbx-east", "Uses pbx-west");
  }

  @Test
  void aRouteGoneFromTheAccountSaysToRefreshWithThePlatformsKey() {
    assertThat(vm.propose("999", rows("12065550001"), VoiceSlot.PRIMARY).headline())
        .isEqualTo("That route is no longer on the account. Refresh (F5).");
    vm.setRefreshKeyText("⌘R");
    assertThat(vm.propose("999", rows("12065550001"), VoiceSlot.PRIMARY).headline())
        .isEqualTo("That route is no longer on the account. Refresh (⌘R).");
  }

  // ---- drop resolution ----------------------------------------------------------------------

  @Test
  void dropOnOneNumberSetsItsPrimary() {
    Proposal p = vm.propose("11", rows("12065550001"), VoiceSlot.PRIMARY);

    assertThat(p.accepted()).isTrue();
    assertThat(p.headline()).isEqualTo("Primary of +1 (206) 555-0001 → pbx-west");
    assertThat(p.plan().changes())
        .containsExactly(
            new NumberChange(
                new NumberRouting("12065550001", "0", null),
                new NumberRouting("12065550001", "11", null)));
  }

  @Test
  void dropOnASelectionNamesHowManyNumbersChange() {
    Proposal p =
        vm.propose("12", rows("12065550001", "12065550002", "12065550003"), VoiceSlot.PRIMARY);
    assertThat(p.headline()).isEqualTo("Primary of 3 numbers → fwd-cell");
    assertThat(p.detail()).isEmpty();
  }

  @Test
  void aFailoverIdenticalToThePrimaryIsRefusedWithTheReason() {
    Proposal p = vm.propose("10", rows("12065550002"), VoiceSlot.FAILOVER);

    assertThat(p.accepted()).isFalse();
    assertThat(p.headline())
        .isEqualTo(
            "pbx-east is the primary of +1 (206) 555-0002: a failover identical to the primary"
                + " would never be used.");
  }

  @Test
  void numbersThatWouldNotChangeAreSkippedAndCounted() {
    Proposal p =
        vm.propose("10", rows("12065550001", "12065550002", "13125550005"), VoiceSlot.FAILOVER);

    assertThat(p.accepted()).isTrue();
    assertThat(p.headline()).isEqualTo("Failover of 2 numbers → pbx-east");
    assertThat(p.detail()).isEqualTo("1 unchanged: pbx-east is its primary");
    assertThat(p.skipped()).extracting(Proposal.Skip::number).containsExactly("12065550002");
  }

  @Test
  void aPrimaryAlreadySetEverywhereIsRefused() {
    Proposal p = vm.propose("10", rows("12065550002", "12065550003"), VoiceSlot.PRIMARY);
    assertThat(p.accepted()).isFalse();
    assertThat(p.headline()).isEqualTo("pbx-east is already the primary of all 2 numbers.");
  }

  @Test
  void removeFailoverOnlyTouchesNumbersThatHaveOne() {
    Proposal p =
        vm.propose(null, rows("12065550001", "12065550003", "13125550004"), VoiceSlot.FAILOVER);
    assertThat(p.headline()).isEqualTo("Remove failover of 2 numbers");
    assertThat(p.plan().numbers()).containsExactly("12065550003", "13125550004");

    Proposal none = vm.propose(null, rows("12065550001"), VoiceSlot.FAILOVER);
    assertThat(none.accepted()).isFalse();
    assertThat(none.headline()).isEqualTo("+1 (206) 555-0001 has no failover to remove.");
  }

  @Test
  void emptySelectionIsRefused() {
    assertThat(vm.proposeForSelection("10", VoiceSlot.PRIMARY).headline())
        .isEqualTo("Select one or more numbers first.");
  }

  // ---- applying, preview, results, retry, undo ----------------------------------------------

  @Test
  void previewListsEachNumbersCurrentAndNewRoute() {
    vm.selection().setAll(rows("12065550001", "13125550004"));
    Proposal p = vm.proposeForSelection("12", VoiceSlot.FAILOVER);

    assertThat(p.plan().changes())
        .extracting(c -> c.before().failoverRouteId() + "→" + c.after().failoverRouteId())
        .containsExactly("null→12", "10→12");
  }

  @Test
  void applyingUpdatesTheServerTheRowsAndTheResultPanel() {
    vm.selection().setAll(rows("12065550001", "13125550005"));
    vm.apply(vm.proposeForSelection("10", VoiceSlot.PRIMARY)).join();

    assertThat(w.client.routingOf("13125550005").primaryRouteId()).isEqualTo("10");
    assertThat(w.account.number("13125550005").primaryRouteId()).isEqualTo("10");
    assertThat(w.account.route("10").primaryUses()).isEqualTo(4);
    BatchViewModel b = vm.batch();
    assertThat(b.runningProperty().get()).isFalse();
    assertThat(b.resultProperty().get()).isEqualTo(BatchViewModel.Result.SUCCESS);
    assertThat(b.summaryProperty().get()).isEqualTo("2 done");
    assertThat(b.outcomes())
        .extracting(OutcomeRow::primaryChange)
        .containsOnly("sip-reg → pbx-east");
    assertThat(b.anyDetailsProperty().get()).as("no reason to show: no Details column").isFalse();
    assertThat(vm.canUndoProperty().get()).isTrue();
    assertThat(w.account.number("13125550005").pendingProperty().get()).isFalse();
  }

  @Test
  void failuresAreListedFirstWithTheirReasonAndCanBeRetried() {
    w.client.failWrites(
        "13125550005",
        FakeFlowrouteClient.error(
            FlowrouteException.Kind.SERVER, 503, "Flowroute is in maintenance (503)."));
    vm.selection().setAll(rows("12065550001", "13125550005"));
    vm.apply(vm.proposeForSelection("11", VoiceSlot.PRIMARY)).join();

    BatchViewModel b = vm.batch();
    assertThat(b.resultProperty().get()).isEqualTo(BatchViewModel.Result.PARTIAL);
    assertThat(b.summaryProperty().get()).isEqualTo("1 done · 1 failed");
    assertThat(b.outcomes().getFirst().status()).isEqualTo(NumberOutcome.Status.FAILED);
    assertThat(b.outcomes().getFirst().reason()).contains("maintenance (503)");
    assertThat(b.anyDetailsProperty().get()).isTrue();
    assertThat(b.canRetryProperty().get()).isTrue();

    w.client.clearWriteFailures();
    vm.retryFailed().join();

    assertThat(b.resultProperty().get()).isEqualTo(BatchViewModel.Result.SUCCESS);
    assertThat(w.client.routingOf("13125550005").primaryRouteId()).isEqualTo("11");
  }

  @Test
  void undoRestoresTheWholeBatch() {
    vm.selection().setAll(rows("12065550001", "12065550002", "12065550003"));
    vm.apply(vm.proposeForSelection("12", VoiceSlot.FAILOVER)).join();
    assertThat(vm.undoTextProperty().get()).isEqualTo("Undo Failover of 3 numbers → fwd-cell");

    vm.undo().join();

    assertThat(w.client.routingOf("12065550001"))
        .isEqualTo(new NumberRouting("12065550001", "0", null));
    assertThat(w.client.routingOf("12065550002"))
        .isEqualTo(new NumberRouting("12065550002", "10", null));
    assertThat(w.client.routingOf("12065550003"))
        .isEqualTo(new NumberRouting("12065550003", "10", "11"));
    assertThat(w.account.number("12065550003").failoverRouteId()).isEqualTo("11");
    assertThat(vm.canUndoProperty().get()).isFalse();
    assertThat(vm.batch().titleProperty().get()).startsWith("Undo: ");
  }

  @Test
  void theCountBesideTheTitleFollowsTheSearchAsTheRouteListsDoes() {
    assertThat(vm.countBadgeProperty().get()).isEqualTo("5");
    assertThat(vm.countSpokenProperty().get()).isEqualTo("5 numbers");

    vm.searchProperty().set("chicago");

    assertThat(vm.countBadgeProperty().get()).isEqualTo("1 of 5");
    assertThat(vm.countSpokenProperty().get()).isEqualTo("1 of 5 numbers shown");
  }
}
