package io.routedesk.flowroute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A MockWebServer on loopback, a fake clock, and a client pointed at the server. */
abstract class ClientTestBase {
  static final String ACCESS_KEY = "12345678";
  static final String SECRET_KEY = "Sup3r-Secret-Key-9f2c";
  static final String BASIC =
      "Basic "
          + Base64.getEncoder()
              .encodeToString((ACCESS_KEY + ":" + SECRET_KEY).getBytes(StandardCharsets.UTF_8));

  MockWebServer server;
  FakeTime time;
  OkHttpFlowrouteClient client;

  @BeforeEach
  void startServer() throws IOException {
    server = new MockWebServer();
    server.start(InetAddress.getLoopbackAddress(), 0);
    time = new FakeTime();
    client = newClient(b -> b);
  }

  @AfterEach
  void stopServer() {
    if (client != null) {
      client.close();
    }
    server.close();
  }

  /** A client with fast test defaults; {@code tweak} may override any of them. */
  OkHttpFlowrouteClient newClient(UnaryOperator<OkHttpFlowrouteClient.Builder> tweak) {
    OkHttpFlowrouteClient.Builder builder =
        OkHttpFlowrouteClient.builder()
            .baseUrl(server.url("/").toString())
            .credentials(ACCESS_KEY, SECRET_KEY)
            .connectTimeout(Duration.ofSeconds(5))
            .readTimeout(Duration.ofSeconds(5))
            .callTimeout(Duration.ofSeconds(10))
            .retryPolicy(
                new RetryPolicy(
                    4, Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofSeconds(30)))
            .sleeper(time)
            .clock(time)
            .jitter(() -> 0.5);
    return tweak.apply(builder).build();
  }

  /** Replaces the default client (closing it) with one built with {@code tweak}. */
  void useClient(UnaryOperator<OkHttpFlowrouteClient.Builder> tweak) {
    client.close();
    client = newClient(tweak);
  }

  static MockResponse json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .setHeader("Content-Type", "application/vnd.api+json")
        .body(body)
        .build();
  }

  static MockResponse noContent() {
    return new MockResponse.Builder().code(204).build();
  }

  RecordedRequest take() throws InterruptedException {
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request).as("a request reached the server").isNotNull();
    return request;
  }

  static JsonNode tree(String json) throws IOException {
    return JsonApi.MAPPER.readTree(json);
  }

  static JsonNode bodyOf(RecordedRequest request) throws IOException {
    return JsonApi.MAPPER.readTree(request.getBody().utf8());
  }

  /** The common headers every request must carry. */
  static void assertCommonHeaders(RecordedRequest request) {
    assertThat(request.getHeaders().get("Authorization")).isEqualTo(BASIC);
    assertThat(request.getHeaders().get("Accept")).isEqualTo("application/vnd.api+json");
  }

  static <T> T await(CompletableFuture<T> future) {
    return future.orTimeout(20, TimeUnit.SECONDS).join();
  }

  /** The FlowrouteException a future failed with (fails the test if it succeeded). */
  static FlowrouteException failure(CompletableFuture<?> future) {
    Throwable t = catchThrowable(() -> future.orTimeout(20, TimeUnit.SECONDS).join());
    FlowrouteException e = FlowrouteException.unwrap(t);
    assertThat(e).as("failed with a FlowrouteException, got %s", t).isNotNull();
    return e;
  }
}
