package io.routedesk.sandbox;

import static io.routedesk.sandbox.SandboxHttp.relationshipBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.routedesk.domain.NumberRouting;
import io.routedesk.domain.PhoneNumber;
import io.routedesk.domain.Route;
import io.routedesk.domain.VoiceSlot;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SandboxNumbersTest extends SandboxTestBase {

  // ---- GET /v2/numbers ----

  @Test
  void listItemsHaveAttributesAndNoRelationships() throws Exception {
    SandboxHttp.Reply reply = http.get("/v2/numbers");

    assertThat(reply.status()).isEqualTo(200);
    JsonNode data = reply.json().get("data");
    assertThat(data).hasSize(10);
    PhoneNumber first = sandbox.account().numbers().get(0);
    JsonNode item = data.get(0);
    assertThat(item.properties())
        .extracting(Map.Entry::getKey)
        .containsExactly("attributes", "type", "id", "links");
    assertThat(item.get("attributes").properties())
        .extracting(Map.Entry::getKey)
        .containsExactly(
            "rate_center", "value", "alias", "state", "number_type", "cnam_lookups_enabled");
    assertThat(item.get("id").asText()).isEqualTo(first.number());
    assertThat(item.at("/attributes/value").asText()).isEqualTo(first.number());
    assertThat(item.at("/attributes/rate_center").asText()).isEqualTo(first.rateCenter());
    assertThat(item.at("/attributes/state").asText()).isEqualTo(first.state());
    assertThat(item.at("/links/self").asText()).isEqualTo(base + "/v2/numbers/" + first.number());
    assertThat(reply.json().at("/links/self").asText())
        .isEqualTo(base + "/v2/numbers?limit=10&offset=0");
    assertThat(reply.json().at("/links/next").asText())
        .isEqualTo(base + "/v2/numbers?limit=10&offset=10");
  }

  @Test
  void pagingThroughNumbersReturnsTheAccountInAscendingOrder() throws Exception {
    List<String> seen = new ArrayList<>();
    String next = "/v2/numbers?limit=7";
    while (next != null) {
      SandboxHttp.Reply page = http.get(next);
      page.json().get("data").forEach(n -> seen.add(n.get("id").asText()));
      JsonNode link = page.json().at("/links/next");
      next = link.isMissingNode() ? null : link.asText().substring(base.length());
    }
    assertThat(seen)
        .hasSize(DemoSeed.SMALL_NUMBERS)
        .isSorted()
        .isEqualTo(sandbox.account().numbers().stream().map(PhoneNumber::number).toList());
  }

  @Test
  void startsWithGetsCountryCodeOneUnlessPlusIsGiven() throws Exception {
    SandboxHttp.Reply seattle = http.get("/v2/numbers?starts_with=206&limit=200");

    assertThat(seattle.status()).isEqualTo(200);
    List<String> ids = ids(seattle);
    assertThat(ids).isNotEmpty().allMatch(n -> n.startsWith("1206"));
    long expected =
        sandbox.account().numbers().stream().filter(n -> n.number().startsWith("1206")).count();
    assertThat(ids).hasSize((int) expected);
    assertThat(seattle.json().at("/links/self").asText())
        .isEqualTo(base + "/v2/numbers?starts_with=1206&limit=200&offset=0");

    SandboxHttp.Reply plusOne = http.get("/v2/numbers?starts_with=%2B1206&limit=200");
    assertThat(ids(plusOne)).isEqualTo(ids);

    SandboxHttp.Reply uk = http.get("/v2/numbers?starts_with=%2B44");
    assertThat(uk.json().get("data")).isEmpty();

    SandboxHttp.Reply bad = http.get("/v2/numbers?starts_with=20a");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.error("detail")).contains("starts_with");
  }

  @Test
  void containsEndsWithAndAliasFilter() throws Exception {
    PhoneNumber target = sandbox.account().numbers().get(3);
    String tail = target.number().substring(7);
    String middle = target.number().substring(4, 8);

    assertThat(ids(http.get("/v2/numbers?ends_with=" + tail))).contains(target.number());
    assertThat(ids(http.get("/v2/numbers?contains=" + middle)))
        .contains(target.number())
        .allMatch(n -> n.contains(middle));

    SandboxHttp.Reply support = http.get("/v2/numbers?alias=Support%20line");
    assertThat(support.json().get("data")).hasSize(1);
    assertThat(support.json().at("/data/0/attributes/alias").asText()).isEqualTo("Support line");
    assertThat(support.json().at("/links/self").asText())
        .isEqualTo(base + "/v2/numbers?alias=Support%20line&limit=10&offset=0");
    assertThat(http.get("/v2/numbers?alias=support%20line").json().get("data")).isEmpty();

    String dash = URLEncoder.encode("Sales – East", StandardCharsets.UTF_8);
    SandboxHttp.Reply east = http.get("/v2/numbers?alias=" + dash);
    assertThat(east.json().at("/data/0/attributes/alias").asText()).isEqualTo("Sales – East");

    SandboxHttp.Reply combined =
        http.get(
            "/v2/numbers?starts_with=" + target.number().substring(1, 4) + "&ends_with=" + tail);
    assertThat(ids(combined)).contains(target.number());
    assertThat(combined.json().at("/links/self").asText())
        .startsWith(base + "/v2/numbers?starts_with=1" + target.number().substring(1, 4))
        .contains("&ends_with=" + tail + "&limit=10&offset=0");

    assertThat(http.get("/v2/numbers?ends_with=12x").status()).isEqualTo(400);
    assertThat(http.get("/v2/numbers?alias=" + "a".repeat(65)).status()).isEqualTo(400);
    assertThat(http.get("/v2/numbers?limit=201").status()).isEqualTo(400);
  }

  // ---- GET /v2/numbers/{id} ----

  @Test
  void detailsCarryRelationshipsAndIncludedRoutes() throws Exception {
    String number = numberWith(r -> r.failoverRouteId() != null);
    NumberRouting routing = sandbox.account().routing(number).orElseThrow();

    SandboxHttp.Reply reply = http.get("/v2/numbers/" + number);

    assertThat(reply.status()).isEqualTo(200);
    JsonNode data = reply.json().get("data");
    assertThat(data.properties())
        .extracting(Map.Entry::getKey)
        .containsExactly("attributes", "relationships", "type", "id", "links");
    assertThat(data.at("/relationships/primary_route/data"))
        .isEqualTo(
            SandboxHttp.MAPPER.readTree(
                "{\"type\":\"route\",\"id\":\"" + routing.primaryRouteId() + "\"}"));
    assertThat(data.at("/relationships/failover_route/data/id").asText())
        .isEqualTo(routing.failoverRouteId());
    assertThat(data.at("/relationships/cnam_preset/data").isNull()).isTrue();
    assertThat(data.at("/relationships/e911_address/data").isNull()).isTrue();
    JsonNode included = reply.json().get("included");
    assertThat(included).hasSize(2);
    assertThat(included.get(0).get("id").asText()).isEqualTo(routing.primaryRouteId());
    assertThat(included.get(1).get("id").asText()).isEqualTo(routing.failoverRouteId());
    Route failover = sandbox.account().route(routing.failoverRouteId()).orElseThrow();
    assertThat(included.get(1).at("/attributes/value").asText()).isEqualTo(failover.value());
    assertThat(reply.json().at("/links/self").asText()).isEqualTo(base + "/v2/numbers/" + number);
  }

  @Test
  void sipRegPrimaryWithoutFailoverIncludesRouteZero() throws Exception {
    String number = sandbox.account().numbers().get(0).number();
    sandbox.account().assign(number, VoiceSlot.PRIMARY, "0");
    sandbox.account().assign(number, VoiceSlot.FAILOVER, null);

    SandboxHttp.Reply reply = http.get("/v2/numbers/" + number);

    assertThat(reply.json().at("/data/relationships/failover_route/data").isNull()).isTrue();
    assertThat(reply.json().get("included")).hasSize(1);
    assertThat(reply.json().at("/included/0/id").asText()).isEqualTo("0");
    assertThat(reply.json().at("/included/0/attributes/route_type").asText()).isEqualTo("sip-reg");
  }

  @Test
  void sameRouteAsPrimaryAndFailoverIsIncludedOnceByDefault() throws Exception {
    String number = sandbox.account().numbers().get(1).number();
    String routeId = sandbox.account().routes().get(2).id();
    sandbox.account().assign(number, VoiceSlot.PRIMARY, routeId);
    sandbox.account().assign(number, VoiceSlot.FAILOVER, routeId);

    assertThat(http.get("/v2/numbers/" + number).json().get("included")).hasSize(1);
    sandbox.options().includeSharedRouteTwice(true);
    assertThat(http.get("/v2/numbers/" + number).json().get("included")).hasSize(2);
  }

  @Test
  void unknownNumbersAre404() throws Exception {
    for (String id : List.of("12065550000", "abc", "1")) {
      SandboxHttp.Reply reply = http.get("/v2/numbers/" + id);
      assertThat(reply.status()).as(id).isEqualTo(404);
      assertThat(reply.error("title")).isEqualTo("Not Found");
    }
  }

  // ---- PATCH / DELETE relationships ----

  @Test
  void patchPrimaryAndFailoverAnswer204AndChangeTheAccount() throws Exception {
    String number = sandbox.account().numbers().get(5).number();
    String newPrimary = sandbox.account().routes().get(4).id();

    SandboxHttp.Reply primary =
        http.patch(
            "/v2/numbers/" + number + "/relationships/primary_route", relationshipBody(newPrimary));
    SandboxHttp.Reply failover =
        http.patch(
            "/v2/numbers/" + number + "/relationships/failover_route", relationshipBody("0"));

    assertThat(primary.status()).isEqualTo(204);
    assertThat(primary.response().body()).isEmpty();
    assertThat(failover.status()).isEqualTo(204);
    assertThat(sandbox.account().primaryRouteId(number)).isEqualTo(newPrimary);
    assertThat(sandbox.account().failoverRouteId(number)).isEqualTo("0");
    JsonNode details = http.get("/v2/numbers/" + number).json();
    assertThat(details.at("/data/relationships/primary_route/data/id").asText())
        .isEqualTo(newPrimary);
    assertThat(sandbox.requests().received(Endpoint.SET_PRIMARY_ROUTE)).isEqualTo(1);
    assertThat(sandbox.requests().received(Endpoint.SET_FAILOVER_ROUTE)).isEqualTo(1);
  }

  @Test
  void patchAcceptsTheSdksLooseBodies() throws Exception {
    String number = sandbox.account().numbers().get(6).number();
    String routeId = sandbox.account().routes().get(3).id();

    // Python SDK: no Content-Type; docs label ids "integer".
    SandboxHttp.Reply noType =
        http.send(
            http.request("/v2/numbers/" + number + "/relationships/primary_route")
                .method(
                    "PATCH",
                    HttpRequest.BodyPublishers.ofString(
                        "{\"data\":{\"type\":\"route\",\"id\":" + routeId + "}}"))
                .build());

    assertThat(noType.status()).isEqualTo(204);
    assertThat(sandbox.account().primaryRouteId(number)).isEqualTo(routeId);
  }

  @Test
  void patchWithUnknownRouteOrNumberOrBadBodyLeavesTheNumberAlone() throws Exception {
    String number = sandbox.account().numbers().get(7).number();
    NumberRouting before = sandbox.account().routing(number).orElseThrow();
    String path = "/v2/numbers/" + number + "/relationships/primary_route";

    SandboxHttp.Reply unknownRoute = http.patch(path, relationshipBody("424242"));
    assertThat(unknownRoute.status()).isEqualTo(404);
    assertThat(unknownRoute.error("detail")).contains("424242");

    sandbox.options().unknownRouteOnAssignStatus(422);
    assertThat(http.patch(path, relationshipBody("424242")).status()).isEqualTo(422);

    SandboxHttp.Reply unknownNumber =
        http.patch("/v2/numbers/12065550000/relationships/primary_route", relationshipBody("0"));
    assertThat(unknownNumber.status()).isEqualTo(404);

    assertThat(http.patch(path, "{\"data\":{\"type\":\"route\"}}").status()).isEqualTo(400);
    assertThat(http.patch(path, "{}").status()).isEqualTo(400);
    assertThat(http.patch(path, "{\"data\":{\"type\":\"number\",\"id\":\"0\"}}").status())
        .isEqualTo(422);
    assertThat(http.patch(path, "{oops").status()).isEqualTo(400);

    assertThat(sandbox.account().routing(number)).contains(before);
  }

  @Test
  void deletingRelationshipsClearsThemAndPrimaryCanRevertToSipReg() throws Exception {
    String number = numberWith(r -> r.failoverRouteId() != null);

    SandboxHttp.Reply failover =
        http.delete("/v2/numbers/" + number + "/relationships/failover_route");
    SandboxHttp.Reply primary =
        http.delete("/v2/numbers/" + number + "/relationships/primary_route");

    assertThat(failover.status()).isEqualTo(204);
    assertThat(primary.status()).isEqualTo(204);
    assertThat(sandbox.account().routing(number)).contains(new NumberRouting(number, null, null));
    JsonNode details = http.get("/v2/numbers/" + number).json();
    assertThat(details.at("/data/relationships/primary_route/data").isNull()).isTrue();
    assertThat(details.get("included")).isEmpty();

    sandbox.options().primaryAfterRemoval(SandboxOptions.PrimaryAfterRemoval.SIP_REG);
    sandbox.account().assign(number, VoiceSlot.PRIMARY, sandbox.account().routes().get(1).id());
    http.delete("/v2/numbers/" + number + "/relationships/primary_route");
    assertThat(sandbox.account().primaryRouteId(number)).isEqualTo("0");

    assertThat(http.delete("/v2/numbers/12065550000/relationships/failover_route").status())
        .isEqualTo(404);
  }

  // ---- anything else ----

  @Test
  void unknownPathsAre404AndWrongMethodsAre405WithTheErrorsBody() throws Exception {
    SandboxHttp.Reply nowhere = http.get("/v2/nowhere");
    assertThat(nowhere.status()).isEqualTo(404);
    assertThat(nowhere.header("Content-Type")).isEqualTo("application/vnd.api+json");
    assertThat(nowhere.json().at("/errors/0/status").asInt()).isEqualTo(404);

    assertThat(http.get("/v1/routes").status()).isEqualTo(404);
    assertThat(http.get("/v2/numbers/12065550000/relationships/cnam_preset").status())
        .isEqualTo(404);

    String number = sandbox.account().numbers().get(0).number();
    record Case(String method, String path, String allow) {}
    for (Case c :
        List.of(
            new Case("PUT", "/v2/routes", "GET, POST"),
            new Case("DELETE", "/v2/routes", "GET, POST"),
            new Case("POST", "/v2/routes/edge_strategies", "GET"),
            new Case("PUT", "/v2/routes/123", "PATCH, DELETE"),
            new Case("POST", "/v2/numbers", "GET"),
            new Case("POST", "/v2/numbers/" + number, "GET"),
            new Case("DELETE", "/v2/numbers/" + number, "GET"),
            new Case(
                "GET",
                "/v2/numbers/" + number + "/relationships/primary_route",
                "PATCH, DELETE"))) {
      SandboxHttp.Reply reply =
          http.send(
              http.request(c.path())
                  .method(c.method(), HttpRequest.BodyPublishers.noBody())
                  .build());
      assertThat(reply.status()).as(c.method() + " " + c.path()).isEqualTo(405);
      assertThat(reply.header("Allow")).as(c.path()).isEqualTo(c.allow());
      assertThat(reply.error("title")).isEqualTo("Method Not Allowed");
    }
    assertThat(sandbox.account().number(number)).isPresent();
  }

  private String numberWith(java.util.function.Predicate<NumberRouting> test) {
    return sandbox.account().numbers().stream()
        .map(n -> sandbox.account().routing(n.number()).orElseThrow())
        .filter(test)
        .findFirst()
        .orElseThrow()
        .number();
  }

  private static List<String> ids(SandboxHttp.Reply reply) {
    List<String> ids = new ArrayList<>();
    reply.json().get("data").forEach(n -> ids.add(n.get("id").asText()));
    return ids;
  }
}
