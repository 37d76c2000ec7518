package io.routedesk.service;

import io.routedesk.domain.EdgeStrategy;
import io.routedesk.domain.NumberDetails;
import io.routedesk.domain.PhoneNumber;
import io.routedesk.domain.Route;
import io.routedesk.flowroute.BulkResult;
import io.routedesk.flowroute.CancellationToken;
import io.routedesk.flowroute.FlowrouteClient;
import io.routedesk.flowroute.FlowrouteException;
import io.routedesk.flowroute.NumberFilter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads the account: routes, edge strategies, numbers and each number's routing. Numbers stream
 * page by page (the client's pager keeps several pages in flight), and their routing is read chunk
 * by chunk (100 numbers per chunk, which the client reads with the multi-number details call where
 * the account has it, else one request per number; the numbers on screen first, {@link
 * RoutingReadOrder}), so a window can show rows at once and fill in routes as they arrive.
 */
public final class AccountService {
  // Four chunks in flight while the account's way of reading details is unknown or per number
  // (four chunks of 25 keep the client's 32 requests busy), in chunks small enough that numbers
  // preferred meanwhile wait for one chunk to end.
  private static final int LANES = 4;
  // Once a chunk is one multi-number request: as many chunks as the client has requests in flight
  // at most (32), so once the list is in, every permit reads routing; with fewer lanes the last
  // round trips ran half empty (0.85 s against 0.74 s for a 10,000-number refresh at 80 ms). A
  // lane still comes free within a round trip for the numbers on screen.
  private static final int MULTI_NUMBER_LANES = 32;
  private static final int CHUNK_SIZE = 100;
  // A screenful: the load's first chunk (it holds the first screenful, and the client does not yet
  // know how it reads details), and every chunk where details are read one number per request, so
  // rows show after 25 reads, not 100, and what the limiter has queued ahead of the rows on screen
  // stays short (four chunks of 25 still keep the client's 32 requests busy).
  private static final int SMALL_CHUNK_SIZE = 25;
  private final FlowrouteClient client;
  private final Executor executor;
  private volatile CompletableFuture<List<EdgeStrategy>> edgeStrategies;

  public AccountService(FlowrouteClient client, Executor executor) {
    this.client = client;
    this.executor = executor;
  }

  public CompletableFuture<List<Route>> routes() {
    return client.listAllRoutes(null, FlowrouteClient.ProgressListener.NONE);
  }

  /** The edge strategies, read once and then served from memory; a failed read is retried. */
  public CompletableFuture<List<EdgeStrategy>> edgeStrategies() {
    CompletableFuture<List<EdgeStrategy>> cached = edgeStrategies;
    if (cached != null && !cached.isCompletedExceptionally()) {
      return cached;
    }
    CompletableFuture<List<EdgeStrategy>> fresh = client.listEdgeStrategies();
    edgeStrategies = fresh;
    return fresh;
  }

  /**
   * Streams every number and its routing to the listener, each number once. Completes when the list
   * and all routing reads are done; exceptionally only when the number list itself cannot be read
   * (routing failures are per number, reported to the listener), including when Flowroute's paging
   * makes no progress or goes on beyond the client's {@link io.routedesk.flowroute.PagingLimits}.
   */
  public CompletableFuture<NumbersLoad> loadNumbers(
      NumbersLoadListener listener, CancellationToken cancel) {
    return loadNumbers(listener, cancel, new RoutingReadOrder());
  }

  /**
   * As {@link #loadNumbers(NumbersLoadListener, CancellationToken)}, reading routing in the given
   * order: the caller {@linkplain RoutingReadOrder#prefer prefers} the numbers on screen while the
   * load runs.
   */
  public CompletableFuture<NumbersLoad> loadNumbers(
      NumbersLoadListener listener, CancellationToken cancel, RoutingReadOrder order) {
    return new NumbersRun(listener, cancel, order).start();
  }

  /** Re-reads the routing of some numbers (e.g. after a change made elsewhere). */
  public CompletableFuture<BulkResult<NumberDetails>> reloadRouting(
      Collection<String> numbers,
      FlowrouteClient.ProgressListener progress,
      CancellationToken cancel) {
    return client.numberDetails(numbers, progress, cancel);
  }

  private final class NumbersRun {
    private final NumbersLoadListener listener;
    private final CancellationToken cancel;
    private final CompletableFuture<NumbersLoad> result = new CompletableFuture<>();
    private final AtomicLong known = new AtomicLong();
    private final AtomicLong progressDone = new AtomicLong();
    private final AtomicInteger loaded = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final RoutingReadOrder order;
    // Routing is read in chunks on several lanes (each chunk with the client's bounded
    // concurrency), so the slowest request of one chunk does not hold up the next, while the next
    // pages of numbers are still being listed. The client's limiter bounds the total. A lane takes
    // its next chunk from the read order when it is free.
    private int reading;
    private int chunks;
    private boolean listed;

    NumbersRun(NumbersLoadListener listener, CancellationToken cancel, RoutingReadOrder order) {
      this.listener = new SerialListener(listener);
      this.cancel = cancel;
      this.order = order;
    }

    CompletableFuture<NumbersLoad> start() {
      client
          .listAllNumbers(NumberFilter.NONE, FlowrouteClient.ProgressListener.NONE, this::onPage)
          .whenCompleteAsync(
              (all, error) -> {
                // A cancelled load ends as cancelled, whatever stopped its listing.
                if (error != null && !cancel.isCancelled()) {
                  result.completeExceptionally(error);
                  return;
                }
                synchronized (this) {
                  listed = true;
                }
                completeWhenDone();
              },
              executor);
      return result;
    }

    /**
     * One page's new numbers, in list order, on the client's listing thread while it reads the next
     * pages (the pager keeps pages in flight, so the list costs a few round trips, not one per
     * page).
     */
    private void onPage(List<PhoneNumber> items) {
      if (cancel.isCancelled()) {
        // Fails the listing: no further page is handed over or asked for.
        throw new CancellationException("the numbers load was cancelled");
      }
      known.addAndGet(items.size());
      listener.numbers(items);
      order.add(items.stream().map(PhoneNumber::number).toList());
      readNext();
    }

    /** Starts chunks on the free lanes. */
    private void readNext() {
      while (!cancel.isCancelled()) {
        List<String> chunk;
        synchronized (this) {
          if (reading >= (client.readsDetailsManyAtOnce() ? MULTI_NUMBER_LANES : LANES)) {
            return;
          }
          boolean small = chunks == 0 || client.readsDetailsOneByOne();
          chunk = order.take(small ? SMALL_CHUNK_SIZE : CHUNK_SIZE);
          if (chunk.isEmpty()) {
            return;
          }
          reading++;
          chunks++;
        }
        readRouting(chunk)
            .whenComplete(
                (v, e) -> {
                  synchronized (this) {
                    reading--;
                  }
                  readNext();
                  completeWhenDone();
                });
      }
    }

    private void completeWhenDone() {
      synchronized (this) {
        if (!listed || reading > 0 || (!order.isEmpty() && !cancel.isCancelled())) {
          return;
        }
      }
      result.complete(
          new NumbersLoad((int) known.get(), loaded.get(), failed.get(), cancel.isCancelled()));
    }

    private CompletableFuture<Void> readRouting(List<String> chunk) {
      if (chunk.isEmpty() || cancel.isCancelled()) {
        return CompletableFuture.completedFuture(null);
      }
      // Progress arrives per chunk as "d of this chunk": add the increments to one total.
      AtomicLong seenInChunk = new AtomicLong();
      return client
          .numberDetails(
              chunk,
              (d, t) -> {
                long delta = d - seenInChunk.getAndSet(d);
                listener.routingProgress(progressDone.addAndGet(delta), known.get());
              },
              cancel)
          .handleAsync(
              (bulk, error) -> {
                Map<String, FlowrouteException> failures = new LinkedHashMap<>();
                List<NumberDetails> details = new ArrayList<>();
                if (error != null) {
                  FlowrouteException fe = asFlowrouteException(error);
                  chunk.forEach(n -> failures.put(n, fe));
                } else {
                  details.addAll(bulk.succeeded().values());
                  failures.putAll(bulk.failed());
                }
                loaded.addAndGet(details.size());
                failed.addAndGet(failures.size());
                // Count the whole chunk as done (failed reads report no progress of their own).
                long rest = chunk.size() - seenInChunk.getAndSet(chunk.size());
                listener.routing(details, failures);
                listener.routingProgress(progressDone.addAndGet(rest), known.get());
                return null;
              },
              executor);
    }
  }

  /** Serializes calls: pages, routing chunks and progress arrive on different threads. */
  private record SerialListener(NumbersLoadListener delegate) implements NumbersLoadListener {
    @Override
    public void numbers(List<PhoneNumber> page) {
      synchronized (this) {
        delegate.numbers(page);
      }
    }

    @Override
    public void routing(List<NumberDetails> details, Map<String, FlowrouteException> failed) {
      synchronized (this) {
        delegate.routing(details, failed);
      }
    }

    @Override
    public void routingProgress(long done, long total) {
      synchronized (this) {
        delegate.routingProgress(done, total);
      }
    }
  }

  static FlowrouteException asFlowrouteException(Throwable error) {
    FlowrouteException fe = FlowrouteException.unwrap(error);
    if (fe != null) {
      return fe;
    }
    return new FlowrouteException(
        FlowrouteException.Kind.OTHER,
        0,
        null,
        null,
        null,
        "Reading routing failed: " + ChangeEngine.reasonOf(error),
        error);
  }
}
