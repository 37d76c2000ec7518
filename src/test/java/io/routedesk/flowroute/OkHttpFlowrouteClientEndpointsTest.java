package io.routedesk.flowroute;

import static io.routedesk.flowroute.FlowrouteDocExamples.CREATE_ROUTE_201;
import static io.routedesk.flowroute.FlowrouteDocExamples.CREATE_ROUTE_REQUEST;
import static io.routedesk.flowroute.FlowrouteDocExamples.EDGE_STRATEGIES;
import static io.routedesk.flowroute.FlowrouteDocExamples.ERROR_401;
import static io.routedesk.flowroute.FlowrouteDocExamples.ERROR_403_NOT_AUTHORIZED;
import static io.routedesk.flowroute.FlowrouteDocExamples.ERROR_403_ROUTE_IN_USE;
import static io.routedesk.flowroute.FlowrouteDocExamples.ERROR_404;
import static io.routedesk.flowroute.FlowrouteDocExamples.LIST_NUMBERS;
import static io.routedesk.flowroute.FlowrouteDocExamples.LIST_ROUTES;
import static io.routedesk.flowroute.FlowrouteDocExamples.NUMBER_DETAILS;
import static io.routedesk.flowroute.FlowrouteDocExamples.RELATIONSHIP_REQUEST;
import static org.assertj.core.api.Assertions.assertThat;

import io.routedesk.domain.EdgeStrategy;
import io.routedesk.domain.NewRoute;
import io.routedesk.domain.NumberDetails;
import io.routedesk.domain.NumberRouting;
import io.routedesk.domain.PhoneNumber;
import io.routedesk.domain.Route;
import io.routedesk.domain.RouteType;
import io.routedesk.domain.VoiceSlot;
import io.routedesk.flowroute.FlowrouteException.Kind;
import java.util.List;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint against the example bodies of docs/flowroute-api.md, checking what goes on the
 * wire.
 */
class OkHttpFlowrouteClientEndpointsTest extends ClientTestBase {

  @Test
  void listRoutesReadsTheDocExampleAndTakesOnlyTheOffsetFromNext() throws Exception {
    server.enqueue(json(200, LIST_ROUTES));

    Page<Route> page = await(client.listRoutes(null, 2, 0));

    assertThat(page.items())
        .containsExactly(
            new Route("0", "sip-reg", RouteType.SIP_REG, null, null),
            new Route("83834", "PSTNroute1", RouteType.NUMBER, "12065551212", null));
    assertThat(page.nextOffset()).isEqualTo(2);
    RecordedRequest request = take();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/v2/routes");
    assertThat(request.getUrl().queryParameter("limit")).isEqualTo("2");
    assertThat(request.getUrl().queryParameter("offset")).isEqualTo("0");
    assertThat(request.getUrl().queryParameter("route_type")).isNull();
    assertCommonHeaders(request);
    assertThat(request.getHeaders().get("Content-Type")).isNull();
  }

  @Test
  void listRoutesSendsTheTypeFilterInLowercase() throws Exception {
    server.enqueue(json(200, "{\"data\": [], \"links\": {}}"));

    Page<Route> page = await(client.listRoutes(RouteType.SIP_REG, 200, 400));

    assertThat(page.items()).isEmpty();
    assertThat(page.hasNext()).isFalse();
    RecordedRequest request = take();
    assertThat(request.getUrl().queryParameter("route_type")).isEqualTo("sip-reg");
    assertThat(request.getUrl().queryParameter("limit")).isEqualTo("200");
    assertThat(request.getUrl().queryParameter("offset")).isEqualTo("400");
  }

  @Test
  void listAllRoutesFollowsTheDocsNextLinkOnOurServerNotApiFlowrouteCom() throws Exception {
    server.enqueue(json(200, LIST_ROUTES));
    // Speculative fetches of later offsets may arrive in any order: every further page is empty.
    for (int i = 0; i < 40; i++) {
      server.enqueue(json(200, "{\"data\": [], \"links\": {}}"));
    }

    List<Route> routes = await(client.listAllRoutes(null, FlowrouteClient.ProgressListener.NONE));

    assertThat(routes).extracting(Route::id).containsExactly("0", "83834");
    RecordedRequest first = take();
    assertThat(first.getUrl().queryParameter("limit")).isEqualTo("200");
    assertThat(first.getUrl().queryParameter("offset")).isEqualTo("0");
    RecordedRequest second = take();
    // The next link said https://api.flowroute.com/...?limit=2&offset=2: only limit/offset used.
    assertThat(second.getUrl().host()).isEqualTo(server.getHostName());
    assertThat(second.getUrl().encodedPath()).isEqualTo("/v2/routes");
    assertThat(second.getUrl().queryParameter("limit")).isEqualTo("2");
    assertThat(second.getUrl().queryParameter("offset"))
        .isIn("2", "4", "6", "8", "10", "12", "14", "16");
    assertCommonHeaders(second);
  }

  @Test
  void createRouteSendsTheDocumentedBodyAndReadsA201WithSelfLinksWithoutV2() throws Exception {
    server.enqueue(json(201, CREATE_ROUTE_201));

    Route created =
        await(
            client.createRoute(
                new NewRoute(RouteType.HOST, "24.239.23.40:5060", "new_route_5000", 1)));

    assertThat(created)
        .isEqualTo(new Route("98396", "new route", RouteType.HOST, "il775u.sonsofodin.com", null));
    RecordedRequest request = take();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/v2/routes");
    assertThat(request.getUrl().query()).isNull();
    assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/vnd.api+json");
    assertCommonHeaders(request);
    assertThat(bodyOf(request)).isEqualTo(tree(CREATE_ROUTE_REQUEST));
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void createRouteLeavesOutAMissingEdgeStrategy() throws Exception {
    server.enqueue(json(201, CREATE_ROUTE_201));

    await(client.createRoute(new NewRoute(RouteType.URI, "sip:alice@atlanta.com", "alice", null)));

    assertThat(bodyOf(take()))
        .isEqualTo(
            tree(
                """
                {"data": {"type": "route", "attributes":
                  {"route_type": "uri", "value": "sip:alice@atlanta.com", "alias": "alice"}}}
                """));
  }

  @Test
  void updateRoutePatchesAllFieldsAndClearsTheEdgeStrategyWithNull() throws Exception {
    server.enqueue(
        json(
            200,
            """
            {"data": {"attributes": {"alias": "pbx", "route_type": "host", "value": "pbx.example.com",
                                     "edge_strategy_id": null},
                      "id": "83834", "type": "route",
                      "links": {"self": "https://api.flowroute.com/v2/routes/83834"}},
             "links": {"self": "https://api.flowroute.com/v2/routes/83834"}}
            """));

    Route updated =
        await(
            client.updateRoute(
                "83834", new NewRoute(RouteType.HOST, "pbx.example.com", "pbx", null)));

    assertThat(updated)
        .isEqualTo(new Route("83834", "pbx", RouteType.HOST, "pbx.example.com", null));
    RecordedRequest request = take();
    assertThat(request.getMethod()).isEqualTo("PATCH");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/v2/routes/83834");
    assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/vnd.api+json");
    assertCommonHeaders(request);
    assertThat(bodyOf(request))
        .isEqualTo(
            tree(
                """
                {"data": {"type": "route", "attributes": {"route_type": "host",
                  "value": "pbx.example.com", "alias": "pbx", "edge_strategy_id": null}}}
                """));
  }

  @Test
  void deleteRouteSendsDeleteAndAccepts204() throws Exception {
    server.enqueue(noContent());

    await(client.deleteRoute("523493"));

    RecordedRequest request = take();
    assertThat(request.getMethod()).isEqualTo("DELETE");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/v2/routes/523493");
    assertCommonHeaders(request);
  }

  @Test
  void edgeStrategiesAcceptANumericIdAndSkipTheAbbreviatedEntryWithoutId() throws Exception {
    server.enqueue(json(200, EDGE_STRATEGIES));

    List<EdgeStrategy> strategies = await(client.listEdgeStrategies());

    assertThat(strategies)
        .containsExactly(
            new EdgeStrategy(
                4,
                "US-East-VA",
                "Data will be sent preferentially from our edge systems in North Virginia. We"
                    + " will fall back to other regions if necessary.",
                "us-east-va.sip.flowroute.com",
                "34.226.36.32/28, 34.226.36.32-34.226.36.47"));
    RecordedRequest request = take();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/v2/routes/edge_strategies");
    assertCommonHeaders(request);
  }

  @Test
  void listNumbersSendsFiltersAndReadsTheDocExample() throws Exception {
    server.enqueue(json(200, LIST_NUMBERS));

    Page<PhoneNumber> page =
        await(client.listNumbers(new NumberFilter("201", null, "27", "front desk"), 3, 0));

    assertThat(page.items())
        .containsExactly(new PhoneNumber("12012673227", null, "oradell", "nj", "standard", true));
    assertThat(page.hasNext()).isFalse();
    RecordedRequest request = take();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/v2/numbers");
    assertThat(request.getUrl().queryParameter("starts_with")).isEqualTo("201");
    assertThat(request.getUrl().queryParameter("contains")).isNull();
    assertThat(request.getUrl().queryParameter("ends_with")).isEqualTo("27");
    assertThat(request.getUrl().queryParameter("alias")).isEqualTo("front desk");
    assertThat(request.getUrl().encodedQuery()).contains("alias=front%20desk");
    assertThat(request.getUrl().queryParameter("limit")).isEqualTo("3");
    assertThat(request.getUrl().queryParameter("offset")).isEqualTo("0");
    assertCommonHeaders(request);
  }

  @Test
  void numberDetailsReadsRelationshipsAndIncludedRoutes() throws Exception {
    server.enqueue(json(200, NUMBER_DETAILS));

    NumberDetails details = await(client.numberDetails("16502390214"));

    assertThat(details.number())
        .isEqualTo(new PhoneNumber("16502390214", null, "millbrae", "ca", "standard", true));
    assertThat(details.routing()).isEqualTo(new NumberRouting("16502390214", "0", null));
    assertThat(details.includedRoutes())
        .containsExactly(new Route("0", "sip-reg", RouteType.SIP_REG, null, null));
    RecordedRequest request = take();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/v2/numbers/16502390214");
    assertCommonHeaders(request);
  }

  @Test
  void setPrimaryRoutePatchesTheRelationshipAndAccepts204() throws Exception {
    server.enqueue(noContent());

    await(client.setRoute("16502390214", VoiceSlot.PRIMARY, "83834"));

    RecordedRequest request = take();
    assertThat(request.getMethod()).isEqualTo("PATCH");
    assertThat(request.getUrl().encodedPath())
        .isEqualTo("/v2/numbers/16502390214/relationships/primary_route");
    assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/vnd.api+json");
    assertCommonHeaders(request);
    assertThat(bodyOf(request)).isEqualTo(tree(RELATIONSHIP_REQUEST));
  }

  @Test
  void setFailoverRouteUsesTheFailoverRelationship() throws Exception {
    server.enqueue(noContent());

    await(client.setRoute("16502390214", VoiceSlot.FAILOVER, "0"));

    RecordedRequest request = take();
    assertThat(request.getUrl().encodedPath())
        .isEqualTo("/v2/numbers/16502390214/relationships/failover_route");
    assertThat(bodyOf(request)).isEqualTo(tree("{\"data\": {\"type\": \"route\", \"id\": \"0\"}}"));
  }

  @Test
  void removeRouteDeletesTheRelationship() throws Exception {
    server.enqueue(noContent());

    await(client.removeRoute("16502390214", VoiceSlot.FAILOVER));

    RecordedRequest request = take();
    assertThat(request.getMethod()).isEqualTo("DELETE");
    assertThat(request.getUrl().encodedPath())
        .isEqualTo("/v2/numbers/16502390214/relationships/failover_route");
    assertCommonHeaders(request);
  }

  @Test
  void error401FromTheDocsSaysTheKeysWereNotAccepted() {
    server.enqueue(json(401, ERROR_401));

    FlowrouteException e = failure(client.listRoutes(null, 10, 0));

    assertThat(e.kind()).isEqualTo(Kind.UNAUTHORIZED);
    assertThat(e.status()).isEqualTo(401);
    assertThat(e.title()).isEqualTo("Unauthorized");
    assertThat(e.detail()).isEqualTo("Authentication failed.");
    assertThat(e.errorId()).isEqualTo("7fc8c70a-ca58-430c-b383-b89df84f8083");
    assertThat(e.isRetryable()).isFalse();
    assertThat(e.getMessage()).startsWith("The access key or secret key was not accepted");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void error403WithoutIdAndWithEmptyDetailStillGivesAClearMessage() {
    server.enqueue(json(403, ERROR_403_NOT_AUTHORIZED));

    FlowrouteException e = failure(client.setRoute("16502390214", VoiceSlot.PRIMARY, "83834"));

    assertThat(e.kind()).isEqualTo(Kind.FORBIDDEN);
    assertThat(e.status()).isEqualTo(403);
    assertThat(e.title()).isEqualTo("ActionNotAuthorizedError");
    assertThat(e.detail()).isNull();
    assertThat(e.errorId()).isNull();
    assertThat(e.getMessage())
        .contains("setting the primary route of 16502390214 to route 83834")
        .contains("ActionNotAuthorizedError")
        .contains("may not have permission");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void error403WhenDeletingARouteInUseShowsFlowroutesTitleAndDetail() {
    server.enqueue(json(403, ERROR_403_ROUTE_IN_USE));

    FlowrouteException e = failure(client.deleteRoute("523493"));

    assertThat(e.kind()).isEqualTo(Kind.FORBIDDEN);
    assertThat(e.title()).isEqualTo("This Route has numbers still associated to it.");
    assertThat(e.detail()).isEqualTo("Please disassociate all numbers before deleting.");
    assertThat(e.getMessage())
        .isEqualTo(
            "Flowroute did not allow deleting route 523493 (403 Forbidden): This Route has"
                + " numbers still associated to it. Please disassociate all numbers before"
                + " deleting.");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void error404NamesWhatWasNotFound() {
    server.enqueue(json(404, ERROR_404));

    FlowrouteException e = failure(client.deleteRoute("999999"));

    assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
    assertThat(e.status()).isEqualTo(404);
    assertThat(e.title()).isEqualTo("Not Found");
    assertThat(e.detail()).isEqualTo("Route 999999 not found.");
    assertThat(e.getMessage())
        .startsWith("Flowroute could not find route 999999 (404 Not Found) while deleting route")
        .contains("Route 999999 not found.");
    // A 404 on the first DELETE is a real error, not a lost earlier success.
    assertThat(server.getRequestCount()).isEqualTo(1);
  }
}
