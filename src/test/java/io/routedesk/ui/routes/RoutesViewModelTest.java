package io.routedesk.ui.routes;

import static org.assertj.core.api.Assertions.assertThat;

import io.routedesk.domain.Draft;
import io.routedesk.domain.NewRoute;
import io.routedesk.domain.NumberRouting;
import io.routedesk.domain.RouteType;
import io.routedesk.flowroute.CancellationToken;
import io.routedesk.flowroute.FlowrouteException;
import io.routedesk.service.BatchListener;
import io.routedesk.store.BatchKind;
import io.routedesk.store.JournalBatch;
import io.routedesk.testing.FakeFlowrouteClient;
import io.routedesk.testing.RecordingPrompts;
import io.routedesk.testing.TestWorld;
import io.routedesk.ui.numbers.BatchViewModel;
import io.routedesk.ui.numbers.NumbersViewModel;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RoutesViewModelTest {
  private final TestWorld w = new TestWorld().standardAccount().loaded();
  private final NumbersViewModel numbers = w.numbers();
  private final RoutesViewModel vm =
      new RoutesViewModel(
          w.account, w.routeService, numbers::runElsewhere, w.drafts, w.activity, w.prompts, w.ui);

  @Test
  void offlineSaysWhyRoutesCannotChangeAndDraftsWaitToBePublished() {
    assertThat(vm.routeChangesBlocked()).isEmpty();
    assertThat(vm.publishAllBlockedProperty().get()).isEmpty();
    assertThat(vm.publishDraftLabel()).isEqualTo("Publish draft");

    w.account.reportFailure(
        FakeFlowrouteClient.error(FlowrouteException.Kind.NETWORK, 0, "Connection refused."));

    assertThat(vm.routeChangesBlocked()).isEqualTo("Offline: routes can't be changed now");
    assertThat(vm.publishAllBlockedProperty().get())
        .isEqualTo("Offline: drafts are published once Flowroute can be reached.");
    assertThat(vm.publishDraftLabel()).isEqualTo("Publish draft (offline: not now)");
    assertThat(vm.publishSelectedBlockedProperty().get()).isEmpty(); // nothing selected
    Draft draft =
        w.drafts.createDraft(new NewRoute(RouteType.HOST, "x.example.com", "waiting", null)).join();
    vm.selectedProperty().set(w.account.draft(draft.id()));
    assertThat(vm.publishSelectedBlockedProperty().get())
        .isEqualTo("Offline: drafts are published once Flowroute can be reached.");
  }

  @Test
  void aDraftsHeadingNamesItsStateOnlyWhenItIsNotJustADraft() {
    Draft draft =
        w.drafts.createDraft(new NewRoute(RouteType.HOST, "x.example.com", "waiting", null)).join();

    assertThat(DraftTexts.title(w.account.draft(draft.id()))).isEqualTo("Draft “waiting”");
    assertThat(RoutesViewModel.usageTooltip(w.account.draft(draft.id())))
        .isEqualTo(
            "When published, becomes the primary of 0 numbers and the failover of 0 numbers");
  }

  @Test
  void searchesAndFiltersByType() {
    vm.searchProperty().set("west");
    assertThat(vm.visibleRoutes()).extracting(r -> r.id()).containsExactly("11");
    vm.searchProperty().set("");
    vm.typeFilterProperty().set(RouteType.NUMBER);
    assertThat(vm.visibleRoutes()).extracting(r -> r.id()).containsExactly("12");
    vm.typeFilterProperty().set(RouteType.URI);
    assertThat(vm.placeholderTextProperty().get()).isEqualTo("No SIP URI routes.");
  }

  @Test
  void anAccountWithOnlySipRegInvitesToCreateARoute() {
    TestWorld empty = new TestWorld().loaded();
    RoutesViewModel emptyVm =
        new RoutesViewModel(
            empty.account,
            empty.routeService,
            empty.numbers()::runElsewhere,
            empty.drafts,
            empty.activity,
            empty.prompts,
            empty.ui);
    assertThat(emptyVm.placeholderTextProperty().get()).isEqualTo("No routes yet — create one");
  }

  @Test
  void sipRegCannotBeEditedOrDeletedAndTheUserIsToldWhy() {
    assertThat(vm.allowEdit(w.account.route("0"))).isFalse();
    assertThat(vm.requestDelete(w.account.route("0"))).isEmpty();

    assertThat(w.prompts.told)
        .extracting(RecordingPrompts.Notice::title)
        .containsExactly("Cannot edit route", "Cannot delete route");
    assertThat(w.prompts.told.get(0).message()).contains("cannot be edited");
    assertThat(w.prompts.told.get(1).message()).contains("cannot be deleted");
    assertThat(w.prompts.asked).isEmpty();
    assertThat(w.client.deleteCalls).hasValue(0);
  }

  @Test
  void anUnusedRouteIsDeletedOnlyOnceTheUserConfirms() {
    assertThat(vm.requestDelete(w.account.route("12"))).isEmpty();
    assertThat(w.prompts.asked)
        .singleElement()
        .satisfies(
            q -> {
              assertThat(q.header()).isEqualTo("Delete “fwd-cell”?");
              assertThat(q.confirmLabel()).isEqualTo("Delete route");
              assertThat(q.destructive()).isTrue();
            });
    assertThat(w.client.deleteCalls).hasValue(0);
    assertThat(w.account.route("12")).isNotNull();

    w.prompts.answering(true);
    vm.requestDelete(w.account.route("12"));

    assertThat(w.client.deleteCalls).hasValue(1);
    assertThat(w.account.route("12")).isNull();
  }

  @Test
  void aRouteInUseIsLeftToTheMoveDialogWithoutAsking() {
    assertThat(vm.requestDelete(w.account.route("10")))
        .get()
        .extracting(DeleteCheck::kind)
        .isEqualTo(DeleteCheck.Kind.IN_USE);
    assertThat(w.prompts.asked).isEmpty();
    assertThat(w.prompts.told).isEmpty();
  }

  @Test
  void aRouteInUseSaysByWhomAndIsNotSentToFlowroute() {
    DeleteCheck check = vm.checkDelete(w.account.route("10"));

    assertThat(check.kind()).isEqualTo(DeleteCheck.Kind.IN_USE);
    assertThat(check.message())
        .startsWith("“pbx-east” is the primary route of 2 numbers and the failover of 1 number.");
    assertThat(RoutesViewModel.usageTooltip(w.account.route("10")))
        .isEqualTo("Primary route of 2 numbers, failover of 1 number");
    assertThat(check.usage().primaryOf()).containsExactly("12065550002", "12065550003");
    assertThat(check.usage().failoverOf()).containsExactly("13125550004");

    vm.delete(w.account.route("10")).exceptionally(e -> null).join();
    assertThat(w.client.deleteCalls).hasValue(0);
    assertThat(w.account.route("10")).isNotNull();
  }

  @Test
  void movesNumbersToAnotherRouteThenDeletes() {
    vm.moveAndDelete(w.account.route("10"), "12").join();

    assertThat(w.client.routesById()).doesNotContainKey("10");
    assertThat(w.account.route("10")).isNull();
    assertThat(w.client.routingOf("12065550002"))
        .isEqualTo(new NumberRouting("12065550002", "12", null));
    assertThat(w.client.routingOf("12065550003"))
        .isEqualTo(new NumberRouting("12065550003", "12", "11"));
    assertThat(w.client.routingOf("13125550004"))
        .isEqualTo(new NumberRouting("13125550004", "11", "12"));
    // Moving off a route that is then deleted is not on the numbers panel's undo (the history has
    // it).
    assertThat(numbers.canUndoProperty().get()).isFalse();
  }

  @Test
  void moveAndDeleteIsOneJournaledOperationOfTheEngineShownInTheBatchPanel() {
    vm.moveAndDelete(w.account.route("10"), "12").join();

    // One call of the engine's moveAndDelete: the moves, and the delete it names after them.
    assertThat(w.changes.journal().batches())
        .extracting(b -> b.kind() + ": " + b.description())
        .containsExactly(
            "ROUTE_DELETE: Delete route pbx-east (after Move 3 numbers from pbx-east to fwd-cell)",
            "MOVE_AND_DELETE: Move 3 numbers from pbx-east to fwd-cell");
    assertThat(w.client.deleteCalls).hasValue(1);
    assertThat(numbers.batch().resultProperty().get()).isEqualTo(BatchViewModel.Result.SUCCESS);
    assertThat(numbers.batch().outcomes()).hasSize(3);
    assertThat(w.account.number("12065550002").primaryRouteId()).isEqualTo("12");
    assertThat(w.account.number("13125550004").failoverRouteId()).isEqualTo("12");
    assertThat(w.activity.lastNoticeProperty().get().text()).isEqualTo("Deleted route “pbx-east”.");
  }

  @Test
  void aMoveThatFailsKeepsTheRouteAndSaysWhy() {
    w.client.failWrites(
        "12065550003", FakeFlowrouteClient.error(FlowrouteException.Kind.SERVER, 503, "down"));

    assertThat(vm.moveAndDelete(w.account.route("10"), "12")).failsWithin(Duration.ofSeconds(5));

    assertThat(w.client.deleteCalls).hasValue(0);
    assertThat(w.client.routesById()).containsKey("10");
    assertThat(w.account.route("10")).isNotNull();
    assertThat(w.activity.lastNoticeProperty().get().text())
        .isEqualTo(
            "“pbx-east” was not deleted: 1 of 3 numbers were not moved. The moves that landed"
                + " can be undone from the history.");
    // The batch panel has the per-number results; the moves that landed show in the window.
    assertThat(numbers.batch().resultProperty().get()).isEqualTo(BatchViewModel.Result.PARTIAL);
    assertThat(w.account.number("12065550002").primaryRouteId()).isEqualTo("12");
    assertThat(w.account.number("12065550003").primaryRouteId()).isEqualTo("10");
    assertThat(w.changes.journal().batches())
        .singleElement()
        .extracting(JournalBatch::kind)
        .isEqualTo(BatchKind.MOVE_AND_DELETE);
    // Undo from the history puts the landed moves back.
    UUID moves = w.changes.journal().batches().getFirst().id();
    assertThat(w.changes.undo(moves, BatchListener.NONE, new CancellationToken()).join().allDone())
        .isTrue();
    assertThat(w.client.routingOf("12065550002"))
        .isEqualTo(new NumberRouting("12065550002", "10", null));
  }

  @Test
  void movingAPrimaryOntoTheNumbersFailoverDropsThatFailover() {
    vm.moveAndDelete(w.account.route("10"), "11").join();
    assertThat(w.client.routingOf("12065550003"))
        .isEqualTo(new NumberRouting("12065550003", "11", null));
    assertThat(w.client.routingOf("13125550004"))
        .isEqualTo(new NumberRouting("13125550004", "11", null));
  }

  @Test
  void unknownUsageBlocksDeletion() {
    TestWorld partial = new TestWorld().standardAccount();
    partial.client.failDetails(
        "12065550001", FakeFlowrouteClient.error(FlowrouteException.Kind.SERVER, 500, "boom"));
    partial.loaded();
    RoutesViewModel p =
        new RoutesViewModel(
            partial.account,
            partial.routeService,
            partial.numbers()::runElsewhere,
            partial.drafts,
            partial.activity,
            partial.prompts,
            partial.ui);
    DeleteCheck check = p.checkDelete(partial.account.route("12"));
    assertThat(check.kind()).isEqualTo(DeleteCheck.Kind.UNKNOWN_USAGE);
    assertThat(check.message()).contains("routing of 1 number is not loaded yet");
  }

  /**
   * Issue 17, item 5: with one number's routing unknown, "Move numbers and delete" changes nothing
   * (before, it moved the others and then refused the delete).
   */
  @Test
  void moveAndDeleteWithAnUnknownRoutingMovesNothing() {
    TestWorld partial = new TestWorld().standardAccount();
    partial.client.failDetails(
        "12065550001", FakeFlowrouteClient.error(FlowrouteException.Kind.SERVER, 500, "boom"));
    partial.loaded();
    NumbersViewModel n = partial.numbers();
    RoutesViewModel p =
        new RoutesViewModel(
            partial.account,
            partial.routeService,
            n::runElsewhere,
            partial.drafts,
            partial.activity,
            partial.prompts,
            partial.ui);

    assertThat(p.moveAndDelete(partial.account.route("10"), "12"))
        .failsWithin(Duration.ofSeconds(5));

    assertThat(partial.client.writeLog()).isEmpty();
    assertThat(partial.client.routesById()).containsKey("10");
    assertThat(partial.activity.lastNoticeProperty().get().text())
        .contains("was not deleted")
        .contains("not loaded");
  }

  @Test
  void deletesAnUnusedRoute() {
    vm.delete(w.account.route("12")).join();
    assertThat(w.account.route("12")).isNull();
    assertThat(w.activity.lastNoticeProperty().get().text()).isEqualTo("Deleted route “fwd-cell”.");
  }

  @Test
  void selectingARouteHiddenByTheFilterClearsTheFilter() {
    vm.searchProperty().set("west");
    vm.select("12");
    assertThat(vm.searchProperty().get()).isEmpty();
    assertThat(vm.selectRequestProperty().get().routeId()).isEqualTo("12");
  }

  @Test
  void aPublishedRoutesDetailsHoldEveryFieldInFullAndTheNumbersUsingIt() {
    RouteDetails east = vm.details(w.account.route("10"));
    assertThat(east.alias()).isEqualTo("pbx-east");
    assertThat(east.type()).isEqualTo("Host");
    assertThat(east.value()).isEqualTo("pbx-east.example.com:5060");
    assertThat(east.edge()).isEqualTo("None");
    assertThat(spaced(east.primaryUse()))
        .isEqualTo("Primary of 2 numbers: +1 (206) 555-0002, +1 (206) 555-0003");
    assertThat(spaced(east.failoverUse())).isEqualTo("Failover of 1 number: +1 (312) 555-0004");
    assertThat(east.primaryUse()).contains("+1\u00A0(206)\u00A0555-0002");
    assertThat(east.hasNumbers()).isTrue();

    RouteDetails cell = vm.details(w.account.route("12"));
    assertThat(cell.primaryUse()).isEqualTo("Primary of no number");
    assertThat(cell.failoverUse()).isEqualTo("Failover of no number");
    assertThat(cell.hasNumbers()).isFalse();
  }

  /** The details text with its no-break spaces (which keep a number on one line) as spaces. */
  private static String spaced(String text) {
    return text.replace('\u00A0', ' ');
  }

  @Test
  void detailsNameAFewNumbersAndCountTheRest() {
    for (int i = 10; i < 18; i++) {
      w.client.addNumber("120655501" + i, null, "12", null);
    }
    w.account.refresh().join();

    assertThat(spaced(vm.details(w.account.route("12")).primaryUse()))
        .isEqualTo(
            "Primary of 8 numbers: +1 (206) 555-0110, +1 (206) 555-0111, +1 (206) 555-0112,"
                + " +1 (206) 555-0113, +1 (206) 555-0114 and 3 more");
  }

  @Test
  void theCountBesideTheTitleSaysHowManyOfAllAreShown() {
    // sip-reg and the three routes of the account.
    assertThat(vm.countBadgeProperty().get()).isEqualTo("4");
    assertThat(vm.countSpokenProperty().get()).isEqualTo("4 routes");

    vm.searchProperty().set("pbx");

    assertThat(vm.countBadgeProperty().get()).isEqualTo("2 of 4");
    assertThat(vm.countSpokenProperty().get()).isEqualTo("2 of 4 routes shown");
  }

  @Test
  void deletingTheLastDraftWhileOnlyDraftsAreShownShowsEveryRouteAgain() {
    Draft draft =
        w.drafts.createDraft(new NewRoute(RouteType.HOST, "x.example.com", "only", null)).join();
    vm.draftsOnlyProperty().set(true);
    assertThat(vm.countBadgeProperty().get()).isEqualTo("1 of 5");

    vm.deleteDraft(w.account.draft(draft.id())).join();

    assertThat(vm.draftsOnlyProperty().get()).isFalse();
    assertThat(vm.visibleRoutes()).hasSize(4);
    assertThat(vm.countBadgeProperty().get()).isEqualTo("4");
  }
}
