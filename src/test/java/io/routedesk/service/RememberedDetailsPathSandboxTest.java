package io.routedesk.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.routedesk.flowroute.OkHttpFlowrouteClient;
import io.routedesk.sandbox.DemoSeed;
import io.routedesk.sandbox.Endpoint;
import io.routedesk.sandbox.FlowrouteSandbox;
import io.routedesk.sandbox.SandboxOptions.MultiNumberDetails;
import io.routedesk.store.LocalStore;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The account's saved copy remembers whether the multi-number details call worked, so the next
 * session (a new client) uses it from its first read, and forgets it when it stops working.
 */
class RememberedDetailsPathSandboxTest {
  @TempDir Path dir;
  private FlowrouteSandbox sandbox;
  private ExecutorService executor;

  @BeforeEach
  void setUp() throws Exception {
    sandbox = FlowrouteSandbox.builder().seed(DemoSeed.small()).start();
    sandbox.options().multiNumberDetails(MultiNumberDetails.ON);
    executor = Executors.newVirtualThreadPerTaskExecutor();
  }

  @AfterEach
  void tearDown() {
    executor.shutdownNow();
    sandbox.close();
  }

  /** One session: a new client and the services over the account's store; true if complete. */
  private boolean session(Path db, SessionCheck beforeRefresh) {
    try (LocalStore store = LocalStore.open(db);
        OkHttpFlowrouteClient client =
            OkHttpFlowrouteClient.builder()
                .baseUrl(sandbox.baseUrl())
                .credentials(sandbox.accessKey(), sandbox.secretKey())
                .build()) {
      AccountSnapshotService snapshots = new AccountSnapshotService(store, client, executor);
      beforeRefresh.check(client);
      return snapshots.refresh().join().isComplete();
    }
  }

  @FunctionalInterface
  private interface SessionCheck {
    void check(OkHttpFlowrouteClient client);
  }

  @Test
  void theNextSessionReadsManyNumbersPerRequestFromItsFirstRead() {
    Path db = dir.resolve("account.db");
    assertThat(
            session(
                db,
                client -> {
                  assertThat(client.readsDetailsManyAtOnce()).isFalse();
                  assertThat(client.concurrencyLimit()).isEqualTo(8);
                }))
        .isTrue();

    assertThat(
            session(
                db,
                client -> {
                  assertThat(client.readsDetailsManyAtOnce()).isTrue();
                  assertThat(client.concurrencyLimit()).as("no slow start").isEqualTo(32);
                }))
        .isTrue();
    try (LocalStore store = LocalStore.open(db)) {
      assertThat(store.detailsManyAtOnce()).isTrue();
    }
  }

  @Test
  void anAccountThatLostTheCallIsReadInFullAndForgetsIt() {
    Path db = dir.resolve("account.db");
    session(db, client -> {});
    sandbox.options().multiNumberDetails(MultiNumberDetails.OFF);
    sandbox.requests().reset();

    assertThat(session(db, client -> assertThat(client.readsDetailsManyAtOnce()).isTrue()))
        .as("every number's routing read")
        .isTrue();

    assertThat(sandbox.requests().received(Endpoint.NUMBER_DETAILS))
        .isEqualTo(sandbox.account().numbers().size());
    try (LocalStore store = LocalStore.open(db)) {
      assertThat(store.detailsManyAtOnce()).isFalse();
    }
    // The session after that tries the call once again before relying on it.
    session(db, client -> assertThat(client.readsDetailsManyAtOnce()).isFalse());
  }
}
