package io.routedesk.service.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.routedesk.domain.NumberRouting;
import io.routedesk.domain.Route;
import io.routedesk.domain.RouteType;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each rule with a case that triggers it and one that does not. */
class RoutingLintTest {
  private static final Route SIP_REG = Accounts.SIP_REG;
  private static final Route EAST = Accounts.EAST;
  private static final Route WEST = Accounts.WEST;
  private static final Route OWN =
      new Route("301", "to-own", RouteType.NUMBER, "12065550102", null);
  private static final Route OUTSIDE =
      new Route("302", "mobile", RouteType.NUMBER, "14155550000", null);
  private static final Route EAST_W =
      new Route("303", "east-w", RouteType.HOST, "10.0.0.1;weight=10", null);
  private static final Route WEST_W =
      new Route("304", "west-w", RouteType.URI, "sip:a@b.com;Weight=5", null);
  private static final Set<String> OWN_NUMBERS = Set.of("12065550101", "12065550102");

  private static List<String> findings(List<Route> routes, NumberRouting... numbers) {
    return RoutingLint.check(routes, List.of(numbers), OWN_NUMBERS, true).stream()
        .map(f -> f.rule().id() + ":" + f.subject())
        .toList();
  }

  private static List<String> numberFindings(Route primary, Route failover) {
    List<Route> routes = List.of(SIP_REG, EAST, WEST, OWN, OUTSIDE, EAST_W, WEST_W);
    return RoutingLint.check(
            routes,
            List.of(
                new NumberRouting(
                    "12065550101", primary.id(), failover == null ? null : failover.id())),
            OWN_NUMBERS,
            false)
        .stream()
        .map(f -> f.rule().id())
        .toList();
  }

  @Test
  void failoverSameAsPrimary() {
    assertThat(numberFindings(EAST, EAST)).containsExactly("failover-same-as-primary");
    assertThat(numberFindings(EAST, WEST)).isEmpty();
  }

  @Test
  void failoverForwardingToANumberOfTheAccount() {
    assertThat(numberFindings(EAST, OWN)).containsExactly("failover-to-own-number");
    assertThat(numberFindings(EAST, OUTSIDE)).isEmpty();
  }

  @Test
  void noFailover() {
    assertThat(numberFindings(EAST, null)).containsExactly("no-failover");
    assertThat(numberFindings(EAST, WEST)).isEmpty();
  }

  @Test
  void weightOnOnlyOneOfTheTwoRoutes() {
    assertThat(numberFindings(EAST_W, WEST)).containsExactly("weight-on-one-route");
    assertThat(numberFindings(EAST, WEST_W)).containsExactly("weight-on-one-route");
    assertThat(numberFindings(EAST_W, WEST_W)).isEmpty();
  }

  @Test
  void numberStillOnTheDefaultSipRegRoute() {
    assertThat(numberFindings(SIP_REG, WEST)).containsExactly("on-default-sip-reg");
    assertThat(numberFindings(EAST, WEST)).isEmpty();
  }

  @Test
  void routeNoNumberUsesButNeverTheSystemRouteNorWhenRoutingIsIncomplete() {
    NumberRouting n = new NumberRouting("12065550101", "101", "102");
    assertThat(findings(List.of(SIP_REG, EAST, WEST, OUTSIDE), n))
        .containsExactly("unused-route:302");
    assertThat(findings(List.of(SIP_REG, EAST, WEST), n)).isEmpty();
    assertThat(RoutingLint.check(List.of(EAST, WEST, OUTSIDE), List.of(n), OWN_NUMBERS, false))
        .isEmpty();
  }

  @Test
  void aliasesThatDifferOnlyInCaseOrSpaces() {
    NumberRouting n = new NumberRouting("12065550101", "101", "401");
    Route similar = new Route("401", "PBX East", RouteType.HOST, "10.0.0.4", null);
    Route eastish = new Route("401", "PBX-East", RouteType.HOST, "10.0.0.4", null);

    assertThat(
            findings(
                List.of(new Route("101", "pbxeast", RouteType.HOST, "10.0.0.1", null), similar), n))
        .containsExactly("similar-aliases:101", "similar-aliases:401");
    assertThat(findings(List.of(EAST, eastish), n))
        .containsExactly("similar-aliases:101", "similar-aliases:401");
    assertThat(findings(List.of(EAST, WEST), new NumberRouting("12065550101", "101", "102")))
        .isEmpty();
  }

  @Test
  void everyRuleSaysWhyItMattersAndHowToFixIt() {
    for (LintRule rule : LintRule.values()) {
      assertThat(rule.why()).as(rule.id()).isNotBlank();
      assertThat(rule.fix()).as(rule.id()).isNotBlank();
    }
    assertThat(LintRule.FAILOVER_TO_OWN_NUMBER.severity()).isEqualTo(LintRule.Severity.ERROR);
    assertThat(LintRule.NO_FAILOVER.severity()).isEqualTo(LintRule.Severity.WARNING);
  }
}
