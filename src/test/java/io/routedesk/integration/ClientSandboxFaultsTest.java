package io.routedesk.integration;

import static io.routedesk.integration.SandboxClients.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.routedesk.domain.NewRoute;
import io.routedesk.domain.NumberDetails;
import io.routedesk.domain.PhoneNumber;
import io.routedesk.domain.Route;
import io.routedesk.domain.RouteType;
import io.routedesk.domain.VoiceSlot;
import io.routedesk.flowroute.BulkResult;
import io.routedesk.flowroute.CancellationToken;
import io.routedesk.flowroute.NumberFilter;
import io.routedesk.flowroute.OkHttpFlowrouteClient;
import io.routedesk.sandbox.DemoSeed;
import io.routedesk.sandbox.Endpoint;
import io.routedesk.sandbox.FaultType;
import io.routedesk.sandbox.FlowrouteSandbox;
import io.routedesk.sandbox.RequestStats.RecordedRequest;
import io.routedesk.sandbox.SandboxAccount;
import io.routedesk.sandbox.SandboxOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * "Nothing lost, nothing duplicated": the real client against a sandbox that answers 20% of
 * requests with 503, drops 20% of connections before answering and, for changes, 20% after the
 * change was applied; and against a sandbox rate limit. Every outcome is checked on the sandbox's
 * own state. Latency is a few milliseconds and retries are fast, so the class runs in seconds.
 */
class ClientSandboxFaultsTest {
  private static final double UNAVAILABLE = 0.2;
  private static final double DROPPED = 0.2;
  private static final double DROPPED_AFTER_COMMIT = 0.2;

  private FlowrouteSandbox sandbox;
  private OkHttpFlowrouteClient client;

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
    if (sandbox != null) {
      sandbox.close();
    }
  }

  private void start(DemoSeed seed) throws Exception {
    sandbox = FlowrouteSandbox.builder().seed(seed).start();
    client = SandboxClients.client(sandbox);
  }

  private void injectFaults() {
    sandbox
        .faults()
        .latencyMillis(1)
        .jitterMillis(3)
        .errorRates(0, UNAVAILABLE)
        .dropRate(DROPPED)
        .dropAfterCommitRate(DROPPED_AFTER_COMMIT);
  }

  @Test
  void listingTenThousandNumbersUnderFaultsReturnsEachExactlyOnce() throws Exception {
    start(DemoSeed.large());
    injectFaults();

    List<PhoneNumber> listed = await(client.listAllNumbers(NumberFilter.NONE, null));

    List<PhoneNumber> expected = sandbox.account().numbers();
    assertThat(expected).hasSize(10_000);
    assertThat(listed).hasSize(10_000);
    assertThat(listed.stream().map(PhoneNumber::number).distinct().count()).isEqualTo(10_000);
    assertThat(listed).containsExactlyElementsOf(expected);
    assertFaultsHit(
        Endpoint.LIST_NUMBERS, FaultType.SERVICE_UNAVAILABLE, FaultType.DROP_CONNECTION);
  }

  @Test
  void creatingTwoHundredRoutesUnderFaultsMakesExactlyTwoHundred() throws Exception {
    start(DemoSeed.small());
    // Let a re-sent POST really create a second route: the client alone must prevent duplicates.
    sandbox.options().duplicateAliasForbidden(false);
    Set<String> before =
        sandbox.account().routes().stream().map(Route::id).collect(Collectors.toSet());
    injectFaults();

    List<NewRoute> wanted = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      wanted.add(newRoute(i));
    }
    List<Route> created = createAll(wanted, 8);

    List<Route> added =
        sandbox.account().routes().stream().filter(r -> !before.contains(r.id())).toList();
    assertThat(added).as("routes new on the sandbox").hasSize(200);
    assertThat(added.stream().map(Route::alias).distinct().count()).isEqualTo(200);
    assertThat(created.stream().map(Route::id).distinct().count()).isEqualTo(200);
    Map<String, Route> onSandbox =
        added.stream().collect(Collectors.toMap(Route::id, Function.identity()));
    for (int i = 0; i < 200; i++) {
      Route route = created.get(i);
      assertThat(onSandbox.get(route.id()))
          .as("route %s on the sandbox", route.id())
          .isEqualTo(route);
      assertThat(wanted.get(i).matches(route)).as("route %d matches what was asked", i).isTrue();
    }
    assertThat(sandbox.requests().routePostsReceived()).isGreaterThan(200);
    assertFaultsHit(
        Endpoint.CREATE_ROUTE,
        FaultType.SERVICE_UNAVAILABLE,
        FaultType.DROP_CONNECTION,
        FaultType.DROP_AFTER_COMMIT);
  }

  @Test
  void aThousandPrimaryAssignmentsUnderFaultsAllLand() throws Exception {
    start(DemoSeed.of(1_000, 10, 11L));
    SandboxAccount account = sandbox.account();
    List<String> targets = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      targets.add(
          account.addRoute(RouteType.HOST, "pbx-" + i + ".example.com", "t" + i, null).id());
    }
    Map<String, String> plan = new LinkedHashMap<>();
    Map<String, String> failoversBefore = new HashMap<>();
    List<PhoneNumber> numbers = account.numbers();
    for (int i = 0; i < numbers.size(); i++) {
      String number = numbers.get(i).number();
      plan.put(number, targets.get(i % targets.size()));
      failoversBefore.put(number, account.failoverRouteId(number));
    }
    assertThat(plan).hasSize(1_000);
    injectFaults();

    BulkResult<Void> result =
        await(client.setRoutes(plan, VoiceSlot.PRIMARY, null, CancellationToken.NONE));

    assertThat(result.failed()).isEmpty();
    assertThat(result.skipped()).isEmpty();
    assertThat(result.succeeded()).hasSize(1_000);
    plan.forEach(
        (number, routeId) -> {
          assertThat(account.primaryRouteId(number)).as("primary of %s", number).isEqualTo(routeId);
          assertThat(account.failoverRouteId(number)).isEqualTo(failoversBefore.get(number));
        });
    assertFaultsHit(
        Endpoint.SET_PRIMARY_ROUTE,
        FaultType.SERVICE_UNAVAILABLE,
        FaultType.DROP_CONNECTION,
        FaultType.DROP_AFTER_COMMIT);
  }

  @ParameterizedTest(name = "Retry-After header: {0}")
  @ValueSource(booleans = {false, true})
  void aRateLimitedBulkDetailsReadFinishesWithNoFailedRequest(boolean retryAfter) throws Exception {
    start(DemoSeed.of(300, 10, 13L));
    // One request per number, so that 300 of them meet the rate limit.
    sandbox.options().multiNumberDetails(SandboxOptions.MultiNumberDetails.OFF);
    sandbox.faults().latencyMillis(2).rateLimit(100).retryAfterHeader(retryAfter);
    List<String> numbers = sandbox.account().numbers().stream().map(PhoneNumber::number).toList();

    BulkResult<NumberDetails> result =
        await(client.numberDetails(numbers, null, CancellationToken.NONE));

    assertThat(result.failed()).isEmpty();
    assertThat(result.skipped()).isEmpty();
    assertThat(result.succeeded()).hasSize(300);
    for (String number : numbers) {
      assertThat(result.succeeded().get(number).routing())
          .isEqualTo(sandbox.account().routing(number).orElseThrow());
    }
    List<RecordedRequest> limited = recorded(r -> r.status() == 429);
    assertThat(limited).as("the sandbox should have answered 429").isNotEmpty();
    System.out.printf(
        Locale.ROOT,
        "rate limit 100 rps, Retry-After %s: %d details, %d answered 429%n",
        retryAfter,
        result.succeeded().size(),
        limited.size());
  }

  @Test
  void a429StormShrinksTheConcurrencyTheClientUses() throws Exception {
    start(DemoSeed.of(400, 10, 17L));
    sandbox.options().multiNumberDetails(SandboxOptions.MultiNumberDetails.OFF);
    client.close();
    client = SandboxClients.client(sandbox, b -> b.concurrency(32, 32));
    sandbox.faults().latencyMillis(10);
    List<String> numbers = sandbox.account().numbers().stream().map(PhoneNumber::number).toList();

    // Unlimited: the client keeps its 32 requests in flight.
    BulkResult<NumberDetails> calm =
        await(client.numberDetails(numbers.subList(0, 200), null, CancellationToken.NONE));
    int calmInFlight = sandbox.requests().maxInFlight();
    assertThat(calm.allSucceeded()).isTrue();
    assertThat(client.concurrencyLimit()).isEqualTo(32);
    assertThat(calmInFlight).isGreaterThanOrEqualTo(16);

    // 100 requests/s at 10 ms each sustain one request in flight: 429s must shrink the limit.
    sandbox.faults().rateLimit(100, 10);
    AtomicInteger lowestLimit = new AtomicInteger(client.concurrencyLimit());
    AtomicInteger inFlightAfterSettling = new AtomicInteger(-1);
    BulkResult<NumberDetails> stormy =
        await(
            client.numberDetails(
                numbers.subList(200, 400),
                (done, total) -> {
                  lowestLimit.accumulateAndGet(client.concurrencyLimit(), Math::min);
                  if (done == 50) {
                    // From here on, measure what the sandbox sees once the limiter has reacted.
                    sandbox.requests().resetMaxInFlight();
                    inFlightAfterSettling.set(0);
                  }
                },
                CancellationToken.NONE));

    int stormInFlight = sandbox.requests().maxInFlight();
    System.out.printf(
        Locale.ROOT,
        "429 storm: max in flight %d before, %d after settling; limiter 32 -> lowest %d, %d"
            + " answered 429%n",
        calmInFlight,
        stormInFlight,
        lowestLimit.get(),
        recorded(r -> r.status() == 429).size());
    assertThat(stormy.allSucceeded()).isTrue();
    assertThat(inFlightAfterSettling.get()).isZero();
    assertThat(lowestLimit.get()).isLessThanOrEqualTo(4);
    // The limiter sits at 1 to 4 here; the sandbox may see a few more while answers leave.
    assertThat(stormInFlight).isLessThan(calmInFlight / 2);
  }

  // ---- helpers ----

  /** A valid route of each type in turn, with a unique alias. */
  private static NewRoute newRoute(int i) {
    String n = String.format(Locale.ROOT, "%03d", i);
    return switch (i % 3) {
      case 0 ->
          new NewRoute(RouteType.HOST, "pbx" + n + ".example.com:5060", "bulk-host-" + n, null);
      case 1 ->
          new NewRoute(
              RouteType.NUMBER,
              "1206555" + String.format(Locale.ROOT, "%04d", i),
              "bulk-number-" + n,
              null);
      default -> new NewRoute(RouteType.URI, "sip:in" + n + "@sbc.example.net", "bulk-uri-" + n, 2);
    };
  }

  /** Creates every route with at most {@code parallel} creates running; results in order. */
  private List<Route> createAll(List<NewRoute> routes, int parallel) throws InterruptedException {
    Semaphore slots = new Semaphore(parallel);
    List<CompletableFuture<Route>> futures = new ArrayList<>();
    for (NewRoute route : routes) {
      slots.acquire();
      CompletableFuture<Route> future = client.createRoute(route);
      future.whenComplete((created, error) -> slots.release());
      futures.add(future);
    }
    List<Route> created = new ArrayList<>();
    for (CompletableFuture<Route> future : futures) {
      created.add(await(future));
    }
    return created;
  }

  private List<RecordedRequest> recorded(Predicate<RecordedRequest> filter) {
    return sandbox.requests().recent().stream().filter(filter).toList();
  }

  /** The faults really happened on this endpoint (else the test proves nothing). */
  private void assertFaultsHit(Endpoint endpoint, FaultType... faults) {
    Set<FaultType> seen = new HashSet<>();
    for (RecordedRequest r : recorded(r -> r.endpoint() == endpoint)) {
      if (r.fault() != null) {
        seen.add(r.fault());
      }
    }
    assertThat(seen).as("faults injected into " + endpoint.label()).contains(faults);
  }
}
