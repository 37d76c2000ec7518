package io.routedesk.service;

import io.routedesk.domain.EdgeStrategy;
import io.routedesk.domain.NumberDetails;
import io.routedesk.domain.NumberRouting;
import io.routedesk.domain.PhoneNumber;
import io.routedesk.domain.Route;
import io.routedesk.flowroute.CancellationToken;
import io.routedesk.flowroute.FlowrouteClient;
import io.routedesk.flowroute.FlowrouteClient.ProgressListener;
import io.routedesk.flowroute.FlowrouteException;
import io.routedesk.store.AccountSnapshot;
import io.routedesk.store.LocalStore;
import io.routedesk.store.SnapshotDiff;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The account's routes, numbers and routing: shown at once from the local cache ({@link
 * #loadCached()}), then refreshed from Flowroute ({@link #refresh}) and saved for the next start
 * and for offline work.
 */
public final class AccountSnapshotService {
  private static final Logger LOG = LoggerFactory.getLogger(AccountSnapshotService.class);

  private final LocalStore store;
  private final Executor executor;
  private final Clock clock;
  private final FlowrouteClient client;
  private final AccountService account;
  // What the store says about the multi-number details call; written when the client learns
  // otherwise.
  private volatile boolean detailsManyAtOnce;

  public AccountSnapshotService(LocalStore store, FlowrouteClient client, Executor executor) {
    this(store, client, executor, Clock.systemUTC());
  }

  public AccountSnapshotService(
      LocalStore store, FlowrouteClient client, Executor executor, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.executor = Objects.requireNonNull(executor, "executor");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.client = Objects.requireNonNull(client, "client");
    this.account = new AccountService(client, executor);
    // Before the account's first read: a refresh then reads many numbers per request from its
    // first round trip, instead of trying one batch alone and slow-starting as on a new account.
    this.detailsManyAtOnce = rememberedDetailsManyAtOnce(store);
    if (detailsManyAtOnce) {
      client.assumeDetailsManyAtOnce();
    }
  }

  private static boolean rememberedDetailsManyAtOnce(LocalStore store) {
    try {
      return store.detailsManyAtOnce();
    } catch (RuntimeException e) {
      LOG.warn("How number details were read last time could not be read: {}", e.getMessage());
      return false; // the first read tries the call again
    }
  }

  /** The last saved snapshot (empty, with a null refresh time, before the first refresh). */
  public CompletableFuture<AccountSnapshot> loadCached() {
    return CompletableFuture.supplyAsync(store::loadSnapshot, executor);
  }

  public CompletableFuture<RefreshResult> refresh() {
    return refresh(ProgressListener.NONE, CancellationToken.NONE);
  }

  /**
   * Reads the account as the window does ({@link AccountService#loadNumbers}: routes, edge
   * strategies, numbers page by page and their routing as each page comes in) and saves it as the
   * new snapshot in one transaction ({@link #saveLoaded}). Numbers whose details fail keep their
   * last known routing and are named in the result. If the routes or numbers cannot be listed the
   * future fails (with the {@link FlowrouteException}) and the cache is left as it was; a cancelled
   * refresh saves nothing and fails with a {@link CancellationException}.
   *
   * @param detailsProgress routing reads done of the numbers listed so far
   */
  public CompletableFuture<RefreshResult> refresh(
      ProgressListener detailsProgress, CancellationToken cancel) {
    CompletableFuture<List<Route>> routes = account.routes();
    CompletableFuture<List<EdgeStrategy>> edges = account.edgeStrategies();
    Collected collected = new Collected(detailsProgress);
    CompletableFuture<NumbersLoad> numbers = account.loadNumbers(collected, cancel);
    // Edge strategies only label a picker: if they fail, the saved ones will do.
    CompletableFuture<List<EdgeStrategy>> edgesOrNull = edges.exceptionally(e -> null);
    return CompletableFuture.allOf(routes, numbers, edgesOrNull)
        .thenApplyAsync(
            ignored -> {
              if (numbers.join().cancelled()) {
                throw new CancellationException("The refresh was cancelled; nothing was saved.");
              }
              List<String> notes = new ArrayList<>();
              if (edgesOrNull.join() == null) {
                notes.add(
                    "Edge strategies could not be read ("
                        + edges.handle((v, e) -> describe(e)).join()
                        + "); the saved list is shown.");
              }
              return collected.save(routes.join(), edgesOrNull.join(), notes);
            },
            executor);
  }

  /**
   * Saves a load made elsewhere as the new snapshot, in one transaction, and says what changed
   * since the previous one. The window streams the account from Flowroute once (rows appear page by
   * page) and hands the finished listing here, so the account is never read twice.
   *
   * @param routingRead the routing of every number whose details were read
   * @param routingNotRead numbers whose details could not be read, with the reason; their last
   *     known routing is kept
   * @param edgeStrategies the strategies read, or null when they could not be read (the saved ones
   *     are kept)
   */
  public CompletableFuture<RefreshResult> saveLoaded(
      List<Route> routes,
      List<PhoneNumber> numbers,
      Map<String, NumberRouting> routingRead,
      Map<String, String> routingNotRead,
      List<EdgeStrategy> edgeStrategies) {
    List<Route> r = List.copyOf(routes);
    List<PhoneNumber> n = List.copyOf(numbers);
    Map<String, NumberRouting> read = Map.copyOf(routingRead);
    Map<String, String> notRead = Map.copyOf(routingNotRead);
    List<EdgeStrategy> edges = edgeStrategies == null ? null : List.copyOf(edgeStrategies);
    return CompletableFuture.supplyAsync(
        () -> {
          List<String> notes = new ArrayList<>();
          if (edges == null) {
            notes.add("Edge strategies could not be read; the saved list is kept.");
          }
          return save(store.loadSnapshot(), r, n, read, notRead, edges, notes);
        },
        executor);
  }

  /** Records routing Flowroute confirmed (after an assignment), so the saved copy stays current. */
  public CompletableFuture<Void> recordRouting(Collection<NumberRouting> routings) {
    List<NumberRouting> copy = List.copyOf(routings);
    return CompletableFuture.runAsync(() -> store.applyRoutings(copy), executor);
  }

  /** Records a route created or edited on Flowroute. */
  public CompletableFuture<Void> recordRoute(Route route) {
    return CompletableFuture.runAsync(() -> store.upsertRoute(route), executor);
  }

  /** Forgets a route deleted on Flowroute. */
  public CompletableFuture<Void> forgetRoute(String routeId) {
    return CompletableFuture.runAsync(() -> store.deleteRoute(routeId), executor);
  }

  /** What a refresh's numbers load streamed in; the load calls it serially, never concurrently. */
  private final class Collected implements NumbersLoadListener {
    private final ProgressListener progress;
    private final List<PhoneNumber> numbers = new ArrayList<>();
    private final Map<String, NumberRouting> read = new HashMap<>();
    private final Map<String, String> notRead = new HashMap<>();

    Collected(ProgressListener progress) {
      this.progress = progress;
    }

    @Override
    public synchronized void numbers(List<PhoneNumber> page) {
      numbers.addAll(page);
    }

    @Override
    public synchronized void routing(
        List<NumberDetails> details, Map<String, FlowrouteException> failed) {
      details.forEach(d -> read.put(d.number().number(), d.routing()));
      failed.forEach((n, e) -> notRead.put(n, e.getMessage()));
    }

    @Override
    public void routingProgress(long done, long total) {
      progress.progress(done, total);
    }

    synchronized RefreshResult save(
        List<Route> routes, List<EdgeStrategy> edges, List<String> notes) {
      return AccountSnapshotService.this.save(
          store.loadSnapshot(), routes, numbers, read, notRead, edges, notes);
    }
  }

  private RefreshResult save(
      AccountSnapshot before,
      List<Route> routes,
      List<PhoneNumber> numbers,
      Map<String, NumberRouting> read,
      Map<String, String> notRead,
      List<EdgeStrategy> edges,
      List<String> notes) {
    List<EdgeStrategy> edgeStrategies = edges != null ? edges : before.edgeStrategies();
    Map<String, NumberRouting> lastKnown = before.routingByNumber();
    Map<String, String> notRefreshed = new LinkedHashMap<>();
    List<NumberRouting> routings = new ArrayList<>(numbers.size());
    for (PhoneNumber n : numbers) {
      NumberRouting r = read.get(n.number());
      if (r != null) {
        routings.add(r);
        continue;
      }
      notRefreshed.put(
          n.number(), notRead.getOrDefault(n.number(), "Not read: the refresh was cancelled."));
      NumberRouting old = lastKnown.get(n.number());
      if (old != null) {
        routings.add(old);
      }
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    // What the UI shows is exactly what was saved (duplicates from paging collapsed).
    AccountSnapshot after = store.replaceSnapshot(routes, numbers, routings, edgeStrategies, now);
    rememberHowDetailsAreRead();
    // A fixed line scripts wait for (.ci/memory-report.sh): the account is loaded and saved.
    LOG.info(
        "SAVED account copy: {} numbers, {} routes, {} numbers' routing not refreshed",
        after.numbers().size(),
        after.routes().size(),
        notRefreshed.size());
    return new RefreshResult(after, SnapshotDiff.diff(before, after), notRefreshed, notes);
  }

  /** Keeps what this session learnt about the multi-number call, for the next one. */
  private void rememberHowDetailsAreRead() {
    boolean now = client.readsDetailsManyAtOnce();
    if (now != detailsManyAtOnce) {
      try {
        store.rememberDetailsManyAtOnce(now);
        detailsManyAtOnce = now;
      } catch (RuntimeException e) {
        // Only a hint for the next start: the snapshot itself is saved.
        LOG.warn("How number details are read could not be saved: {}", e.getMessage());
      }
    }
  }

  private static String describe(Throwable e) {
    FlowrouteException fe = FlowrouteException.unwrap(e);
    return fe != null ? fe.getMessage() : String.valueOf(e);
  }
}
