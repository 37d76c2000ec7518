package io.routedesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SandboxAuthTest extends SandboxTestBase {

  @Test
  void demoKeysAreTheDocumentedConstants() throws Exception {
    assertThat(sandbox.accessKey())
        .isEqualTo("sandbox")
        .isEqualTo(FlowrouteSandbox.DEMO_ACCESS_KEY);
    assertThat(sandbox.secretKey())
        .isEqualTo("sandbox-demo-secret")
        .isEqualTo(FlowrouteSandbox.DEMO_SECRET_KEY);
    assertThat(http.get("/v2/routes").status()).isEqualTo(200);
    assertThat(sandbox.baseUrl()).matches("http://127\\.0\\.0\\.1:\\d+");
  }

  @Test
  void missingCredentialsGetFlowroutesExact401Body() throws Exception {
    SandboxHttp.Reply reply = new SandboxHttp(sandbox, null, null).get("/v2/routes");

    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.header("Content-Type")).isEqualTo("application/vnd.api+json");
    JsonNode error = reply.json().at("/errors/0");
    String id = error.get("id").asText();
    assertThat(UUID.fromString(id).toString()).isEqualTo(id);
    assertThat(reply.response().body())
        .isEqualTo(
            "{\"errors\":[{\"detail\":\"Authentication failed.\",\"id\":\""
                + id
                + "\",\"status\":401,\"title\":\"Unauthorized\"}]}");
  }

  @Test
  void wrongKeysAre401EverywhereAndNothingChanges() throws Exception {
    int routes = sandbox.account().routeCount();
    SandboxHttp wrongSecret = new SandboxHttp(sandbox, "sandbox", "nope");
    SandboxHttp wrongAccess = new SandboxHttp(sandbox, "someone", "sandbox-demo-secret");

    assertThat(wrongSecret.get("/v2/numbers").status()).isEqualTo(401);
    assertThat(wrongAccess.get("/v2/numbers").status()).isEqualTo(401);
    assertThat(wrongSecret.get("/v2/not-a-path").status()).isEqualTo(401);
    assertThat(
            wrongSecret
                .post("/v2/routes", SandboxHttp.routeBody("host", "a.example", "z"))
                .status())
        .isEqualTo(401);
    assertThat(sandbox.account().routeCount()).isEqualTo(routes);
    assertThat(sandbox.requests().routePostsReceived()).isEqualTo(1);
  }

  @Test
  void configuredKeysReplaceTheDemoKeys() throws Exception {
    restartWith(
        FlowrouteSandbox.builder()
            .accessKey("12345678")
            .secretKey("s3cr3t:with-colon")
            .seed(DemoSeed.empty()));

    assertThat(new SandboxHttp(sandbox, "12345678", "s3cr3t:with-colon").get("/v2/routes").status())
        .isEqualTo(200);
    assertThat(
            new SandboxHttp(
                    sandbox, FlowrouteSandbox.DEMO_ACCESS_KEY, FlowrouteSandbox.DEMO_SECRET_KEY)
                .get("/v2/routes")
                .status())
        .isEqualTo(401);
  }

  @Test
  void requestsAreCountedPerEndpointEvenWhenRefused() throws Exception {
    http.get("/v2/routes");
    http.get("/v2/routes?limit=1");
    http.get("/v2/numbers");
    new SandboxHttp(sandbox, null, null).get("/v2/numbers");

    assertThat(sandbox.requests().receivedByEndpoint())
        .isEqualTo(Map.of(Endpoint.LIST_ROUTES, 2L, Endpoint.LIST_NUMBERS, 2L));
    assertThat(sandbox.requests().total()).isEqualTo(4);
    assertThat(sandbox.requests().recent())
        .extracting(RequestStats.RecordedRequest::status)
        .containsExactly(200, 200, 200, 401);
    assertThat(sandbox.requests().recent().get(1).query()).isEqualTo("limit=1");

    sandbox.requests().reset();
    assertThat(sandbox.requests().total()).isZero();
    assertThat(sandbox.requests().recent()).isEmpty();
  }
}
