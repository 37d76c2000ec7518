package io.routedesk.integration;

import static io.routedesk.integration.SandboxClients.await;
import static io.routedesk.integration.SandboxClients.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.routedesk.domain.NewRoute;
import io.routedesk.domain.NumberDetails;
import io.routedesk.domain.NumberRouting;
import io.routedesk.domain.PhoneNumber;
import io.routedesk.domain.Route;
import io.routedesk.domain.RouteType;
import io.routedesk.domain.VoiceSlot;
import io.routedesk.flowroute.BulkResult;
import io.routedesk.flowroute.CancellationToken;
import io.routedesk.flowroute.FlowrouteException;
import io.routedesk.flowroute.FlowrouteException.Kind;
import io.routedesk.flowroute.NumberFilter;
import io.routedesk.flowroute.OkHttpFlowrouteClient;
import io.routedesk.flowroute.Page;
import io.routedesk.sandbox.DemoSeed;
import io.routedesk.sandbox.Endpoint;
import io.routedesk.sandbox.FlowrouteSandbox;
import io.routedesk.sandbox.RequestStats.RecordedRequest;
import io.routedesk.sandbox.SandboxAccount;
import io.routedesk.sandbox.SandboxOptions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The real client against a real embedded sandbox, endpoint by endpoint. Expectations come from the
 * sandbox account's own state, never from the client, so a client that misreads the wire fails.
 */
class ClientSandboxEndpointsTest {
  /** 61 routes (with "0") and 300 numbers: many pages even at small limits. */
  private static final DemoSeed SEED = DemoSeed.of(300, 60, 7L);

  private FlowrouteSandbox sandbox;
  private SandboxAccount account;
  private OkHttpFlowrouteClient client;

  @BeforeEach
  void start() throws Exception {
    sandbox = FlowrouteSandbox.builder().seed(SEED).start();
    account = sandbox.account();
    client = SandboxClients.client(sandbox);
  }

  @AfterEach
  void stop() {
    client.close();
    sandbox.close();
  }

  // ---- routes: list ----

  @Test
  void routePagesAtASmallLimitWalkEveryRouteInOrder() {
    List<Route> walked = walk((limit, offset) -> await(client.listRoutes(null, limit, offset)), 7);

    assertThat(account.routes()).hasSize(61);
    assertThat(walked).isEqualTo(account.routes());
    assertThat(walked.getFirst().id()).isEqualTo(Route.SIP_REG_ID);
    // 61 routes at 7 a page: 9 pages, the last one short.
    assertThat(sandbox.requests().received(Endpoint.LIST_ROUTES)).isEqualTo(9);
  }

  @ParameterizedTest
  @EnumSource(
      value = RouteType.class,
      names = {"HOST", "NUMBER", "URI", "SIP_REG"})
  void routeTypeFilterReturnsOnlyThatType(RouteType type) {
    List<Route> expected = account.routes().stream().filter(r -> r.type() == type).toList();
    assertThat(expected).isNotEmpty();

    List<Route> paged = walk((limit, offset) -> await(client.listRoutes(type, limit, offset)), 3);
    List<Route> all = await(client.listAllRoutes(type, null));

    assertThat(paged).isEqualTo(expected);
    assertThat(all).isEqualTo(expected);
    assertThat(sandbox.requests().recent())
        .filteredOn(r -> r.endpoint() == Endpoint.LIST_ROUTES)
        .allSatisfy(r -> assertThat(r.query()).contains("route_type=" + type.wireName()));
  }

  @Test
  void listAllRoutesReturnsTheWholeAccount() {
    account.addRoute(RouteType.URI, "sip:late@pbx.example.com", "late", null);

    assertThat(await(client.listAllRoutes(null, null))).isEqualTo(account.routes());
  }

  // ---- routes: create, update, delete ----

  @Test
  void createAnswers201AndTheRouteIsThenListed() {
    NewRoute wanted = new NewRoute(RouteType.HOST, "pbx-new.example.com:5080", "pbx-new", 4);

    Route created = await(client.createRoute(wanted));

    assertThat(lastRecorded(Endpoint.CREATE_ROUTE).status()).isEqualTo(201);
    assertThat(sandbox.requests().routePostsReceived()).isEqualTo(1);
    assertThat(wanted.matches(created)).isTrue();
    assertThat(created.edgeStrategyId()).isEqualTo(4);
    assertThat(account.route(created.id())).contains(created);
    assertThat(await(client.listAllRoutes(null, null))).contains(created);
    assertThat(await(client.listAllRoutes(RouteType.HOST, null))).contains(created);
  }

  @Test
  void updateReplacesEveryFieldOnTheAccount() {
    Route before = account.routes().get(5);

    Route updated =
        await(
            client.updateRoute(
                before.id(),
                new NewRoute(RouteType.URI, "sip:desk@pbx.example.com;transport=tcp", "desk", 2)));

    assertThat(updated)
        .isEqualTo(
            new Route(
                before.id(), "desk", RouteType.URI, "sip:desk@pbx.example.com;transport=tcp", 2));
    assertThat(account.route(before.id())).contains(updated);
    assertThat(account.routes()).hasSize(61);
  }

  @Test
  void deleteAnswers204AndTheRouteIsGone() {
    Route unused = account.addRoute(RouteType.NUMBER, "12065550100", "to-delete", null);

    await(client.deleteRoute(unused.id()));

    assertThat(lastRecorded(Endpoint.DELETE_ROUTE).status()).isEqualTo(204);
    assertThat(account.route(unused.id())).isEmpty();
    assertThat(await(client.listAllRoutes(null, null))).doesNotContain(unused);
  }

  @Test
  void deletingARouteInUseIsForbiddenWithFlowroutesDetail() {
    Route inUse =
        account.routes().stream()
            .filter(r -> !r.isSystemRoute() && !account.numbersUsing(r.id()).isEmpty())
            .findFirst()
            .orElseThrow();

    FlowrouteException e = failure(client.deleteRoute(inUse.id()));

    assertThat(e.kind()).isEqualTo(Kind.FORBIDDEN);
    assertThat(e.status()).isEqualTo(403);
    assertThat(e.title()).isEqualTo("This Route has numbers still associated to it.");
    assertThat(e.detail()).isEqualTo("Please disassociate all numbers before deleting.");
    assertThat(e.getMessage()).contains("Please disassociate all numbers before deleting");
    assertThat(account.route(inUse.id())).contains(inUse);
  }

  @Test
  void deletingAnUnknownRouteIsNotFound() {
    FlowrouteException e = failure(client.deleteRoute("999999999"));

    assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
    assertThat(e.status()).isEqualTo(404);
    assertThat(e.detail()).isEqualTo("Invalid Route Id");
    assertThat(account.routes()).hasSize(61);
  }

  @Test
  void theSipRegRouteCannotBeDeleted() {
    FlowrouteException e = failure(client.deleteRoute(Route.SIP_REG_ID));

    assertThat(e.kind()).isEqualTo(Kind.FORBIDDEN);
    assertThat(e.status()).isEqualTo(403);
    assertThat(account.route(Route.SIP_REG_ID)).isPresent();
  }

  @Test
  void edgeStrategiesAreListed() {
    assertThat(await(client.listEdgeStrategies())).isEqualTo(SandboxAccount.EDGE_STRATEGIES);
  }

  // ---- numbers: list ----

  @Test
  void numberPagesAtASmallLimitWalkEveryNumberInOrder() {
    List<PhoneNumber> walked =
        walk((limit, offset) -> await(client.listNumbers(NumberFilter.NONE, limit, offset)), 13);

    assertThat(walked).hasSize(300).isEqualTo(account.numbers());
    // 300 numbers at 13 a page: 24 pages.
    assertThat(sandbox.requests().received(Endpoint.LIST_NUMBERS)).isEqualTo(24);
    assertThat(await(client.listAllNumbers(NumberFilter.NONE, null))).isEqualTo(account.numbers());
  }

  @Test
  void startsWithMatchesTheAreaCodeAfterCountryCodeOne() {
    String areaCode = account.numbers().get(150).number().substring(1, 4);

    assertFilter(
        new NumberFilter(areaCode, null, null, null), n -> n.number().startsWith("1" + areaCode));
  }

  @Test
  void containsMatchesDigitsAnywhere() {
    String digits = account.numbers().get(42).number().substring(5, 8);

    assertFilter(new NumberFilter(null, digits, null, null), n -> n.number().contains(digits));
  }

  @Test
  void endsWithMatchesTheLastDigits() {
    String digits = account.numbers().get(7).number().substring(9);

    assertFilter(new NumberFilter(null, null, digits, null), n -> n.number().endsWith(digits));
  }

  @Test
  void aliasMatchesExactly() {
    String alias =
        account.numbers().stream()
            .map(PhoneNumber::alias)
            .filter(Objects::nonNull)
            .filter(a -> a.contains(" "))
            .findFirst()
            .orElseThrow();

    assertFilter(new NumberFilter(null, null, null, alias), n -> alias.equals(n.alias()));
  }

  @Test
  void filtersCombine() {
    String areaCode = account.numbers().get(0).number().substring(1, 4);
    String last = account.numbers().get(0).number().substring(10);

    assertFilter(
        new NumberFilter(areaCode, null, last, null),
        n -> n.number().startsWith("1" + areaCode) && n.number().endsWith(last));
  }

  // ---- numbers: details and routing ----

  @Test
  void detailsCarryTheRoutingAndTheIncludedRoutes() {
    String both = numberWhere(r -> r.failoverRouteId() != null && isCustom(r.primaryRouteId()));
    String primaryOnly = numberWhere(r -> r.failoverRouteId() == null);
    String onSipReg = numberWhere(r -> Route.SIP_REG_ID.equals(r.primaryRouteId()));

    for (String number : List.of(both, primaryOnly, onSipReg)) {
      NumberDetails details = await(client.numberDetails(number));
      NumberRouting routing = account.routing(number).orElseThrow();

      assertThat(details.number()).isEqualTo(account.number(number).orElseThrow());
      assertThat(details.routing()).isEqualTo(routing);
      List<Route> expectedIncluded = new ArrayList<>();
      for (String id : new String[] {routing.primaryRouteId(), routing.failoverRouteId()}) {
        if (id != null) {
          expectedIncluded.add(account.route(id).orElseThrow());
        }
      }
      assertThat(details.includedRoutes()).containsExactlyElementsOf(expectedIncluded);
    }
    NumberDetails sipReg = await(client.numberDetails(onSipReg));
    assertThat(sipReg.includedRoutes().getFirst().type()).isEqualTo(RouteType.SIP_REG);
  }

  @ParameterizedTest(name = "multi-number details {0}")
  @EnumSource(SandboxOptions.MultiNumberDetails.class)
  void bulkDetailsMatchTheAccountWhicheverWayTheSandboxAnswersTheMultiNumberCall(
      SandboxOptions.MultiNumberDetails mode) {
    sandbox.options().multiNumberDetails(mode).multiNumberDetailsMax(40);
    List<String> numbers =
        new ArrayList<>(account.numbers().stream().map(PhoneNumber::number).toList());
    numbers.add(5, "12065550199"); // not on the account: fails on its own

    BulkResult<NumberDetails> result =
        await(client.numberDetails(numbers, null, CancellationToken.NONE));

    assertThat(result.failed()).containsOnlyKeys("12065550199");
    assertThat(result.failed().get("12065550199").kind()).isEqualTo(Kind.NOT_FOUND);
    assertThat(result.succeeded()).hasSize(300);
    result
        .succeeded()
        .forEach(
            (number, details) -> {
              assertThat(details.routing()).isEqualTo(account.routing(number).orElseThrow());
              assertThat(details.number()).isEqualTo(account.number(number).orElseThrow());
            });
    long posts = sandbox.requests().received(Endpoint.MULTI_NUMBER_DETAILS);
    long gets = sandbox.requests().received(Endpoint.NUMBER_DETAILS);
    boolean answered =
        mode == SandboxOptions.MultiNumberDetails.ON
            || mode == SandboxOptions.MultiNumberDetails.V2_NAMING;
    if (answered) {
      // 100 refused (413), both its halves of 50 refused, then every number in batches of 25;
      // only the stranger is read alone.
      assertThat(posts).isEqualTo(3 + (301 + 24) / 25);
      assertThat(gets).isEqualTo(1);
    } else {
      assertThat(posts).isEqualTo(1); // refused once, then remembered
      assertThat(gets).isEqualTo(301);
    }
  }

  @ParameterizedTest(name = "multi-number details {0}")
  @EnumSource(SandboxOptions.MultiNumberDetails.class)
  void detailsReadPageByPageAsTheNumbersAreListedMatchTheAccount(
      SandboxOptions.MultiNumberDetails mode) {
    sandbox.options().multiNumberDetails(mode);
    List<CompletableFuture<BulkResult<NumberDetails>>> reads =
        Collections.synchronizedList(new ArrayList<>());

    // As a refresh does: each page's details are asked for as soon as the page is in.
    List<PhoneNumber> listed =
        await(
            client.listAllNumbers(
                NumberFilter.NONE,
                null,
                page ->
                    reads.add(
                        client.numberDetails(
                            page.stream().map(PhoneNumber::number).toList(),
                            null,
                            CancellationToken.NONE))));

    assertThat(listed).isEqualTo(account.numbers());
    assertThat(reads).hasSize((listed.size() + 199) / 200);
    Map<String, NumberRouting> routing = new HashMap<>();
    for (CompletableFuture<BulkResult<NumberDetails>> read : reads) {
      BulkResult<NumberDetails> result = await(read);
      assertThat(result.failed()).isEmpty();
      result.succeeded().forEach((number, details) -> routing.put(number, details.routing()));
    }
    for (PhoneNumber n : listed) {
      assertThat(routing.get(n.number())).isEqualTo(account.routing(n.number()).orElseThrow());
    }
    boolean answered =
        mode == SandboxOptions.MultiNumberDetails.ON
            || mode == SandboxOptions.MultiNumberDetails.V2_NAMING;
    if (!answered) {
      // The pages' reads overlap: still one refused request, not one per page.
      assertThat(sandbox.requests().received(Endpoint.MULTI_NUMBER_DETAILS)).isEqualTo(1);
    }
  }

  @Test
  void detailsOfANumberNotOnTheAccountAreNotFound() {
    FlowrouteException e = failure(client.numberDetails("12065550199"));

    assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
    assertThat(e.status()).isEqualTo(404);
  }

  @Test
  void setAndRemovePrimaryAndFailoverChangeTheAccount() {
    String number = numberWhere(r -> r.failoverRouteId() == null);
    List<Route> custom = account.routes().stream().filter(r -> !r.isSystemRoute()).toList();
    String primary = custom.get(10).id();
    String failover = custom.get(20).id();

    await(client.setRoute(number, VoiceSlot.PRIMARY, primary));
    assertThat(account.primaryRouteId(number)).isEqualTo(primary);

    await(client.setRoute(number, VoiceSlot.FAILOVER, failover));
    assertThat(account.routing(number)).contains(new NumberRouting(number, primary, failover));

    await(client.removeRoute(number, VoiceSlot.FAILOVER));
    assertThat(account.failoverRouteId(number)).isNull();
    assertThat(account.primaryRouteId(number)).isEqualTo(primary);

    await(client.removeRoute(number, VoiceSlot.PRIMARY));
    assertThat(account.primaryRouteId(number)).isNull();

    await(client.setRoute(number, VoiceSlot.PRIMARY, Route.SIP_REG_ID));
    assertThat(account.primaryRouteId(number)).isEqualTo(Route.SIP_REG_ID);
    assertThat(lastRecorded(Endpoint.SET_PRIMARY_ROUTE).status()).isEqualTo(204);
  }

  @Test
  void assigningARouteThatDoesNotExistFailsAndChangesNothing() {
    String number = account.numbers().get(3).number();
    NumberRouting before = account.routing(number).orElseThrow();

    FlowrouteException e = failure(client.setRoute(number, VoiceSlot.PRIMARY, "999999999"));

    assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
    assertThat(account.routing(number)).contains(before);
  }

  // ---- authentication ----

  @Test
  void wrongKeysAreUnauthorizedAndChangeNothing() {
    int routes = account.routeCount();
    try (OkHttpFlowrouteClient wrong =
        SandboxClients.client(
            sandbox, b -> b.credentials(sandbox.accessKey(), "not-the-secret-key"))) {
      FlowrouteException list = failure(wrong.listRoutes(null, 10, 0));
      FlowrouteException create =
          failure(
              wrong.createRoute(new NewRoute(RouteType.HOST, "pbx.example.com", "intruder", null)));

      assertThat(list.kind()).isEqualTo(Kind.UNAUTHORIZED);
      assertThat(list.status()).isEqualTo(401);
      assertThat(list.detail()).isEqualTo("Authentication failed.");
      assertThat(list.getMessage()).doesNotContain("not-the-secret-key");
      assertThat(create.kind()).isEqualTo(Kind.UNAUTHORIZED);
    }
    assertThat(account.routeCount()).isEqualTo(routes);
    // A 401 is final: not retried.
    assertThat(sandbox.requests().received(Endpoint.LIST_ROUTES)).isEqualTo(1);
    assertThat(sandbox.requests().routePostsReceived()).isEqualTo(1);
  }

  // ---- helpers ----

  /** Follows nextOffset from offset 0 until the last page. */
  private static <T> List<T> walk(BiFunction<Integer, Integer, Page<T>> fetch, int limit) {
    List<T> all = new ArrayList<>();
    Integer offset = 0;
    int pages = 0;
    while (offset != null) {
      Page<T> page = fetch.apply(limit, offset);
      assertThat(page.items().size()).isLessThanOrEqualTo(limit);
      all.addAll(page.items());
      offset = page.nextOffset();
      assertThat(++pages).as("pages").isLessThan(1_000);
    }
    return all;
  }

  /** The filter returns exactly the matching numbers, one page at a time and all at once. */
  private void assertFilter(NumberFilter filter, Predicate<PhoneNumber> matches) {
    List<PhoneNumber> expected = account.numbers().stream().filter(matches).toList();
    assertThat(expected).as("the seed should have matches").isNotEmpty();
    assertThat(expected.size()).as("but not every number").isLessThan(account.numberCount());

    List<PhoneNumber> paged =
        walk((limit, offset) -> await(client.listNumbers(filter, limit, offset)), 2);
    List<PhoneNumber> all = await(client.listAllNumbers(filter, null));

    assertThat(paged).isEqualTo(expected);
    assertThat(all).isEqualTo(expected);
  }

  private String numberWhere(Predicate<NumberRouting> condition) {
    return account.numbers().stream()
        .map(n -> account.routing(n.number()).orElseThrow())
        .filter(condition)
        .map(NumberRouting::number)
        .findFirst()
        .orElseThrow();
  }

  private static boolean isCustom(String routeId) {
    return routeId != null && !Route.SIP_REG_ID.equals(routeId);
  }

  private RecordedRequest lastRecorded(Endpoint endpoint) {
    return sandbox.requests().recent().stream()
        .filter(r -> r.endpoint() == endpoint)
        .reduce((first, second) -> second)
        .orElseThrow();
  }
}
