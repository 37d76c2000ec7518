package io.routedesk.testsupport;

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
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * An HTTP-free Flowroute account for service tests: routes (in memory, or in a file so a killed
 * child JVM and the test share one "server"), numbers with routing, and scripted failures. Futures
 * complete at once (or fail with the scripted {@link FlowrouteException}).
 */
public final class FakeFlowrouteClient implements FlowrouteClient {

  /** Where the fake server keeps its routes. */
  public interface RouteBook {
    List<Route> all();

    Route create(NewRoute route);
  }

  public static final class MemoryRouteBook implements RouteBook {
    private final List<Route> routes = new ArrayList<>();

    @Override
    public synchronized List<Route> all() {
      return List.copyOf(routes);
    }

    @Override
    public synchronized Route create(NewRoute r) {
      Route route =
          new Route(
              Integer.toString(routes.size() + 100),
              r.alias(),
              r.type(),
              r.value(),
              r.edgeStrategyId());
      routes.add(route);
      return route;
    }
  }

  /** One tab-separated line per route, fsynced: survives the JVM that wrote it being killed. */
  public static final class FileRouteBook implements RouteBook {
    private final Path file;

    public FileRouteBook(Path file) {
      this.file = file;
    }

    @Override
    public synchronized List<Route> all() {
      try {
        if (!Files.exists(file)) {
          return List.of();
        }
        List<Route> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
          if (line.isBlank()) {
            continue;
          }
          String[] f = line.split("\t", -1);
          out.add(new Route(f[0], f[1], RouteType.fromWire(f[2]), f[3], null));
        }
        return out;
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public synchronized Route create(NewRoute r) {
      Route route =
          new Route(Integer.toString(all().size() + 100), r.alias(), r.type(), r.value(), null);
      String line =
          route.id()
              + "\t"
              + route.alias()
              + "\t"
              + route.type().wireName()
              + "\t"
              + route.value()
              + "\n";
      try (FileChannel ch =
          FileChannel.open(
              file,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.APPEND)) {
        ch.write(java.nio.ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)));
        ch.force(true);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      return route;
    }
  }

  private final RouteBook routes;
  private final Map<String, PhoneNumber> numbers = new LinkedHashMap<>();
  private final Map<String, NumberRouting> routing = new ConcurrentHashMap<>();
  private final List<EdgeStrategy> edgeStrategies = new ArrayList<>();

  public final AtomicInteger createCalls = new AtomicInteger();
  public final AtomicInteger listRoutesCalls = new AtomicInteger();
  public final AtomicInteger setRoutesCalls = new AtomicInteger();

  private final Deque<Supplier<RuntimeException>> createFailures = new ArrayDeque<>();
  private volatile boolean loseNextCreateAnswer;
  private volatile Supplier<RuntimeException> listRoutesFailure;
  private volatile Supplier<RuntimeException> edgeStrategiesFailure;
  private volatile Runnable beforeCreate = () -> {};
  private final Map<String, FlowrouteException> setRouteFailures = new ConcurrentHashMap<>();
  private final Map<String, FlowrouteException> detailsFailures = new ConcurrentHashMap<>();

  public FakeFlowrouteClient() {
    this(new MemoryRouteBook());
  }

  public FakeFlowrouteClient(RouteBook routes) {
    this.routes = routes;
  }

  // --- arranging -------------------------------------------------------------------------------

  public static FlowrouteException error(FlowrouteException.Kind kind, int status, String detail) {
    return new FlowrouteException(
        kind,
        status,
        kind.name(),
        detail,
        null,
        status == 0 ? "Flowroute could not be reached: " + detail : detail,
        null);
  }

  public Route addServerRoute(NewRoute route) {
    return routes.create(route);
  }

  public List<Route> serverRoutes() {
    return routes.all();
  }

  public synchronized void addNumber(String number, String primary, String failover) {
    numbers.put(number, new PhoneNumber(number, null, "seattle", "wa", "standard", false));
    routing.put(number, new NumberRouting(number, primary, failover));
  }

  public NumberRouting serverRouting(String number) {
    return routing.get(number);
  }

  public void addEdgeStrategy(EdgeStrategy e) {
    edgeStrategies.add(e);
  }

  /** The next createRoute calls fail with these, in order (the route is not created). */
  public synchronized void failNextCreate(Supplier<RuntimeException> failure) {
    createFailures.add(failure);
  }

  /** The next createRoute creates the route, then fails as if the answer was lost. */
  public void loseNextCreateAnswer() {
    loseNextCreateAnswer = true;
  }

  public void failListRoutes(Supplier<RuntimeException> failure) {
    listRoutesFailure = failure;
  }

  public void failEdgeStrategies(Supplier<RuntimeException> failure) {
    edgeStrategiesFailure = failure;
  }

  /** Setting a route on this number fails with {@code e}; null: it succeeds again. */
  public void failSetRoute(String number, FlowrouteException e) {
    if (e == null) {
      setRouteFailures.remove(number);
    } else {
      setRouteFailures.put(number, e);
    }
  }

  public void failDetails(String number, FlowrouteException e) {
    detailsFailures.put(number, e);
  }

  /** Runs in createRoute before anything happens (block on a latch, print for a parent...). */
  public void beforeCreate(Runnable hook) {
    beforeCreate = hook;
  }

  // --- FlowrouteClient -------------------------------------------------------------------------

  @Override
  public CompletableFuture<Page<Route>> listRoutes(RouteType type, int limit, int offset) {
    List<Route> all = filtered(type);
    int end = Math.min(all.size(), offset + limit);
    List<Route> page = offset >= all.size() ? List.of() : all.subList(offset, end);
    return CompletableFuture.completedFuture(new Page<>(page, end < all.size() ? end : null));
  }

  @Override
  public CompletableFuture<List<Route>> listAllRoutes(RouteType type, ProgressListener progress) {
    listRoutesCalls.incrementAndGet();
    Supplier<RuntimeException> failure = listRoutesFailure;
    if (failure != null) {
      return CompletableFuture.failedFuture(failure.get());
    }
    List<Route> all = filtered(type);
    progress.progress(all.size(), all.size());
    return CompletableFuture.completedFuture(all);
  }

  @Override
  public CompletableFuture<Route> createRoute(NewRoute route) {
    createCalls.incrementAndGet();
    beforeCreate.run();
    Supplier<RuntimeException> failure;
    synchronized (this) {
      failure = createFailures.poll();
    }
    if (failure != null) {
      return CompletableFuture.failedFuture(failure.get());
    }
    Route created = routes.create(route);
    if (loseNextCreateAnswer) {
      loseNextCreateAnswer = false;
      return CompletableFuture.failedFuture(
          error(FlowrouteException.Kind.TIMEOUT, 0, "no answer in time"));
    }
    return CompletableFuture.completedFuture(created);
  }

  @Override
  public CompletableFuture<Route> updateRoute(String routeId, NewRoute route) {
    return CompletableFuture.failedFuture(
        error(FlowrouteException.Kind.FORBIDDEN, 403, "the fake server does not edit routes"));
  }

  @Override
  public CompletableFuture<Void> deleteRoute(String routeId) {
    return CompletableFuture.failedFuture(
        error(FlowrouteException.Kind.FORBIDDEN, 403, "the fake server does not delete routes"));
  }

  @Override
  public CompletableFuture<List<EdgeStrategy>> listEdgeStrategies() {
    Supplier<RuntimeException> failure = edgeStrategiesFailure;
    if (failure != null) {
      return CompletableFuture.failedFuture(failure.get());
    }
    return CompletableFuture.completedFuture(List.copyOf(edgeStrategies));
  }

  @Override
  public synchronized CompletableFuture<Page<PhoneNumber>> listNumbers(
      NumberFilter filter, int limit, int offset) {
    List<PhoneNumber> all = List.copyOf(numbers.values());
    int end = Math.min(all.size(), offset + limit);
    List<PhoneNumber> page = offset >= all.size() ? List.of() : all.subList(offset, end);
    return CompletableFuture.completedFuture(new Page<>(page, end < all.size() ? end : null));
  }

  @Override
  public synchronized CompletableFuture<List<PhoneNumber>> listAllNumbers(
      NumberFilter filter, ProgressListener progress) {
    return CompletableFuture.completedFuture(List.copyOf(numbers.values()));
  }

  @Override
  public synchronized CompletableFuture<NumberDetails> numberDetails(String number) {
    FlowrouteException failure = detailsFailures.get(number);
    if (failure != null) {
      return CompletableFuture.failedFuture(failure);
    }
    PhoneNumber n = numbers.get(number);
    if (n == null) {
      return CompletableFuture.failedFuture(
          error(FlowrouteException.Kind.NOT_FOUND, 404, "no such number"));
    }
    return CompletableFuture.completedFuture(new NumberDetails(n, routing.get(number), List.of()));
  }

  @Override
  public CompletableFuture<BulkResult<NumberDetails>> numberDetails(
      Collection<String> numbers, ProgressListener progress, CancellationToken cancel) {
    Map<String, NumberDetails> ok = new LinkedHashMap<>();
    Map<String, FlowrouteException> failed = new LinkedHashMap<>();
    List<String> skipped = new ArrayList<>();
    for (String n : numbers) {
      if (cancel.isCancelled()) {
        skipped.add(n);
        continue;
      }
      numberDetails(n)
          .handle(
              (d, e) -> {
                if (e != null) {
                  failed.put(n, FlowrouteException.unwrap(e));
                } else {
                  ok.put(n, d);
                }
                return null;
              })
          .join();
    }
    return CompletableFuture.completedFuture(new BulkResult<>(ok, failed, skipped));
  }

  @Override
  public CompletableFuture<Void> setRoute(String number, VoiceSlot slot, String routeId) {
    FlowrouteException failure = setRouteFailures.get(number);
    if (failure != null) {
      return CompletableFuture.failedFuture(failure);
    }
    routing.compute(
        number,
        (k, old) -> (old == null ? new NumberRouting(k, null, null) : old).with(slot, routeId));
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletableFuture<Void> removeRoute(String number, VoiceSlot slot) {
    return setRoute(number, slot, null);
  }

  @Override
  public CompletableFuture<BulkResult<Void>> setRoutes(
      Map<String, String> routeIdByNumber,
      VoiceSlot slot,
      ProgressListener progress,
      CancellationToken cancel) {
    setRoutesCalls.incrementAndGet();
    Map<String, Void> ok = new LinkedHashMap<>();
    Map<String, FlowrouteException> failed = new LinkedHashMap<>();
    List<String> skipped = new ArrayList<>();
    for (Map.Entry<String, String> e : routeIdByNumber.entrySet()) {
      if (cancel.isCancelled()) {
        skipped.add(e.getKey());
        continue;
      }
      FlowrouteException f = setRouteFailures.get(e.getKey());
      if (f != null) {
        failed.put(e.getKey(), f);
      } else {
        setRoute(e.getKey(), slot, e.getValue()).join();
        ok.put(e.getKey(), null);
      }
    }
    return CompletableFuture.completedFuture(new BulkResult<>(ok, failed, skipped));
  }

  @Override
  public void close() {}

  private List<Route> filtered(RouteType type) {
    return routes.all().stream().filter(r -> type == null || r.type() == type).toList();
  }
}
