package io.routedesk.service;

import io.routedesk.flowroute.FlowrouteClient;
import io.routedesk.store.AppDirs;
import io.routedesk.store.LocalStore;
import io.routedesk.store.OpenReport;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local side of one account, set up in one place: its SQLite store (opened off the UI thread,
 * recovered if damaged), the drafts and the saved copy of the account built on it, the watcher that
 * notices when Flowroute is reachable again, and the check of publishes a crash interrupted. Open
 * one whenever the current account changes; close the previous one.
 *
 * <p>Disk and network work of these services runs on the workspace's own executor (virtual
 * threads), which {@link #close()} stops together with the store.
 */
public final class AccountWorkspace implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AccountWorkspace.class);

  private final String accountId;
  private final LocalStore store;
  private final ExecutorService executor;
  private final ChangeEngine changes;
  private final DraftService drafts;
  private final AccountSnapshotService snapshots;
  private final ReachabilityWatcher reachability;
  private final CompletableFuture<List<PublishResult>> resumed;
  private final CompletableFuture<List<ChangeEngine.Interruption>> interrupted;

  private AccountWorkspace(
      String accountId,
      LocalStore store,
      ExecutorService executor,
      FlowrouteClient client,
      ReachabilityWatcher.Schedule probeSchedule) {
    this.accountId = accountId;
    this.store = store;
    this.executor = executor;
    this.changes = new ChangeEngine(store, client, executor);
    this.drafts = new DraftService(store, client, executor, changes);
    this.snapshots = new AccountSnapshotService(store, client, executor);
    this.reachability = new ReachabilityWatcher(client, probeSchedule);
    // Drafts a crash left PUBLISHING are looked up on the server (never sent again). Offline they
    // stay PUBLISHING (STILL_UNKNOWN) and are checked again when publishing.
    this.resumed =
        drafts
            .resumeInterrupted()
            .exceptionally(
                e -> {
                  LOG.warn("Checking interrupted publishes failed", e);
                  return List.of();
                });
    // Batches a crash cut off: their numbers are re-read from Flowroute (after the publishes
    // above are settled, so a publish's own batch is judged with its draft known).
    this.interrupted =
        resumed
            .thenCompose(r -> changes.findInterrupted())
            .exceptionally(
                e -> {
                  LOG.warn("Checking interrupted changes failed", e);
                  return List.of();
                });
  }

  /**
   * Opens the workspace of {@code accountId} under the user's data folder, on a background thread.
   * The future completes once the store is open and the services are ready; checking interrupted
   * publishes continues in the background ({@link #resumed()}).
   */
  public static CompletableFuture<AccountWorkspace> open(
      AppDirs dirs, String accountId, FlowrouteClient client) {
    return open(
        () -> LocalStore.open(dirs, accountId),
        accountId,
        client,
        ReachabilityWatcher.Schedule.DEFAULT);
  }

  /** Opens the workspace on a given database file (tests, benchmarks, portable set-ups). */
  public static CompletableFuture<AccountWorkspace> open(
      Path databaseFile,
      String accountId,
      FlowrouteClient client,
      ReachabilityWatcher.Schedule probeSchedule) {
    return open(() -> LocalStore.open(databaseFile), accountId, client, probeSchedule);
  }

  /**
   * A workspace whose store lives in memory: nothing is kept after closing (previews, benchmarks of
   * the window that are not about the store).
   */
  public static CompletableFuture<AccountWorkspace> openInMemory(
      String accountId, FlowrouteClient client) {
    return open(LocalStore::inMemory, accountId, client, ReachabilityWatcher.Schedule.DEFAULT);
  }

  private static CompletableFuture<AccountWorkspace> open(
      Supplier<LocalStore> opener,
      String accountId,
      FlowrouteClient client,
      ReachabilityWatcher.Schedule probeSchedule) {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(probeSchedule, "probeSchedule");
    ExecutorService executor =
        Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("routedesk-local-" + accountId + "-", 0).factory());
    return CompletableFuture.supplyAsync(
            () -> {
              LocalStore store = opener.get();
              OpenReport report = store.openReport();
              if (report.needsAttention()) {
                LOG.warn("Local data of {}: {}", accountId, report.summary());
              } else {
                LOG.info("Local data of {}: {}", accountId, report.summary());
              }
              return new AccountWorkspace(accountId, store, executor, client, probeSchedule);
            },
            executor)
        .whenComplete(
            (w, e) -> {
              if (e != null) {
                executor.shutdownNow();
              }
            });
  }

  public String accountId() {
    return accountId;
  }

  /** What happened when the database was opened (recovered, temporary, ...): show it if needed. */
  public OpenReport openReport() {
    return store.openReport();
  }

  /** The one way changes reach the account's live routing (journaled; see {@link ChangeEngine}). */
  public ChangeEngine changes() {
    return changes;
  }

  public DraftService drafts() {
    return drafts;
  }

  public AccountSnapshotService snapshots() {
    return snapshots;
  }

  public ReachabilityWatcher reachability() {
    return reachability;
  }

  /** The outcome of checking publishes interrupted by a crash (empty when there were none). */
  public CompletableFuture<List<PublishResult>> resumed() {
    return resumed;
  }

  /**
   * Change batches a crash cut off, each classified by a fresh reading of its numbers (empty when
   * there were none, or Flowroute could not be asked; they stay in the history either way).
   */
  public CompletableFuture<List<ChangeEngine.Interruption>> interrupted() {
    return interrupted;
  }

  /** The store itself, for tests and diagnostics; the services are the way to change it. */
  public LocalStore store() {
    return store;
  }

  @Override
  public void close() {
    reachability.close();
    // Let a write in progress commit; only work still waiting on the network is interrupted.
    executor.shutdown();
    try {
      if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
        executor.shutdownNow();
        executor.awaitTermination(3, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    store.close();
  }
}
