package io.routedesk.flowroute;

import io.routedesk.domain.EdgeStrategy;
import io.routedesk.domain.NewRoute;
import io.routedesk.domain.NumberDetails;
import io.routedesk.domain.PhoneNumber;
import io.routedesk.domain.PhoneNumbers;
import io.routedesk.domain.Route;
import io.routedesk.domain.RouteType;
import io.routedesk.domain.RouteValues;
import io.routedesk.domain.Validation;
import io.routedesk.domain.VoiceSlot;
import io.routedesk.flowroute.AdaptiveConcurrencyLimiter.Permit;
import io.routedesk.flowroute.ApiCall.Safety;
import io.routedesk.flowroute.FlowrouteErrors.Timeouts;
import io.routedesk.flowroute.JsonApi.RawPage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;
import okhttp3.ConnectionPool;
import okhttp3.ConnectionSpec;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Flowroute Numbers API v2 client on OkHttp (synchronous calls on virtual threads) and Jackson.
 * Build it with {@link #builder()}.
 *
 * <p>Every request goes through one {@link AdaptiveConcurrencyLimiter} (Flowroute's rate limits are
 * per account, so a 429 anywhere should slow everything down) and through the {@link
 * RetryingTransport}, whose rules depend on whether the request may be repeated ({@link
 * ApiCall.Safety}). Operations on many numbers run through the {@link BulkRunner}. This class holds
 * the endpoints: what each sends, and how its answer is read.
 *
 * <p>Argument errors that are programming mistakes (null, a page size above 200) throw at once; ids
 * that are not valid (a number with letters) fail the returned future with a {@link
 * FlowrouteException} of kind INVALID, so a bulk operation records them per key.
 */
public final class OkHttpFlowrouteClient implements FlowrouteClient {
  private static final Logger LOG = LoggerFactory.getLogger(OkHttpFlowrouteClient.class);

  public static final String DEFAULT_BASE_URL = "https://api.flowroute.com";
  private static final Pattern ROUTE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final int MAX_NUMBER_DIGITS = 15; // E.164

  private final HttpUrl baseUrl;
  private final AdaptiveConcurrencyLimiter limiter;
  private final ExecutorService executor;
  private final RetryingTransport transport;
  private final BulkRunner bulk;
  private final NumberDetailsReader details;
  private final PagingLimits pagingLimits;
  private final Clock clock;
  private final Set<CompletableFuture<?>> pending = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean closed = new AtomicBoolean();

  private OkHttpFlowrouteClient(Builder b, HttpUrl baseUrl) {
    this.baseUrl = baseUrl;
    this.pagingLimits = b.pagingLimits;
    this.clock = b.clock;
    this.limiter =
        new AdaptiveConcurrencyLimiter(b.initialConcurrency, b.maxConcurrency, b.clock, b.sleeper);
    this.executor =
        Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("flowroute-", 0).factory());
    OkHttpClient.Builder http =
        new OkHttpClient.Builder()
            .connectTimeout(b.connectTimeout)
            .readTimeout(b.readTimeout)
            .writeTimeout(b.writeTimeout)
            .callTimeout(b.callTimeout)
            // Our retry loop decides what may be repeated; OkHttp must not silently re-send a
            // POST on a new connection.
            .retryOnConnectionFailure(false)
            // The API does not redirect; following one could send the credentials elsewhere.
            .followRedirects(false)
            .followSslRedirects(false)
            // Idle connections are dropped before common server idle timeouts (30 s for the
            // JDK's HTTP server behind the sandbox, a minute for typical load balancers), so a
            // call after a pause does not start on a connection the server already closed.
            .connectionPool(
                new ConnectionPool(Math.max(5, b.maxConcurrency), 20, TimeUnit.SECONDS));
    if (!baseUrl.isHttps()) {
      // Plain http is allowed only to this computer (the built-in sandbox, a local server), and
      // redirects are not followed, so this client never speaks TLS. Without a TLS spec OkHttp
      // sets up no SSL context: no JDK TLS classes, no trust store read (about half a second of
      // a start on the sandbox).
      http.connectionSpecs(List.of(ConnectionSpec.CLEARTEXT));
    }
    this.transport =
        new RetryingTransport(
            http,
            baseUrl.host() + ":" + baseUrl.port(),
            Credentials.basic(b.accessKey.strip(), b.secretKey.strip(), StandardCharsets.UTF_8),
            limiter,
            b.retryPolicy,
            b.clock,
            b.sleeper,
            b.jitter,
            new Timeouts(b.connectTimeout, b.readTimeout, b.writeTimeout, b.callTimeout),
            b.maxAnswerBytes,
            closed::get);
    this.bulk = new BulkRunner(limiter, executor, closed::get);
    this.details =
        new NumberDetailsReader(
            url("v2", "numbers", "details").build(),
            transport,
            bulk,
            limiter,
            executor,
            closed::get);
  }

  /** True when this client set up TLS (an https address); for tests. */
  boolean usesTls() {
    return transport.http().connectionSpecs().stream().anyMatch(ConnectionSpec::isTls);
  }

  public static Builder builder() {
    return new Builder();
  }

  // ---- routes ----------------------------------------------------------------------------

  /**
   * @throws IllegalArgumentException when limit is not 1..200, offset is negative or type is OTHER
   *     (Flowroute cannot filter by a type it does not have; use {@link #listAllRoutes})
   */
  @Override
  public CompletableFuture<Page<Route>> listRoutes(RouteType type, int limit, int offset) {
    checkPage(limit, offset);
    if (type == RouteType.OTHER) {
      throw new IllegalArgumentException("Cannot list one page of routes of an unknown type.");
    }
    return async(() -> toPage(routesPage(type, limit, offset)));
  }

  @Override
  public CompletableFuture<List<Route>> listAllRoutes(RouteType type, ProgressListener progress) {
    ProgressListener listener = safe(progress);
    return async(() -> allRoutes(type, listener));
  }

  /**
   * Fails at once, without a request, with kind INVALID (status 0) when the route breaks a rule of
   * {@link RouteValues}: Flowroute would refuse it anyway, and the message names the rule.
   */
  @Override
  public CompletableFuture<Route> createRoute(NewRoute route) {
    Objects.requireNonNull(route, "route");
    NewRoute sendable;
    try {
      sendable = sendable(route);
    } catch (FlowrouteException invalid) {
      return CompletableFuture.failedFuture(invalid);
    }
    return async(() -> createRouteNow(sendable));
  }

  /** Checked like {@link #createRoute}; an invalid route id fails the same way. */
  @Override
  public CompletableFuture<Route> updateRoute(String routeId, NewRoute route) {
    Objects.requireNonNull(routeId, "routeId");
    Objects.requireNonNull(route, "route");
    NewRoute sendable;
    try {
      checkRouteId(routeId);
      sendable = sendable(route);
    } catch (FlowrouteException invalid) {
      return CompletableFuture.failedFuture(invalid);
    }
    return async(
        () -> {
          ApiCall call =
              new ApiCall(
                  "PATCH",
                  url("v2", "routes", routeId).build(),
                  JsonApi.newRouteDocument(sendable, true),
                  Safety.IDEMPOTENT_WRITE,
                  "updating route " + routeId,
                  "route " + routeId);
          return transport.execute(
              call,
              document ->
                  document == null
                      // 204 instead of the documented 200 + route: the update is what we sent.
                      ? new Route(
                          routeId,
                          sendable.alias(),
                          sendable.type(),
                          sendable.value(),
                          sendable.edgeStrategyId())
                      : JsonApi.routeDocument(document),
              null,
              CancellationToken.NONE);
        });
  }

  @Override
  public CompletableFuture<Void> deleteRoute(String routeId) {
    Objects.requireNonNull(routeId, "routeId");
    return async(
        () -> {
          checkRouteId(routeId);
          ApiCall call =
              new ApiCall(
                  "DELETE",
                  url("v2", "routes", routeId).build(),
                  null,
                  Safety.IDEMPOTENT_WRITE,
                  "deleting route " + routeId,
                  "route " + routeId);
          return transport.execute(call, document -> null, null, CancellationToken.NONE);
        });
  }

  @Override
  public CompletableFuture<List<EdgeStrategy>> listEdgeStrategies() {
    return async(
        () -> {
          ApiCall call =
              new ApiCall(
                  "GET",
                  url("v2", "routes", "edge_strategies").build(),
                  null,
                  Safety.READ,
                  "listing edge strategies",
                  null);
          return transport.execute(
              call,
              document -> JsonApi.list(document, JsonApi::edgeStrategy),
              null,
              CancellationToken.NONE);
        });
  }

  // ---- numbers ---------------------------------------------------------------------------

  /**
   * @throws IllegalArgumentException when limit is not 1..200 or offset is negative
   */
  @Override
  public CompletableFuture<Page<PhoneNumber>> listNumbers(
      NumberFilter filter, int limit, int offset) {
    checkPage(limit, offset);
    NumberFilter f = filter == null ? NumberFilter.NONE : filter;
    return async(() -> toPage(numbersPage(f, limit, offset)));
  }

  @Override
  public CompletableFuture<List<PhoneNumber>> listAllNumbers(
      NumberFilter filter, ProgressListener progress) {
    return listAllNumbers(filter, progress, page -> {}, limiter::limit, false);
  }

  /**
   * The pages' numbers are read meanwhile, with the same limit on requests in flight: the listing
   * keeps at most half the limit in pages ahead of the last one in, so the reads of the pages
   * already in are not kept waiting behind guesses, and at most half a window of guesses lands past
   * the end of the list.
   */
  @Override
  public CompletableFuture<List<PhoneNumber>> listAllNumbers(
      NumberFilter filter, ProgressListener progress, Consumer<List<PhoneNumber>> onPage) {
    // The whole account, read page by page as it comes in (a refresh, the window's first load):
    // its guesses go out with the first page. A filtered list is often a page or less, where they
    // would be wasted.
    return listAllNumbers(
        filter, progress, onPage, this::halfTheLimit, NumberFilter.NONE.equals(filter));
  }

  /** A listing's window of pages in flight when other reads share the limiter with it. */
  private int halfTheLimit() {
    return Math.max(1, limiter.limit() / 2);
  }

  private CompletableFuture<List<PhoneNumber>> listAllNumbers(
      NumberFilter filter,
      ProgressListener progress,
      Consumer<List<PhoneNumber>> onPage,
      IntSupplier window,
      boolean guessWithFirstPage) {
    Objects.requireNonNull(onPage, "onPage");
    NumberFilter f = filter == null ? NumberFilter.NONE : filter;
    ProgressListener listener = safe(progress);
    return async(
        () ->
            new ConcurrentPager<PhoneNumber>(
                    (limit, offset) -> numbersPage(f, limit, offset),
                    PhoneNumber::number,
                    executor,
                    window,
                    "listing numbers",
                    pagingLimits,
                    clock,
                    guessWithFirstPage)
                .fetchAll(MAX_PAGE_SIZE, listener, onPage));
  }

  @Override
  public CompletableFuture<NumberDetails> numberDetails(String number) {
    Objects.requireNonNull(number, "number");
    return async(() -> numberDetailsNow(number, null, CancellationToken.NONE));
  }

  @Override
  public CompletableFuture<BulkResult<NumberDetails>> numberDetails(
      Collection<String> numbers, ProgressListener progress, CancellationToken cancel) {
    List<String> keys = distinctKeys(numbers, "numbers");
    ProgressListener listener = safe(progress);
    CancellationToken token = cancel == null ? CancellationToken.NONE : cancel;
    return async(
        () ->
            details.read(
                keys,
                OkHttpFlowrouteClient::isNumber,
                (number, permit) -> numberDetailsNow(number, permit, token),
                listener,
                token));
  }

  @Override
  public CompletableFuture<Void> setRoute(String number, VoiceSlot slot, String routeId) {
    Objects.requireNonNull(number, "number");
    Objects.requireNonNull(slot, "slot");
    Objects.requireNonNull(routeId, "routeId");
    return async(() -> setRouteNow(number, slot, routeId, null, CancellationToken.NONE));
  }

  @Override
  public CompletableFuture<Void> removeRoute(String number, VoiceSlot slot) {
    Objects.requireNonNull(number, "number");
    Objects.requireNonNull(slot, "slot");
    return async(() -> removeRouteNow(number, slot, null, CancellationToken.NONE));
  }

  @Override
  public CompletableFuture<BulkResult<Void>> setRoutes(
      Map<String, String> routeIdByNumber,
      VoiceSlot slot,
      ProgressListener progress,
      CancellationToken cancel) {
    Objects.requireNonNull(routeIdByNumber, "routeIdByNumber");
    Objects.requireNonNull(slot, "slot");
    // Copy now: the caller may change its map while the work runs. Null values mean "remove".
    Map<String, String> plan = new LinkedHashMap<>();
    routeIdByNumber.forEach(
        (number, routeId) -> plan.put(Objects.requireNonNull(number, "a number is null"), routeId));
    List<String> keys = List.copyOf(plan.keySet());
    ProgressListener listener = safe(progress);
    CancellationToken token = cancel == null ? CancellationToken.NONE : cancel;
    return async(
        () ->
            bulk.run(
                keys,
                (number, permit) -> {
                  String routeId = plan.get(number);
                  return routeId == null
                      ? removeRouteNow(number, slot, permit, token)
                      : setRouteNow(number, slot, routeId, permit, token);
                },
                listener,
                token));
  }

  // ---- lifecycle -------------------------------------------------------------------------

  /**
   * Stops everything: running calls are cancelled, their futures fail with kind CANCELLED, the
   * threads and pooled connections are released. Later calls fail at once. Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    executor.shutdownNow();
    transport.http().dispatcher().cancelAll();
    for (CompletableFuture<?> future : pending) {
      future.completeExceptionally(FlowrouteErrors.clientClosed());
    }
    transport.http().connectionPool().evictAll();
    try {
      if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
        LOG.warn("Some Flowroute calls were still finishing when the client closed.");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * How many requests may be in flight right now: the adaptive limit, between 1 and the configured
   * maximum. It grows while Flowroute answers normally and halves on 429/503, so a status line or a
   * benchmark can show how hard the client is pushing.
   */
  public int concurrencyLimit() {
    return limiter.limit();
  }

  @Override
  public boolean readsDetailsOneByOne() {
    return details.path() == NumberDetailsReader.Path.PER_NUMBER;
  }

  @Override
  public boolean readsDetailsManyAtOnce() {
    NumberDetailsReader.Path path = details.path();
    return path == NumberDetailsReader.Path.MULTI || path == NumberDetailsReader.Path.ASSUMED_MULTI;
  }

  @Override
  public void assumeDetailsManyAtOnce() {
    details.assumeMulti();
  }

  /** How number details are read on this account so far; for tests and benchmarks. */
  NumberDetailsReader.Path numberDetailsPath() {
    return details.path();
  }

  /** How many numbers one multi-number details request carries now; for tests. */
  int numberDetailsBatchSize() {
    return details.batchSize();
  }

  /** The address only: never the credentials. */
  @Override
  public String toString() {
    return "OkHttpFlowrouteClient[" + baseUrl + "]";
  }

  // ---- operations (blocking; run on the client's virtual threads) ------------------------

  private RawPage<Route> routesPage(RouteType type, int limit, int offset)
      throws InterruptedException {
    HttpUrl.Builder url = url("v2", "routes");
    if (type != null && type != RouteType.OTHER) {
      url.addQueryParameter("route_type", type.wireName());
    }
    url.addQueryParameter("limit", Integer.toString(limit))
        .addQueryParameter("offset", Integer.toString(offset));
    ApiCall call = new ApiCall("GET", url.build(), null, Safety.READ, "listing routes", null);
    RawPage<Route> page =
        transport.execute(
            call,
            document -> JsonApi.page(document, JsonApi::route, limit),
            null,
            CancellationToken.NONE);
    if (type == null) {
      return page;
    }
    // In case a server ignores route_type: the caller asked for one type only.
    return new RawPage<>(page.items().stream().filter(r -> r.type() == type).toList(), page.next());
  }

  private List<Route> allRoutes(RouteType type, ProgressListener progress)
      throws InterruptedException {
    // Flowroute cannot filter by OTHER: list everything and keep the unknown types.
    RouteType serverType = type == RouteType.OTHER ? null : type;
    List<Route> routes =
        new ConcurrentPager<Route>(
                (limit, offset) -> routesPage(serverType, limit, offset),
                Route::id,
                executor,
                // A quarter of the limit: a refresh lists the routes alongside the numbers, whose
                // pages and details are the longer chain; a full window of guessed route pages took
                // every permit of the limiter's slow start for a round trip, and half a window of
                // 32 still sent 15 pages past the end of a 1,000-route list.
                () -> Math.max(1, limiter.limit() / 4),
                "listing routes",
                pagingLimits,
                clock,
                false)
            .fetchAll(MAX_PAGE_SIZE, progress);
    return type == RouteType.OTHER
        ? routes.stream().filter(r -> r.type() == RouteType.OTHER).toList()
        : routes;
  }

  private RawPage<PhoneNumber> numbersPage(NumberFilter filter, int limit, int offset)
      throws InterruptedException {
    HttpUrl.Builder url = url("v2", "numbers");
    addFilter(url, "starts_with", filter.startsWith());
    addFilter(url, "contains", filter.contains());
    addFilter(url, "ends_with", filter.endsWith());
    addFilter(url, "alias", filter.alias());
    url.addQueryParameter("limit", Integer.toString(limit))
        .addQueryParameter("offset", Integer.toString(offset));
    ApiCall call = new ApiCall("GET", url.build(), null, Safety.READ, "listing numbers", null);
    return transport.executeStreamed(
        call, parser -> JsonApiStream.numbersPage(parser, limit), null, CancellationToken.NONE);
  }

  private NumberDetails numberDetailsNow(String number, Permit permit, CancellationToken cancel)
      throws InterruptedException {
    checkNumber(number);
    ApiCall call =
        new ApiCall(
            "GET",
            url("v2", "numbers", number).build(),
            null,
            Safety.READ,
            "loading number " + number,
            "number " + number);
    return transport.execute(call, JsonApi::numberDetails, permit, cancel);
  }

  private Void setRouteNow(
      String number, VoiceSlot slot, String routeId, Permit permit, CancellationToken cancel)
      throws InterruptedException {
    checkNumber(number);
    checkRouteId(routeId);
    ApiCall call =
        new ApiCall(
            "PATCH",
            url("v2", "numbers", number, "relationships", slot.relationship()).build(),
            JsonApi.relationshipDocument(routeId),
            Safety.IDEMPOTENT_WRITE,
            "setting the "
                + slot.displayName().toLowerCase(Locale.ROOT)
                + " route of "
                + number
                + " to route "
                + routeId,
            "number " + number + " or route " + routeId);
    return transport.execute(call, document -> null, permit, cancel);
  }

  private Void removeRouteNow(
      String number, VoiceSlot slot, Permit permit, CancellationToken cancel)
      throws InterruptedException {
    checkNumber(number);
    ApiCall call =
        new ApiCall(
            "DELETE",
            url("v2", "numbers", number, "relationships", slot.relationship()).build(),
            null,
            Safety.IDEMPOTENT_WRITE,
            "removing the " + slot.displayName().toLowerCase(Locale.ROOT) + " route of " + number,
            "number " + number);
    return transport.execute(call, document -> null, permit, cancel);
  }

  /** The newest route equal to what we tried to create, or null. */
  /**
   * POST /v2/routes, never blindly repeated: after an ambiguous failure the route list is searched
   * for a route with the same alias, type and value before the POST is sent again.
   */
  private Route createRouteNow(NewRoute route) throws InterruptedException {
    ApiCall post =
        new ApiCall(
            "POST",
            url("v2", "routes").build(),
            JsonApi.newRouteDocument(route, false),
            Safety.CREATE,
            route.alias() == null || route.alias().isBlank()
                ? "creating a " + route.type().wireName() + " route"
                : "creating route \"" + route.alias() + "\"",
            null);
    return transport.executeCreate(
        post, JsonApi::routeDocument, ambiguous -> findCreatedRoute(route, ambiguous));
  }

  private Route findCreatedRoute(NewRoute route, FlowrouteException ambiguous)
      throws InterruptedException {
    List<Route> routes;
    try {
      routes = allRoutes(route.type(), ProgressListener.NONE);
    } catch (FlowrouteException lookupFailed) {
      throw ambiguous.withMessage(
          ambiguous.getMessage()
              + " RouteDesk could not check whether the route was created ("
              + lookupFailed.getMessage()
              + ") Refresh the route list before creating it again.");
    }
    // Ids are numeric strings from one growing sequence: the longest, then greatest, is newest.
    return routes.stream()
        .filter(route::matches)
        .max(Comparator.comparingInt((Route r) -> r.id().length()).thenComparing(Route::id))
        .orElse(null);
  }

  // ---- helpers ---------------------------------------------------------------------------

  @FunctionalInterface
  private interface Work<T> {
    T run() throws InterruptedException;
  }

  /**
   * Runs {@code work} on a client thread and returns at once. Cancelling the returned future
   * interrupts the work (an HTTP call in progress is abandoned).
   */
  private <T> CompletableFuture<T> async(Work<T> work) {
    CompletableFuture<T> future = new CompletableFuture<>();
    if (closed.get()) {
      future.completeExceptionally(FlowrouteErrors.clientClosed());
      return future;
    }
    pending.add(future);
    Runnable task =
        () -> {
          Thread worker = Thread.currentThread();
          future.whenComplete(
              (value, error) -> {
                if (future.isCancelled()) {
                  worker.interrupt();
                }
              });
          try {
            future.complete(work.run());
          } catch (InterruptedException e) {
            future.completeExceptionally(
                closed.get() ? FlowrouteErrors.clientClosed() : FlowrouteErrors.requestCancelled());
          } catch (Throwable t) {
            future.completeExceptionally(t);
          } finally {
            pending.remove(future);
          }
        };
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      pending.remove(future);
      future.completeExceptionally(FlowrouteErrors.clientClosed());
    }
    return future;
  }

  private HttpUrl.Builder url(String... segments) {
    HttpUrl.Builder builder = baseUrl.newBuilder();
    for (String segment : segments) {
      builder.addPathSegment(segment);
    }
    return builder;
  }

  private static void addFilter(HttpUrl.Builder url, String name, String value) {
    if (value != null && !value.isBlank()) {
      url.addQueryParameter(name, value.strip());
    }
  }

  private static <T> Page<T> toPage(RawPage<T> raw) {
    return new Page<>(raw.items(), raw.next() == null ? null : raw.next().offset());
  }

  private static void checkPage(int limit, int offset) {
    if (limit < 1 || limit > MAX_PAGE_SIZE) {
      throw new IllegalArgumentException(
          "limit must be between 1 and " + MAX_PAGE_SIZE + ", was " + limit);
    }
    if (offset < 0) {
      throw new IllegalArgumentException("offset must not be negative, was " + offset);
    }
  }

  private static boolean isNumber(String number) {
    return PhoneNumbers.isDigits(number) && number.length() <= MAX_NUMBER_DIGITS;
  }

  private static void checkNumber(String number) {
    if (!isNumber(number)) {
      throw FlowrouteErrors.invalidArgument(
          "\""
              + number
              + "\" is not a phone number as Flowroute writes it: use the digits only, with the"
              + " country code and without +, e.g. 12065551212.");
    }
  }

  private static void checkRouteId(String routeId) {
    if (!ROUTE_ID.matcher(routeId).matches()) {
      throw FlowrouteErrors.invalidArgument("\"" + routeId + "\" is not a Flowroute route id.");
    }
  }

  /**
   * The route as it will be sent: value and alias trimmed (as Flowroute stores them, so that a
   * route created by a lost POST is recognised by an exact match), after the rules of {@link
   * RouteValues}.
   *
   * @throws FlowrouteException of kind INVALID, status 0, naming the broken rule
   */
  private static NewRoute sendable(NewRoute route) {
    if (!route.type().isCreatable()) {
      throw FlowrouteErrors.invalidArgument(
          route.type() == RouteType.SIP_REG
              ? "sip-reg is the system route; it cannot be created or changed."
              : "Choose a route type: host, number or uri.");
    }
    Validation value = RouteValues.validate(route.type(), route.value());
    if (!value.valid()) {
      throw FlowrouteErrors.invalidArgument(
          "Not sent to Flowroute: the value of a "
              + route.type().wireName()
              + " route is not valid. "
              + value.message());
    }
    Validation alias = RouteValues.validateAlias(route.alias());
    if (!alias.valid()) {
      throw FlowrouteErrors.invalidArgument(
          "Not sent to Flowroute: the alias is not valid. " + alias.message());
    }
    return new NewRoute(
        route.type(), route.value().trim(), route.alias().trim(), route.edgeStrategyId());
  }

  private static List<String> distinctKeys(Collection<String> keys, String what) {
    Objects.requireNonNull(keys, what);
    Set<String> distinct = new LinkedHashSet<>();
    for (String key : keys) {
      distinct.add(Objects.requireNonNull(key, what + " contains null"));
    }
    return List.copyOf(distinct);
  }

  /** A listener that cannot break the operation it watches. */
  private static ProgressListener safe(ProgressListener listener) {
    if (listener == null) {
      return ProgressListener.NONE;
    }
    return (done, total) -> {
      try {
        listener.progress(done, total);
      } catch (RuntimeException e) {
        LOG.warn("A progress listener failed; the operation continues.", e);
      }
    };
  }

  private static boolean isLoopback(String host) {
    return host.equals("localhost")
        || host.equals("::1")
        || host.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
  }

  /** Configures and builds the client. Not thread-safe; build once. */
  public static final class Builder {
    private String baseUrl = DEFAULT_BASE_URL;
    private String accessKey;
    private String secretKey;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(30);
    private Duration writeTimeout = Duration.ofSeconds(30);
    private Duration callTimeout = Duration.ofSeconds(60);
    private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
    private long maxAnswerBytes = RetryingTransport.DEFAULT_MAX_ANSWER_BYTES;
    private PagingLimits pagingLimits = PagingLimits.DEFAULT;
    private int initialConcurrency = 8;
    private int maxConcurrency = 32;
    private Sleeper sleeper = Sleeper.SYSTEM;
    private Clock clock = Clock.systemUTC();
    private DoubleSupplier jitter = () -> ThreadLocalRandom.current().nextDouble();

    private Builder() {}

    /**
     * Where the API lives; {@value #DEFAULT_BASE_URL} by default. Must be https unless the host is
     * a loopback address (127.0.0.0/8, localhost, ::1), e.g. the built-in sandbox.
     */
    public Builder baseUrl(String baseUrl) {
      this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
      return this;
    }

    /** The API access key (user name) and secret key (password) for HTTP Basic auth. */
    public Builder credentials(String accessKey, String secretKey) {
      this.accessKey = accessKey;
      this.secretKey = secretKey;
      return this;
    }

    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /** The longest silence while waiting for an answer. */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = positive(timeout, "readTimeout");
      return this;
    }

    public Builder writeTimeout(Duration timeout) {
      this.writeTimeout = positive(timeout, "writeTimeout");
      return this;
    }

    /** The longest one attempt may take in all; zero for none. */
    public Builder callTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "callTimeout");
      if (timeout.isNegative()) {
        throw new IllegalArgumentException("callTimeout must not be negative");
      }
      this.callTimeout = timeout;
      return this;
    }

    /**
     * The largest answer read, in bytes (16 MiB by default): a larger one fails the call with a
     * clear error, is not read further and is not retried.
     */
    public Builder maxAnswerBytes(long bytes) {
      if (bytes < 1024) {
        throw new IllegalArgumentException("maxAnswerBytes must be at least 1024, was " + bytes);
      }
      this.maxAnswerBytes = bytes;
      return this;
    }

    /** How far one walk through a paged list may go before it is stopped as broken. */
    public Builder pagingLimits(PagingLimits limits) {
      this.pagingLimits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
      return this;
    }

    /**
     * Requests in flight at once: the adaptive limit starts at {@code initial} and never exceeds
     * {@code max}.
     */
    public Builder concurrency(int initial, int max) {
      this.initialConcurrency = initial;
      this.maxConcurrency = max;
      return this;
    }

    /** How to wait between retries (tests: record and return at once). */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /** The clock for the retry budget, Retry-After dates and rate-limit pauses. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Source of the random share used for full-jitter backoff, in [0, 1). For tests. */
    Builder jitter(DoubleSupplier jitter) {
      this.jitter = Objects.requireNonNull(jitter, "jitter");
      return this;
    }

    /**
     * @throws IllegalArgumentException with a message saying what to fix: missing keys, an invalid
     *     address, plain http to a non-loopback host
     */
    public OkHttpFlowrouteClient build() {
      if (accessKey == null || accessKey.isBlank()) {
        throw new IllegalArgumentException("Enter the Flowroute API access key.");
      }
      if (secretKey == null || secretKey.isBlank()) {
        throw new IllegalArgumentException("Enter the Flowroute API secret key.");
      }
      if (accessKey.contains(":")) {
        throw new IllegalArgumentException("The access key must not contain ':'.");
      }
      if (maxConcurrency < 1 || initialConcurrency < 1 || initialConcurrency > maxConcurrency) {
        throw new IllegalArgumentException(
            "Concurrency must satisfy 1 <= initial <= max, was initial "
                + initialConcurrency
                + ", max "
                + maxConcurrency
                + ".");
      }
      return new OkHttpFlowrouteClient(this, checkedBaseUrl());
    }

    private HttpUrl checkedBaseUrl() {
      String raw = baseUrl.strip();
      HttpUrl url = HttpUrl.parse(raw);
      // Never echo a URL that may carry a password.
      String shown = raw.contains("@") ? "(the address)" : "\"" + raw + "\"";
      if (url == null) {
        throw new IllegalArgumentException(
            shown + " is not a valid http(s) address, e.g. " + DEFAULT_BASE_URL + ".");
      }
      if (!url.username().isEmpty() || !url.password().isEmpty()) {
        throw new IllegalArgumentException(
            "The Flowroute address must not contain a user name or password; enter the keys"
                + " separately.");
      }
      if (url.query() != null || url.fragment() != null) {
        throw new IllegalArgumentException(
            "The Flowroute address must not contain a query or fragment: " + shown + ".");
      }
      if (!url.isHttps() && !isLoopback(url.host())) {
        throw new IllegalArgumentException(
            "Refusing to send Flowroute credentials over plain http to "
                + url.host()
                + ". Use an https:// address (http is allowed only for this computer: 127.0.0.1,"
                + " localhost or ::1).");
      }
      return url;
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (!d.isPositive()) {
        throw new IllegalArgumentException(name + " must be positive, was " + d);
      }
      return d;
    }
  }
}
