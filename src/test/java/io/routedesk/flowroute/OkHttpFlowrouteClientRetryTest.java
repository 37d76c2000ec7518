package io.routedesk.flowroute;

import static org.assertj.core.api.Assertions.assertThat;

import io.routedesk.domain.NewRoute;
import io.routedesk.domain.Route;
import io.routedesk.domain.RouteType;
import io.routedesk.domain.VoiceSlot;
import io.routedesk.flowroute.FlowrouteException.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;

/**
 * Retry rules: which failures are repeated for which methods, backoff and Retry-After, limits, and
 * the POST recovery that never duplicates a route. The fake clock makes every wait instant; the
 * base client tries 4 times within 30 s, waiting half of base·2^(n-1) (jitter fixed at 0.5).
 */
class OkHttpFlowrouteClientRetryTest extends ClientTestBase {

  private static final NewRoute NEW_ROUTE =
      new NewRoute(RouteType.HOST, "pbx.example.com:5060", "office-pbx", null);

  private static final String EMPTY_LIST = "{\"data\": [], \"links\": {}}";

  private static MockResponse error(int status, String detail) {
    return json(
        status,
        "{\"errors\":[{\"status\":" + status + ",\"title\":\"T\",\"detail\":\"" + detail + "\"}]}");
  }

  private static MockResponse dropAfterRequest() {
    // The server reads the whole request, then closes the socket without answering.
    return new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build();
  }

  private static String routeJson(String id, String alias, String type, String value) {
    return "{\"type\": \"route\", \"id\": \""
        + id
        + "\", \"attributes\": {\"alias\": \""
        + alias
        + "\", \"route_type\": \""
        + type
        + "\", \"value\": \""
        + value
        + "\"}}";
  }

  private static String routeList(String... routes) {
    return "{\"data\": [" + String.join(",", routes) + "], \"links\": {}}";
  }

  private List<RecordedRequest> takeAll() throws InterruptedException {
    List<RecordedRequest> requests = new ArrayList<>();
    RecordedRequest r;
    while ((r = server.takeRequest(100, TimeUnit.MILLISECONDS)) != null) {
      requests.add(r);
    }
    return requests;
  }

  // ---- idempotent calls --------------------------------------------------------------------

  @Test
  void getIsRetriedAfter503WithJitteredBackoff() {
    server.enqueue(error(503, "maintenance"));
    server.enqueue(json(200, FlowrouteDocExamples.LIST_ROUTES));

    Page<Route> page = await(client.listRoutes(null, 2, 0));

    assertThat(page.items()).hasSize(2);
    assertThat(server.getRequestCount()).isEqualTo(2);
    // The backoff (0.5 × 100 ms), then the rest of the limiter's pause after an overload that
    // came without Retry-After (100 ms): the request waits the longer of the two, not their sum.
    assertThat(time.sleeps()).containsExactly(Duration.ofMillis(50), Duration.ofMillis(50));
  }

  @Test
  void getIsRetriedAfter500() {
    server.enqueue(error(500, "oops"));
    server.enqueue(json(200, FlowrouteDocExamples.NUMBER_DETAILS));

    assertThat(await(client.numberDetails("16502390214")).routing().primaryRouteId())
        .isEqualTo("0");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void retryAfterInSecondsIsHonoured() {
    server.enqueue(
        new MockResponse.Builder()
            .code(429)
            .setHeader("Retry-After", "3")
            .body("{\"errors\":[{\"status\":429,\"title\":\"Too Many Requests\"}]}")
            .build());
    server.enqueue(json(200, FlowrouteDocExamples.LIST_ROUTES));

    await(client.listRoutes(null, 2, 0));

    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(3));
  }

  @Test
  void retryAfterAsAnHttpDateIsHonoured() {
    // The fake clock reads 2026-01-15T10:00:00Z.
    server.enqueue(
        new MockResponse.Builder()
            .code(503)
            .setHeader("Retry-After", "Thu, 15 Jan 2026 10:00:07 GMT")
            .body("")
            .build());
    server.enqueue(noContent());

    await(client.setRoute("12065551212", VoiceSlot.PRIMARY, "83834"));

    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(7));
  }

  @Test
  void exhaustionReportsTheLastErrorAndHowOftenItWasTried() {
    for (int i = 1; i <= 4; i++) {
      server.enqueue(error(503, "attempt " + i));
    }

    FlowrouteException e = failure(client.listRoutes(null, 10, 0));

    assertThat(e.kind()).isEqualTo(Kind.SERVER);
    assertThat(e.status()).isEqualTo(503);
    assertThat(e.detail()).isEqualTo("attempt 4");
    assertThat(e.getMessage()).contains("attempt 4").endsWith("(Tried 4 times.)");
    assertThat(server.getRequestCount()).isEqualTo(4);
    // Each retry: its backoff (50, 100, 200 ms), then the rest of the limiter's growing pause
    // (100, 200, 400 ms) that the unhinted 503s set.
    assertThat(time.sleeps())
        .containsExactly(
            Duration.ofMillis(50),
            Duration.ofMillis(50),
            Duration.ofMillis(100),
            Duration.ofMillis(100),
            Duration.ofMillis(200),
            Duration.ofMillis(200));
  }

  @Test
  void aRetryAfterBeyondTheTimeBudgetIsNotWaitedFor() {
    server.enqueue(
        new MockResponse.Builder()
            .code(429)
            .setHeader("Retry-After", "120")
            .body("{\"errors\":[{\"status\":429,\"title\":\"Too Many Requests\"}]}")
            .build());

    FlowrouteException e = failure(client.listRoutes(null, 10, 0));

    assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(120));
    assertThat(e.getMessage()).contains("Wait 2 min");
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void theTimeBudgetEndsRetriesEvenWithAttemptsLeft() {
    useClient(
        b ->
            b.retryPolicy(
                new RetryPolicy(
                    10, Duration.ofSeconds(4), Duration.ofSeconds(4), Duration.ofSeconds(5))));
    server.enqueue(error(502, "a"));
    server.enqueue(error(502, "b"));
    server.enqueue(error(502, "c"));

    FlowrouteException e = failure(client.listRoutes(null, 10, 0));

    // 2 s, then 2 s more would end at 4 s ≤ 5 s; a third wait would end at 6 s > 5 s.
    assertThat(e.detail()).isEqualTo("c");
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void timeoutOnGetIsRetried() {
    useClient(b -> b.readTimeout(Duration.ofMillis(200)));
    server.enqueue(
        new MockResponse.Builder().headersDelay(2, TimeUnit.SECONDS).body(EMPTY_LIST).build());
    server.enqueue(json(200, FlowrouteDocExamples.LIST_ROUTES));

    assertThat(await(client.listRoutes(null, 2, 0)).items()).hasSize(2);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void droppedConnectionOnGetIsRetried() {
    server.enqueue(dropAfterRequest());
    server.enqueue(json(200, FlowrouteDocExamples.LIST_ROUTES));

    assertThat(await(client.listRoutes(null, 2, 0)).items()).hasSize(2);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void truncatedSuccessBodyOnGetIsRetried() {
    server.enqueue(json(200, "{\"data\": [{\"id\": \"1\""));
    server.enqueue(json(200, FlowrouteDocExamples.LIST_ROUTES));

    assertThat(await(client.listRoutes(null, 2, 0)).items()).hasSize(2);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void relationshipPatchIsRetriedOn503ButNotOn500() throws Exception {
    server.enqueue(error(503, "busy"));
    server.enqueue(noContent());
    await(client.setRoute("12065551212", VoiceSlot.FAILOVER, "83834"));
    assertThat(server.getRequestCount()).isEqualTo(2);
    RecordedRequest first = take();
    RecordedRequest second = take();
    assertThat(second.getMethod()).isEqualTo("PATCH");
    assertThat(second.getBody()).isEqualTo(first.getBody());

    server.enqueue(error(500, "broken"));
    FlowrouteException e = failure(client.setRoute("12065551212", VoiceSlot.FAILOVER, "83834"));
    assertThat(e.status()).isEqualTo(500);
    assertThat(e.getMessage()).contains("may or may not have been applied");
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void routePatchIsRetriedAfterADroppedConnection() {
    server.enqueue(dropAfterRequest());
    server.enqueue(
        json(
            200,
            "{\"data\": "
                + routeJson("83834", "office-pbx", "host", "pbx.example.com:5060")
                + "}"));

    Route updated = await(client.updateRoute("83834", NEW_ROUTE));

    assertThat(updated.id()).isEqualTo("83834");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aRetriedDeleteThatFinds404CountsAsDone() {
    server.enqueue(dropAfterRequest()); // the delete landed; its answer was lost
    server.enqueue(json(404, FlowrouteDocExamples.ERROR_404));

    await(client.deleteRoute("523493"));

    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aRetriedRelationshipDeleteThatFinds404CountsAsDone() {
    server.enqueue(error(504, "gateway timeout"));
    server.enqueue(json(404, FlowrouteDocExamples.ERROR_404));

    await(client.removeRoute("12065551212", VoiceSlot.FAILOVER));

    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void clientErrorsAreNeverRetried() {
    server.enqueue(json(401, FlowrouteDocExamples.ERROR_401));
    assertThat(failure(client.listRoutes(null, 10, 0)).kind()).isEqualTo(Kind.UNAUTHORIZED);

    server.enqueue(json(403, FlowrouteDocExamples.ERROR_403_ROUTE_IN_USE));
    assertThat(failure(client.deleteRoute("7")).kind()).isEqualTo(Kind.FORBIDDEN);

    server.enqueue(error(422, "bad value"));
    assertThat(failure(client.updateRoute("7", NEW_ROUTE)).kind()).isEqualTo(Kind.INVALID);

    server.enqueue(error(422, "bad value"));
    assertThat(failure(client.createRoute(NEW_ROUTE)).kind()).isEqualTo(Kind.INVALID);

    server.enqueue(error(403, "duplicate"));
    assertThat(failure(client.createRoute(NEW_ROUTE)).kind()).isEqualTo(Kind.FORBIDDEN);

    assertThat(server.getRequestCount()).isEqualTo(5);
    assertThat(time.sleeps()).isEmpty();
  }

  // ---- POST /v2/routes ---------------------------------------------------------------------

  @Test
  void lostCreateAnswerIsRecoveredFromTheRouteListWithoutASecondPost() throws Exception {
    server.enqueue(dropAfterRequest());
    server.enqueue(
        json(
            200,
            routeList(
                routeJson("0", "sip-reg", "sip-reg", "x"),
                routeJson("98396", "office-pbx", "host", "pbx.example.com:5060"),
                routeJson("98397", "other", "host", "pbx.example.com:5060"))));

    Route route = await(client.createRoute(NEW_ROUTE));

    assertThat(route)
        .isEqualTo(new Route("98396", "office-pbx", RouteType.HOST, "pbx.example.com:5060", null));
    List<RecordedRequest> requests = takeAll();
    assertThat(requests).extracting(RecordedRequest::getMethod).containsExactly("POST", "GET");
    RecordedRequest post = requests.get(0);
    assertThat(bodyOf(post).at("/data/attributes/alias").asText()).isEqualTo("office-pbx");
    RecordedRequest lookup = requests.get(1);
    assertThat(lookup.getUrl().encodedPath()).isEqualTo("/v2/routes");
    assertThat(lookup.getUrl().queryParameter("route_type")).isEqualTo("host");
    assertThat(lookup.getUrl().queryParameter("limit")).isEqualTo("200");
    assertThat(lookup.getUrl().queryParameter("offset")).isEqualTo("0");
    assertCommonHeaders(lookup);
  }

  @Test
  void lostCreateThatDidNotLandIsPostedAgainExactlyOnce() throws Exception {
    server.enqueue(dropAfterRequest());
    server.enqueue(json(200, routeList(routeJson("0", "sip-reg", "sip-reg", "x"))));
    server.enqueue(
        json(
            201,
            "{\"data\": "
                + routeJson("98400", "office-pbx", "host", "pbx.example.com:5060")
                + "}"));

    Route route = await(client.createRoute(NEW_ROUTE));

    assertThat(route.id()).isEqualTo("98400");
    List<RecordedRequest> requests = takeAll();
    assertThat(requests)
        .extracting(RecordedRequest::getMethod)
        .containsExactly("POST", "GET", "POST");
    assertThat(requests.get(2).getBody()).isEqualTo(requests.get(0).getBody());
  }

  @Test
  void aDuplicateRefusalAfterAnAmbiguousPostFindsTheLateRoute() throws Exception {
    server.enqueue(dropAfterRequest());
    server.enqueue(json(200, EMPTY_LIST)); // not visible yet
    server.enqueue(error(403, "duplicate route"));
    server.enqueue(
        json(200, routeList(routeJson("98404", "office-pbx", "host", "pbx.example.com:5060"))));

    assertThat(await(client.createRoute(NEW_ROUTE)).id()).isEqualTo("98404");
    assertThat(takeAll())
        .extracting(RecordedRequest::getMethod)
        .containsExactly("POST", "GET", "POST", "GET");
  }

  @Test
  void createAfterA503LooksBeforePostingAgain() {
    server.enqueue(error(503, "maintenance"));
    server.enqueue(json(200, EMPTY_LIST));
    server.enqueue(
        json(
            201,
            "{\"data\": "
                + routeJson("98401", "office-pbx", "host", "pbx.example.com:5060")
                + "}"));

    assertThat(await(client.createRoute(NEW_ROUTE)).id()).isEqualTo("98401");
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void createAfter429IsSentAgainAfterTheDelayWithoutLooking() throws Exception {
    server.enqueue(
        new MockResponse.Builder()
            .code(429)
            .setHeader("Retry-After", "2")
            .body("{\"errors\":[{\"status\":429,\"title\":\"Too Many Requests\"}]}")
            .build());
    server.enqueue(
        json(
            201,
            "{\"data\": "
                + routeJson("98402", "office-pbx", "host", "pbx.example.com:5060")
                + "}"));

    assertThat(await(client.createRoute(NEW_ROUTE)).id()).isEqualTo("98402");
    assertThat(takeAll()).extracting(RecordedRequest::getMethod).containsExactly("POST", "POST");
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(2));
  }

  @Test
  void garbled201IsRecoveredFromTheRouteList() {
    server.enqueue(json(201, "{\"data\": {\"attributes\": {\"alias\": \"office-p"));
    server.enqueue(
        json(200, routeList(routeJson("98403", "office-pbx", "host", "pbx.example.com:5060"))));

    assertThat(await(client.createRoute(NEW_ROUTE)).id()).isEqualTo("98403");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void recoveryPicksTheNewestOfSeveralEqualRoutes() {
    server.enqueue(dropAfterRequest());
    server.enqueue(
        json(
            200,
            routeList(
                routeJson("9999", "office-pbx", "host", "pbx.example.com:5060"),
                routeJson("10001", "office-pbx", "host", "pbx.example.com:5060"),
                routeJson("10000", "office-pbx", "host", "pbx.example.com:5060"))));

    assertThat(await(client.createRoute(NEW_ROUTE)).id()).isEqualTo("10001");
  }

  @Test
  void createGivesUpAfterTheAttemptsWithoutDuplicating() throws Exception {
    for (int i = 0; i < 4; i++) {
      server.enqueue(dropAfterRequest());
      server.enqueue(json(200, EMPTY_LIST));
    }

    FlowrouteException e = failure(client.createRoute(NEW_ROUTE));

    assertThat(e.kind()).isEqualTo(Kind.NETWORK);
    assertThat(e.getMessage())
        .contains("may or may not have been applied")
        .endsWith("(Tried 4 times.)");
    List<RecordedRequest> requests = takeAll();
    assertThat(requests)
        .extracting(RecordedRequest::getMethod)
        .containsExactly("POST", "GET", "POST", "GET", "POST", "GET", "POST", "GET");
  }

  @Test
  void whenTheLookupFailsTheUserIsToldToCheckBeforeCreatingAgain() {
    server.enqueue(dropAfterRequest());
    server.enqueue(json(401, FlowrouteDocExamples.ERROR_401));

    FlowrouteException e = failure(client.createRoute(NEW_ROUTE));

    assertThat(e.kind()).isEqualTo(Kind.NETWORK);
    assertThat(e.getMessage())
        .contains("could not check whether the route was created")
        .contains("access key or secret key was not accepted")
        .contains("Refresh the route list before creating it again.");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }
}
