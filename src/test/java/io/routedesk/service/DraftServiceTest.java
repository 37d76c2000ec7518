package io.routedesk.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.routedesk.domain.Draft;
import io.routedesk.domain.DraftState;
import io.routedesk.domain.NewRoute;
import io.routedesk.domain.NumberRouting;
import io.routedesk.domain.Route;
import io.routedesk.domain.RouteType;
import io.routedesk.domain.VoiceSlot;
import io.routedesk.flowroute.CancellationToken;
import io.routedesk.flowroute.FlowrouteException;
import io.routedesk.flowroute.FlowrouteException.Kind;
import io.routedesk.store.ChangeJournal;
import io.routedesk.store.ChangeOutcome;
import io.routedesk.store.JournalEntry;
import io.routedesk.store.LocalStore;
import io.routedesk.testing.FakeFlowrouteClient;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DraftServiceTest {
  @TempDir Path dir;
  private Path file;
  private LocalStore store;
  private FakeFlowrouteClient server;
  private DraftService service;

  private static final NewRoute OFFICE =
      new NewRoute(RouteType.HOST, "pbx.example.com:5060", "office", 1);

  @BeforeEach
  void setUp() {
    file = dir.resolve("acct.db");
    store = LocalStore.open(file);
    server = FakeFlowrouteClient.emptyAccount();
    service = new DraftService(store, server, Runnable::run);
  }

  @AfterEach
  void tearDown() {
    store.close();
  }

  private Draft draft(NewRoute route) {
    return service.createDraft(route).join();
  }

  private PublishResult publish(Draft d) {
    return service.publish(d.id()).join();
  }

  /** The draft as a fresh process would read it from disk. */
  private Draft onDisk(Draft d) {
    try (LocalStore other = LocalStore.open(file)) {
      return other.findDraft(d.id()).orElseThrow();
    }
  }

  @Test
  void aValidDraftIsPublishedAndCached() {
    Draft d = draft(new NewRoute(RouteType.HOST, "  pbx.example.com:5060 ", " office ", 1));
    PublishResult r = publish(d);

    assertThat(r.outcome()).isEqualTo(PublishOutcome.PUBLISHED);
    assertThat(r.isComplete()).isTrue();
    assertThat(server.createCalls).hasValue(1);
    Route created = server.routes().getFirst();
    assertThat(created.alias()).isEqualTo("office");
    assertThat(created.value()).isEqualTo("pbx.example.com:5060");
    Draft saved = onDisk(d);
    assertThat(saved.state()).isEqualTo(DraftState.PUBLISHED);
    assertThat(saved.serverRouteId()).isEqualTo(created.id());
    assertThat(saved.publishToken()).isNotNull();
    assertThat(store.loadSnapshot().routes()).containsExactly(created);
  }

  @Test
  void anInvalidDraftIsNotSentAndKeepsTheReason() {
    Draft d = draft(new NewRoute(RouteType.NUMBER, "+16476998778", "fwd", null));
    PublishResult r = publish(d);
    assertThat(r.outcome()).isEqualTo(PublishOutcome.INVALID);
    assertThat(r.message()).contains("Leave out the +");
    assertThat(onDisk(d).state()).isEqualTo(DraftState.DRAFT);
    assertThat(onDisk(d).lastError()).contains("Leave out the +");
    assertThat(server.createCalls).hasValue(0);
    assertThat(server.listAllRoutesCalls).hasValue(0);
  }

  @Test
  void aDraftWithoutAnAliasIsNotSent() {
    Draft d = draft(new NewRoute(RouteType.HOST, "pbx.example.com", null, null));
    assertThat(publish(d).message()).contains("Enter an alias");
    assertThat(server.createCalls).hasValue(0);
  }

  @Test
  void anAliasAlreadyOnTheServerKeepsTheDraftWithTheReason() {
    Route existing = server.addRoute(new NewRoute(RouteType.URI, "sip:x@y.com", "Office", null));
    Draft d = draft(OFFICE);
    PublishResult r = publish(d);

    assertThat(r.outcome()).isEqualTo(PublishOutcome.ALIAS_CONFLICT);
    assertThat(r.message())
        .contains("\"Office\" already exists")
        .contains("route " + existing.id())
        .contains("Choose another alias");
    Draft kept = onDisk(d);
    assertThat(kept.state()).isEqualTo(DraftState.DRAFT);
    assertThat(kept.lastError()).isEqualTo(r.message());
    assertThat(server.createCalls).hasValue(0);
  }

  @Test
  void aRefusalFromFlowrouteKeepsTheDraftWithTheServersReason() {
    server.failNextCreate(
        new FlowrouteException(
            Kind.INVALID,
            422,
            "Unprocessable Entity",
            "Invalid route value: host not resolvable",
            "err-1",
            "Flowroute refused a value.",
            null));
    Draft d = draft(OFFICE);
    PublishResult r = publish(d);

    assertThat(r.outcome()).isEqualTo(PublishOutcome.REJECTED);
    assertThat(r.message()).contains("Invalid route value: host not resolvable");
    Draft kept = onDisk(d);
    assertThat(kept.state()).isEqualTo(DraftState.DRAFT);
    assertThat(kept.lastError()).contains("host not resolvable");
    assertThat(kept.publishToken()).as("nothing was created").isNull();
    assertThat(server.routes()).isEmpty();
  }

  @Test
  void a403KeepsTheDraftToo() {
    server.failNextCreate(FakeFlowrouteClient.error(Kind.FORBIDDEN, 403, "Route already exists"));
    Draft d = draft(OFFICE);
    assertThat(publish(d).outcome()).isEqualTo(PublishOutcome.REJECTED);
    assertThat(onDisk(d).state()).isEqualTo(DraftState.DRAFT);
    assertThat(onDisk(d).lastError()).contains("Route already exists");
  }

  @Test
  void aNetworkFailureKeepsTheDraftForLater() {
    server.failNextCreate(FakeFlowrouteClient.error(Kind.NETWORK, 0, "connection reset"));
    Draft d = draft(OFFICE);
    PublishResult r = publish(d);

    assertThat(r.outcome()).isEqualTo(PublishOutcome.UNREACHABLE);
    assertThat(r.message()).contains("connection reset").contains("publish again");
    Draft kept = onDisk(d);
    assertThat(kept.state()).isEqualTo(DraftState.DRAFT);
    assertThat(kept.publishToken()).as("the outcome was unknown").isNotNull();

    PublishResult retry = publish(d);
    assertThat(retry.outcome()).isEqualTo(PublishOutcome.PUBLISHED);
    assertThat(server.routes()).hasSize(1);
  }

  @Test
  void offlineBeforeAnythingIsSentKeepsTheDraft() {
    server.failListRoutes(FakeFlowrouteClient.error(Kind.NETWORK, 0, "no route to host"));
    Draft d = draft(OFFICE);
    PublishResult r = publish(d);
    assertThat(r.outcome()).isEqualTo(PublishOutcome.UNREACHABLE);
    assertThat(onDisk(d).state()).isEqualTo(DraftState.DRAFT);
    assertThat(server.createCalls).hasValue(0);
  }

  @Test
  void wrongCredentialsMarkTheDraftFailedButKeepIt() {
    server.failNextCreate(FakeFlowrouteClient.error(Kind.UNAUTHORIZED, 401, "bad keys"));
    Draft d = draft(OFFICE);
    PublishResult r = publish(d);
    assertThat(r.outcome()).isEqualTo(PublishOutcome.FAILED);
    assertThat(onDisk(d).state()).isEqualTo(DraftState.FAILED);
    assertThat(publish(d).outcome()).isEqualTo(PublishOutcome.PUBLISHED);
  }

  @Test
  void aLostAnswerIsFoundOnTheServerAndNeverSentTwice() {
    server.loseNextCreateAnswer();
    Draft d = draft(OFFICE);
    PublishResult r = publish(d);

    assertThat(r.outcome()).isEqualTo(PublishOutcome.PUBLISHED);
    assertThat(server.createCalls).hasValue(1);
    assertThat(server.routes()).hasSize(1);
    assertThat(onDisk(d).serverRouteId()).isEqualTo(server.routes().getFirst().id());
  }

  @Test
  void aLostAnswerSeenOnlyLaterIsAdoptedNotReportedAsAConflict() {
    // The create lands, its answer is lost, and the check right after fails too (offline).
    server.loseNextCreateAnswer();
    Draft d = draft(OFFICE);
    server.beforeCreate(
        () -> server.failListRoutes(FakeFlowrouteClient.error(Kind.NETWORK, 0, "down")));
    PublishResult first = publish(d);
    assertThat(first.outcome()).isEqualTo(PublishOutcome.UNREACHABLE);
    assertThat(onDisk(d).state()).isEqualTo(DraftState.DRAFT);

    server.failListRoutes(null);
    server.beforeCreate(() -> {});
    PublishResult second = publish(d);
    assertThat(second.outcome()).isEqualTo(PublishOutcome.RECOVERED);
    assertThat(server.createCalls).hasValue(1);
    assertThat(server.routes()).hasSize(1);
  }

  @Test
  void anInterruptedPublishWhoseRouteExistsIsMarkedPublishedWithoutPosting() {
    Draft d = draft(OFFICE);
    store.beginPublishing(d.id(), "token-from-crashed-run");
    Route landed = server.addRoute(d.routeToSend());

    List<PublishResult> results = service.resumeInterrupted().join();

    assertThat(results)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.outcome()).isEqualTo(PublishOutcome.RECOVERED);
              assertThat(r.draft().serverRouteId()).isEqualTo(landed.id());
            });
    assertThat(onDisk(d).state()).isEqualTo(DraftState.PUBLISHED);
    assertThat(server.createCalls).hasValue(0);
  }

  @Test
  void anInterruptedPublishWhoseRouteIsAbsentGoesBackToDraft() {
    Draft d = draft(OFFICE);
    store.beginPublishing(d.id(), "token-from-crashed-run");

    List<PublishResult> results = service.resumeInterrupted().join();

    assertThat(results)
        .singleElement()
        .extracting(PublishResult::outcome)
        .isEqualTo(PublishOutcome.RETURNED_TO_DRAFT);
    Draft back = onDisk(d);
    assertThat(back.state()).isEqualTo(DraftState.DRAFT);
    assertThat(back.lastError()).contains("interrupted");
    assertThat(server.createCalls).hasValue(0);
    assertThat(publish(d).outcome()).isEqualTo(PublishOutcome.PUBLISHED);
    assertThat(server.routes()).hasSize(1);
  }

  @Test
  void anInterruptedPublishStaysPublishingWhileOffline() {
    Draft d = draft(OFFICE);
    store.beginPublishing(d.id(), "t");
    server.failListRoutes(FakeFlowrouteClient.error(Kind.TIMEOUT, 0, "timed out"));
    PublishResult r = service.resumeInterrupted().join().getFirst();
    assertThat(r.outcome()).isEqualTo(PublishOutcome.STILL_UNKNOWN);
    assertThat(r.message()).contains("will not be sent twice");
    assertThat(onDisk(d).state()).isEqualTo(DraftState.PUBLISHING);
  }

  @Test
  void publishingAnInterruptedDraftResolvesItFirst() {
    Draft d = draft(OFFICE);
    store.beginPublishing(d.id(), "t");
    server.addRoute(d.routeToSend());
    PublishResult r = publish(d);
    assertThat(r.outcome()).isEqualTo(PublishOutcome.RECOVERED);
    assertThat(server.createCalls).hasValue(0);
  }

  @Test
  void pendingAssignmentsAreAppliedAfterPublishingAndRecorded() {
    server.addNumber("12065550001", null, "0", null);
    server.addNumber("12065550002", null, "0", null);
    server.addNumber("12065550003", null, "0", "0");
    store.replaceSnapshot(
        List.of(),
        List.of(),
        List.of(
            new NumberRouting("12065550001", "0", null),
            new NumberRouting("12065550003", "0", "0")),
        List.of(),
        Instant.EPOCH);
    server.failWrites(
        "12065550002", FakeFlowrouteClient.error(Kind.FORBIDDEN, 403, "ActionNotAuthorizedError"));
    Draft d = draft(OFFICE);
    service
        .addPendingAssignments(d.id(), List.of("12065550001", "12065550002"), VoiceSlot.PRIMARY)
        .join();
    service.addPendingAssignments(d.id(), List.of("12065550003"), VoiceSlot.FAILOVER).join();

    PublishResult r = publish(d);

    String routeId = r.draft().serverRouteId();
    assertThat(r.outcome()).isEqualTo(PublishOutcome.PUBLISHED);
    assertThat(r.isComplete()).isFalse();
    assertThat(r.message()).contains("1 of 3 assignments were not applied");
    assertThat(r.assignments())
        .extracting(AssignmentResult::number, AssignmentResult::slot, AssignmentResult::outcome)
        .containsExactlyInAnyOrder(
            Tuple.tuple("12065550001", VoiceSlot.PRIMARY, ChangeOutcome.DONE),
            Tuple.tuple("12065550002", VoiceSlot.PRIMARY, ChangeOutcome.FAILED),
            Tuple.tuple("12065550003", VoiceSlot.FAILOVER, ChangeOutcome.DONE));
    assertThat(server.routingOf("12065550001").primaryRouteId()).isEqualTo(routeId);
    assertThat(server.routingOf("12065550003").failoverRouteId()).isEqualTo(routeId);

    ChangeJournal journal = ChangeJournal.of(store);
    List<JournalEntry> history = journal.entries(r.changeBatchId());
    assertThat(history).hasSize(3);
    assertThat(history)
        .filteredOn(c -> c.number().equals("12065550001"))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.before().primaryRouteId()).isEqualTo("0");
              assertThat(c.after().primaryRouteId()).isEqualTo(routeId);
              assertThat(c.outcome()).isEqualTo(ChangeOutcome.DONE);
            });
    assertThat(history)
        .filteredOn(c -> c.outcome() == ChangeOutcome.FAILED)
        .singleElement()
        .satisfies(c -> assertThat(c.detail()).contains("ActionNotAuthorizedError"));
    assertThat(journal.interrupted()).isEmpty();
    assertThat(store.loadSnapshot().routingByNumber().get("12065550001").primaryRouteId())
        .isEqualTo(routeId);
    // Only the failed one is still pending; publishing again retries just that one.
    assertThat(store.pendingAssignments(d.id()))
        .extracting(p -> p.number())
        .containsExactly("12065550002");

    server.failWrites("12065550002", null);
    PublishResult retry = publish(d);
    assertThat(retry.outcome()).isEqualTo(PublishOutcome.ALREADY_PUBLISHED);
    assertThat(retry.assignments())
        .singleElement()
        .extracting(AssignmentResult::outcome)
        .isEqualTo(ChangeOutcome.DONE);
    assertThat(store.pendingAssignments(d.id())).isEmpty();
    assertThat(server.createCalls).hasValue(1);
  }

  @Test
  void assignmentsOfADraftThatWasNotPublishedStayPending() {
    server.failNextCreate(FakeFlowrouteClient.error(Kind.NETWORK, 0, "down"));
    Draft d = draft(OFFICE);
    store.addPendingAssignment(d.id(), "12065550001", VoiceSlot.PRIMARY);
    PublishResult r = publish(d);
    assertThat(r.assignments()).isEmpty();
    assertThat(server.setRoutesCalls).hasValue(0);
    assertThat(store.pendingAssignments(d.id())).hasSize(1);
  }

  @Test
  void publishAllPublishesEachDraftAndReportsEach() {
    server.addRoute(new NewRoute(RouteType.HOST, "taken.example.com", "taken", null));
    Draft a = draft(OFFICE);
    Draft b = draft(new NewRoute(RouteType.URI, "sip:desk@pbx.example.com", "taken", null));
    Draft c = draft(new NewRoute(RouteType.NUMBER, "16476998778", "fwd", null));
    Draft published = draft(new NewRoute(RouteType.NUMBER, "16476998779", "done", null));
    store.markPublished(published.id(), "55");

    List<PublishResult> results = service.publishAll().join();

    assertThat(results)
        .extracting(PublishResult::draftId, PublishResult::outcome)
        .containsExactly(
            Tuple.tuple(a.id(), PublishOutcome.PUBLISHED),
            Tuple.tuple(b.id(), PublishOutcome.ALIAS_CONFLICT),
            Tuple.tuple(c.id(), PublishOutcome.PUBLISHED));
    assertThat(server.listAllRoutesCalls).as("the route list is fetched once").hasValue(1);
    assertThat(server.routes()).hasSize(3);
  }

  @Test
  void twoDraftsWithTheSameAliasInOneRunDoNotBothGetCreated() {
    Draft a = draft(OFFICE);
    Draft b = draft(new NewRoute(RouteType.URI, "sip:x@pbx.example.com", "office", null));
    List<PublishResult> results = service.publishAll().join();
    assertThat(results.get(0).outcome()).isEqualTo(PublishOutcome.PUBLISHED);
    assertThat(results.get(1).outcome()).isEqualTo(PublishOutcome.ALIAS_CONFLICT);
    assertThat(store.findDraft(b.id()).orElseThrow().state()).isEqualTo(DraftState.DRAFT);
    assertThat(a.id()).isNotEqualTo(b.id());
  }

  @Test
  void cancellingPublishAllLeavesTheRestAsDrafts() {
    Draft a = draft(OFFICE);
    Draft b = draft(new NewRoute(RouteType.NUMBER, "16476998778", "fwd", null));
    CancellationToken cancel = new CancellationToken();
    server.beforeCreate(cancel::cancel);
    List<PublishResult> results = service.publishAll(cancel, (done, total) -> {}).join();
    assertThat(results.get(0).draftId()).isEqualTo(a.id());
    assertThat(results.get(0).outcome()).isEqualTo(PublishOutcome.PUBLISHED);
    assertThat(results.get(1).outcome()).isEqualTo(PublishOutcome.CANCELLED);
    assertThat(store.findDraft(b.id()).orElseThrow().state()).isEqualTo(DraftState.DRAFT);
  }

  @Test
  void aSecondPublishOfTheSameDraftWhileTheFirstRunsIsRefused() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      DraftService concurrent = new DraftService(store, server, pool);
      CountDownLatch inCreate = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      server.beforeCreate(
          () -> {
            inCreate.countDown();
            try {
              release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
      Draft d = draft(OFFICE);
      CompletableFuture<PublishResult> first = concurrent.publish(d.id());
      assertThat(inCreate.await(10, TimeUnit.SECONDS)).isTrue();
      PublishResult second = concurrent.publish(d.id()).get(10, TimeUnit.SECONDS);
      assertThat(second.outcome()).isEqualTo(PublishOutcome.IN_PROGRESS);
      assertThat(concurrent.deleteDraft(d.id()).handle((v, e) -> e).get(10, TimeUnit.SECONDS))
          .as("a draft being published cannot be deleted")
          .hasRootCauseInstanceOf(IllegalStateException.class);
      release.countDown();
      assertThat(first.get(10, TimeUnit.SECONDS).outcome()).isEqualTo(PublishOutcome.PUBLISHED);
      assertThat(server.createCalls).hasValue(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aDeletedDraftIsReportedAsNotFound() {
    Draft d = draft(OFFICE);
    service.deleteDraft(d.id()).join();
    assertThat(publish(d).outcome()).isEqualTo(PublishOutcome.NOT_FOUND);
  }
}
