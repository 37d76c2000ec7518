package io.routedesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.routedesk.domain.NumberRouting;
import io.routedesk.domain.PhoneNumber;
import io.routedesk.domain.Route;
import io.routedesk.domain.RouteType;
import io.routedesk.domain.RouteValues;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class DemoDataTest {

  @Test
  void smallAccountHasEveryRouteTypeAndRealisticNumbers() {
    SandboxAccount account = SandboxAccount.seeded(DemoSeed.small());

    List<Route> routes = account.routes();
    assertThat(routes).hasSize(DemoSeed.SMALL_ROUTES + 1);
    assertThat(routes.get(0)).isEqualTo(new Route("0", "sip-reg", RouteType.SIP_REG, null, null));
    assertThat(routes)
        .extracting(Route::type)
        .contains(RouteType.HOST, RouteType.NUMBER, RouteType.URI, RouteType.SIP_REG);
    assertThat(routes)
        .extracting(Route::alias)
        .contains("pbx-east", "sip-trunk-a", "after-hours-cell");
    assertThat(account.numberCount()).isEqualTo(DemoSeed.SMALL_NUMBERS);
    List<PhoneNumber> numbers = account.numbers();
    assertThat(numbers)
        .extracting(PhoneNumber::alias)
        .contains("Support line", "Sales – East", null);

    Map<String, DemoData.RateCenter> byAreaCode =
        DemoData.RATE_CENTERS.stream()
            .collect(Collectors.toMap(DemoData.RateCenter::areaCode, Function.identity()));
    for (PhoneNumber n : numbers) {
      assertThat(n.number()).matches("1[2-9]\\d{2}[2-9]\\d{6}");
      DemoData.RateCenter rc = byAreaCode.get(n.number().substring(1, 4));
      assertThat(rc).as(n.number()).isNotNull();
      assertThat(n.rateCenter()).isEqualTo(rc.rateCenter());
      assertThat(n.state()).isEqualTo(rc.state());
    }
    PhoneNumber seattle =
        numbers.stream().filter(n -> n.number().startsWith("1206")).findFirst().orElseThrow();
    assertThat(seattle.rateCenter()).isEqualTo("seattle");
    assertThat(seattle.state()).isEqualTo("wa");
  }

  @Test
  void smallAccountHasMixedAssignmentsAndOneDeletableRoute() {
    SandboxAccount account = SandboxAccount.seeded(DemoSeed.small());
    List<NumberRouting> routings =
        account.numbers().stream().map(n -> account.routing(n.number()).orElseThrow()).toList();

    assertThat(routings).allMatch(r -> r.primaryRouteId() != null);
    assertThat(routings).anyMatch(r -> r.primaryRouteId().equals("0"));
    assertThat(routings).anyMatch(r -> r.failoverRouteId() == null);
    assertThat(routings).anyMatch(r -> r.failoverRouteId() != null);
    assertThat(routings)
        .allMatch(
            r -> r.failoverRouteId() == null || !r.failoverRouteId().equals(r.primaryRouteId()));
    for (Route route : account.routes()) {
      List<String> users = account.numbersUsing(route.id());
      if ("legacy-fax-gw".equals(route.alias())) {
        assertThat(users).isEmpty();
      } else if (!route.isSystemRoute()) {
        assertThat(users).as(route.alias()).isNotEmpty();
      }
    }
  }

  @Test
  void seededRoutesPassFlowroutesValueRules() {
    SandboxAccount account = SandboxAccount.seeded(DemoSeed.of(50, 300, 11));
    Set<String> aliases = new HashSet<>();
    for (Route r : account.routes()) {
      if (r.isSystemRoute()) {
        continue;
      }
      assertThat(RouteValues.validate(r.type(), r.value()).valid()).as(r.toString()).isTrue();
      assertThat(RouteValues.validateAlias(r.alias()).valid()).as(r.toString()).isTrue();
      assertThat(aliases.add(r.alias())).as("unique alias " + r.alias()).isTrue();
      assertThat(r.edgeStrategyId() == null || (r.edgeStrategyId() >= 1 && r.edgeStrategyId() <= 4))
          .isTrue();
    }
    assertThat(account.routes())
        .extracting(Route::type)
        .contains(RouteType.HOST, RouteType.URI, RouteType.NUMBER);
  }

  @Test
  void sameSeedSameAccountOtherSeedOtherAccount() {
    DemoSeed seed = DemoSeed.of(200, 40, 99);

    Snapshot a = Snapshot.of(SandboxAccount.seeded(seed));
    Snapshot b = Snapshot.of(SandboxAccount.seeded(seed));
    Snapshot c = Snapshot.of(SandboxAccount.seeded(DemoSeed.of(200, 40, 100)));

    assertThat(a).isEqualTo(b);
    assertThat(a.numbers()).isNotEqualTo(c.numbers());
    assertThat(Snapshot.of(SandboxAccount.seeded(DemoSeed.small())))
        .isEqualTo(Snapshot.of(SandboxAccount.seeded(DemoSeed.small())));
  }

  @Test
  void routeIdsAreAscendingNumericStringsWithGaps() {
    List<Route> routes = SandboxAccount.seeded(DemoSeed.of(0, 100, 5)).routes();

    List<Long> ids = routes.stream().map(r -> Long.parseLong(r.id())).toList();
    assertThat(ids).isSorted().doesNotHaveDuplicates();
    assertThat(ids.get(1)).isEqualTo(SandboxAccount.FIRST_ROUTE_ID);
    assertThat(ids.get(ids.size() - 1) - ids.get(1)).isGreaterThan(ids.size());
  }

  @Test
  void arbitrarySizes() {
    SandboxAccount tiny = SandboxAccount.seeded(DemoSeed.of(3, 2, 7));
    assertThat(tiny.numberCount()).isEqualTo(3);
    assertThat(tiny.routeCount()).isEqualTo(3);

    SandboxAccount empty = SandboxAccount.seeded(DemoSeed.empty());
    assertThat(empty.routes()).extracting(Route::id).containsExactly("0");
    assertThat(empty.numbers()).isEmpty();

    SandboxAccount noRoutes = SandboxAccount.seeded(DemoSeed.of(5, 0, 7));
    assertThat(noRoutes.numbers())
        .allMatch(n -> noRoutes.primaryRouteId(n.number()).equals("0"))
        .allMatch(n -> noRoutes.failoverRouteId(n.number()) == null);

    assertThatThrownBy(() -> DemoSeed.of(-1, 0, 1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @Timeout(30)
  void largeAccountBuildsQuickly() {
    long start = System.nanoTime();
    SandboxAccount large = SandboxAccount.seeded(DemoSeed.large());
    long millis = (System.nanoTime() - start) / 1_000_000;
    System.out.printf(
        "large seed: %d numbers, %d routes built in %d ms%n",
        large.numberCount(), large.routeCount(), millis);

    assertThat(large.numberCount()).isEqualTo(10_000);
    assertThat(large.routeCount()).isEqualTo(1_001);
    assertThat(large.numbers().stream().map(PhoneNumber::number).distinct().count())
        .isEqualTo(10_000);
  }

  @Test
  @Timeout(60)
  void largeAccountServesEveryNumberThroughPaging() throws Exception {
    try (FlowrouteSandbox sandbox = FlowrouteSandbox.builder().seed(DemoSeed.large()).start()) {
      SandboxHttp http = new SandboxHttp(sandbox);
      long start = System.nanoTime();
      int seen = 0;
      int pages = 0;
      String next = "/v2/numbers?limit=200";
      while (next != null) {
        SandboxHttp.Reply page = http.get(next);
        seen += page.json().get("data").size();
        pages++;
        var link = page.json().at("/links/next");
        next = link.isMissingNode() ? null : link.asText().substring(sandbox.baseUrl().length());
      }
      long millis = (System.nanoTime() - start) / 1_000_000;
      System.out.printf(
          "large seed: %d numbers listed in %d pages in %d ms%n", seen, pages, millis);
      assertThat(seen).isEqualTo(10_000);
      assertThat(pages).isEqualTo(50);
    }
  }

  /** Everything a seed decides, for equality checks. */
  record Snapshot(List<Route> routes, List<PhoneNumber> numbers, List<NumberRouting> routings) {
    static Snapshot of(SandboxAccount account) {
      return new Snapshot(
          account.routes(),
          account.numbers(),
          account.numbers().stream().map(n -> account.routing(n.number()).orElseThrow()).toList());
    }
  }
}
