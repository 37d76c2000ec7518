package io.routedesk.sandbox;

import static io.routedesk.sandbox.SandboxHttp.routeBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.routedesk.domain.Route;
import io.routedesk.domain.RouteType;
import io.routedesk.domain.VoiceSlot;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SandboxRoutesTest extends SandboxTestBase {

  // ---- GET /v2/routes ----

  @Test
  void listStartsWithSipRegThenAscendingIdsAndLinksNextPage() throws Exception {
    SandboxHttp.Reply reply = http.get("/v2/routes?limit=2");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("Content-Type")).isEqualTo("application/vnd.api+json");
    JsonNode sipReg = reply.json().get("data").get(0);
    assertThat(sipReg)
        .isEqualTo(
            SandboxHttp.MAPPER.readTree(
                """
                {"attributes":{"alias":"sip-reg","route_type":"sip-reg","value":null,\
                "edge_strategy_id":null},"type":"route","id":"0",\
                "links":{"self":"%s/v2/routes/0"}}"""
                    .formatted(base)));
    Route first = sandbox.account().routes().get(1);
    JsonNode second = reply.json().get("data").get(1);
    assertThat(second.get("id").isTextual()).isTrue();
    assertThat(second.get("id").asText()).isEqualTo(first.id());
    assertThat(second.at("/attributes/alias").asText()).isEqualTo(first.alias());
    assertThat(second.at("/attributes/route_type").asText()).isEqualTo(first.type().wireName());
    assertThat(second.at("/attributes/value").asText()).isEqualTo(first.value());
    assertThat(second.at("/links/self").asText()).isEqualTo(base + "/v2/routes/" + first.id());
    assertThat(reply.json().at("/links/self").asText())
        .isEqualTo(base + "/v2/routes?limit=2&offset=0");
    assertThat(reply.json().at("/links/next").asText())
        .isEqualTo(base + "/v2/routes?limit=2&offset=2");
    assertThat(reply.json().has("meta")).isFalse();
  }

  @Test
  void followingNextLinksVisitsEveryRouteOnceInOrder() throws Exception {
    List<String> ids = new ArrayList<>();
    String next = "/v2/routes?limit=3";
    int pages = 0;
    while (next != null) {
      SandboxHttp.Reply page = http.get(next);
      assertThat(page.status()).isEqualTo(200);
      page.json().get("data").forEach(r -> ids.add(r.get("id").asText()));
      JsonNode link = page.json().at("/links/next");
      next = link.isMissingNode() ? null : link.asText().substring(base.length());
      pages++;
    }
    List<String> expected = sandbox.account().routes().stream().map(Route::id).toList();
    assertThat(ids).isEqualTo(expected);
    assertThat(pages).isEqualTo((expected.size() + 2) / 3);
    List<Long> numeric = ids.stream().map(Long::parseLong).toList();
    assertThat(numeric).isSorted();
  }

  @Test
  void defaultPageSizeIsTen() throws Exception {
    restartWith(FlowrouteSandbox.builder().seed(DemoSeed.of(0, 15, 3)));

    SandboxHttp.Reply reply = http.get("/v2/routes");

    assertThat(reply.json().get("data")).hasSize(10);
    assertThat(reply.json().at("/links/self").asText())
        .isEqualTo(sandbox.baseUrl() + "/v2/routes?limit=10&offset=0");
    assertThat(reply.json().at("/links/next").asText())
        .isEqualTo(sandbox.baseUrl() + "/v2/routes?limit=10&offset=10");
    SandboxHttp.Reply last = http.get("/v2/routes?offset=10");
    assertThat(last.json().get("data")).hasSize(6);
    assertThat(last.json().get("links").has("next")).isFalse();
  }

  @Test
  void lastPageAndPagesPastTheEndHaveNoNextLink() throws Exception {
    int count = sandbox.account().routeCount();

    SandboxHttp.Reply exact = http.get("/v2/routes?limit=" + count);
    SandboxHttp.Reply past = http.get("/v2/routes?limit=5&offset=500");

    assertThat(exact.json().get("data")).hasSize(count);
    assertThat(exact.json().get("links").has("next")).isFalse();
    assertThat(past.status()).isEqualTo(200);
    assertThat(past.json().get("data")).isEmpty();
    assertThat(past.json().get("links").has("next")).isFalse();
  }

  @Test
  void badPagingParametersAre400WithAClearDetail() throws Exception {
    SandboxHttp.Reply tooBig = http.get("/v2/routes?limit=201");
    assertThat(tooBig.status()).isEqualTo(400);
    assertThat(tooBig.error("detail")).contains("at most 200").contains("201");
    assertThat(tooBig.json().at("/errors/0/status").isInt()).isTrue();

    for (String query : List.of("limit=-1", "limit=0", "limit=ten", "offset=-5", "offset=x")) {
      SandboxHttp.Reply reply = http.get("/v2/routes?" + query);
      assertThat(reply.status()).as(query).isEqualTo(400);
      assertThat(reply.error("detail")).as(query).containsAnyOf("limit", "offset");
    }
  }

  @Test
  void limitAboveMaximumCanBeClampedInstead() throws Exception {
    sandbox.options().pageSizePolicy(SandboxOptions.PageSizePolicy.CLAMP);

    SandboxHttp.Reply reply = http.get("/v2/routes?limit=500");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().at("/links/self").asText()).endsWith("?limit=200&offset=0");
  }

  @Test
  void routeTypeFilterIsLowercaseOnly() throws Exception {
    SandboxHttp.Reply hosts = http.get("/v2/routes?route_type=host");
    assertThat(hosts.status()).isEqualTo(200);
    assertThat(hosts.json().get("data")).isNotEmpty();
    hosts
        .json()
        .get("data")
        .forEach(r -> assertThat(r.at("/attributes/route_type").asText()).isEqualTo("host"));
    assertThat(hosts.json().at("/links/self").asText())
        .isEqualTo(base + "/v2/routes?route_type=host&limit=10&offset=0");

    SandboxHttp.Reply sipReg = http.get("/v2/routes?route_type=sip-reg");
    assertThat(sipReg.json().get("data")).hasSize(1);
    assertThat(sipReg.json().at("/data/0/id").asText()).isEqualTo("0");

    SandboxHttp.Reply upper = http.get("/v2/routes?route_type=HOST");
    assertThat(upper.status()).isEqualTo(400);
    assertThat(upper.error("detail")).contains("route_type").contains("HOST");
  }

  @Test
  void edgeStrategiesHaveNumericIds() throws Exception {
    SandboxHttp.Reply reply = http.get("/v2/routes/edge_strategies");

    assertThat(reply.status()).isEqualTo(200);
    JsonNode data = reply.json().get("data");
    assertThat(data).hasSize(SandboxAccount.EDGE_STRATEGIES.size());
    List<String> names = new ArrayList<>();
    for (JsonNode s : data) {
      assertThat(s.get("id").isInt()).isTrue();
      assertThat(s.get("type").asText()).isEqualTo("edge_strategy");
      assertThat(s.get("attributes").properties())
          .extracting(java.util.Map.Entry::getKey)
          .containsExactly("description", "firewall_rules", "name", "naptr");
      names.add(s.at("/attributes/name").asText());
    }
    assertThat(names).contains("US-East-VA", "US-West-OR", "US-East-NJ", "US-Central");
    JsonNode va = data.get(3);
    assertThat(va.get("id").asInt()).isEqualTo(4);
    assertThat(va.at("/attributes/naptr").asText()).isEqualTo("us-east-va.sip.flowroute.com");
  }

  // ---- POST /v2/routes ----

  @Test
  void createAnswers201WithTheRouteAndStoresIt() throws Exception {
    long before = maxRouteId();
    String body =
        """
        {"data":{"type":"route","attributes":{"route_type":"host",\
        "value":"24.239.23.40:5060","alias":"new_route_5000","edge_strategy_id":1}}}""";

    SandboxHttp.Reply reply = http.post("/v2/routes", body);

    assertThat(reply.status()).isEqualTo(201);
    assertThat(reply.header("Content-Type")).isEqualTo("application/vnd.api+json");
    JsonNode data = reply.json().get("data");
    String id = data.get("id").asText();
    assertThat(Long.parseLong(id)).isGreaterThan(before);
    assertThat(data.get("type").asText()).isEqualTo("route");
    assertThat(data.get("attributes"))
        .isEqualTo(
            SandboxHttp.MAPPER.readTree(
                """
                {"alias":"new_route_5000","route_type":"host","value":"24.239.23.40:5060",\
                "edge_strategy_id":1}"""));
    assertThat(data.at("/links/self").asText()).isEqualTo(base + "/v2/routes/" + id);
    assertThat(reply.json().at("/links/self").asText()).isEqualTo(base + "/v2/routes/" + id);
    assertThat(sandbox.account().route(id))
        .contains(new Route(id, "new_route_5000", RouteType.HOST, "24.239.23.40:5060", 1));
    assertThat(sandbox.requests().routePostsReceived()).isEqualTo(1);

    SandboxHttp.Reply second = http.post("/v2/routes", routeBody("uri", "sip:a@b.example", "x2"));
    assertThat(Long.parseLong(second.json().at("/data/id").asText()))
        .isEqualTo(Long.parseLong(id) + 1);
  }

  @Test
  void concurrentCreatesGetDistinctIdsAndAllLand() throws Exception {
    int routesBefore = sandbox.account().routeCount();
    List<java.util.concurrent.CompletableFuture<java.net.http.HttpResponse<String>>> calls =
        new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      calls.add(
          http.client()
              .sendAsync(
                  http.request("/v2/routes")
                      .header("Content-Type", SandboxHttp.JSON_API)
                      .POST(ofString(routeBody("host", "pbx" + i + ".example.com", "par-" + i)))
                      .build(),
                  java.net.http.HttpResponse.BodyHandlers.ofString()));
    }
    List<String> ids = new ArrayList<>();
    for (var call : calls) {
      var response = call.get(30, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(response.statusCode()).isEqualTo(201);
      ids.add(SandboxHttp.MAPPER.readTree(response.body()).at("/data/id").asText());
    }
    assertThat(ids).doesNotHaveDuplicates();
    assertThat(sandbox.account().routeCount()).isEqualTo(routesBefore + 24);
    assertThat(sandbox.requests().routePostsReceived()).isEqualTo(24);
  }

  @Test
  void createAcceptsEveryJsonContentTypeAndLenientlyNone() throws Exception {
    List<String> types =
        List.of(
            "application/vnd.api+json",
            "application/vnd.api+json; charset=utf-8",
            "application/json",
            "application/json; charset=UTF-8");
    int i = 0;
    for (String type : types) {
      SandboxHttp.Reply reply =
          http.send(
              http.request("/v2/routes")
                  .header("Content-Type", type)
                  .POST(ofString(routeBody("number", "16476998778", "ct-" + i++)))
                  .build());
      assertThat(reply.status()).as(type).isEqualTo(201);
    }
    SandboxHttp.Reply none =
        http.send(
            http.request("/v2/routes")
                .POST(ofString(routeBody("number", "16476998778", "no-type")))
                .build());
    assertThat(none.status()).isEqualTo(201);
  }

  @Test
  void otherContentTypesAndStrictMissingTypeAre415() throws Exception {
    int routesBefore = sandbox.account().routeCount();
    SandboxHttp.Reply text =
        http.send(
            http.request("/v2/routes")
                .header("Content-Type", "text/plain; charset=utf-8")
                .POST(ofString(routeBody("number", "16476998778", "plain")))
                .build());
    assertThat(text.status()).isEqualTo(415);
    assertThat(text.error("title")).isEqualTo("Unsupported Media Type");

    sandbox.options().contentTypePolicy(SandboxOptions.ContentTypePolicy.STRICT);
    SandboxHttp.Reply none =
        http.send(
            http.request("/v2/routes")
                .POST(ofString(routeBody("number", "16476998778", "strict")))
                .build());
    assertThat(none.status()).isEqualTo(415);
    assertThat(sandbox.account().routeCount()).isEqualTo(routesBefore);
  }

  @Test
  void createValidatesLikeFlowroute() throws Exception {
    int routesBefore = sandbox.account().routeCount();
    record Case(String body, int status, String detailPart) {}
    List<Case> cases =
        List.of(
            new Case("{\"dat\":{}}", 400, "data"),
            new Case("not json", 400, "not valid JSON"),
            new Case("", 400, "empty"),
            new Case("[1,2]", 400, "JSON object"),
            new Case("{\"data\":{\"type\":\"routes\",\"attributes\":{}}}", 422, "data.type"),
            new Case("{\"data\":{\"type\":\"route\"}}", 422, "attributes"),
            new Case(
                "{\"data\":{\"type\":\"route\",\"attributes\":{\"value\":\"a.example\","
                    + "\"alias\":\"a\"}}}",
                422,
                "route_type"),
            new Case(
                "{\"data\":{\"type\":\"route\",\"attributes\":{\"route_type\":\"host\","
                    + "\"alias\":\"a\"}}}",
                422,
                "value"),
            new Case(
                "{\"data\":{\"type\":\"route\",\"attributes\":{\"route_type\":\"host\","
                    + "\"value\":\"a.example\"}}}",
                422,
                "alias"),
            new Case(routeBody("fax", "a.example", "a"), 422, "host, number or uri"),
            new Case(routeBody("HOST", "a.example", "a"), 422, "host, number or uri"),
            new Case(routeBody("sip-reg", "a.example", "a"), 422, "sip-reg"),
            new Case(routeBody("host", "bad host!", "a"), 422, "spaces"),
            new Case(routeBody("host", "a.example:99999", "a"), 422, "port"),
            new Case(routeBody("number", "+16476998778", "a"), 422, "Leave out the +"),
            new Case(routeBody("number", "6476998778", "a"), 422, "11 digits"),
            new Case(routeBody("uri", "http://a.example", "a"), 422, "sip:"),
            new Case(routeBody("host", "a.example", " "), 422, "alias"),
            new Case(routeBody("host", "a.example", "x".repeat(65)), 422, "64"),
            new Case(
                "{\"data\":{\"type\":\"route\",\"attributes\":{\"route_type\":\"host\","
                    + "\"value\":\"a.example\",\"alias\":\"a\",\"edge_strategy_id\":99}}}",
                422,
                "edge_strategy_id"));
    for (Case c : cases) {
      SandboxHttp.Reply reply = http.post("/v2/routes", c.body());
      assertThat(reply.status()).as(c.body()).isEqualTo(c.status());
      assertThat(reply.error("detail")).as(c.body()).contains(c.detailPart());
      assertThat(reply.json().at("/errors/0/status").asInt()).isEqualTo(c.status());
    }
    assertThat(sandbox.account().routeCount()).isEqualTo(routesBefore);
    assertThat(sandbox.requests().routePostsReceived()).isEqualTo(cases.size());
  }

  @Test
  void duplicateAliasIs403UnlessAllowed() throws Exception {
    String taken = sandbox.account().routes().get(1).alias();

    SandboxHttp.Reply dup = http.post("/v2/routes", routeBody("host", "x.example", taken));
    assertThat(dup.status()).isEqualTo(403);
    assertThat(dup.error("detail")).contains(taken);

    sandbox.options().duplicateAliasForbidden(false);
    SandboxHttp.Reply allowed = http.post("/v2/routes", routeBody("host", "x.example", taken));
    assertThat(allowed.status()).isEqualTo(201);
    assertThat(sandbox.account().routes().stream().filter(r -> taken.equals(r.alias()))).hasSize(2);
  }

  @Test
  void legacySelfLinksOnCreateAreAvailable() throws Exception {
    sandbox.options().legacyCreateSelfLink(true).edgeStrategyIdInRoutes(false);

    SandboxHttp.Reply reply = http.post("/v2/routes", routeBody("host", "x.example", "legacy"));

    String id = reply.json().at("/data/id").asText();
    assertThat(reply.json().at("/links/self").asText()).isEqualTo(base + "/routes/" + id);
    assertThat(reply.json().at("/data/attributes").has("edge_strategy_id")).isFalse();
  }

  // ---- PATCH /v2/routes/{id} ----

  @Test
  void patchUpdatesGivenFieldsAndAnswers200() throws Exception {
    Route route = routeOfType(RouteType.HOST);

    SandboxHttp.Reply reply =
        http.patch(
            "/v2/routes/" + route.id(),
            "{\"data\":{\"type\":\"route\",\"attributes\":{\"alias\":\"renamed\","
                + "\"edge_strategy_id\":null}}}");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().at("/data/attributes/alias").asText()).isEqualTo("renamed");
    assertThat(reply.json().at("/data/attributes/value").asText()).isEqualTo(route.value());
    assertThat(reply.json().at("/data/attributes/edge_strategy_id").isNull()).isTrue();
    assertThat(reply.json().at("/links/self").asText())
        .isEqualTo(base + "/v2/routes/" + route.id());
    assertThat(sandbox.account().route(route.id()))
        .contains(new Route(route.id(), "renamed", RouteType.HOST, route.value(), null));

    SandboxHttp.Reply retype =
        http.patch(
            "/v2/routes/" + route.id(),
            "{\"data\":{\"type\":\"route\",\"attributes\":{\"route_type\":\"number\","
                + "\"value\":\"12065550100\"}}}");
    assertThat(retype.status()).isEqualTo(200);
    assertThat(sandbox.account().route(route.id()).orElseThrow().type())
        .isEqualTo(RouteType.NUMBER);
  }

  @Test
  void patchRefusesBadValuesSystemRouteUnknownIdsAndDuplicates() throws Exception {
    Route host = routeOfType(RouteType.HOST);
    Route other = routeOfType(RouteType.URI);

    SandboxHttp.Reply typeOnly =
        http.patch(
            "/v2/routes/" + host.id(),
            "{\"data\":{\"type\":\"route\",\"attributes\":{\"route_type\":\"number\"}}}");
    assertThat(typeOnly.status()).isEqualTo(422);
    assertThat(typeOnly.error("detail")).contains("number route");

    SandboxHttp.Reply empty =
        http.patch("/v2/routes/" + host.id(), "{\"data\":{\"type\":\"route\",\"attributes\":{}}}");
    assertThat(empty.status()).isEqualTo(422);

    SandboxHttp.Reply dup =
        http.patch(
            "/v2/routes/" + host.id(),
            "{\"data\":{\"type\":\"route\",\"attributes\":{\"alias\":\"" + other.alias() + "\"}}}");
    assertThat(dup.status()).isEqualTo(403);

    SandboxHttp.Reply sameAlias =
        http.patch(
            "/v2/routes/" + host.id(),
            "{\"data\":{\"type\":\"route\",\"attributes\":{\"alias\":\"" + host.alias() + "\"}}}");
    assertThat(sameAlias.status()).isEqualTo(200);

    SandboxHttp.Reply system =
        http.patch(
            "/v2/routes/0", "{\"data\":{\"type\":\"route\",\"attributes\":{\"alias\":\"x\"}}}");
    assertThat(system.status()).isEqualTo(403);

    SandboxHttp.Reply unknown =
        http.patch(
            "/v2/routes/999999999",
            "{\"data\":{\"type\":\"route\",\"attributes\":{\"alias\":\"x\"}}}");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.error("detail")).isEqualTo("Invalid Route Id");

    assertThat(sandbox.account().route(host.id())).contains(host);
  }

  // ---- DELETE /v2/routes/{id} ----

  @Test
  void deleteOfAnUnusedRouteIs204() throws Exception {
    Route unused = aliasRoute("legacy-fax-gw");
    assertThat(sandbox.account().numbersUsing(unused.id())).isEmpty();

    SandboxHttp.Reply reply = http.delete("/v2/routes/" + unused.id());

    assertThat(reply.status()).isEqualTo(204);
    assertThat(reply.response().body()).isEmpty();
    assertThat(sandbox.account().route(unused.id())).isEmpty();
    SandboxHttp.Reply again = http.delete("/v2/routes/" + unused.id() + "/");
    assertThat(again.status()).isEqualTo(404);
    assertThat(again.error("detail")).isEqualTo("Invalid Route Id");
  }

  @Test
  void deleteOfARouteInUseIs403WithFlowroutesExactBody() throws Exception {
    Route used = aliasRoute("pbx-east");
    List<String> users = sandbox.account().numbersUsing(used.id());
    assertThat(users).isNotEmpty();

    SandboxHttp.Reply reply = http.delete("/v2/routes/" + used.id());

    assertThat(reply.status()).isEqualTo(403);
    assertThat(reply.header("Content-Type")).isEqualTo("application/vnd.api+json");
    JsonNode error = reply.json().at("/errors/0");
    assertThat(reply.json().get("errors")).hasSize(1);
    assertThat(error.properties())
        .extracting(java.util.Map.Entry::getKey)
        .containsExactly("detail", "id", "status", "title");
    assertThat(error.get("detail").asText())
        .isEqualTo("Please disassociate all numbers before deleting.");
    assertThat(error.get("title").asText())
        .isEqualTo("This Route has numbers still associated to it.");
    assertThat(error.get("status").isInt()).isTrue();
    assertThat(error.get("status").asInt()).isEqualTo(403);
    assertThat(UUID.fromString(error.get("id").asText())).isNotNull();
    assertThat(sandbox.account().route(used.id())).contains(used);

    // Once every number lets go of it, the delete goes through.
    for (String number : users) {
      for (VoiceSlot slot : VoiceSlot.values()) {
        if (used.id().equals(sandbox.account().routing(number).orElseThrow().routeId(slot))) {
          assertThat(
                  http.delete("/v2/numbers/" + number + "/relationships/" + slot.relationship())
                      .status())
              .isEqualTo(204);
        }
      }
    }
    assertThat(http.delete("/v2/routes/" + used.id()).status()).isEqualTo(204);
  }

  @Test
  void sipRegRouteCannotBeDeleted() throws Exception {
    SandboxHttp.Reply reply = http.delete("/v2/routes/0");

    assertThat(reply.status()).isEqualTo(403);
    assertThat(reply.error("detail")).contains("sip-reg");
    assertThat(sandbox.account().route("0")).isPresent();
  }

  @Test
  void singleRouteGetIsAnOptInExtension() throws Exception {
    Route route = routeOfType(RouteType.URI);

    SandboxHttp.Reply refused = http.get("/v2/routes/" + route.id());
    assertThat(refused.status()).isEqualTo(405);
    assertThat(refused.header("Allow")).isEqualTo("PATCH, DELETE");

    sandbox.options().singleRouteGet(true);
    SandboxHttp.Reply served = http.get("/v2/routes/" + route.id());
    assertThat(served.status()).isEqualTo(200);
    assertThat(served.json().at("/data/attributes/alias").asText()).isEqualTo(route.alias());
    assertThat(http.get("/v2/routes/123456789").status()).isEqualTo(404);
  }

  private Route routeOfType(RouteType type) {
    return sandbox.account().routes().stream()
        .filter(r -> r.type() == type)
        .findFirst()
        .orElseThrow();
  }

  private Route aliasRoute(String alias) {
    return sandbox.account().routes().stream()
        .filter(r -> alias.equals(r.alias()))
        .findFirst()
        .orElseThrow();
  }

  private long maxRouteId() {
    return sandbox.account().routes().stream()
        .mapToLong(r -> Long.parseLong(r.id()))
        .max()
        .orElse(0);
  }

  private static HttpRequest.BodyPublisher ofString(String body) {
    return HttpRequest.BodyPublishers.ofString(body);
  }
}
