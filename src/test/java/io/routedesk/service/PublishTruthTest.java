package io.routedesk.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.routedesk.domain.Draft;
import io.routedesk.domain.DraftState;
import io.routedesk.domain.NewRoute;
import io.routedesk.domain.NumberRouting;
import io.routedesk.domain.RouteType;
import io.routedesk.domain.VoiceSlot;
import io.routedesk.flowroute.CancellationToken;
import io.routedesk.flowroute.FlowrouteException.Kind;
import io.routedesk.store.ChangeOutcome;
import io.routedesk.store.LocalStore;
import io.routedesk.testing.FakeFlowrouteClient;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, items 3, 4, 6 and 7: publishing never shows, saves or adopts what Flowroute does not
 * have. Each test failed before the change engine took over the publish path.
 */
class PublishTruthTest {
  private final LocalStore store = LocalStore.inMemory();
  private final FakeFlowrouteClient server = new FakeFlowrouteClient();
  private final ChangeEngine engine = new ChangeEngine(store, server, Runnable::run);
  private final DraftService drafts = new DraftService(store, server, Runnable::run, engine);
  private final AssignmentService assignments = new AssignmentService(engine);

  private static final NewRoute LAB =
      new NewRoute(RouteType.HOST, "lab.example.com:5060", "lab", 4);

  @BeforeEach
  void account() {
    server.addRoute("10", "pbx-east", RouteType.HOST, "pbx-east.example.com");
    server.addRoute("11", "pbx-west", RouteType.HOST, "pbx-west.example.com");
    server.addNumber("12065550001", null, "10", "11");
    server.addNumber("12065550002", null, "10", null);
  }

  @AfterEach
  void close() {
    store.close();
  }

  /**
   * Item 4: the number's routing never loaded; publishing must not save "primary X, no failover".
   */
  @Test
  void publishSavesOnlyTheRoutingItReadBack() {
    Draft d = drafts.createDraft(LAB).join();
    drafts.assignPending(d.id(), List.of("12065550001"), VoiceSlot.PRIMARY).join();
    assertThat(store.cachedRoutings(List.of("12065550001"))).isEmpty();

    PublishResult r = drafts.publish(d.id()).join();

    String lab = r.draft().serverRouteId();
    assertThat(r.isComplete()).isTrue();
    // The failover 11 Flowroute still has is in the saved copy, so "11" is not offered as free.
    assertThat(store.cachedRoutings(List.of("12065550001")))
        .containsEntry("12065550001", new NumberRouting("12065550001", lab, "11"));
    assertThat(engine.journal().entries(r.changeBatchId()).getFirst().before())
        .isEqualTo(new NumberRouting("12065550001", "10", "11"));
  }

  /** Item 6: a pending assignment for a number that left the account is dropped, with why. */
  @Test
  void anAssignmentForANumberNoLongerOnTheAccountIsDroppedVisibly() {
    Draft d = drafts.createDraft(LAB).join();
    drafts.assignPending(d.id(), List.of("12065550001", "12065550002"), VoiceSlot.PRIMARY).join();
    server.removeNumber("12065550002");

    PublishResult r = drafts.publish(d.id()).join();

    assertThat(r.isComplete()).as("not a success").isFalse();
    assertThat(r.message()).contains("dropped").contains("no longer on this account");
    assertThat(r.assignments())
        .filteredOn(a -> a.number().equals("12065550002"))
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.outcome()).isEqualTo(ChangeOutcome.SKIPPED);
              assertThat(a.message()).contains("no longer on this account");
            });
    assertThat(store.pendingAssignments(d.id())).as("not stuck pending").isEmpty();
    // Publishing again has nothing left to do: the draft is no longer listed as waiting.
    assertThat(drafts.publishAll().join()).isEmpty();
  }

  /**
   * Item 3: an assignment that failed during publish and then landed by a retry is no longer
   * pending, so a later publish cannot put it back over the user's newer choice.
   */
  @Test
  void aRetriedAssignmentIsNoLongerPendingAndALaterPublishKeepsTheNewerChoice() {
    Draft d = drafts.createDraft(LAB).join();
    drafts.assignPending(d.id(), List.of("12065550002"), VoiceSlot.PRIMARY).join();
    server.failWrites("12065550002", FakeFlowrouteClient.error(Kind.SERVER, 503, "down"));
    PublishResult first = drafts.publish(d.id()).join();
    assertThat(first.isComplete()).isFalse();
    String lab = first.draft().serverRouteId();
    server.failWrites("12065550002", null);

    // Retry (numbers panel) and then a newer choice by the user.
    assignments
        .apply(
            new AssignmentPlan(
                "Retry",
                List.of(
                    new NumberChange(
                        server.routingOf("12065550002"),
                        new NumberRouting("12065550002", lab, null)))),
            BatchListener.NONE,
            new CancellationToken())
        .join();
    assertThat(store.pendingAssignments(d.id())).isEmpty();
    assignments
        .apply(
            new AssignmentPlan(
                "Primary → pbx-west",
                List.of(
                    new NumberChange(
                        server.routingOf("12065550002"),
                        new NumberRouting("12065550002", "11", null)))),
            BatchListener.NONE,
            new CancellationToken())
        .join();
    Draft other =
        drafts.createDraft(new NewRoute(RouteType.HOST, "b.example.com", "b", null)).join();

    drafts.publishAll().join();

    assertThat(store.findDraft(other.id()).orElseThrow().state()).isEqualTo(DraftState.PUBLISHED);
    assertThat(server.routingOf("12065550002").primaryRouteId())
        .as("the user's newer choice stands")
        .isEqualTo("11");
  }

  /**
   * Item 7: after a publish whose outcome was unknown, a colleague creates a route with the same
   * alias, type and value but another edge strategy: that is an alias conflict, not "recovered".
   */
  @Test
  void aRouteSomeoneElseCreatedIsNotAdoptedAsTheDraftsOwn() {
    Draft d = drafts.createDraft(LAB).join();
    drafts.assignPending(d.id(), List.of("12065550002"), VoiceSlot.PRIMARY).join();
    server.failNextCreate(FakeFlowrouteClient.error(Kind.SERVER, 503, "down"));
    PublishResult failed = drafts.publish(d.id()).join();
    assertThat(failed.outcome().isPublished()).isFalse();
    assertThat(store.findDraft(d.id()).orElseThrow().publishToken())
        .as("the outcome was unknown, so the token is kept")
        .isNotNull();
    server.addRoute(new NewRoute(LAB.type(), LAB.value(), LAB.alias(), 1));

    PublishResult r = drafts.publish(d.id()).join();

    assertThat(r.outcome()).isEqualTo(PublishOutcome.ALIAS_CONFLICT);
    assertThat(server.routingOf("12065550002").primaryRouteId()).isEqualTo("10");
    assertThat(store.pendingAssignments(d.id())).hasSize(1);
  }
}
