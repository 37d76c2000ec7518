package io.routedesk.integration;

import static io.routedesk.integration.SandboxClients.await;
import static io.routedesk.integration.SandboxClients.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.routedesk.domain.NewRoute;
import io.routedesk.domain.Route;
import io.routedesk.domain.RouteType;
import io.routedesk.domain.RouteValues;
import io.routedesk.flowroute.FlowrouteException;
import io.routedesk.flowroute.FlowrouteException.Kind;
import io.routedesk.flowroute.OkHttpFlowrouteClient;
import io.routedesk.sandbox.DemoSeed;
import io.routedesk.sandbox.Endpoint;
import io.routedesk.sandbox.FlowrouteSandbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The client refuses a route that breaks a rule of {@link RouteValues} before anything goes out:
 * kind INVALID, status 0, a message naming the rule, and the sandbox receives no request.
 */
class ClientRouteValidationTest {
  private FlowrouteSandbox sandbox;
  private OkHttpFlowrouteClient client;

  @BeforeEach
  void start() throws Exception {
    sandbox = FlowrouteSandbox.builder().seed(DemoSeed.small()).start();
    client = SandboxClients.client(sandbox);
  }

  @AfterEach
  void stop() {
    client.close();
    sandbox.close();
  }

  @ParameterizedTest(name = "{0} \"{1}\"")
  @CsvSource(
      delimiter = '|',
      value = {
        "HOST   | pbx.example.com:99999  | The port must be a number from 1 to 65535.",
        "HOST   | pbx_east.example.com   | is not a valid host name",
        "HOST   | 10.0.0.300             | is not a valid IPv4 address",
        "NUMBER | 6476998778             | A number route has 11 digits (country code + number);"
            + " this has 10.",
        "NUMBER | +16476998778           | Leave out the +",
        "NUMBER | 16476998778;transport=tls | A number route takes no ;transport parameter.",
        "URI    | alice@atlanta.com      | A URI has the form sip:user@host",
        "URI    | http:alice@atlanta.com | A URI starts with sip: or sips:",
      })
  void anInvalidValueFailsFastWithoutAPost(RouteType type, String value, String rule) {
    String expectedRule = RouteValues.validate(type, value).message();
    assertThat(expectedRule).contains(rule);

    FlowrouteException e = failure(client.createRoute(new NewRoute(type, value, "bad", null)));

    assertThat(e.kind()).isEqualTo(Kind.INVALID);
    assertThat(e.status()).isZero();
    assertThat(e.getMessage())
        .isEqualTo(
            "Not sent to Flowroute: the value of a "
                + type.wireName()
                + " route is not valid. "
                + expectedRule);
    assertThat(sandbox.requests().routePostsReceived()).isZero();
    assertThat(sandbox.requests().total()).isZero();
  }

  @Test
  void anInvalidValueOnUpdateFailsFastWithoutAPatch() {
    String id = sandbox.account().routes().get(1).id();

    FlowrouteException e =
        failure(client.updateRoute(id, new NewRoute(RouteType.NUMBER, "123", "fwd", null)));

    assertThat(e.kind()).isEqualTo(Kind.INVALID);
    assertThat(e.status()).isZero();
    assertThat(e.getMessage()).contains("A number route has 11 digits");
    assertThat(sandbox.requests().received(Endpoint.UPDATE_ROUTE)).isZero();
    assertThat(sandbox.requests().total()).isZero();
  }

  @Test
  void aMissingOrOverlongAliasFailsFast() {
    FlowrouteException blank =
        failure(client.createRoute(new NewRoute(RouteType.HOST, "pbx.example.com", " ", null)));
    FlowrouteException overlong =
        failure(
            client.createRoute(
                new NewRoute(RouteType.HOST, "pbx.example.com", "a".repeat(65), null)));

    assertThat(blank.kind()).isEqualTo(Kind.INVALID);
    assertThat(blank.getMessage())
        .isEqualTo(
            "Not sent to Flowroute: the alias is not valid. Enter an alias: a unique name for"
                + " this route.");
    assertThat(overlong.kind()).isEqualTo(Kind.INVALID);
    assertThat(overlong.getMessage()).contains("at most 64 characters");
    assertThat(sandbox.requests().total()).isZero();
  }

  @Test
  void sipRegCannotBeCreatedOrSetOnARoute() {
    FlowrouteException create =
        failure(client.createRoute(new NewRoute(RouteType.SIP_REG, null, "sip-reg-2", null)));
    String id = sandbox.account().routes().get(1).id();
    FlowrouteException update =
        failure(client.updateRoute(id, new NewRoute(RouteType.SIP_REG, null, "x", null)));

    assertThat(create.kind()).isEqualTo(Kind.INVALID);
    assertThat(create.status()).isZero();
    assertThat(create.getMessage()).contains("sip-reg is the system route");
    assertThat(update.kind()).isEqualTo(Kind.INVALID);
    assertThat(sandbox.requests().total()).isZero();
  }

  @Test
  void anInvalidRouteIdOnUpdateFailsFast() {
    FlowrouteException e =
        failure(
            client.updateRoute(
                "../numbers", new NewRoute(RouteType.HOST, "pbx.example.com", "pbx", null)));

    assertThat(e.kind()).isEqualTo(Kind.INVALID);
    assertThat(sandbox.requests().total()).isZero();
  }

  @Test
  void surroundingSpacesAreTrimmedBeforeSendingSoTheRouteIsStoredAsTyped() {
    Route created =
        await(
            client.createRoute(
                new NewRoute(RouteType.HOST, "  pbx9.example.com:5060 ", " pbx-nine ", 4)));

    assertThat(created.value()).isEqualTo("pbx9.example.com:5060");
    assertThat(created.alias()).isEqualTo("pbx-nine");
    assertThat(sandbox.account().route(created.id())).contains(created);
    assertThat(sandbox.requests().routePostsReceived()).isEqualTo(1);
  }
}
