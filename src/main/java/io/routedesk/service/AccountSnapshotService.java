package io.routedesk.service;

import io.routedesk.domain.EdgeStrategy;
import io.routedesk.domain.NumberDetails;
import io.routedesk.domain.NumberRouting;
import io.routedesk.domain.PhoneNumber;
import io.routedesk.domain.Route;
import io.routedesk.flowroute.BulkResult;
import io.routedesk.flowroute.CancellationToken;
import io.routedesk.flowroute.FlowrouteClient;
import io.routedesk.flowroute.FlowrouteClient.ProgressListener;
import io.routedesk.flowroute.FlowrouteException;
import io.routedesk.flowroute.NumberFilter;
import io.routedesk.store.AccountSnapshot;
import io.routedesk.store.LocalStore;
import io.routedesk.store.SnapshotDiff;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
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
  private final FlowrouteClient client;
  private final Executor executor;
  private final Clock clock;

  public AccountSnapshotService(LocalStore store, FlowrouteClient client, Executor executor) {
    this(store, client, executor, Clock.systemUTC());
  }

  public AccountSnapshotService(
      LocalStore store, FlowrouteClient client, Executor executor, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.client = Objects.requireNonNull(client, "client");
    this.executor = Objects.requireNonNull(executor, "executor");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The last saved snapshot (empty, with a null refresh time, before the first refresh). */
  public CompletableFuture<AccountSnapshot> loadCached() {
    return CompletableFuture.supplyAsync(store::loadSnapshot, executor);
  }

  public CompletableFuture<RefreshResult> refresh() {
    return refresh(ProgressListener.NONE, CancellationToken.NONE);
  }

  /**
   * Lists routes, numbers and edge strategies, reads every number's routing, and replaces the cache
   * in one transaction. Numbers whose details fail (or are skipped by cancelling) keep their last
   * known routing and are named in the result. If the routes or numbers cannot be listed the future
   * fails (with the {@link FlowrouteException}) and the cache is left as it was.
   *
   * @param detailsProgress progress of the details phase (the long one), in numbers read; the total
   *     is -1 until every number is listed
   */
  public CompletableFuture<RefreshResult> refresh(
      ProgressListener detailsProgress, CancellationToken cancel) {
    CompletableFuture<AccountSnapshot> before =
        CompletableFuture.supplyAsync(store::loadSnapshot, executor);
    CompletableFuture<List<Route>> routes = client.listAllRoutes(null, ProgressListener.NONE);
    CompletableFuture<List<EdgeStrategy>> edges = client.listEdgeStrategies();
    // Each page's routing is read as soon as the page is in, while later pages are still listed.
    DetailsByPage detailsByPage = new DetailsByPage(detailsProgress, cancel);
    CompletableFuture<List<PhoneNumber>> numbers =
        client.listAllNumbers(NumberFilter.NONE, ProgressListener.NONE, detailsByPage::read);
    CompletableFuture<BulkResult<NumberDetails>> details =
        numbers.thenCompose(list -> detailsByPage.all(list.size()));
    // Edge strategies only label a picker: if they fail, the cached ones will do.
    CompletableFuture<List<EdgeStrategy>> edgesOrNull = edges.exceptionally(e -> null);
    return CompletableFuture.allOf(before, routes, numbers, details, edgesOrNull)
        .thenApplyAsync(
            ignored ->
                save(
                    before.join(),
                    routes.join(),
                    numbers.join(),
                    details.join(),
                    edgesOrNull.join(),
                    edges),
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

  /** The details of every page of numbers, read as the page comes in. */
  private final class DetailsByPage {
    private final ProgressListener progress;
    private final CancellationToken cancel;
    private final List<CompletableFuture<BulkResult<NumberDetails>>> reads = new ArrayList<>();
    private final AtomicLong done = new AtomicLong();
    private volatile long total = -1;

    DetailsByPage(ProgressListener progress, CancellationToken cancel) {
      this.progress = progress;
      this.cancel = cancel;
    }

    /** Starts reading a page's routing (on the client's thread that listed it). */
    void read(List<PhoneNumber> page) {
      if (page.isEmpty()) {
        return;
      }
      // Each read reports "d of this page": add the increments to one total.
      AtomicLong seen = new AtomicLong();
      CompletableFuture<BulkResult<NumberDetails>> read =
          client.numberDetails(
              page.stream().map(PhoneNumber::number).toList(),
              (d, t) -> progress.progress(done.addAndGet(d - seen.getAndSet(d)), total),
              cancel);
      synchronized (reads) {
        reads.add(read);
      }
    }

    /** Every page's details in one result, once the list is complete ({@code listed} numbers). */
    CompletableFuture<BulkResult<NumberDetails>> all(int listed) {
      total = listed;
      if (done.get() == listed) {
        progress.progress(listed, listed); // every read ended before the listing did
      }
      List<CompletableFuture<BulkResult<NumberDetails>>> started;
      synchronized (reads) {
        started = List.copyOf(reads);
      }
      return CompletableFuture.allOf(started.toArray(CompletableFuture[]::new))
          .thenApply(
              ignored -> {
                Map<String, NumberDetails> succeeded = new LinkedHashMap<>();
                Map<String, FlowrouteException> failed = new LinkedHashMap<>();
                List<String> skipped = new ArrayList<>();
                for (CompletableFuture<BulkResult<NumberDetails>> read : started) {
                  BulkResult<NumberDetails> result = read.join();
                  succeeded.putAll(result.succeeded());
                  failed.putAll(result.failed());
                  skipped.addAll(result.skipped());
                }
                return new BulkResult<>(succeeded, failed, skipped);
              });
    }
  }

  private RefreshResult save(
      AccountSnapshot before,
      List<Route> routes,
      List<PhoneNumber> numbers,
      BulkResult<NumberDetails> details,
      List<EdgeStrategy> edges,
      CompletableFuture<List<EdgeStrategy>> edgesCall) {
    List<String> notes = new ArrayList<>();
    if (edges == null) {
      notes.add(
          "Edge strategies could not be read ("
              + edgesCall.handle((v, e) -> describe(e)).join()
              + "); the saved list is shown.");
    }
    Map<String, NumberRouting> read = new LinkedHashMap<>();
    details.succeeded().forEach((number, d) -> read.put(number, d.routing()));
    Map<String, String> notRead = new LinkedHashMap<>();
    for (PhoneNumber n : numbers) {
      if (!read.containsKey(n.number())) {
        FlowrouteException failure = details.failed().get(n.number());
        notRead.put(
            n.number(),
            failure != null ? failure.getMessage() : "Not read: the refresh was cancelled.");
      }
    }
    return save(before, routes, numbers, read, notRead, edges, notes);
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
    // A fixed line scripts wait for (.ci/memory-report.sh): the account is loaded and saved.
    LOG.info(
        "SAVED account copy: {} numbers, {} routes, {} numbers' routing not refreshed",
        after.numbers().size(),
        after.routes().size(),
        notRefreshed.size());
    return new RefreshResult(after, SnapshotDiff.diff(before, after), notRefreshed, notes);
  }

  private static String describe(Throwable e) {
    FlowrouteException fe = FlowrouteException.unwrap(e);
    return fe != null ? fe.getMessage() : String.valueOf(e);
  }
}
