package io.routedesk.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.routedesk.domain.Draft;
import io.routedesk.domain.DraftState;
import io.routedesk.domain.NewRoute;
import io.routedesk.domain.RouteType;
import io.routedesk.store.AppDirs;
import io.routedesk.store.LocalStore;
import io.routedesk.store.OpenReport;
import io.routedesk.testing.FakeFlowrouteClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountWorkspaceTest {
  @TempDir Path dir;

  @Test
  void opensTheAccountsDatabaseUnderTheDataFolderOffTheCallingThread() throws Exception {
    AppDirs dirs = AppDirs.under(dir);
    FakeFlowrouteClient server = FakeFlowrouteClient.emptyAccount();
    Thread caller = Thread.currentThread();
    try (AccountWorkspace w =
        AccountWorkspace.open(dirs, "sandbox", server).get(20, TimeUnit.SECONDS)) {
      assertThat(w.accountId()).isEqualTo("sandbox");
      assertThat(w.openReport().status()).isEqualTo(OpenReport.Status.CREATED);
      assertThat(w.store().file()).contains(LocalStore.databaseFile(dirs, "sandbox"));
      Draft d =
          w.drafts().createDraft(new NewRoute(RouteType.HOST, "h.example.com", "h", null)).join();
      assertThat(d.state()).isEqualTo(DraftState.DRAFT);
      assertThat(w.resumed().get(20, TimeUnit.SECONDS)).isEmpty();
      assertThat(caller.isAlive()).isTrue();
    }
    // Closed: the draft is on disk for the next start.
    try (LocalStore again = LocalStore.open(LocalStore.databaseFile(dirs, "sandbox"))) {
      assertThat(again.listDrafts()).extracting(Draft::alias).containsExactly("h");
    }
  }

  @Test
  void anInterruptedPublishIsResolvedWhenTheWorkspaceOpens() throws Exception {
    Path db = dir.resolve("acct.db");
    FakeFlowrouteClient server = FakeFlowrouteClient.emptyAccount();
    UUID id;
    try (LocalStore store = LocalStore.open(db)) {
      Draft d = store.createDraft(new NewRoute(RouteType.HOST, "pbx.example.com", "office", null));
      store.beginPublishing(d.id(), "token-1");
      id = d.id();
    }
    // The crash happened after Flowroute created it: it is there, with the same alias and value.
    server.addRoute(new NewRoute(RouteType.HOST, "pbx.example.com", "office", null));

    try (AccountWorkspace w =
        AccountWorkspace.open(db, "acct", server, ReachabilityWatcher.Schedule.DEFAULT)
            .get(20, TimeUnit.SECONDS)) {
      List<PublishResult> resumed = w.resumed().get(20, TimeUnit.SECONDS);
      assertThat(resumed)
          .singleElement()
          .extracting(PublishResult::outcome)
          .isEqualTo(PublishOutcome.RECOVERED);
      assertThat(w.store().findDraft(id).orElseThrow().state()).isEqualTo(DraftState.PUBLISHED);
    }
    assertThat(server.createCalls).hasValue(0);
  }

  @Test
  void aDamagedDatabaseStillOpensAndSaysWhatHappened() throws Exception {
    Path db = dir.resolve("acct.db");
    Files.write(
        db, "this is not a database, just some text that is long enough".repeat(50).getBytes());
    try (AccountWorkspace w =
        AccountWorkspace.open(
                db,
                "acct",
                FakeFlowrouteClient.emptyAccount(),
                ReachabilityWatcher.Schedule.DEFAULT)
            .get(20, TimeUnit.SECONDS)) {
      assertThat(w.openReport().status()).isEqualTo(OpenReport.Status.RECOVERED);
      assertThat(w.openReport().needsAttention()).isTrue();
      assertThat(w.openReport().summary()).contains("moved to");
      assertThat(w.snapshots().loadCached().join().isRefreshed()).isFalse();
    }
  }
}
