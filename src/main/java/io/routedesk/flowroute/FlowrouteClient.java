package io.routedesk.flowroute;

import io.routedesk.domain.EdgeStrategy;
import io.routedesk.domain.NewRoute;
import io.routedesk.domain.NumberDetails;
import io.routedesk.domain.PhoneNumber;
import io.routedesk.domain.Route;
import io.routedesk.domain.RouteType;
import io.routedesk.domain.VoiceSlot;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Asynchronous Flowroute Numbers API v2 client. Every method returns at once; the future completes
 * on a client thread, exceptionally with a {@link FlowrouteException} (possibly wrapped in a
 * CompletionException) when the call fails. Implementations never block the caller's thread.
 */
public interface FlowrouteClient extends AutoCloseable {

  /** Maximum page size Flowroute accepts for routes and numbers. */
  int MAX_PAGE_SIZE = 200;

  /** One page of GET /v2/routes. {@code type} may be null for all types. */
  CompletableFuture<Page<Route>> listRoutes(RouteType type, int limit, int offset);

  /** Every route, following links.next until the last page. */
  CompletableFuture<List<Route>> listAllRoutes(RouteType type, ProgressListener progress);

  /**
   * POST /v2/routes. Never blindly re-sent: after an ambiguous failure the client looks for a route
   * with the same alias, type and value before trying again, so a flaky network neither duplicates
   * nor loses a route. A route that breaks a rule of {@link io.routedesk.domain.RouteValues} (or is
   * of a type that cannot be created) fails with kind INVALID, status 0, without any request.
   */
  CompletableFuture<Route> createRoute(NewRoute route);

  /**
   * PATCH /v2/routes/{id}: replaces alias, type, value and edge strategy. Checked like {@link
   * #createRoute} before anything is sent.
   */
  CompletableFuture<Route> updateRoute(String routeId, NewRoute route);

  /** DELETE /v2/routes/{id}. Flowroute refuses (403) while a number still uses the route. */
  CompletableFuture<Void> deleteRoute(String routeId);

  /** GET /v2/routes/edge_strategies. */
  CompletableFuture<List<EdgeStrategy>> listEdgeStrategies();

  /** One page of GET /v2/numbers with optional filters. */
  CompletableFuture<Page<PhoneNumber>> listNumbers(NumberFilter filter, int limit, int offset);

  /** Every number matching the filter, all pages. */
  CompletableFuture<List<PhoneNumber>> listAllNumbers(
      NumberFilter filter, ProgressListener progress);

  /**
   * As {@link #listAllNumbers(NumberFilter, ProgressListener)}, handing each page's numbers to
   * {@code onPage} (in list order, each number once, on a client thread) as soon as the page is in,
   * so their details can be read while later pages are still being listed. An exception thrown by
   * {@code onPage} fails the listing. This default hands the whole list over at the end.
   */
  default CompletableFuture<List<PhoneNumber>> listAllNumbers(
      NumberFilter filter, ProgressListener progress, Consumer<List<PhoneNumber>> onPage) {
    return listAllNumbers(filter, progress)
        .thenApply(
            numbers -> {
              onPage.accept(numbers);
              return numbers;
            });
  }

  /** GET /v2/numbers/{number}: attributes, primary/failover route ids and included routes. */
  CompletableFuture<NumberDetails> numberDetails(String number);

  /**
   * Details of many numbers: with POST /v2/numbers/details (many numbers per request, documented
   * for v2.1 only) where the account answers it, else one GET /v2/numbers/{number} each; either way
   * with adaptive bounded concurrency. Completes when all are done; numbers that failed are
   * reported in the result.
   */
  CompletableFuture<BulkResult<NumberDetails>> numberDetails(
      Collection<String> numbers, ProgressListener progress, CancellationToken cancel);

  /**
   * Whether number details are read one number per request on this account (it has no multi-number
   * call), as far as the client knows yet: false before the first read.
   */
  default boolean readsDetailsOneByOne() {
    return false;
  }

  /**
   * Whether the multi-number details call has worked on this account, so a read of many numbers
   * costs one request per batch: false before the first read (unless it {@linkplain
   * #assumeDetailsManyAtOnce worked in an earlier session}) and where it does not work.
   */
  default boolean readsDetailsManyAtOnce() {
    return false;
  }

  /**
   * The multi-number details call worked on this account in an earlier session (the caller keeps
   * that with the account's saved copy). A client that has the call then reads many numbers without
   * first trying one batch alone, and at its full concurrency from the first request; the first
   * answers still decide, so an account that lost the call falls back to per-number reads. Call it
   * before the first read; later it changes nothing.
   */
  default void assumeDetailsManyAtOnce() {}

  /** PATCH /v2/numbers/{number}/relationships/{primary_route|failover_route}. */
  CompletableFuture<Void> setRoute(String number, VoiceSlot slot, String routeId);

  /** DELETE /v2/numbers/{number}/relationships/{primary_route|failover_route}. */
  CompletableFuture<Void> removeRoute(String number, VoiceSlot slot);

  /**
   * Sets (routeId non-null) or removes (null) one slot on many numbers with adaptive bounded
   * concurrency; each number's outcome is reported through the listener as it lands.
   */
  CompletableFuture<BulkResult<Void>> setRoutes(
      Map<String, String> routeIdByNumber,
      VoiceSlot slot,
      ProgressListener progress,
      CancellationToken cancel);

  @Override
  void close();

  /** Receives progress of multi-request operations, on a client thread. */
  @FunctionalInterface
  interface ProgressListener {
    ProgressListener NONE = (done, total) -> {};

    /** total is -1 while unknown (paging with no total count). */
    void progress(long done, long total);
  }
}
