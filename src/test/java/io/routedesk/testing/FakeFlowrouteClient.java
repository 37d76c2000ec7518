package io.routedesk.testing;

import io.routedesk.domain.EdgeStrategy;
import io.routedesk.domain.NewRoute;
import io.routedesk.domain.NumberDetails;
import io.routedesk.domain.NumberRouting;
import io.routedesk.domain.PhoneNumber;
import io.routedesk.domain.Route;
import io.routedesk.domain.RouteType;
import io.routedesk.domain.VoiceSlot;
import io.routedesk.flowroute.BulkResult;
import io.routedesk.flowroute.CancellationToken;
import io.routedesk.flowroute.FlowrouteClient;
import io.routedesk.flowroute.FlowrouteException;
import io.routedesk.flowroute.NumberFilter;
import io.routedesk.flowroute.Page;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * An in-memory Flowroute account for service and view-model tests. Calls complete synchronously (so
 * a same-thread UI executor makes tests deterministic). Failures can be injected per number or per
 * call kind; every write is recorded so tests can assert what was (not) sent.
 */
public final class FakeFlowrouteClient implements FlowrouteClient {
  private final Map<String, Route> routes = new LinkedHashMap<>();
  private final Map<String, PhoneNumber> numbers = new LinkedHashMap<>();
  private final Map<String, NumberRouting> routing = new HashMap<>();
  private final List<EdgeStrategy> edgeStrategies = new ArrayList<>();
  private final Map<String, FlowrouteException> writeFailures = new HashMap<>();
  private final Map<String, FlowrouteException> detailFailures = new HashMap<>();
  private final List<String> writeLog = new ArrayList<>();
  private final AtomicInteger nextRouteId = new AtomicInteger(1000);
  private FlowrouteException createFailure;
  private FlowrouteException listNumbersFailure;
  private FlowrouteException listRoutesFailure;
  private FlowrouteException listRoutesPageFailure;
  private Runnable beforeEachWrite = () -> {};
  public final AtomicInteger deleteCalls = new AtomicInteger();

  public FakeFlowrouteClient() {
    routes.put("0", new Route("0", "sip-reg", RouteType.SIP_REG, null, null));
    edgeStrategies.add(new EdgeStrategy(1, "US-West-OR", "Oregon", "us-west-or", ""));
    edgeStrategies.add(new EdgeStrategy(4, "US-East-VA", "Virginia", "us-east-va", ""));
  }

  // ---- set-up -------------------------------------------------------------------------------

  public synchronized Route addRoute(String id, String alias, RouteType type, String value) {
    Route r = new Route(id, alias, type, value, null);
    routes.put(id, r);
    return r;
  }

  public synchronized void addNumber(String number, String alias, String primary, String failover) {
    numbers.put(number, new PhoneNumber(number, alias, "seattle", "wa", "standard", false));
    routing.put(number, new NumberRouting(number, primary, failover));
  }

  public synchronized void failWrites(String number, FlowrouteException e) {
    writeFailures.put(number, e);
  }

  public synchronized void clearWriteFailures() {
    writeFailures.clear();
  }

  public synchronized void failDetails(String number, FlowrouteException e) {
    detailFailures.put(number, e);
  }

  public synchronized void failNextCreate(FlowrouteException e) {
    createFailure = e;
  }

  public synchronized void failListNumbers(FlowrouteException e) {
    listNumbersFailure = e;
  }

  public synchronized void failListRoutes(FlowrouteException e) {
    listRoutesFailure = e;
  }

  /** Runs before each single write (e.g. to cancel a batch half-way). */
  public synchronized void beforeEachWrite(Runnable r) {
    beforeEachWrite = r;
  }

  public static FlowrouteException error(FlowrouteException.Kind kind, int status, String msg) {
    return new FlowrouteException(kind, status, "title", msg, null, msg, null);
  }

  public synchronized NumberRouting routingOf(String number) {
    return routing.get(number);
  }

  public synchronized List<String> writeLog() {
    return List.copyOf(writeLog);
  }

  public synchronized Map<String, Route> routesById() {
    return Map.copyOf(routes);
  }

  // ---- FlowrouteClient ----------------------------------------------------------------------

  /** Makes single pages of routes (the reachability probe) fail; null lets them work again. */
  public synchronized void failListRoutesPage(FlowrouteException e) {
    listRoutesPageFailure = e;
  }

  @Override
  public synchronized CompletableFuture<Page<Route>> listRoutes(
      RouteType type, int limit, int offset) {
    if (listRoutesPageFailure != null) {
      return CompletableFuture.failedFuture(listRoutesPageFailure);
    }
    List<Route> all =
        routes.values().stream().filter(r -> type == null || r.type() == type).toList();
    return page(all, limit, offset);
  }

  @Override
  public synchronized CompletableFuture<List<Route>> listAllRoutes(
      RouteType type, ProgressListener progress) {
    if (listRoutesFailure != null) {
      return CompletableFuture.failedFuture(listRoutesFailure);
    }
    return CompletableFuture.completedFuture(
        routes.values().stream().filter(r -> type == null || r.type() == type).toList());
  }

  @Override
  public synchronized CompletableFuture<Route> createRoute(NewRoute route) {
    if (createFailure != null) {
      FlowrouteException e = createFailure;
      createFailure = null;
      return CompletableFuture.failedFuture(e);
    }
    String id = String.valueOf(nextRouteId.incrementAndGet());
    Route r = new Route(id, route.alias(), route.type(), route.value(), route.edgeStrategyId());
    routes.put(id, r);
    return CompletableFuture.completedFuture(r);
  }

  @Override
  public synchronized CompletableFuture<Route> updateRoute(String routeId, NewRoute route) {
    if (!routes.containsKey(routeId)) {
      return CompletableFuture.failedFuture(
          error(FlowrouteException.Kind.NOT_FOUND, 404, "Route not found."));
    }
    Route r =
        new Route(routeId, route.alias(), route.type(), route.value(), route.edgeStrategyId());
    routes.put(routeId, r);
    return CompletableFuture.completedFuture(r);
  }

  @Override
  public synchronized CompletableFuture<Void> deleteRoute(String routeId) {
    deleteCalls.incrementAndGet();
    boolean used =
        routing.values().stream()
            .anyMatch(
                r -> routeId.equals(r.primaryRouteId()) || routeId.equals(r.failoverRouteId()));
    if (used) {
      return CompletableFuture.failedFuture(
          error(FlowrouteException.Kind.FORBIDDEN, 403, "Route still has numbers."));
    }
    routes.remove(routeId);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public synchronized CompletableFuture<List<EdgeStrategy>> listEdgeStrategies() {
    return CompletableFuture.completedFuture(List.copyOf(edgeStrategies));
  }

  @Override
  public synchronized CompletableFuture<Page<PhoneNumber>> listNumbers(
      NumberFilter filter, int limit, int offset) {
    if (listNumbersFailure != null) {
      return CompletableFuture.failedFuture(listNumbersFailure);
    }
    return page(List.copyOf(numbers.values()), limit, offset);
  }

  @Override
  public synchronized CompletableFuture<List<PhoneNumber>> listAllNumbers(
      NumberFilter filter, ProgressListener progress) {
    return CompletableFuture.completedFuture(List.copyOf(numbers.values()));
  }

  @Override
  public synchronized CompletableFuture<NumberDetails> numberDetails(String number) {
    return call(() -> details(number));
  }

  @Override
  public synchronized CompletableFuture<BulkResult<NumberDetails>> numberDetails(
      Collection<String> list, ProgressListener progress, CancellationToken cancel) {
    Map<String, NumberDetails> ok = new LinkedHashMap<>();
    Map<String, FlowrouteException> failed = new LinkedHashMap<>();
    List<String> skipped = new ArrayList<>();
    long done = 0;
    for (String n : list) {
      if (cancel.isCancelled()) {
        skipped.add(n);
        continue;
      }
      try {
        ok.put(n, details(n));
      } catch (FlowrouteException e) {
        failed.put(n, e);
      }
      progress.progress(++done, list.size());
    }
    return CompletableFuture.completedFuture(new BulkResult<>(ok, failed, skipped));
  }

  @Override
  public synchronized CompletableFuture<Void> setRoute(String number, VoiceSlot slot, String id) {
    return call(
        () -> {
          write(number, slot, id);
          return null;
        });
  }

  @Override
  public synchronized CompletableFuture<Void> removeRoute(String number, VoiceSlot slot) {
    return call(
        () -> {
          write(number, slot, null);
          return null;
        });
  }

  @Override
  public CompletableFuture<BulkResult<Void>> setRoutes(
      Map<String, String> routeIdByNumber,
      VoiceSlot slot,
      ProgressListener progress,
      CancellationToken cancel) {
    Map<String, Void> ok = new LinkedHashMap<>();
    Map<String, FlowrouteException> failed = new LinkedHashMap<>();
    List<String> skipped = new ArrayList<>();
    long done = 0;
    for (Map.Entry<String, String> e : routeIdByNumber.entrySet()) {
      Runnable hook;
      synchronized (this) {
        hook = beforeEachWrite;
      }
      hook.run();
      if (cancel.isCancelled()) {
        skipped.add(e.getKey());
        continue;
      }
      try {
        synchronized (this) {
          write(e.getKey(), slot, e.getValue());
        }
        ok.put(e.getKey(), null);
      } catch (FlowrouteException ex) {
        failed.put(e.getKey(), ex);
      }
      progress.progress(++done, routeIdByNumber.size());
    }
    return CompletableFuture.completedFuture(new BulkResult<>(ok, failed, skipped));
  }

  @Override
  public void close() {}

  // ---- internals ----------------------------------------------------------------------------

  private NumberDetails details(String number) {
    FlowrouteException f = detailFailures.get(number);
    if (f != null) {
      throw f;
    }
    NumberRouting r = routing.get(number);
    if (r == null) {
      throw error(FlowrouteException.Kind.NOT_FOUND, 404, "Number not found.");
    }
    List<Route> included = new ArrayList<>();
    if (r.primaryRouteId() != null && routes.containsKey(r.primaryRouteId())) {
      included.add(routes.get(r.primaryRouteId()));
    }
    if (r.failoverRouteId() != null && routes.containsKey(r.failoverRouteId())) {
      included.add(routes.get(r.failoverRouteId()));
    }
    return new NumberDetails(numbers.get(number), r, included);
  }

  private void write(String number, VoiceSlot slot, String routeId) {
    FlowrouteException f = writeFailures.get(number);
    if (f != null) {
      throw f;
    }
    NumberRouting r = routing.get(number);
    if (r == null) {
      throw error(FlowrouteException.Kind.NOT_FOUND, 404, "Number not found.");
    }
    if (routeId != null && !routes.containsKey(routeId)) {
      throw error(FlowrouteException.Kind.INVALID, 422, "Route " + routeId + " does not exist.");
    }
    NumberRouting next = r.with(slot, routeId);
    if (next.primaryRouteId() != null
        && Objects.equals(next.primaryRouteId(), next.failoverRouteId())) {
      throw error(
          FlowrouteException.Kind.INVALID, 422, "Primary and failover must be different routes.");
    }
    routing.put(number, next);
    writeLog.add(number + " " + slot + " " + routeId);
  }

  private static <T> CompletableFuture<Page<T>> page(List<T> all, int limit, int offset) {
    int end = Math.min(all.size(), offset + limit);
    List<T> items = offset >= all.size() ? List.of() : all.subList(offset, end);
    return CompletableFuture.completedFuture(new Page<>(items, end < all.size() ? end : null));
  }

  private static <T> CompletableFuture<T> call(Supplier<T> s) {
    try {
      return CompletableFuture.completedFuture(s.get());
    } catch (FlowrouteException e) {
      return CompletableFuture.failedFuture(e);
    }
  }
}
