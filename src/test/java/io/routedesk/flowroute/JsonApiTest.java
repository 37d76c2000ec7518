package io.routedesk.flowroute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.routedesk.domain.NewRoute;
import io.routedesk.domain.NumberDetails;
import io.routedesk.domain.NumberRouting;
import io.routedesk.domain.PhoneNumber;
import io.routedesk.domain.Route;
import io.routedesk.domain.RouteType;
import io.routedesk.flowroute.JsonApi.ErrorInfo;
import io.routedesk.flowroute.JsonApi.PageLink;
import io.routedesk.flowroute.JsonApi.RawPage;
import io.routedesk.flowroute.JsonApi.ShapeException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Tolerant reading: odd ids, unknown types and fields, missing parts never break a listing. */
class JsonApiTest {

  private static JsonNode json(String text) throws Exception {
    return JsonApi.parse(stream(text));
  }

  private static InputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void routeToleratesNumericIdsUnknownTypesAndUnknownFields() throws Exception {
    Route route =
        JsonApi.route(
            json(
                """
                {"id": 98396, "type": "route", "meta": {"x": 1},
                 "attributes": {"alias": "hook", "route_type": "WEBHOOK", "value": "https://x",
                                "edge_strategy_id": "3", "colour": "blue"}}
                """));

    assertThat(route).isEqualTo(new Route("98396", "hook", RouteType.OTHER, "https://x", 3));
  }

  @Test
  void edgeStrategyIdMayBeANumberAStringOrJunk() throws Exception {
    String template =
        "{\"id\": \"1\", \"attributes\": {\"route_type\": \"host\", \"edge_strategy_id\": %s}}";
    assertThat(JsonApi.route(json(template.formatted("4"))).edgeStrategyId()).isEqualTo(4);
    assertThat(JsonApi.route(json(template.formatted("\" 5 \""))).edgeStrategyId()).isEqualTo(5);
    assertThat(JsonApi.route(json(template.formatted("null"))).edgeStrategyId()).isNull();
    assertThat(JsonApi.route(json(template.formatted("\"abc\""))).edgeStrategyId()).isNull();
    assertThat(JsonApi.route(json(template.formatted("1.5"))).edgeStrategyId()).isNull();
    assertThat(JsonApi.route(json(template.formatted("99999999999"))).edgeStrategyId()).isNull();
  }

  @Test
  void missingRouteTypeIsOtherAndMissingAttributesAreNull() throws Exception {
    Route route = JsonApi.route(json("{\"id\": \"7\"}"));

    assertThat(route).isEqualTo(new Route("7", null, RouteType.OTHER, null, null));
  }

  @Test
  void listSkipsItemsWithoutIdAndNonObjects() throws Exception {
    RawPage<Route> page =
        JsonApi.page(
            json(
                """
                {"data": [{"attributes": {"alias": "no id"}}, 42, null,
                          {"id": "5", "attributes": {"route_type": "uri", "value": "sip:a@b"}}],
                 "links": {}}
                """),
            JsonApi::route,
            200);

    assertThat(page.items()).extracting(Route::id).containsExactly("5");
    assertThat(page.next()).isNull();
  }

  @Test
  void listWithoutADataArrayIsAShapeError() {
    assertThatThrownBy(() -> JsonApi.list(json("{\"data\": {}}"), JsonApi::route))
        .isInstanceOf(ShapeException.class);
    assertThatThrownBy(() -> JsonApi.list(json("[]"), JsonApi::route))
        .isInstanceOf(ShapeException.class);
    assertThatThrownBy(() -> JsonApi.list(null, JsonApi::route)).isInstanceOf(ShapeException.class);
  }

  @Test
  void numberFallsBackToItsValueAndReadsBooleansLeniently() throws Exception {
    PhoneNumber number =
        JsonApi.number(
            json(
                """
                {"type": "number", "attributes": {"value": 12065551212, "alias": "Front desk",
                 "cnam_lookups_enabled": "true", "number_type": "longcode"}}
                """));

    assertThat(number)
        .isEqualTo(new PhoneNumber("12065551212", "Front desk", null, null, "longcode", true));
  }

  @Test
  void detailsKeepRoutesFromIncludedOnceAndIgnoreOtherTypes() throws Exception {
    NumberDetails details =
        JsonApi.numberDetails(
            json(
                """
                {"data": {"id": "12065551212", "type": "number", "attributes": {},
                          "relationships": {"primary_route": {"data": {"type": "route", "id": 83834}},
                                            "failover_route": {"data": {"type": "route", "id": "83834"}}}},
                 "included": [
                   {"type": "route", "id": "83834", "attributes": {"route_type": "host", "value": "h"}},
                   {"type": "route", "id": "83834", "attributes": {"route_type": "host", "value": "h"}},
                   {"type": "cnam", "id": "9", "attributes": {"name": "x"}},
                   {"type": "e911", "id": "10"}
                 ]}
                """));

    assertThat(details.routing()).isEqualTo(new NumberRouting("12065551212", "83834", "83834"));
    assertThat(details.includedRoutes())
        .containsExactly(new Route("83834", null, RouteType.HOST, "h", null));
  }

  @Test
  void detailsWithoutRelationshipsHaveNoRoutes() throws Exception {
    NumberDetails details = JsonApi.numberDetails(json("{\"data\": {\"id\": \"12065551212\"}}"));

    assertThat(details.routing()).isEqualTo(new NumberRouting("12065551212", null, null));
    assertThat(details.includedRoutes()).isEmpty();
  }

  @Test
  void nextLinkKeepsOnlyLimitAndOffset() throws Exception {
    assertThat(
            JsonApi.nextLink(json("\"https://api.flowroute.com/v2/routes?limit=2&offset=2\""), 200))
        .isEqualTo(new PageLink(2, 2));
    assertThat(JsonApi.nextLink(json("\"/v2/numbers?offset=400&starts_with=1206\""), 200))
        .isEqualTo(new PageLink(200, 400));
    assertThat(JsonApi.nextLink(json("\"?limit=50&offset=50\""), 200))
        .isEqualTo(new PageLink(50, 50));
    assertThat(JsonApi.nextLink(json("\"https://api.flowroute.com/v2/routes?limit=2\""), 200))
        .isNull();
    assertThat(JsonApi.nextLink(json("\"https://x/v2/routes?offset=-3\""), 200)).isNull();
    assertThat(JsonApi.nextLink(json("null"), 200)).isNull();
    assertThat(JsonApi.nextLink(json("{\"href\": \"x\"}"), 200)).isNull();
    assertThat(JsonApi.nextLink(null, 200)).isNull();
  }

  @Test
  void errorsMayLackIdsAndCarryNonStringDetails() throws Exception {
    assertThat(JsonApi.error(json(FlowrouteDocExamples.ERROR_403_NOT_AUTHORIZED)))
        .isEqualTo(new ErrorInfo("ActionNotAuthorizedError", null, null));
    assertThat(
            JsonApi.error(
                json("{\"errors\": [{\"status\": \"422\", \"detail\": [\"a\", 1], \"id\": 7}]}")))
        .isEqualTo(new ErrorInfo(null, "[\"a\",1]", "7"));
    assertThat(JsonApi.error(json("{\"errors\": {\"title\": \"Single\"}}")))
        .isEqualTo(new ErrorInfo("Single", null, null));
    assertThat(JsonApi.error(json("{\"errors\": []}"))).isNull();
    assertThat(JsonApi.error(json("{\"message\": \"nope\"}"))).isNull();
    assertThat(JsonApi.error(null)).isNull();
  }

  @Test
  void emptyBodyParsesToNullAndGarbageAfterJsonIsAnError() throws Exception {
    assertThat(JsonApi.parse(stream(""))).isNull();
    assertThat(JsonApi.parse(stream("  \n"))).isNull();
    assertThatThrownBy(() -> JsonApi.parse(stream("{} {}")))
        .isInstanceOf(com.fasterxml.jackson.core.JsonProcessingException.class);
  }

  @Test
  void routeBodiesForCreateAndUpdate() throws Exception {
    NewRoute route = new NewRoute(RouteType.NUMBER, "16476998778", "fwd", null);

    assertThat(JsonApi.newRouteDocument(route, false))
        .isEqualTo(
            json(
                """
                {"data": {"type": "route", "attributes":
                  {"route_type": "number", "value": "16476998778", "alias": "fwd"}}}
                """));
    assertThat(JsonApi.newRouteDocument(route, true).at("/data/attributes").has("edge_strategy_id"))
        .isTrue();
    assertThat(
            JsonApi.newRouteDocument(route, true).at("/data/attributes/edge_strategy_id").isNull())
        .isTrue();
  }
}
