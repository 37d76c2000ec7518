package io.routedesk.flowroute;

import static org.assertj.core.api.Assertions.assertThat;

import io.routedesk.domain.NewRoute;
import io.routedesk.domain.RouteType;
import io.routedesk.domain.VoiceSlot;
import io.routedesk.flowroute.FlowrouteException.Kind;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every failure becomes one FlowrouteException with a kind, status and an actionable message. */
class OkHttpFlowrouteClientErrorsTest extends ClientTestBase {

  @BeforeEach
  void oneAttemptOnly() {
    useClient(b -> b.retryPolicy(RetryPolicy.NO_RETRIES));
  }

  private static String errorBody(int status, String title, String detail) {
    return "{\"errors\":[{\"detail\":\""
        + detail
        + "\",\"id\":\"0b6e\",\"status\":"
        + status
        + ",\"title\":\""
        + title
        + "\"}]}";
  }

  @ParameterizedTest
  @CsvSource({
    "400, INVALID, false, Flowroute rejected a value while listing routes (400 Bad Request)",
    "401, UNAUTHORIZED, false, The access key or secret key was not accepted by Flowroute",
    "403, FORBIDDEN, false, Flowroute did not allow listing routes (403 Forbidden)",
    "404, NOT_FOUND, false, Flowroute answered 404 Not Found for /v2/routes while listing routes. Check that the API address",
    "405, OTHER, false, Flowroute answered 405 Method Not Allowed while listing routes",
    "415, UNSUPPORTED_MEDIA_TYPE, false, Flowroute did not accept the format of the request",
    "422, INVALID, false, Flowroute rejected a value while listing routes (422",
    "429, RATE_LIMITED, true, Flowroute is receiving too many requests from this account (429",
    "500, SERVER, true, Flowroute had a server problem (500 Internal Server Error)",
    "502, SERVER, true, Flowroute had a server problem (502 Bad Gateway)",
    "503, SERVER, true, It may be under maintenance",
    "504, SERVER, true, Flowroute had a server problem (504 Gateway Timeout)",
  })
  void statusMapsToKindRetryabilityAndMessage(
      int status, Kind kind, boolean retryable, String messageStart) {
    server.enqueue(json(status, errorBody(status, "Some Title", "Some detail here.")));

    FlowrouteException e = failure(client.listRoutes(null, 10, 0));

    assertThat(e.kind()).isEqualTo(kind);
    assertThat(e.status()).isEqualTo(status);
    assertThat(e.isRetryable()).isEqualTo(retryable);
    assertThat(e.title()).isEqualTo("Some Title");
    assertThat(e.detail()).isEqualTo("Some detail here.");
    assertThat(e.errorId()).isEqualTo("0b6e");
    assertThat(e.getMessage()).contains(messageStart);
  }

  @Test
  void unprocessableValueQuotesFlowroutesDetail() {
    server.enqueue(
        json(
            422, errorBody(422, "Unprocessable Entity", "this number cannot be a forward target")));

    // Valid by RouteValues (so it is sent); Flowroute has rules of its own.
    FlowrouteException e =
        failure(client.createRoute(new NewRoute(RouteType.NUMBER, "18005550100", "short", null)));

    assertThat(e.kind()).isEqualTo(Kind.INVALID);
    assertThat(e.getMessage())
        .isEqualTo(
            "Flowroute rejected a value while creating route \"short\" (422 Unprocessable"
                + " Entity): Unprocessable Entity. this number cannot be a forward target."
                + " Correct it and try again.");
  }

  @Test
  void detailThatIsNotAStringIsKeptAsJsonText() {
    server.enqueue(
        json(
            400,
            """
            {"errors":[{"status":400,"title":"Bad Request",
                        "detail":{"value":["must have 11 digits"]}}]}
            """));

    FlowrouteException e = failure(client.listNumbers(NumberFilter.NONE, 10, 0));

    assertThat(e.kind()).isEqualTo(Kind.INVALID);
    assertThat(e.detail()).isEqualTo("{\"value\":[\"must have 11 digits\"]}");
    assertThat(e.errorId()).isNull();
    assertThat(e.getMessage()).contains("must have 11 digits");
  }

  @Test
  void rateLimitMessageSaysHowLongToWait() {
    server.enqueue(
        new MockResponse.Builder()
            .code(429)
            .setHeader("Retry-After", "30")
            .body(errorBody(429, "Too Many Requests", "Slow down."))
            .build());

    FlowrouteException e = failure(client.listRoutes(null, 10, 0));

    assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(30));
    assertThat(e.getMessage()).contains("Wait 30 s and try again.");
  }

  @Test
  void htmlErrorPageFromAProxyIsAServerErrorNotAParseCrash() {
    server.enqueue(
        new MockResponse.Builder()
            .code(502)
            .setHeader("Content-Type", "text/html")
            .body("<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>")
            .build());

    FlowrouteException e = failure(client.numberDetails("12065551212"));

    assertThat(e.kind()).isEqualTo(Kind.SERVER);
    assertThat(e.status()).isEqualTo(502);
    assertThat(e.isRetryable()).isTrue();
    assertThat(e.title()).isNull();
    assertThat(e.getMessage())
        .contains("502 Bad Gateway")
        .contains("HTML error page")
        .contains("loading number 12065551212");
  }

  @Test
  void truncatedJsonIsABadResponse() {
    server.enqueue(json(200, "{\"data\": [{\"attributes\": {\"route_type\": \"host\", \"ali"));

    FlowrouteException e = failure(client.listRoutes(null, 10, 0));

    assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
    assertThat(e.status()).isEqualTo(200);
    assertThat(e.getMessage()).contains("was cut off or is not valid JSON");
  }

  @Test
  void jsonFollowedByGarbageIsABadResponse() {
    server.enqueue(json(200, "{\"data\": [], \"links\": {}} <html>"));

    FlowrouteException e = failure(client.listRoutes(null, 10, 0));

    assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
  }

  @Test
  void plainTextSuccessBodyIsABadResponse() {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .setHeader("Content-Type", "text/plain")
            .body("OK")
            .build());

    FlowrouteException e = failure(client.listEdgeStrategies());

    assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
    assertThat(e.getMessage()).contains("was not JSON");
  }

  @Test
  void jsonOfTheWrongShapeIsABadResponseAndNotRetried() {
    useClient(b -> b); // with retries
    server.enqueue(json(200, "{\"data\": {\"id\": \"not a list\"}}"));

    FlowrouteException e = failure(client.listRoutes(null, 10, 0));

    assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
    assertThat(e.getMessage()).contains("expected a list under \"data\"");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void jsonIsParsedWhateverTheContentTypeSays() {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .setHeader("Content-Type", "text/plain; charset=utf-8")
            .body("{\"data\": [{\"id\": 4, \"attributes\": {\"name\": \"US-East-VA\"}}]}")
            .build());

    assertThat(await(client.listEdgeStrategies()))
        .extracting(s -> s.name())
        .containsExactly("US-East-VA");
  }

  @Test
  void connectionDroppedAfterTheRequestIsANetworkError() {
    server.enqueue(
        new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());

    FlowrouteException e = failure(client.setRoute("12065551212", VoiceSlot.PRIMARY, "7"));

    assertThat(e.kind()).isEqualTo(Kind.NETWORK);
    assertThat(e.status()).isZero();
    assertThat(e.isRetryable()).isTrue();
    assertThat(e.getMessage())
        .contains("was lost before the answer arrived")
        .contains("may or may not have been applied");
  }

  @Test
  void connectionDroppedInTheMiddleOfTheBodyIsANetworkError() {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body(FlowrouteDocExamples.LIST_ROUTES)
            .throttleBody(64, 0, TimeUnit.MILLISECONDS)
            .onResponseBody(new SocketEffect.CloseSocket())
            .build());

    FlowrouteException e = failure(client.listRoutes(null, 10, 0));

    assertThat(e.kind()).isEqualTo(Kind.NETWORK);
    assertThat(e.getMessage()).contains("was lost before the answer arrived");
    assertThat(e.isRetryable()).isTrue();
  }

  @Test
  void noAnswerInTimeIsATimeout() {
    useClient(b -> b.retryPolicy(RetryPolicy.NO_RETRIES).readTimeout(Duration.ofMillis(200)));
    server.enqueue(
        new MockResponse.Builder()
            .headersDelay(3, TimeUnit.SECONDS)
            .body("{\"data\": []}")
            .build());

    FlowrouteException e = failure(client.listRoutes(null, 10, 0));

    assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
    assertThat(e.status()).isZero();
    assertThat(e.isRetryable()).isTrue();
    assertThat(e.getMessage()).contains("did not answer").contains("200 ms");
  }

  @Test
  void connectionRefusedIsANetworkError() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    useClient(
        b -> b.retryPolicy(RetryPolicy.NO_RETRIES).baseUrl("http://127.0.0.1:" + closedPort + "/"));

    FlowrouteException e = failure(client.listRoutes(null, 10, 0));

    assertThat(e.kind()).isEqualTo(Kind.NETWORK);
    assertThat(e.getMessage()).contains("Could not connect to 127.0.0.1:" + closedPort);
  }

  @Test
  void redirectsAreNotFollowed() {
    server.enqueue(
        new MockResponse.Builder()
            .code(302)
            .setHeader("Location", "https://elsewhere.example/v2/routes")
            .build());

    FlowrouteException e = failure(client.listRoutes(null, 10, 0));

    assertThat(e.kind()).isEqualTo(Kind.OTHER);
    assertThat(e.status()).isEqualTo(302);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void invalidNumberIsRefusedBeforeAnythingIsSent() {
    FlowrouteException e = failure(client.numberDetails("+1 (206) 555-1212"));

    assertThat(e.kind()).isEqualTo(Kind.INVALID);
    assertThat(e.status()).isZero();
    assertThat(e.getMessage()).contains("use the digits only");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void pathTraversalInARouteIdIsRefused() {
    FlowrouteException e = failure(client.deleteRoute(".."));

    assertThat(e.kind()).isEqualTo(Kind.INVALID);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void sipRegCannotBeCreated() {
    FlowrouteException e =
        failure(client.createRoute(new NewRoute(RouteType.SIP_REG, null, "x", null)));

    assertThat(e.kind()).isEqualTo(Kind.INVALID);
    assertThat(server.getRequestCount()).isZero();
  }
}
