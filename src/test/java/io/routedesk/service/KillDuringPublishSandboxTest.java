package io.routedesk.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.routedesk.domain.Draft;
import io.routedesk.domain.DraftState;
import io.routedesk.domain.NewRoute;
import io.routedesk.domain.Route;
import io.routedesk.domain.RouteType;
import io.routedesk.domain.VoiceSlot;
import io.routedesk.flowroute.OkHttpFlowrouteClient;
import io.routedesk.sandbox.DemoSeed;
import io.routedesk.sandbox.FlowrouteSandbox;
import io.routedesk.store.ChangeJournal;
import io.routedesk.store.LocalStore;
import io.routedesk.testing.ChildJvm;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * kill -9 of a child JVM publishing a draft (real OkHttp client) against the sandbox in this JVM,
 * at three moments: before the create request leaves, after the sandbox created the route, and
 * after the pending assignments were applied. After a restart (the account's workspace opened
 * again, then "Publish all"): no draft lost or duplicated, the route exists exactly once on the
 * sandbox, it was POSTed at most once, and the pending assignments are in effect.
 */
class KillDuringPublishSandboxTest {
  private static final String ALIAS = "crash-pbx";

  @TempDir Path dir;
  private FlowrouteSandbox sandbox;
  private OkHttpFlowrouteClient client;
  private Path db;
  private Draft draft;
  private List<String> numbers;

  @BeforeEach
  void setUp() throws Exception {
    sandbox = FlowrouteSandbox.builder().seed(DemoSeed.small()).start();
    client =
        OkHttpFlowrouteClient.builder()
            .baseUrl(sandbox.baseUrl())
            .credentials(sandbox.accessKey(), sandbox.secretKey())
            .build();
    db = dir.resolve("sandbox.db");
    numbers = sandbox.account().numbers().stream().limit(2).map(n -> n.number()).toList();
    try (LocalStore store = LocalStore.open(db)) {
      draft = store.createDraft(new NewRoute(RouteType.HOST, "10.1.2.3:5060", ALIAS, null));
      store.addPendingAssignments(draft.id(), numbers, VoiceSlot.PRIMARY);
    }
  }

  @AfterEach
  void tearDown() {
    client.close();
    sandbox.close();
  }

  private List<Route> onSandbox() {
    return sandbox.account().routes().stream().filter(r -> ALIAS.equals(r.alias())).toList();
  }

  @ParameterizedTest(name = "killed {0}")
  @CsvSource({"before-post, POSTING, 0", "after-post, CREATED, 1", "after-assign, ASSIGNED, 1"})
  void afterRestartNothingIsLostOrDuplicatedAndTheRouteExistsOnce(
      String mode, String line, int routesWhenKilled) throws Exception {
    List<String> childOutput =
        ChildJvm.runUntilThenKill(
            SandboxPublishCrashChild.class,
            dir.resolve(mode + ".err"),
            line,
            db.toString(),
            sandbox.baseUrl(),
            draft.id().toString(),
            mode,
            String.valueOf(numbers.size()));
    assertThat(childOutput).noneMatch(l -> l.startsWith("UNEXPECTED"));
    assertThat(onSandbox()).hasSize(routesWhenKilled);

    // Restart: the workspace checks interrupted publishes as it opens, then the user publishes.
    try (AccountWorkspace w =
        AccountWorkspace.open(db, "sandbox", client, ReachabilityWatcher.Schedule.DEFAULT)
            .get(30, TimeUnit.SECONDS)) {
      w.resumed().get(30, TimeUnit.SECONDS);
      List<PublishResult> results = w.drafts().publishAll().get(60, TimeUnit.SECONDS);
      assertThat(results)
          .as("%s", results)
          .singleElement()
          .satisfies(r -> assertThat(r.isComplete()).as(r.message()).isTrue());

      List<Draft> drafts = w.store().listDrafts();
      assertThat(drafts).singleElement().extracting(Draft::id).isEqualTo(draft.id());
      Draft after = drafts.getFirst();
      assertThat(after.state()).isEqualTo(DraftState.PUBLISHED);
      assertThat(w.store().allPendingAssignments()).isEmpty();
      // A killed run's batch stays in the history as interrupted until the user decides; the
      // second publish sent only what had not landed, so Flowroute has every assignment.
      assertThat(ChangeJournal.of(w.store()).batches())
          .as("the publish batches are journaled")
          .isNotEmpty();

      List<Route> routes = onSandbox();
      assertThat(routes).hasSize(1);
      assertThat(after.serverRouteId()).isEqualTo(routes.getFirst().id());
      for (String n : numbers) {
        assertThat(sandbox.account().primaryRouteId(n)).isEqualTo(routes.getFirst().id());
      }
    }
    assertThat(sandbox.requests().routePostsReceived()).isEqualTo(1);
  }
}
