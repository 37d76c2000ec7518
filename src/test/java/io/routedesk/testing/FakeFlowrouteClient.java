package io.routedesk.testing;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import io.routedesk.secrets.ApiCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one fake Flowroute account (and client) of the tests: HTTP-free, for services, view models,
 * sign-in and kill -9 tests. Calls complete at once on the caller's thread (so a same-thread UI
 * executor makes tests deterministic), or fail with a {@link FlowrouteException} as scripted: per
 * number, per call kind, or for the next create. Writes are checked as Flowroute checks them (the
 * number and route must exist; primary and failover must differ) and logged, so tests can assert
 * what was (not) sent; counters say how often each call was made.
 *
 * <p>Routes live in a {@link RouteBook}: in memory, or in a {@link FileRouteBook} that a child JVM
 * killed mid-publish and the test share as one "server". Clients made by {@link
 * FakeFlowrouteClientFactory} carry API keys: their pages of routes (the sign-in check) answer 401
 * unless the keys are the accepted ones, and fail once the client is closed.
 */
public final class FakeFlowrouteClient implements FlowrouteClient {

  /** Where the fake keeps the account's routes, in listing order. */
  public interface RouteBook {
    List<Route> load();

    void save(List<Route> routes);
  }

  /** Routes in this JVM only. */
  public static final class MemoryRouteBook implements RouteBook {
    private List<Route> routes = List.of();

    @Override
    public synchronized List<Route> load() {
      return routes;
    }

    @Override
    public synchronized void save(List<Route> routes) {
      this.routes = List.copyOf(routes);
    }
  }

  /**
   * Routes in a JSON file, replaced atomically and fsynced on every change: a JVM killed right
   * after a change leaves it on disk, a JVM killed before leaves the file as it was.
   */
  public static final class FileRouteBook implements RouteBook {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<List<String>>> ROWS = new TypeReference<>() {};
    private final Path file;

    public FileRouteBook(Path file) {
      this.file = file;
    }

    @Override
    public synchronized List<Route> load() {
      try {
        if (!Files.exists(file)) {
          return List.of();
        }
        List<Route> out = new ArrayList<>();
        for (List<String> f : JSON.readValue(file.toFile(), ROWS)) {
          Integer edge = f.get(4) == null ? null : Integer.valueOf(f.get(4));
          out.add(new Route(f.get(0), f.get(1), RouteType.fromWire(f.get(2)), f.get(3), edge));
        }
        return out;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public synchronized void save(List<Route> routes) {
      List<List<String>> rows = new ArrayList<>();
      for (Route r : routes) {
        String edge = r.edgeStrategyId() == null ? null : r.edgeStrategyId().toString();
        rows.add(Arrays.asList(r.id(), r.alias(), r.type().wireName(), r.value(), edge));
      }
      Path next = file.resolveSibling(file.getFileName() + ".next");
      try (FileChannel ch =
          FileChannel.open(
              next,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.TRUNCATE_EXISTING)) {
        ch.write(ByteBuffer.wrap(JSON.writeValueAsBytes(rows)));
        ch.force(true);
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static final CompletableFuture<Void> OPEN = CompletableFuture.completedFuture(null);

  private final RouteBook routes;
  private final Map<String, PhoneNumber> numbers = new LinkedHashMap<>();
  private final Map<String, NumberRouting> routing = new HashMap<>();
  private final List<EdgeStrategy> edgeStrategies = new ArrayList<>();
  private final List<String> writeLog = new ArrayList<>();
  private int lastRouteId = 1000;

  private final Map<String, FlowrouteException> writeFailures = new HashMap<>();
  private final Map<String, FlowrouteException> detailFailures = new HashMap<>();
  private final Deque<FlowrouteException> createFailures = new ArrayDeque<>();
  private boolean loseNextCreateAnswer;
  private FlowrouteException listNumbersFailure;
  private FlowrouteException listRoutesFailure;
  private FlowrouteException listRoutesPageFailure;
  private FlowrouteException edgeStrategiesFailure;
  private volatile Runnable beforeEachWrite = () -> {};
  private volatile Runnable beforeCreate = () -> {};
  private volatile Consumer<Route> afterCreate = route -> {};
  private volatile CompletableFuture<Void> listRoutesGate = OPEN;
  private volatile CompletableFuture<Void> detailsAnswerGate = OPEN;

  private final String baseUrl;
  private final ApiCredentials credentials;
  private final String accessKey;
  private final boolean keysAccepted;
  private volatile boolean closed;

  /** Pages of routes answered ({@link #listRoutes}): the reachability probe, the sign-in check. */
  public final AtomicInteger listRoutesCalls = new AtomicInteger();

  /** Whole route lists asked for ({@link #listAllRoutes}). */
  public final AtomicInteger listAllRoutesCalls = new AtomicInteger();

  public final AtomicInteger createCalls = new AtomicInteger();
  public final AtomicInteger deleteCalls = new AtomicInteger();
  public final AtomicInteger setRoutesCalls = new AtomicInteger();

  /** An account as Flowroute opens one: the system sip-reg route "0" and two edge strategies. */
  private volatile Function<List<String>, CompletableFuture<Void>> detailsGate =
      batch -> CompletableFuture.completedFuture(null);

  public FakeFlowrouteClient() {
    this(new MemoryRouteBook(), null, null, true);
    routes.save(List.of(new Route(Route.SIP_REG_ID, "sip-reg", RouteType.SIP_REG, null, null)));
    edgeStrategies.add(new EdgeStrategy(1, "US-West-OR", "Oregon", "us-west-or", ""));
    edgeStrategies.add(new EdgeStrategy(4, "US-East-VA", "Virginia", "us-east-va", ""));
  }

  /** An account whose routes are kept in {@code routes}; no edge strategies until added. */
  public FakeFlowrouteClient(RouteBook routes) {
    this(routes, null, null, true);
  }

  /** An account with no routes and no edge strategies yet: tests that count what they create. */
  public static FakeFlowrouteClient emptyAccount() {
    return new FakeFlowrouteClient(new MemoryRouteBook());
  }

  /** A client as the app makes one, with API keys Flowroute accepts or not (an empty account). */
  static FakeFlowrouteClient withKeys(
      String baseUrl, ApiCredentials credentials, boolean keysAccepted) {
    return new FakeFlowrouteClient(new MemoryRouteBook(), baseUrl, credentials, keysAccepted);
  }

  private FakeFlowrouteClient(
      RouteBook routes, String baseUrl, ApiCredentials credentials, boolean keysAccepted) {
    this.routes = routes;
    this.baseUrl = baseUrl;
    this.credentials = credentials;
    this.accessKey = credentials == null ? null : credentials.accessKey();
    this.keysAccepted = keysAccepted;
  }

  // ---- set-up -------------------------------------------------------------------------------

  /** Adds (or replaces) a route with this id. */
  public synchronized Route addRoute(String id, String alias, RouteType type, String value) {
    Route r = new Route(id, alias, type, value, null);
    putRoute(r);
    return r;
  }

  /** Adds a route under a new id, as if created on Flowroute earlier. */
  public synchronized Route addRoute(NewRoute route) {
    return storeNewRoute(route);
  }

  /** A number of the account (alias may be null) with its routing (route ids, or null). */
  public synchronized void addNumber(String number, String alias, String primary, String failover) {
    numbers.put(number, new PhoneNumber(number, alias, "seattle", "wa", "standard", false));
    routing.put(number, new NumberRouting(number, primary, failover));
  }

  /** The number leaves the account (released, or moved to another account). */
  public synchronized void removeNumber(String number) {
    numbers.remove(number);
    routing.remove(number);
  }

  /** Someone else (a colleague in the portal) sets this number's routing. */
  public synchronized void setRoutingElsewhere(String number, String primary, String failover) {
    routing.put(number, new NumberRouting(number, primary, failover));
  }

  public synchronized void addEdgeStrategy(EdgeStrategy e) {
    edgeStrategies.add(e);
  }

  /** Setting or removing a route on this number fails with {@code e}; null: it works again. */
  public synchronized void failWrites(String number, FlowrouteException e) {
    if (e == null) {
      writeFailures.remove(number);
    } else {
      writeFailures.put(number, e);
    }
  }

  public synchronized void clearWriteFailures() {
    writeFailures.clear();
  }

  public synchronized void failDetails(String number, FlowrouteException e) {
    detailFailures.put(number, e);
  }

  /** Number details answer normally again. */
  public synchronized void clearDetailFailures() {
    detailFailures.clear();
  }

  /** The next createRoute fails with {@code e} (the route is not created); calls queue up. */
  public synchronized void failNextCreate(FlowrouteException e) {
    createFailures.add(e);
  }

  /** The next createRoute creates the route, then fails as if the answer was lost. */
  public synchronized void loseNextCreateAnswer() {
    loseNextCreateAnswer = true;
  }

  public synchronized void failListNumbers(FlowrouteException e) {
    listNumbersFailure = e;
  }

  /** Makes whole route lists fail; null lets them work again. */
  public synchronized void failListRoutes(FlowrouteException e) {
    listRoutesFailure = e;
  }

  /** Makes single pages of routes (the reachability probe) fail; null lets them work again. */
  public synchronized void failListRoutesPage(FlowrouteException e) {
    listRoutesPageFailure = e;
  }

  public synchronized void failEdgeStrategies(FlowrouteException e) {
    edgeStrategiesFailure = e;
  }

  /**
   * From now on every multi-number details read waits until the test answers it ({@link
   * HeldDetails#answerNext}): tests see which numbers are asked for, in which order.
   */
  public HeldDetails holdDetails() {
    HeldDetails held = new HeldDetails();
    detailsGate = held::hold;
    return held;
  }

  /** The details reads held by {@link #holdDetails()}, oldest first. */
  public static final class HeldDetails {
    private final List<List<String>> asked = new ArrayList<>();
    private final Deque<CompletableFuture<Void>> waiting = new ArrayDeque<>();

    private synchronized CompletableFuture<Void> hold(List<String> batch) {
      asked.add(batch);
      CompletableFuture<Void> answer = new CompletableFuture<>();
      waiting.add(answer);
      return answer;
    }

    /** The numbers of every read so far, one list per read, in the order they were asked. */
    public synchronized List<List<String>> asked() {
      return List.copyOf(asked);
    }

    /** Answers the oldest read still waiting (which may start further reads). */
    public void answerNext() {
      CompletableFuture<Void> next;
      synchronized (this) {
        next = waiting.remove();
      }
      next.complete(null);
    }

    /** Answers every read, those it starts included, until none waits. */
    public void answerAll() {
      while (true) {
        synchronized (this) {
          if (waiting.isEmpty()) {
            return;
          }
        }
        answerNext();
      }
    }
  }

  /**
   * Pages of routes are answered once {@code gate} completes: for tests of what happens meanwhile.
   */
  public void holdListRoutes(CompletableFuture<Void> gate) {
    listRoutesGate = gate;
  }

  /**
   * Bulk details calls read the routing when called but answer only once {@code gate} completes: a
   * chunk "in flight" while something else changes the numbers.
   */
  public void holdDetails(CompletableFuture<Void> gate) {
    detailsAnswerGate = gate;
  }

  /** Runs before each single write of a bulk assignment (e.g. to cancel a batch half-way). */
  public void beforeEachWrite(Runnable hook) {
    beforeEachWrite = hook;
  }

  /** Runs in createRoute before anything happens (block on a latch, print for a parent...). */
  public void beforeCreate(Runnable hook) {
    beforeCreate = hook;
  }

  /** Runs in createRoute once the route is stored, before the answer is returned. */
  public void afterCreate(Consumer<Route> hook) {
    afterCreate = hook;
  }

  public static FlowrouteException error(FlowrouteException.Kind kind, int status, String detail) {
    return new FlowrouteException(kind, status, kind.name(), detail, null, detail, null);
  }

  // ---- what the account holds now -------------------------------------------------------------

  /** The account's routes, in listing order. */
  public synchronized List<Route> routes() {
    return routes.load();
  }

  public synchronized Map<String, Route> routesById() {
    Map<String, Route> byId = new LinkedHashMap<>();
    routes.load().forEach(r -> byId.put(r.id(), r));
    return Collections.unmodifiableMap(byId);
  }

  public synchronized NumberRouting routingOf(String number) {
    return routing.get(number);
  }

  /** Every write that took effect, as "number SLOT routeId". */
  public synchronized List<String> writeLog() {
    return List.copyOf(writeLog);
  }

  /** Null unless made with API keys by {@link FakeFlowrouteClientFactory}. */
  public String baseUrl() {
    return baseUrl;
  }

  public String accessKey() {
    return accessKey;
  }

  public boolean isClosed() {
    return closed;
  }

  // ---- FlowrouteClient ----------------------------------------------------------------------

  @Override
  public CompletableFuture<Page<Route>> listRoutes(RouteType type, int limit, int offset) {
    CompletableFuture<Void> gate = listRoutesGate;
    return gate.isDone()
        ? answerListRoutes(type, limit, offset)
        : gate.thenCompose(ignored -> answerListRoutes(type, limit, offset));
  }

  private synchronized CompletableFuture<Page<Route>> answerListRoutes(
      RouteType type, int limit, int offset) {
    listRoutesCalls.incrementAndGet();
    if (closed) {
      return CompletableFuture.failedFuture(new IllegalStateException("client closed"));
    }
    if (listRoutesPageFailure != null) {
      return CompletableFuture.failedFuture(listRoutesPageFailure);
    }
    if (!keysAccepted) {
      return CompletableFuture.failedFuture(unauthorized());
    }
    return page(routesOfType(type), limit, offset);
  }

  @Override
  public synchronized CompletableFuture<List<Route>> listAllRoutes(
      RouteType type, ProgressListener progress) {
    listAllRoutesCalls.incrementAndGet();
    if (listRoutesFailure != null) {
      return CompletableFuture.failedFuture(listRoutesFailure);
    }
    List<Route> all = routesOfType(type);
    progress.progress(all.size(), all.size());
    return CompletableFuture.completedFuture(all);
  }

  @Override
  public CompletableFuture<Route> createRoute(NewRoute route) {
    createCalls.incrementAndGet();
    // Hooks run outside the lock: they may block while the test reads the account.
    beforeCreate.run();
    Route created;
    synchronized (this) {
      FlowrouteException failure = createFailures.poll();
      if (failure != null) {
        return CompletableFuture.failedFuture(failure);
      }
      created = storeNewRoute(route);
    }
    afterCreate.accept(created);
    synchronized (this) {
      if (loseNextCreateAnswer) {
        loseNextCreateAnswer = false;
        return CompletableFuture.failedFuture(
            error(FlowrouteException.Kind.TIMEOUT, 0, "no answer in time"));
      }
    }
    return CompletableFuture.completedFuture(created);
  }

  @Override
  public synchronized CompletableFuture<Route> updateRoute(String routeId, NewRoute route) {
    if (findRoute(routeId) == null) {
      return CompletableFuture.failedFuture(
          error(FlowrouteException.Kind.NOT_FOUND, 404, "Route not found."));
    }
    Route r =
        new Route(routeId, route.alias(), route.type(), route.value(), route.edgeStrategyId());
    putRoute(r);
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
    List<Route> rest = new ArrayList<>(routes.load());
    rest.removeIf(r -> r.id().equals(routeId));
    routes.save(rest);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public synchronized CompletableFuture<List<EdgeStrategy>> listEdgeStrategies() {
    if (edgeStrategiesFailure != null) {
      return CompletableFuture.failedFuture(edgeStrategiesFailure);
    }
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

  /**
   * Hands the numbers over in pages of {@value FlowrouteClient#MAX_PAGE_SIZE}, on the caller's
   * thread and outside this fake's lock, as the real client's pager does (the first page even when
   * it is empty).
   */
  @Override
  public CompletableFuture<List<PhoneNumber>> listAllNumbers(
      NumberFilter filter, ProgressListener progress, Consumer<List<PhoneNumber>> onPage) {
    List<PhoneNumber> all;
    synchronized (this) {
      if (listNumbersFailure != null) {
        return CompletableFuture.failedFuture(listNumbersFailure);
      }
      all = List.copyOf(numbers.values());
    }
    try {
      int from = 0;
      do {
        onPage.accept(all.subList(from, Math.min(all.size(), from + MAX_PAGE_SIZE)));
        from += MAX_PAGE_SIZE;
      } while (from < all.size());
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    return CompletableFuture.completedFuture(all);
  }

  @Override
  public synchronized CompletableFuture<NumberDetails> numberDetails(String number) {
    return call(() -> details(number));
  }

  @Override
  public CompletableFuture<BulkResult<NumberDetails>> numberDetails(
      Collection<String> list, ProgressListener progress, CancellationToken cancel) {
    List<String> batch = List.copyOf(list);
    return detailsGate
        .apply(batch)
        .thenCompose(
            v -> {
              // Read now, answer once the answer gate opens: a chunk "in flight".
              CompletableFuture<BulkResult<NumberDetails>> read =
                  answerDetails(batch, progress, cancel);
              CompletableFuture<Void> gate = detailsAnswerGate;
              return gate.isDone() ? read : gate.thenCompose(ignored -> read);
            });
  }

  private synchronized CompletableFuture<BulkResult<NumberDetails>> answerDetails(
      List<String> list, ProgressListener progress, CancellationToken cancel) {
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
  public CompletableFuture<Void> setRoute(String number, VoiceSlot slot, String id) {
    beforeEachWrite.run();
    return write(number, slot, id, true);
  }

  private synchronized CompletableFuture<Void> write(
      String number, VoiceSlot slot, String id, boolean set) {
    return call(
        () -> {
          write(number, slot, id);
          return null;
        });
  }

  @Override
  public CompletableFuture<Void> removeRoute(String number, VoiceSlot slot) {
    beforeEachWrite.run();
    return write(number, slot, null, false);
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
    long done = 0;
    for (Map.Entry<String, String> e : routeIdByNumber.entrySet()) {
      beforeEachWrite.run();
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

  /** Clears the copy of the API keys this client was made with, if any. */
  @Override
  public void close() {
    closed = true;
    if (credentials != null) {
      credentials.clear();
    }
  }

  // ---- internals ----------------------------------------------------------------------------

  private List<Route> routesOfType(RouteType type) {
    return routes.load().stream().filter(r -> type == null || r.type() == type).toList();
  }

  private Route findRoute(String id) {
    return routes.load().stream().filter(r -> r.id().equals(id)).findFirst().orElse(null);
  }

  /** Replaces the route with the same id where it stands, or adds it at the end. */
  private void putRoute(Route route) {
    List<Route> next = new ArrayList<>(routes.load());
    int at = next.indexOf(findRoute(route.id()));
    if (at >= 0) {
      next.set(at, route);
    } else {
      next.add(route);
    }
    routes.save(next);
  }

  private Route storeNewRoute(NewRoute route) {
    String id;
    do {
      id = Integer.toString(++lastRouteId);
    } while (findRoute(id) != null);
    Route r = new Route(id, route.alias(), route.type(), route.value(), route.edgeStrategyId());
    putRoute(r);
    return r;
  }

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
    for (String id : Arrays.asList(r.primaryRouteId(), r.failoverRouteId())) {
      Route route = id == null ? null : findRoute(id);
      if (route != null) {
        included.add(route);
      }
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
    if (routeId != null && findRoute(routeId) == null) {
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

  private static FlowrouteException unauthorized() {
    return new FlowrouteException(
        FlowrouteException.Kind.UNAUTHORIZED,
        401,
        "Unauthorized",
        "Authentication failed.",
        "7fc8c70a-ca58-430c-b383-b89df84f8083",
        "Flowroute did not accept the API keys (401).",
        null);
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
