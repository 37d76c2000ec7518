package io.routedesk.sandbox;

import static io.routedesk.sandbox.SandboxHttp.relationshipBody;
import static io.routedesk.sandbox.SandboxHttp.routeBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SandboxFaultsTest extends SandboxTestBase {

  // ---- dropped connections ----

  @Test
  void droppedConnectionIsAnIOExceptionForARealClient() throws Exception {
    // java.net.http silently retries a GET once when the connection closes before any response
    // byte, so two drops in a row reach the caller.
    sandbox.faults().failNext(Endpoint.LIST_ROUTES, FaultType.DROP_CONNECTION, 2);

    assertThatThrownBy(() -> http.get("/v2/routes")).isInstanceOf(IOException.class);

    assertThat(sandbox.requests().received(Endpoint.LIST_ROUTES)).isEqualTo(2);
    RequestStats.RecordedRequest recorded = sandbox.requests().recent().getLast();
    assertThat(recorded.dropped()).isTrue();
    assertThat(recorded.fault()).isEqualTo(FaultType.DROP_CONNECTION);
    assertThat(sandbox.faults().pendingScriptedFaults()).isZero();
    // The next request is served normally.
    assertThat(http.get("/v2/routes").status()).isEqualTo(200);
  }

  @Test
  void aSingleDropOnAGetIsRetriedByJavaNetHttpButNotOnAPost() throws Exception {
    sandbox.faults().failNext(FaultType.DROP_CONNECTION);
    assertThat(http.get("/v2/routes").status()).isEqualTo(200);
    assertThat(sandbox.requests().received(Endpoint.LIST_ROUTES)).isEqualTo(2);

    sandbox.faults().failNext(FaultType.DROP_CONNECTION);
    assertThatThrownBy(() -> http.post("/v2/routes", routeBody("host", "a.example", "once")))
        .isInstanceOf(IOException.class);
    assertThat(sandbox.requests().routePostsReceived()).isEqualTo(1);
    // Dropped before processing: nothing was created.
    assertThat(sandbox.account().routes()).noneMatch(r -> "once".equals(r.alias()));
  }

  @Test
  void everyRequestDroppedAtRateOne() throws Exception {
    sandbox.faults().dropRate(1.0);

    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> http.get("/v2/numbers")).isInstanceOf(IOException.class);
    }
    sandbox.faults().dropRate(0);
    assertThat(http.get("/v2/numbers").status()).isEqualTo(200);
  }

  @Test
  void dropAfterCommitAppliesTheCreateButLosesTheAnswer() throws Exception {
    sandbox.faults().failNext(Endpoint.CREATE_ROUTE, FaultType.DROP_AFTER_COMMIT);
    int routesBefore = sandbox.account().routeCount();

    assertThatThrownBy(
            () -> http.post("/v2/routes", routeBody("host", "pbx9.example.com", "lost-answer")))
        .isInstanceOf(IOException.class);

    assertThat(sandbox.account().routeCount()).isEqualTo(routesBefore + 1);
    assertThat(sandbox.account().routes())
        .filteredOn(r -> "lost-answer".equals(r.alias()))
        .hasSize(1);
    assertThat(sandbox.requests().routePostsReceived()).isEqualTo(1);
    assertThat(sandbox.requests().recent().getLast().fault())
        .isEqualTo(FaultType.DROP_AFTER_COMMIT);
  }

  @Test
  void dropAfterCommitAppliesAnAssignment() throws Exception {
    String number = sandbox.account().numbers().get(2).number();
    sandbox.faults().failNext(FaultType.DROP_AFTER_COMMIT);

    // The GET is not mutating: the scripted drop-after-commit waits for the PATCH.
    assertThat(http.get("/v2/numbers/" + number).status()).isEqualTo(200);
    assertThatThrownBy(
            () ->
                http.patch(
                    "/v2/numbers/" + number + "/relationships/failover_route",
                    relationshipBody("0")))
        .isInstanceOf(IOException.class);

    assertThat(sandbox.account().failoverRouteId(number)).isEqualTo("0");
  }

  @Test
  void dropAfterCommitCannotTargetReads() {
    assertThatThrownBy(
            () -> sandbox.faults().failNext(Endpoint.LIST_ROUTES, FaultType.DROP_AFTER_COMMIT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mutating");
  }

  // ---- error answers ----

  @Test
  void serverErrorsCarryTheErrorsBodyAndApplyNothing() throws Exception {
    int routesBefore = sandbox.account().routeCount();
    sandbox.faults().errorRates(1.0, 0);
    SandboxHttp.Reply err500 = http.post("/v2/routes", routeBody("host", "a.example", "e500"));
    sandbox.faults().errorRates(0, 1.0);
    SandboxHttp.Reply err503 = http.get("/v2/numbers");

    assertThat(err500.status()).isEqualTo(500);
    assertThat(err500.json().at("/errors/0/status").asInt()).isEqualTo(500);
    assertThat(err500.error("title")).isEqualTo("Internal Server Error");
    assertThat(err503.status()).isEqualTo(503);
    assertThat(err503.header("Content-Type")).isEqualTo("application/vnd.api+json");
    assertThat(err503.error("title")).isEqualTo("Service Unavailable");
    assertThat(sandbox.account().routeCount()).isEqualTo(routesBefore);
  }

  @Test
  void scriptedFaultsApplyInOrderToMatchingEndpointsOnly() throws Exception {
    sandbox
        .faults()
        .failNext(Endpoint.LIST_NUMBERS, FaultType.SERVICE_UNAVAILABLE, 2)
        .failNext(Endpoint.LIST_NUMBERS, FaultType.SERVER_ERROR);

    assertThat(http.get("/v2/routes").status()).isEqualTo(200);
    assertThat(http.get("/v2/numbers").status()).isEqualTo(503);
    assertThat(http.get("/v2/numbers").status()).isEqualTo(503);
    assertThat(http.get("/v2/numbers").status()).isEqualTo(500);
    assertThat(http.get("/v2/numbers").status()).isEqualTo(200);
  }

  // ---- rate limits ----

  @Test
  void globalRateLimitAnswers429WithoutRetryAfterByDefault() throws Exception {
    // 0.2 requests/s with a burst of 1: the second request within 5 s is refused.
    sandbox.faults().rateLimit(0.2, 1);

    SandboxHttp.Reply first = http.get("/v2/routes");
    SandboxHttp.Reply second = http.get("/v2/numbers");

    assertThat(first.status()).isEqualTo(200);
    assertThat(second.status()).isEqualTo(429);
    assertThat(second.json().at("/errors/0/status").asInt()).isEqualTo(429);
    assertThat(second.error("title")).isEqualTo("Too Many Requests");
    assertThat(second.header("Retry-After")).isNull();
    assertThat(sandbox.requests().recent().getLast().fault()).isEqualTo(FaultType.RATE_LIMITED);
  }

  @Test
  void retryAfterHeaderIsOptional() throws Exception {
    sandbox.faults().rateLimit(0.2, 1).retryAfterHeader(true);

    http.get("/v2/routes");
    SandboxHttp.Reply limited = http.get("/v2/routes");

    assertThat(limited.status()).isEqualTo(429);
    assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 5);
  }

  @Test
  void perEndpointRateLimitLeavesOtherEndpointsAlone() throws Exception {
    sandbox.faults().rateLimit(Endpoint.NUMBER_DETAILS, 0.2, 2);
    String number = sandbox.account().numbers().get(0).number();

    List<Integer> details = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      details.add(http.get("/v2/numbers/" + number).status());
    }
    List<Integer> lists = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      lists.add(http.get("/v2/numbers").status());
    }

    assertThat(details).containsExactly(200, 200, 429);
    assertThat(lists).containsOnly(200);
  }

  @Test
  void tokenBucketRefillsAtItsRate() {
    AtomicLong now = new AtomicLong();
    TokenBucket bucket = new TokenBucket(2.0, 2, now::get);

    assertThat(bucket.tryAcquire()).isZero();
    assertThat(bucket.tryAcquire()).isZero();
    long wait = bucket.tryAcquire();
    assertThat(wait).isEqualTo(500_000_000L);
    now.addAndGet(499_000_000L);
    assertThat(bucket.tryAcquire()).isPositive();
    now.addAndGet(1_000_000L);
    assertThat(bucket.tryAcquire()).isZero();
    now.addAndGet(10_000_000_000L);
    assertThat(bucket.tryAcquire()).isZero();
    assertThat(bucket.tryAcquire()).isZero();
    assertThat(bucket.tryAcquire()).isPositive();
  }

  // ---- latency, jitter, slow bodies ----

  @Test
  void latencyDelaysEachAnswer() throws Exception {
    sandbox.faults().latencyMillis(300);

    long start = System.nanoTime();
    assertThat(http.get("/v2/routes").status()).isEqualTo(200);
    long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

    assertThat(elapsedMillis).isGreaterThanOrEqualTo(300);
  }

  @Test
  void requestsInFlightAreCountedThroughTheLatencyAndTheMaximumIsKept() throws Exception {
    sandbox.faults().latencyMillis(600);
    // A dropped request counts too, and leaves the count when its connection closes.
    sandbox.faults().failNext(Endpoint.CREATE_ROUTE, FaultType.DROP_CONNECTION);
    List<CompletableFuture<HttpResponse<String>>> replies = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      replies.add(
          http.client()
              .sendAsync(
                  http.request("/v2/routes?offset=" + i).GET().build(),
                  HttpResponse.BodyHandlers.ofString()));
    }
    CompletableFuture<HttpResponse<String>> dropped =
        http.client()
            .sendAsync(
                http.request("/v2/routes")
                    .header("Content-Type", SandboxHttp.JSON_API)
                    .POST(BodyPublishers.ofString(routeBody("host", "a.example", "dropped")))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    for (CompletableFuture<HttpResponse<String>> reply : replies) {
      assertThat(reply.get().statusCode()).isEqualTo(200);
    }
    assertThatThrownBy(dropped::get).hasCauseInstanceOf(IOException.class);
    assertThat(sandbox.requests().maxInFlight()).isEqualTo(6);
    awaitNoneInFlight();

    sandbox.requests().resetMaxInFlight();
    assertThat(sandbox.requests().maxInFlight()).isZero();
    sandbox.faults().latencyMillis(0);
    assertThat(http.get("/v2/routes").status()).isEqualTo(200);
    assertThat(sandbox.requests().maxInFlight()).isEqualTo(1);
  }

  /** The count drops just after the answer leaves, so the client may see it a moment earlier. */
  private void awaitNoneInFlight() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (sandbox.requests().inFlight() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(sandbox.requests().inFlight()).isZero();
  }

  @Test
  void slowBodiesAreThrottledButComplete() throws Exception {
    sandbox.faults().slowBody(4_000);

    long start = System.nanoTime();
    SandboxHttp.Reply reply = http.get("/v2/numbers?limit=20");
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

    int bytes = reply.response().body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().get("data")).hasSize(20);
    // At 4,000 B/s the body cannot arrive faster than bytes/4000 s (less one chunk's head start).
    long floorMillis = (long) ((bytes - 200) / 4.0);
    System.out.printf("slow body: %d bytes in %d ms at 4000 B/s%n", bytes, elapsed.toMillis());
    assertThat(elapsed.toMillis()).isGreaterThanOrEqualTo(floorMillis);
  }

  // ---- determinism ----

  @Test
  void randomFaultsRepeatForTheSameSeed() {
    List<Faults.Plan> a = plans(new Faults(42), 500);
    List<Faults.Plan> b = plans(new Faults(42), 500);
    List<Faults.Plan> c = plans(new Faults(43), 500);

    assertThat(a).isEqualTo(b);
    assertThat(a).isNotEqualTo(c);
    long drops = a.stream().filter(p -> p.early() == FaultType.DROP_CONNECTION).count();
    long e500 = a.stream().filter(p -> p.early() == FaultType.SERVER_ERROR).count();
    long e503 = a.stream().filter(p -> p.early() == FaultType.SERVICE_UNAVAILABLE).count();
    long afterCommit = a.stream().filter(Faults.Plan::dropAfterCommit).count();
    // Shares: drop 10%, errors 20% of the rest split evenly, drop-after-commit 30% of mutating.
    assertThat(drops).isBetween(25L, 75L);
    assertThat(e500).isBetween(20L, 70L);
    assertThat(e503).isBetween(20L, 70L);
    assertThat(afterCommit).isBetween(25L, 110L);
    assertThat(a).allMatch(p -> p.delayMillis() >= 50 && p.delayMillis() <= 150);
    assertThat(a.stream().mapToLong(Faults.Plan::delayMillis).distinct().count()).isGreaterThan(50);
  }

  @Test
  void reseedRestartsTheSequenceAndResetClearsEverything() {
    Faults faults = configured(new Faults(7));
    List<Faults.Plan> first = plans(faults, 0, 50);
    faults.reseed(7);
    assertThat(plans(faults, 0, 50)).isEqualTo(first);

    faults.rateLimit(1).failNext(FaultType.SERVER_ERROR).reset();
    assertThat(faults.pendingScriptedFaults()).isZero();
    assertThat(faults.describe()).isEqualTo("none");
    assertThat(faults.rateLimitWaitNanos(Endpoint.LIST_ROUTES)).isZero();
    assertThat(faults.rateLimitWaitNanos(Endpoint.LIST_ROUTES)).isZero();
  }

  @Test
  void invalidFaultSettingsAreRefused() {
    Faults faults = new Faults();
    assertThatThrownBy(() -> faults.dropRate(1.5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> faults.errorRates(0.7, 0.6))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("exceed 1");
    assertThatThrownBy(() -> faults.latencyMillis(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> faults.rateLimit(-2)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> faults.rateLimit(5, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void faultsCanBeChangedWhileRequestsAreServed() throws Exception {
    sandbox.faults().errorRate(1.0);
    int status = http.get("/v2/routes").status();
    assertThat(status).isIn(500, 503);
    sandbox.faults().reset();
    assertThat(http.get("/v2/routes").status()).isEqualTo(200);
  }

  private static Faults configured(Faults faults) {
    return faults
        .latencyMillis(50)
        .jitterMillis(100)
        .dropRate(0.1)
        .errorRate(0.2)
        .dropAfterCommitRate(0.3);
  }

  private static List<Faults.Plan> plans(Faults faults, int count) {
    return plans(configured(faults), 0, count);
  }

  private static List<Faults.Plan> plans(Faults faults, int from, int count) {
    List<Faults.Plan> plans = new ArrayList<>();
    Endpoint[] endpoints = {Endpoint.CREATE_ROUTE, Endpoint.LIST_NUMBERS};
    for (int i = from; i < from + count; i++) {
      plans.add(faults.plan(endpoints[i % 2]));
    }
    return plans;
  }
}
