package io.routedesk.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.routedesk.domain.Draft;
import io.routedesk.domain.DraftState;
import io.routedesk.domain.NewRoute;
import io.routedesk.domain.Route;
import io.routedesk.domain.RouteType;
import io.routedesk.domain.VoiceSlot;
import io.routedesk.store.ChangeOutcome;
import io.routedesk.store.LocalStore;
import io.routedesk.store.OpenReport;
import io.routedesk.testing.ChildJvm;
import io.routedesk.testing.FakeFlowrouteClient;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 while a draft is being published, before and after the server created the route: after
 * restart the draft is resolved without sending it again, exactly one route exists, and its pending
 * assignment is still applied. The "server" is a file shared with the killed child JVM (the same
 * test against the sandbox server only swaps the client).
 */
class KillDuringPublishTest {
  @TempDir Path dir;

  private Draft draftWithAssignment(Path db) {
    try (LocalStore store = LocalStore.open(db)) {
      Draft d =
          store.createDraft(new NewRoute(RouteType.HOST, "pbx.example.com:5060", "office", 1));
      store.addPendingAssignment(d.id(), "12065550001", VoiceSlot.PRIMARY);
      return d;
    }
  }

  /** The fake server the child used: its routes from the file, and the number to assign. */
  private static FakeFlowrouteClient serverKeptIn(Path serverFile) {
    FakeFlowrouteClient server =
        new FakeFlowrouteClient(new FakeFlowrouteClient.FileRouteBook(serverFile));
    server.addNumber("12065550001", null, null, null);
    return server;
  }

  private List<String> runChildUntil(Path db, Path serverFile, Draft d, String mode, String line)
      throws Exception {
    return ChildJvm.runUntilThenKill(
        PublishCrashChild.class,
        dir.resolve(mode + ".err"),
        line,
        db.toString(),
        serverFile.toString(),
        d.id().toString(),
        mode);
  }

  @Test
  void killedAfterTheServerCreatedTheRouteTheDraftIsRecoveredNotResent() throws Exception {
    Path db = dir.resolve("acct.db");
    Path serverFile = dir.resolve("server-routes.json");
    Draft d = draftWithAssignment(db);

    List<String> lines = runChildUntil(db, serverFile, d, "after-post", "CREATED");
    assertThat(lines).noneMatch(l -> l.startsWith("UNEXPECTED"));

    FakeFlowrouteClient server = serverKeptIn(serverFile);
    assertThat(server.routes()).hasSize(1);
    Route onServer = server.routes().getFirst();
    try (LocalStore store = LocalStore.open(db)) {
      assertThat(store.openReport().status()).isEqualTo(OpenReport.Status.OPENED);
      Draft left = store.findDraft(d.id()).orElseThrow();
      assertThat(left.state()).isEqualTo(DraftState.PUBLISHING);
      assertThat(left.publishToken()).isNotNull();

      DraftService service = new DraftService(store, server, Runnable::run);
      PublishResult resumed = service.resumeInterrupted().join().getFirst();
      assertThat(resumed.outcome()).isEqualTo(PublishOutcome.RECOVERED);
      assertThat(resumed.draft().serverRouteId()).isEqualTo(onServer.id());
      assertThat(resumed.message()).contains("1 pending assignments are waiting");

      PublishResult finish = service.publish(d.id()).join();
      assertThat(finish.outcome()).isEqualTo(PublishOutcome.ALREADY_PUBLISHED);
      assertThat(finish.assignments())
          .singleElement()
          .extracting(AssignmentResult::outcome)
          .isEqualTo(ChangeOutcome.DONE);
      assertThat(server.routingOf("12065550001").primaryRouteId()).isEqualTo(onServer.id());
    }
    assertThat(server.createCalls).hasValue(0);
    assertThat(server.routes()).hasSize(1);
  }

  @Test
  void killedBeforeTheRequestLeftTheDraftReturnsAndIsPublishedOnce() throws Exception {
    Path db = dir.resolve("acct.db");
    Path serverFile = dir.resolve("server-routes.json");
    Draft d = draftWithAssignment(db);

    runChildUntil(db, serverFile, d, "before-post", "POSTING");

    FakeFlowrouteClient server = serverKeptIn(serverFile);
    assertThat(server.routes()).isEmpty();
    try (LocalStore store = LocalStore.open(db)) {
      assertThat(store.findDraft(d.id()).orElseThrow().state()).isEqualTo(DraftState.PUBLISHING);
      DraftService service = new DraftService(store, server, Runnable::run);
      PublishResult resumed = service.resumeInterrupted().join().getFirst();
      assertThat(resumed.outcome()).isEqualTo(PublishOutcome.RETURNED_TO_DRAFT);
      assertThat(store.findDraft(d.id()).orElseThrow().state()).isEqualTo(DraftState.DRAFT);
      assertThat(store.pendingAssignments(d.id())).hasSize(1);

      PublishResult published = service.publish(d.id()).join();
      assertThat(published.outcome()).isEqualTo(PublishOutcome.PUBLISHED);
      assertThat(published.isComplete()).isTrue();
    }
    assertThat(server.createCalls).hasValue(1);
    assertThat(server.routes()).hasSize(1);
  }
}
