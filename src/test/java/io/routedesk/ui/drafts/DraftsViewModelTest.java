package io.routedesk.ui.drafts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.routedesk.domain.Draft;
import io.routedesk.domain.DraftState;
import io.routedesk.domain.NewRoute;
import io.routedesk.domain.Route;
import io.routedesk.domain.RouteType;
import io.routedesk.domain.VoiceSlot;
import io.routedesk.flowroute.FlowrouteException;
import io.routedesk.service.NumberOutcome;
import io.routedesk.service.PublishOutcome;
import io.routedesk.service.PublishResult;
import io.routedesk.testing.FakeFlowrouteClient;
import io.routedesk.testing.TestWorld;
import io.routedesk.ui.model.Activity;
import io.routedesk.ui.model.Connectivity;
import io.routedesk.ui.model.NumberRow;
import io.routedesk.ui.model.RouteRow;
import io.routedesk.ui.model.UserPrompts;
import io.routedesk.ui.newroute.RouteFormViewModel;
import io.routedesk.ui.numbers.NumbersViewModel;
import io.routedesk.ui.numbers.Proposal;
import io.routedesk.ui.routes.RoutesViewModel;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * Drafts in the window's view-models, on the fake account with a real (in-memory) store: saving
 * from the form, pending assignments from the numbers panel, publishing with per-number results.
 */
class DraftsViewModelTest {
  private final TestWorld w = new TestWorld().standardAccount().loaded();
  private final DraftsViewModel drafts = w.drafts;
  private final NumbersViewModel numbers = w.numbers();

  private final RouteFormViewModel form =
      new RouteFormViewModel(w.account, w.routeService, w.activity, w.ui, drafts);
  private final RoutesViewModel routes =
      new RoutesViewModel(
          w.account, w.routeService, numbers::runElsewhere, drafts, w.activity, w.prompts, w.ui);

  private static FlowrouteException offline() {
    return FakeFlowrouteClient.error(
        FlowrouteException.Kind.NETWORK, 0, "Cannot reach Flowroute (connection refused).");
  }

  private RouteRow draftRow(String alias) {
    return w.account.routes().stream()
        .filter(r -> r.isDraft() && alias.equals(r.label()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no draft " + alias));
  }

  @Test
  void anIncompleteDraftIsSavedWithAWarningAndTheFormThenEditsIt() {
    form.startCreate();
    form.typeProperty().set(RouteType.HOST);
    form.aliasProperty().set("pbx-later");

    Draft saved = form.saveDraft().join();

    assertThat(saved.value()).isEmpty();
    assertThat(w.store.listDrafts())
        .singleElement()
        .extracting(Draft::alias)
        .isEqualTo("pbx-later");
    assertThat(form.modeProperty().get()).isEqualTo(RouteFormViewModel.Mode.EDIT_DRAFT);
    assertThat(form.draftWarningProperty().get()).startsWith("Before it can be published:");
    assertThat(draftRow("pbx-later").isDraft()).isTrue();

    // Saving again updates the same draft: no second one.
    form.valueProperty().set("pbx-later.example.com");
    form.saveDraft().join();
    assertThat(w.store.listDrafts())
        .singleElement()
        .extracting(Draft::value)
        .isEqualTo("pbx-later.example.com");
    assertThat(form.draftWarningProperty().get()).isEmpty();
  }

  @Test
  void anEmptyFormIsNotSavedAsADraft() {
    form.startCreate();
    assertThatThrownBy(() -> form.saveDraft().join())
        .hasCauseInstanceOf(IllegalArgumentException.class);
    assertThat(form.formErrorProperty().get()).contains("Type a value or an alias first");
    assertThat(w.store.listDrafts()).isEmpty();
  }

  @Test
  void aCreateThatCannotReachFlowrouteOffersToKeepEverythingAsADraft() {
    form.startCreate();
    form.typeProperty().set(RouteType.URI);
    form.valueProperty().set("sip:desk@pbx.example.com");
    form.aliasProperty().set("desk-uri");
    w.client.failNextCreate(offline());

    assertThatThrownBy(() -> form.submit().join()).isInstanceOf(CompletionException.class);

    assertThat(form.offerDraftProperty().get()).isTrue();
    assertThat(form.formErrorProperty().get()).contains("Keep it as a draft?");
    assertThat(w.account.connectivityProperty().get()).isEqualTo(Connectivity.OFFLINE);
    // Offline, Create is disabled and says why; the draft button still works.
    assertThat(form.canSubmitProperty().get()).isFalse();
    assertThat(form.submitBlockedProperty().get()).contains("Save it as a draft instead");

    Draft kept = form.keepAsDraft().join();

    assertThat(kept.type()).isEqualTo(RouteType.URI);
    assertThat(kept.value()).isEqualTo("sip:desk@pbx.example.com");
    assertThat(kept.alias()).isEqualTo("desk-uri");
    assertThat(form.offerDraftProperty().get()).isFalse();
    assertThat(form.valueProperty().get()).isEqualTo("sip:desk@pbx.example.com");
    assertThat(w.client.routesById().values()).noneMatch(r -> "desk-uri".equals(r.alias()));
  }

  @Test
  void aDraftIsAssignedAsPendingEvenOfflineAndShownInTheNumberColumns() {
    Draft d =
        drafts
            .createDraft(new NewRoute(RouteType.HOST, "pbx-new.example.com", "pbx-new", null))
            .join();
    w.account.reportFailure(offline());
    NumberRow sales = w.account.number("12065550002");

    // A live route is refused offline, with the reason; the draft is accepted.
    Proposal live = numbers.propose("11", List.of(sales), VoiceSlot.PRIMARY);
    assertThat(live.accepted()).isFalse();
    assertThat(live.headline()).startsWith("Offline");
    Proposal p = numbers.propose(RouteRow.draftRowId(d.id()), List.of(sales), VoiceSlot.PRIMARY);
    assertThat(p.accepted()).isTrue();
    assertThat(p.isDraft()).isTrue();
    assertThat(p.headline()).contains("pbx-new when published");

    numbers.apply(p).join();

    assertThat(sales.draftRouteId(VoiceSlot.PRIMARY)).isEqualTo(RouteRow.draftRowId(d.id()));
    assertThat(sales.primaryRouteId()).isEqualTo("10"); // unchanged until published
    assertThat(w.store.pendingAssignments(d.id())).hasSize(1);
    assertThat(draftRow("pbx-new").primaryUses()).isEqualTo(1);
    assertThat(w.client.writeLog()).isEmpty();

    // The same draft cannot also become the failover of that number.
    Proposal again =
        numbers.propose(RouteRow.draftRowId(d.id()), List.of(sales), VoiceSlot.FAILOVER);
    assertThat(again.accepted()).isFalse();
    assertThat(again.headline()).contains("primary and failover must differ");
  }

  @Test
  void aNewerDraftAssignmentReplacesAnOlderOneForTheSameSlot() {
    Draft a =
        drafts.createDraft(new NewRoute(RouteType.HOST, "a.example.com", "draft-a", null)).join();
    Draft b =
        drafts.createDraft(new NewRoute(RouteType.HOST, "b.example.com", "draft-b", null)).join();
    drafts.assignPending(a.id(), List.of("12065550001"), VoiceSlot.PRIMARY).join();
    drafts.assignPending(b.id(), List.of("12065550001"), VoiceSlot.PRIMARY).join();

    assertThat(w.store.pendingAssignments(a.id())).isEmpty();
    assertThat(w.account.number("12065550001").draftRouteId(VoiceSlot.PRIMARY))
        .isEqualTo(RouteRow.draftRowId(b.id()));
    assertThat(draftRow("draft-a").primaryUses()).isZero();

    numbers.selection().setAll(w.account.number("12065550001"));
    assertThat(numbers.selectionHasDraftPending()).isTrue();
    numbers.dropPendingOfSelection().join();
    assertThat(w.store.allPendingAssignments()).isEmpty();
    assertThat(w.account.number("12065550001").hasDraftPending()).isFalse();
  }

  @Test
  void publishingAllCreatesEachRouteOnceAndAppliesPendingAssignmentsPerNumber() {
    Draft d =
        drafts
            .createDraft(new NewRoute(RouteType.HOST, "pbx-new.example.com", "pbx-new", null))
            .join();
    drafts.assignPending(d.id(), List.of("12065550001", "12065550002"), VoiceSlot.PRIMARY).join();
    drafts.assignPending(d.id(), List.of("13125550005"), VoiceSlot.FAILOVER).join();

    List<PublishResult> results = drafts.publishAll().join();

    assertThat(results)
        .singleElement()
        .extracting(PublishResult::outcome)
        .isEqualTo(PublishOutcome.PUBLISHED);
    Route created =
        w.client.routesById().values().stream()
            .filter(r -> "pbx-new".equals(r.alias()))
            .findFirst()
            .orElseThrow();
    assertThat(w.client.routingOf("12065550001").primaryRouteId()).isEqualTo(created.id());
    assertThat(w.client.routingOf("13125550005").failoverRouteId()).isEqualTo(created.id());
    // The draft became the route; the numbers show it and nothing is pending any more.
    assertThat(w.account.routes()).noneMatch(RouteRow::isDraft);
    assertThat(w.account.route(created.id())).isNotNull();
    assertThat(w.account.number("12065550002").primaryRouteId()).isEqualTo(created.id());
    assertThat(w.account.number("12065550002").hasDraftPending()).isFalse();
    // The batch panel shows each number's result, as for a bulk assignment.
    assertThat(numbers.batch().outcomes())
        .hasSize(3)
        .allMatch(o -> o.status() == NumberOutcome.Status.DONE);
    assertThat(numbers.batch().titleProperty().get())
        .isEqualTo("Publish draft “pbx-new” and apply its assignments");
    // The saved copy has the route and the routing for the next start.
    assertThat(w.store.loadSnapshot().routingByNumber().get("12065550001").primaryRouteId())
        .isEqualTo(created.id());
    assertThat(w.store.listDrafts())
        .singleElement()
        .extracting(Draft::state)
        .isEqualTo(DraftState.PUBLISHED);

    // Loading again (next start) does not show the published draft.
    drafts.load().join();
    assertThat(w.account.routes()).noneMatch(RouteRow::isDraft);
  }

  @Test
  void anAliasTakenMeanwhileKeepsTheDraftWithTheReasonAndNothingIsLost() {
    Draft d =
        drafts.createDraft(new NewRoute(RouteType.HOST, "x.example.com", "shared", null)).join();
    drafts.assignPending(d.id(), List.of("12065550001"), VoiceSlot.PRIMARY).join();
    w.client.addRoute("77", "shared", RouteType.HOST, "other.example.com");

    List<PublishResult> results = drafts.publish(List.of(d.id())).join();

    assertThat(results)
        .singleElement()
        .extracting(PublishResult::outcome)
        .isEqualTo(PublishOutcome.ALIAS_CONFLICT);
    RouteRow row = draftRow("shared");
    assertThat(row.draft().state()).isEqualTo(DraftState.DRAFT);
    assertThat(row.draft().lastError()).contains("already exists");
    assertThat(w.store.pendingAssignments(d.id())).hasSize(1);
    assertThat(w.client.routesById().values().stream().filter(r -> "shared".equals(r.alias())))
        .hasSize(1);
    assertThat(w.activity.lastNoticeProperty().get().severity())
        .isEqualTo(Activity.Severity.WARNING);
    assertThat(w.activity.lastNoticeProperty().get().text()).contains("was not published");
    // Its pending assignment shows in the batch panel as not applied, with why.
    assertThat(numbers.batch().outcomes())
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.status()).isEqualTo(NumberOutcome.Status.SKIPPED);
              assertThat(o.reason()).contains("the draft was not published");
            });
  }

  @Test
  void publishingOfflineIsRefusedWithTheReason() {
    drafts.createDraft(new NewRoute(RouteType.HOST, "x.example.com", "later", null)).join();
    w.account.reportFailure(offline());

    assertThatThrownBy(() -> drafts.publishAll().join()).hasMessageContaining("Offline");
    assertThat(w.store.listDrafts())
        .singleElement()
        .extracting(Draft::state)
        .isEqualTo(DraftState.DRAFT);
  }

  @Test
  void aDraftIsEditedAndDeletedThroughTheRouteList() {
    Draft d = drafts.createDraft(new NewRoute(RouteType.NUMBER, "1206", "cell", null)).join();
    RouteRow row = draftRow("cell");
    assertThat(routes.allowEdit(row)).isTrue();

    form.startEditDraft(row.draft());
    form.valueProperty().set("12065559876");
    form.saveDraft().join();
    assertThat(w.store.findDraft(d.id()).orElseThrow().value()).isEqualTo("12065559876");

    routes.draftsOnlyProperty().set(true);
    assertThat(routes.visibleRoutes()).singleElement().isSameAs(draftRow("cell"));

    w.prompts.answering(true);
    assertThat(routes.requestDelete(draftRow("cell"))).isEmpty();
    assertThat(w.prompts.asked)
        .singleElement()
        .extracting(UserPrompts.Confirmation::header)
        .isEqualTo("Delete draft “cell”?");
    assertThat(w.store.listDrafts()).isEmpty();
    assertThat(w.account.routes()).noneMatch(RouteRow::isDraft);
    assertThat(routes.draftsOnlyProperty().get()).isFalse();
  }

  /** Issue 17, item 3: no Retry for an assignment that waits on a draft that was not published. */
  @Test
  void anAssignmentOfADraftThatWasNotPublishedIsNotOfferedForRetry() {
    Draft d =
        drafts.createDraft(new NewRoute(RouteType.HOST, "x.example.com", "taken", null)).join();
    drafts.assignPending(d.id(), List.of("12065550001"), VoiceSlot.PRIMARY).join();
    w.client.addRoute("77", "taken", RouteType.HOST, "other.example.com");

    drafts.publish(List.of(d.id())).join();

    assertThat(numbers.batch().outcomes()).singleElement();
    assertThat(numbers.batch().canRetryProperty().get()).isFalse();
    int writes = w.client.writeLog().size();
    numbers.retryFailed().join();
    assertThat(w.client.writeLog()).as("the draft's local id is never sent").hasSize(writes);
  }

  /** Issue 17, item 6: publish does not say success when an assignment had to be dropped. */
  @Test
  void aDroppedAssignmentMakesThePublishNoticeAWarningWithTheReason() {
    Draft d =
        drafts.createDraft(new NewRoute(RouteType.HOST, "y.example.com", "lab-y", null)).join();
    drafts.assignPending(d.id(), List.of("13125550005"), VoiceSlot.FAILOVER).join();
    w.client.removeNumber("13125550005");
    w.account.refresh().join();

    drafts.publish(List.of(d.id())).join();

    Activity.Notice notice = w.activity.lastNoticeProperty().get();
    assertThat(notice.severity()).isEqualTo(Activity.Severity.WARNING);
    assertThat(notice.text())
        .contains("Published “lab-y”, but")
        .contains("no longer on this account");
    assertThat(w.store.pendingAssignments(d.id())).isEmpty();
  }
}
