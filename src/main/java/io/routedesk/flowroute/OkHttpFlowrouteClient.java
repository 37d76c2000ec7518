package io.routedesk.flowroute;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
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
import io.routedesk.flowroute.FlowrouteErrors.BodyProblem;
import io.routedesk.flowroute.FlowrouteErrors.Timeouts;
import io.routedesk.flowroute.JsonApi.ErrorInfo;
import io.routedesk.flowroute.JsonApi.RawPage;
import io.routedesk.flowroute.JsonApi.ShapeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.DoubleSupplier;
import java.util.regex.Pattern;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.ConnectionSpec;
import okhttp3.Credentials;
import okhttp3.EventListener;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Flowroute Numbers API v2 client on OkHttp (synchronous calls on virtual threads) and Jackson.
 * Build it with {@link #builder()}.
 *
 * <p>Every request goes through one {@link AdaptiveConcurrencyLimiter} (Flowroute's rate limits are
 * per account, so a 429 anywhere should slow everything down) and through a retry loop whose rules
 * depend on whether the request may be repeated ({@link ApiCall.Safety}).
 *
 * <p>Argument errors that are programming mistakes (null, a page size above 200) throw at once; ids
 * that are not valid (a number with letters) fail the returned future with a {@link
 * FlowrouteException} of kind INVALID, so a bulk operation records them per key.
 */
public final class OkHttpFlowrouteClient implements FlowrouteClient {
  private static final Logger LOG = LoggerFactory.getLogger(OkHttpFlowrouteClient.class);

  public static final String DEFAULT_BASE_URL = "https://api.flowroute.com";
  static final String JSON_API = "application/vnd.api+json";
  private static final MediaType JSON_API_TYPE = MediaType.get(JSON_API);
  private static final Pattern ROUTE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final int MAX_NUMBER_DIGITS = 15; // E.164

  private final HttpUrl baseUrl;
  private final String hostPort;
  private final String authorization; // the Basic header value: never logged or printed
  private final OkHttpClient http;
  private final RetryPolicy retryPolicy;
  private final Clock clock;
  private final Sleeper sleeper;
  private final DoubleSupplier jitter;
  private final Timeouts timeouts;
  private final AdaptiveConcurrencyLimiter limiter;
  private final ExecutorService executor;
  private final Set<CompletableFuture<?>> pending = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean closed = new AtomicBoolean();

  private OkHttpFlowrouteClient(Builder b, HttpUrl baseUrl) {
    this.baseUrl = baseUrl;
    this.hostPort = baseUrl.host() + ":" + baseUrl.port();
    this.authorization =
        Credentials.basic(b.accessKey.strip(), b.secretKey.strip(), StandardCharsets.UTF_8);
    this.retryPolicy = b.retryPolicy;
    this.clock = b.clock;
    this.sleeper = b.sleeper;
    this.jitter = b.jitter;
    this.timeouts = new Timeouts(b.connectTimeout, b.readTimeout, b.writeTimeout, b.callTimeout);
    this.limiter =
        new AdaptiveConcurrencyLimiter(b.initialConcurrency, b.maxConcurrency, clock, sleeper);
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
            .connectionPool(new ConnectionPool(Math.max(5, b.maxConcurrency), 20, TimeUnit.SECONDS))
            .eventListener(new SentTracker());
    if (!baseUrl.isHttps()) {
      // Plain http is allowed only to this computer (the built-in sandbox, a local server), and
      // redirects are not followed, so this client never speaks TLS. Without a TLS spec OkHttp
      // sets up no SSL context: no JDK TLS classes, no trust store read (about half a second of
      // a start on the sandbox).
      http.connectionSpecs(List.of(ConnectionSpec.CLEARTEXT));
    }
    this.http = http.build();
  }

  /** True when this client set up TLS (an https address); for tests. */
  boolean usesTls() {
    return http.connectionSpecs().stream().anyMatch(ConnectionSpec::isTls);
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
          return execute(
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
          return execute(call, document -> null, null, CancellationToken.NONE);
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
          return execute(
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
    NumberFilter f = filter == null ? NumberFilter.NONE : filter;
    ProgressListener listener = safe(progress);
    return async(
        () ->
            new ConcurrentPager<PhoneNumber>(
                    (limit, offset) -> numbersPage(f, limit, offset),
                    PhoneNumber::number,
                    executor,
                    limiter::limit,
                    "listing numbers")
                .fetchAll(MAX_PAGE_SIZE, listener));
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
            runBulk(
                keys,
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
            runBulk(
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
    http.dispatcher().cancelAll();
    for (CompletableFuture<?> future : pending) {
      future.completeExceptionally(closedError());
    }
    http.connectionPool().evictAll();
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
        execute(
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
                limiter::limit,
                "listing routes")
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
    return execute(
        call,
        document -> JsonApi.page(document, JsonApi::number, limit),
        null,
        CancellationToken.NONE);
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
    return execute(call, JsonApi::numberDetails, permit, cancel);
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
    return execute(call, document -> null, permit, cancel);
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
    return execute(call, document -> null, permit, cancel);
  }

  /**
   * POST /v2/routes, never blindly repeated. A 429 was not processed, and a refused connection
   * never carried the request: both are simply retried. After an ambiguous failure (timeout,
   * dropped connection, 5xx, a garbled 201) the route may exist already, so after the backoff the
   * route list is searched for one with the same alias, type and value; only when none is found is
   * the POST sent again. All of it within the retry policy's attempts and time budget.
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
    Instant start = clock.instant();
    boolean mayHaveLanded = false;
    for (int attempt = 1; ; attempt++) {
      Failure failure;
      try {
        Exchange exchange = send(post, limiter.acquire());
        if (exchange.successful()) {
          try {
            return read(post, exchange, JsonApi::routeDocument);
          } catch (FlowrouteException unreadable) {
            // Created, but the answer does not say which route: find it like a lost answer.
            throw new AttemptFailed(new Failure(unreadable, true, true));
          }
        }
        failure = statusFailure(post, exchange);
      } catch (AttemptFailed e) {
        failure = e.failure;
      }
      Decision decision = decide(failure, Safety.CREATE);
      if (decision == Decision.FAIL) {
        if (mayHaveLanded && failure.error().status() == 403) {
          // Flowroute refuses duplicates with 403: an earlier, ambiguous POST probably landed
          // after our last look at the list.
          Route created = findCreatedRoute(route, failure.error());
          if (created != null) {
            return created;
          }
        }
        throw failure.error();
      }
      mayHaveLanded |= decision == Decision.AMBIGUOUS;
      Duration delay = nextDelay(start, attempt, failure.error().retryAfter());
      if (delay != null) {
        LOG.info(
            "{} failed ({}); {} in {}",
            post.describe(),
            failure.error().kind(),
            decision == Decision.AMBIGUOUS ? "checking whether it landed" : "sending again",
            FlowrouteErrors.describe(delay));
        sleeper.sleep(delay);
      }
      if (decision == Decision.AMBIGUOUS) {
        Route created = findCreatedRoute(route, failure.error());
        if (created != null) {
          LOG.info(
              "The route of the failed {} exists (id {}): using it.",
              post.describe(),
              created.id());
          return created;
        }
      }
      if (delay == null) {
        throw gaveUp(failure.error(), attempt);
      }
    }
  }

  /** The newest route equal to what we tried to create, or null. */
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

  // ---- bulk ------------------------------------------------------------------------------

  @FunctionalInterface
  private interface BulkItem<T> {
    T run(String key, Permit firstPermit) throws InterruptedException;
  }

  private record Outcome<T>(T value, FlowrouteException error, boolean skipped) {}

  /**
   * Runs one item per key with the adaptive limiter's concurrency: an item starts only once the
   * limiter grants it a permit (which its first request uses), so "not started" is exact and a
   * cancellation skips every item still waiting. Each key ends succeeded, failed or skipped.
   */
  private <T> BulkResult<T> runBulk(
      List<String> keys, BulkItem<T> item, ProgressListener progress, CancellationToken cancel)
      throws InterruptedException {
    Map<String, Outcome<T>> outcomes = new ConcurrentHashMap<>();
    long total = keys.size();
    long[] done = {0};
    Runnable reportOne =
        () -> {
          synchronized (done) {
            done[0]++;
            progress.progress(done[0], total);
          }
        };
    List<CompletableFuture<Void>> running = new ArrayList<>();
    for (String key : keys) {
      Permit permit = cancel.isCancelled() ? null : limiter.acquire();
      if (permit != null && cancel.isCancelled()) {
        permit.release();
        permit = null;
      }
      if (permit == null) {
        outcomes.put(key, new Outcome<>(null, null, true));
        reportOne.run();
        continue;
      }
      Permit first = permit;
      CompletableFuture<Void> finished = new CompletableFuture<>();
      Runnable work =
          () -> {
            Outcome<T> outcome;
            try {
              outcome = new Outcome<>(item.run(key, first), null, false);
            } catch (FlowrouteException e) {
              outcome = new Outcome<>(null, e, false);
            } catch (InterruptedException e) {
              outcome = new Outcome<>(null, closed.get() ? closedError() : cancelledError(), false);
            } catch (RuntimeException e) {
              LOG.error("Unexpected failure in a bulk Flowroute operation", e);
              outcome = new Outcome<>(null, unexpected(e), false);
            } finally {
              first.release(); // no-op when the request already released it
            }
            outcomes.put(key, outcome);
            reportOne.run();
            finished.complete(null);
          };
      try {
        executor.execute(work);
        running.add(finished);
      } catch (RejectedExecutionException e) {
        first.release();
        outcomes.put(key, new Outcome<>(null, closedError(), false));
        reportOne.run();
      }
    }
    try {
      CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).get();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause()); // items never complete exceptionally
    }
    Map<String, T> succeeded = new LinkedHashMap<>();
    Map<String, FlowrouteException> failed = new LinkedHashMap<>();
    List<String> skipped = new ArrayList<>();
    for (String key : keys) {
      Outcome<T> outcome = outcomes.get(key);
      if (outcome.skipped()) {
        skipped.add(key);
      } else if (outcome.error() != null) {
        failed.put(key, outcome.error());
      } else {
        succeeded.put(key, outcome.value());
      }
    }
    return new BulkResult<>(succeeded, failed, skipped);
  }

  // ---- the request/retry core ------------------------------------------------------------

  @FunctionalInterface
  private interface Handler<T> {
    /** Maps a 2xx body (null when empty) to the result. */
    T handle(JsonNode document) throws ShapeException;
  }

  /** What to do after a failed attempt. */
  private enum Decision {
    RETRY,
    /** POST only: it may have been processed; look for its result before sending it again. */
    AMBIGUOUS,
    FAIL
  }

  /**
   * @param requestSent the request had started going out (a write may have landed)
   * @param garbledSuccess a 2xx whose body could not be read (retrying a GET can help)
   */
  private record Failure(FlowrouteException error, boolean requestSent, boolean garbledSuccess) {}

  /** Internal: one attempt failed in a way the retry loop must look at. */
  private static final class AttemptFailed extends Exception {
    private final transient Failure failure;

    AttemptFailed(Failure failure) {
      super(failure.error().getMessage(), null, false, false);
      this.failure = failure;
    }
  }

  /** One answer: status, body text and the server's Retry-After. */
  private record Exchange(int status, String contentType, String body, Duration retryAfter) {
    boolean successful() {
      return status >= 200 && status < 300;
    }
  }

  /**
   * Sends {@code call}, retrying per its safety, the retry policy and Retry-After.
   *
   * @param firstPermit a limiter permit already held for the first attempt, or null
   * @param cancel stops further retries (the last error is thrown)
   */
  private <T> T execute(
      ApiCall call, Handler<T> handler, Permit firstPermit, CancellationToken cancel)
      throws InterruptedException {
    Instant start = clock.instant();
    Permit permit = firstPermit;
    for (int attempt = 1; ; attempt++) {
      Failure failure;
      try {
        Permit p = permit != null ? permit : limiter.acquire();
        permit = null;
        Exchange exchange = send(call, p);
        if (exchange.successful()) {
          return read(call, exchange, handler);
        }
        if (attempt > 1 && exchange.status() == 404 && call.method().equals("DELETE")) {
          // An earlier attempt landed and only its answer was lost.
          LOG.info("{} answered 404 on a retry: the earlier attempt deleted it.", call.describe());
          return handler.handle(null);
        }
        failure = statusFailure(call, exchange);
      } catch (AttemptFailed e) {
        failure = e.failure;
      } catch (ShapeException e) {
        throw new IllegalStateException("A DELETE handler must accept an empty body", e);
      } finally {
        if (permit != null) {
          permit.release(); // acquire() was interrupted before the permit was used
        }
      }
      if (failure.error().kind() == FlowrouteException.Kind.NETWORK) {
        // The connection died; the idle ones pooled with it most likely did too (the server
        // closed them, or the network changed). Without this, each retry picks up another dead
        // connection and the whole retry budget is spent on them.
        http.connectionPool().evictAll();
      }
      if (decide(failure, call.safety()) != Decision.RETRY) {
        throw failure.error();
      }
      Duration delay = nextDelay(start, attempt, failure.error().retryAfter());
      if (delay == null) {
        throw gaveUp(failure.error(), attempt);
      }
      if (cancel.isCancelled()) {
        throw failure
            .error()
            .withMessage(
                failure.error().getMessage()
                    + " Not tried again because the operation was cancelled.");
      }
      LOG.info(
          "{} failed ({} {}); retry {} in {}",
          call.describe(),
          failure.error().kind(),
          failure.error().status(),
          attempt,
          FlowrouteErrors.describe(delay));
      sleeper.sleep(delay);
    }
  }

  private static Decision decide(Failure failure, Safety safety) {
    FlowrouteException error = failure.error();
    boolean create = safety == Safety.CREATE;
    return switch (error.kind()) {
      case RATE_LIMITED -> Decision.RETRY; // 429: not processed, safe for every method
      case SERVER -> {
        int status = error.status();
        boolean gateway = status == 502 || status == 503 || status == 504;
        if (create) {
          yield gateway || status == 500 ? Decision.AMBIGUOUS : Decision.FAIL;
        }
        yield gateway || (status == 500 && safety == Safety.READ) ? Decision.RETRY : Decision.FAIL;
      }
      case TIMEOUT, NETWORK -> {
        if (!failure.requestSent()) {
          yield Decision.RETRY; // nothing left this machine: repeating is always safe
        }
        yield create ? Decision.AMBIGUOUS : Decision.RETRY;
      }
      case BAD_RESPONSE -> {
        if (!failure.garbledSuccess()) {
          yield Decision.FAIL;
        }
        yield create ? Decision.AMBIGUOUS : Decision.RETRY;
      }
      default -> Decision.FAIL;
    };
  }

  /** The wait before the next attempt, or null when attempts or the time budget are used up. */
  private Duration nextDelay(Instant start, int attemptsMade, Duration retryAfter) {
    if (attemptsMade >= retryPolicy.maxAttempts()) {
      return null;
    }
    double u = Math.min(Math.max(jitter.getAsDouble(), 0.0), Math.nextDown(1.0));
    Duration delay = retryAfter != null ? retryAfter : retryPolicy.backoff(attemptsMade, u);
    Duration elapsed = Duration.between(start, clock.instant());
    if (elapsed.plus(delay).compareTo(retryPolicy.totalBudget()) > 0) {
      return null;
    }
    return delay;
  }

  private static FlowrouteException gaveUp(FlowrouteException last, int attempts) {
    if (attempts <= 1) {
      return last;
    }
    return last.withMessage(last.getMessage() + " (Tried " + attempts + " times.)");
  }

  /** One HTTP exchange. Always releases {@code permit}, telling the limiter how it went. */
  private Exchange send(ApiCall call, Permit permit) throws AttemptFailed {
    SentFlag sent = new SentFlag();
    Request.Builder request =
        new Request.Builder()
            .url(call.url())
            .header("Authorization", authorization)
            .header("Accept", JSON_API)
            .tag(SentFlag.class, sent);
    try {
      RequestBody body =
          call.body() == null
              ? null
              : RequestBody.create(JsonApi.MAPPER.writeValueAsBytes(call.body()), JSON_API_TYPE);
      request.method(call.method(), body);
    } catch (JsonProcessingException e) {
      permit.release();
      throw new IllegalStateException("Could not write a request body", e);
    }
    Call httpCall = http.newCall(request.build());
    long started = System.nanoTime();
    try (Response response = httpCall.execute()) {
      String text = response.body().string();
      int status = response.code();
      Duration retryAfter =
          FlowrouteErrors.parseRetryAfter(response.header("Retry-After"), clock.instant());
      if (status == 429 || status == 503) {
        permit.overloaded(retryAfter);
      } else if (status >= 500) {
        permit.release();
      } else {
        permit.succeeded();
      }
      if (LOG.isDebugEnabled()) {
        LOG.debug(
            "{} -> {} in {} ms",
            call.describe(),
            status,
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
      }
      return new Exchange(status, response.header("Content-Type"), text, retryAfter);
    } catch (IOException e) {
      permit.release();
      if (closed.get() || httpCall.isCanceled() || Thread.currentThread().isInterrupted()) {
        throw new AttemptFailed(
            new Failure(FlowrouteErrors.cancelled(call, closed.get(), e), sent.value, false));
      }
      LOG.debug("{} failed: {}", call.describe(), e.toString());
      throw new AttemptFailed(
          new Failure(
              FlowrouteErrors.fromIOException(call, e, sent.value, hostPort, timeouts),
              sent.value,
              false));
    } finally {
      permit.release(); // no-op when already released above
    }
  }

  /** Reads a 2xx body. A body that is not JSON may be a glitch (retryable for reads). */
  private static <T> T read(ApiCall call, Exchange exchange, Handler<T> handler)
      throws AttemptFailed {
    JsonNode document;
    try {
      document = JsonApi.parse(exchange.body());
    } catch (JsonProcessingException e) {
      throw new AttemptFailed(
          new Failure(
              FlowrouteErrors.badBody(call, exchange.status(), bodyProblem(exchange), null, e),
              true,
              true));
    }
    try {
      return handler.handle(document);
    } catch (ShapeException e) {
      throw FlowrouteErrors.badBody(
          call,
          exchange.status(),
          BodyProblem.UNEXPECTED_SHAPE,
          document == null ? "the answer was empty" : e.getMessage(),
          null);
    }
  }

  private static Failure statusFailure(ApiCall call, Exchange exchange) {
    ErrorInfo info = null;
    BodyProblem problem = null;
    try {
      info = JsonApi.error(JsonApi.parse(exchange.body()));
    } catch (JsonProcessingException e) {
      problem = bodyProblem(exchange);
    }
    return new Failure(
        FlowrouteErrors.fromStatus(call, exchange.status(), info, problem, exchange.retryAfter()),
        true,
        false);
  }

  private static BodyProblem bodyProblem(Exchange exchange) {
    String body = exchange.body() == null ? "" : exchange.body().stripLeading();
    String type = exchange.contentType() == null ? "" : exchange.contentType();
    if (body.startsWith("<") || type.toLowerCase(Locale.ROOT).contains("html")) {
      return BodyProblem.HTML;
    }
    if (body.startsWith("{") || body.startsWith("[")) {
      return BodyProblem.TRUNCATED;
    }
    return BodyProblem.NOT_JSON;
  }

  /** Marks, through OkHttp's events, that the request started going out on the wire. */
  private static final class SentFlag {
    volatile boolean value;
  }

  private static final class SentTracker extends EventListener {
    @Override
    public void requestHeadersStart(Call call) {
      SentFlag flag = call.request().tag(SentFlag.class);
      if (flag != null) {
        flag.value = true;
      }
    }
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
      future.completeExceptionally(closedError());
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
            future.completeExceptionally(closed.get() ? closedError() : cancelledError());
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
      future.completeExceptionally(closedError());
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

  private static void checkNumber(String number) {
    if (!PhoneNumbers.isDigits(number) || number.length() > MAX_NUMBER_DIGITS) {
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

  private static FlowrouteException closedError() {
    return new FlowrouteException(
        FlowrouteException.Kind.CANCELLED,
        0,
        null,
        null,
        null,
        "The Flowroute connection was closed before the request finished.",
        null);
  }

  private static FlowrouteException cancelledError() {
    return new FlowrouteException(
        FlowrouteException.Kind.CANCELLED, 0, null, null, null, "The request was cancelled.", null);
  }

  private static FlowrouteException unexpected(RuntimeException e) {
    return new FlowrouteException(
        FlowrouteException.Kind.OTHER,
        0,
        null,
        null,
        null,
        "An unexpected error occurred in RouteDesk (" + e.getClass().getSimpleName() + ").",
        e);
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
