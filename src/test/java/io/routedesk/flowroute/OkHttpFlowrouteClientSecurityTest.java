package io.routedesk.flowroute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.routedesk.domain.NewRoute;
import io.routedesk.domain.RouteType;
import io.routedesk.domain.VoiceSlot;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/** HTTPS enforcement, and the secret key never showing in messages, toString or logs. */
class OkHttpFlowrouteClientSecurityTest extends ClientTestBase {

  private static OkHttpFlowrouteClient.Builder builder(String baseUrl) {
    return OkHttpFlowrouteClient.builder().baseUrl(baseUrl).credentials(ACCESS_KEY, SECRET_KEY);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://api.flowroute.com",
        "http://example.com:8080/",
        "http://10.0.0.5/",
        "http://192.168.1.1:80/v2",
        "http://[2001:db8::1]/",
        "http://localhost.example.com/",
        "http://128.0.0.1/"
      })
  void plainHttpToAnyOtherHostIsRefused(String url) {
    assertThatThrownBy(() -> builder(url).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Refusing to send Flowroute credentials over plain http")
        .hasMessageContaining("Use an https:// address");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://api.flowroute.com",
        "https://api.flowroute.com/",
        "http://127.0.0.1:8080/",
        "http://127.12.0.3/",
        "http://localhost:9000/",
        "http://LOCALHOST/",
        "http://[::1]:8080/",
        "http://[0:0:0:0:0:0:0:1]/"
      })
  void httpsAndLoopbackAreAccepted(String url) {
    builder(url).build().close();
  }

  @Test
  void onlyAnHttpsAddressSetsUpTls() {
    try (OkHttpFlowrouteClient https = builder("https://api.flowroute.com").build();
        OkHttpFlowrouteClient loopback = builder("http://127.0.0.1:8080/").build()) {
      assertThat(https.usesTls()).isTrue();
      // Plain http goes to this computer only: no SSL context, no trust store read at start-up.
      assertThat(loopback.usesTls()).isFalse();
    }
  }

  @Test
  void aPasswordInTheAddressIsRefusedWithoutBeingEchoed() {
    assertThatThrownBy(() -> builder("https://user:" + SECRET_KEY + "@api.flowroute.com").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must not contain a user name or password")
        .message()
        .doesNotContain(SECRET_KEY);
  }

  @Test
  void missingKeysAndBadAddressesGetClearMessages() {
    assertThatThrownBy(() -> OkHttpFlowrouteClient.builder().credentials(" ", "x").build())
        .hasMessage("Enter the Flowroute API access key.");
    assertThatThrownBy(() -> OkHttpFlowrouteClient.builder().credentials("1234", null).build())
        .hasMessage("Enter the Flowroute API secret key.");
    assertThatThrownBy(() -> builder("api.flowroute.com").build())
        .hasMessageContaining("is not a valid http(s) address");
    assertThatThrownBy(() -> builder("https://api.flowroute.com/?x=1").build())
        .hasMessageContaining("must not contain a query");
    assertThatThrownBy(() -> builder("https://api.flowroute.com").concurrency(9, 8).build())
        .hasMessageContaining("1 <= initial <= max");
  }

  @Test
  void toStringShowsTheAddressOnly() {
    String text = client.toString();

    assertThat(text)
        .contains(server.getHostName())
        .doesNotContain(SECRET_KEY)
        .doesNotContain(BASIC);
    assertThat(text).doesNotContain(BASIC.substring("Basic ".length()));
  }

  @Test
  void theSecretAppearsInNoErrorAndNoLogLine() throws Exception {
    Logger logger = (Logger) LoggerFactory.getLogger("io.routedesk.flowroute");
    Level before = logger.getLevel();
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    logger.addAppender(logs);
    logger.setLevel(Level.DEBUG);
    try {
      useClient(
          b ->
              b.retryPolicy(
                      new RetryPolicy(
                          2, Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofSeconds(5)))
                  .readTimeout(Duration.ofMillis(200)));
      List<FlowrouteException> errors = new ArrayList<>();
      List<Supplier<CompletableFuture<?>>> calls =
          List.of(
              () -> client.listRoutes(null, 10, 0),
              () -> client.createRoute(new NewRoute(RouteType.HOST, "h.example.com", "a", null)),
              () -> client.setRoute("12065551212", VoiceSlot.PRIMARY, "7"),
              () -> client.deleteRoute("7"),
              () -> client.numberDetails("12065551212"));
      List<MockResponse> answers =
          List.of(
              json(401, FlowrouteDocExamples.ERROR_401),
              json(403, FlowrouteDocExamples.ERROR_403_NOT_AUTHORIZED),
              json(404, FlowrouteDocExamples.ERROR_404),
              json(422, "{\"errors\":[{\"status\":422,\"title\":\"Bad\",\"detail\":\"x\"}]}"),
              json(415, "{\"errors\":[{\"status\":415,\"title\":\"Unsupported\"}]}"),
              new MockResponse.Builder().code(502).body("<html>Bad Gateway</html>").build(),
              json(200, "{\"data\": [{\"id\""),
              new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build(),
              new MockResponse.Builder()
                  .headersDelay(1, TimeUnit.SECONDS)
                  .body("{\"data\": []}")
                  .build());
      AtomicReference<MockResponse> answer = new AtomicReference<>();
      server.setDispatcher(
          new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
              return answer.get(); // the same answer to every attempt and lookup
            }
          });
      for (Supplier<CompletableFuture<?>> call : calls) {
        for (MockResponse a : answers) {
          answer.set(a);
          Throwable t = catchAny(call.get());
          if (t != null && FlowrouteException.unwrap(t) != null) {
            errors.add(FlowrouteException.unwrap(t));
          }
        }
      }
      int closedPort;
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        closedPort = socket.getLocalPort();
      }
      useClient(b -> b.baseUrl("http://127.0.0.1:" + closedPort));
      errors.add(failure(client.listRoutes(null, 10, 0)));

      assertThat(errors).hasSizeGreaterThan(30);
      for (FlowrouteException e : errors) {
        for (Throwable c = e; c != null; c = c.getCause()) {
          assertThat(String.valueOf(c.getMessage())).doesNotContain(SECRET_KEY, BASIC);
          assertThat(c.toString()).doesNotContain(SECRET_KEY, BASIC);
        }
      }
      assertThat(logs.list).isNotEmpty();
      for (ILoggingEvent event : logs.list) {
        assertThat(event.getFormattedMessage())
            .doesNotContain(SECRET_KEY)
            .doesNotContain(BASIC.substring("Basic ".length()))
            .doesNotContain("Authorization");
      }
    } finally {
      logger.detachAppender(logs);
      logger.setLevel(before);
    }
  }

  private static Throwable catchAny(CompletableFuture<?> future) {
    try {
      future.orTimeout(20, TimeUnit.SECONDS).join();
      return null;
    } catch (Throwable t) {
      return t;
    }
  }
}
