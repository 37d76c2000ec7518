package io.routedesk.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.routedesk.domain.Draft;
import io.routedesk.domain.DraftState;
import io.routedesk.domain.NewRoute;
import io.routedesk.domain.Route;
import io.routedesk.domain.RouteType;
import io.routedesk.sandbox.DemoSeed;
import io.routedesk.sandbox.FlowrouteSandbox;
import io.routedesk.store.LocalStore;
import io.routedesk.testing.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two processes press "Publish all" on the same account database at the same moment, against a
 * sandbox that allows duplicate aliases (so a second create would succeed): each draft's route is
 * created exactly once.
 */
class TwoProcessPublishTest {
  @TempDir Path dir;

  @Test
  void eachRouteIsCreatedOnceWhateverElseIsPublishing() throws Exception {
    try (FlowrouteSandbox sandbox =
        FlowrouteSandbox.builder().seed(DemoSeed.of(0, 0, DemoSeed.DEFAULT_SEED)).start()) {
      sandbox.options().duplicateAliasForbidden(false);
      sandbox.faults().latencyMillis(40);
      Path db = dir.resolve("accounts").resolve("sandbox.db");
      List<Draft> drafts = new ArrayList<>();
      try (LocalStore store = LocalStore.open(db)) {
        for (int i = 0; i < 6; i++) {
          drafts.add(
              store.createDraft(
                  new NewRoute(RouteType.HOST, "10.0.0." + (i + 1) + ":5060", "twice-" + i, null)));
        }
      }
      Path go = dir.resolve("go");
      try (ChildJvm a =
              ChildJvm.start(
                  PublishAllChild.class,
                  dir.resolve("a.err"),
                  db.toString(),
                  sandbox.baseUrl(),
                  go.toString());
          ChildJvm b =
              ChildJvm.start(
                  PublishAllChild.class,
                  dir.resolve("b.err"),
                  db.toString(),
                  sandbox.baseUrl(),
                  go.toString())) {
        assertThat(a.awaitLine("READY", Duration.ofSeconds(60))).isNotNull();
        assertThat(b.awaitLine("READY", Duration.ofSeconds(60))).isNotNull();
        Files.writeString(go, "go");
        assertThat(a.awaitLine("DONE", Duration.ofSeconds(120))).as("see a.err").isNotNull();
        assertThat(b.awaitLine("DONE", Duration.ofSeconds(120))).as("see b.err").isNotNull();
      }

      List<Route> created =
          sandbox.account().routes().stream()
              .filter(r -> r.alias() != null && r.alias().startsWith("twice-"))
              .toList();
      assertThat(created).hasSize(6);
      assertThat(sandbox.requests().routePostsReceived()).isEqualTo(6);
      try (LocalStore store = LocalStore.open(db)) {
        for (Draft d : drafts) {
          Draft now = store.findDraft(d.id()).orElseThrow();
          assertThat(now.state()).isEqualTo(DraftState.PUBLISHED);
          assertThat(created).extracting(Route::id).contains(now.serverRouteId());
        }
      }
    }
  }
}
