package io.routedesk.service.plan;

import io.routedesk.domain.NumberRouting;
import io.routedesk.domain.PhoneNumbers;
import io.routedesk.domain.Route;
import io.routedesk.domain.RouteType;
import io.routedesk.service.plan.LintFinding.Subject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks an account's routing (as it is, or as a plan would leave it) against Flowroute's rules and
 * common mistakes: the rules of {@link LintRule}. Pure and linear in the numbers and routes.
 */
public final class RoutingLint {
  private RoutingLint() {}

  private static final Pattern WEIGHT = Pattern.compile("(?i);\\s*weight=");
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  /**
   * The lint of an account as read (the Account check): numbers whose routing is unknown skipped.
   */
  public static List<LintFinding> check(AccountRouting account) {
    Set<String> numbers = new HashSet<>();
    account.numbers().forEach(n -> numbers.add(n.number()));
    return check(
        account.routes(), account.routing().values(), numbers, account.unreadable().isEmpty());
  }

  /**
   * @param routes every route of the account
   * @param numbers the routing of every number whose routing is known
   * @param accountNumbers every number of the account (for failovers forwarding to one of them)
   * @param routingComplete false when some numbers' routing is unknown: then no route can be called
   *     unused
   */
  public static List<LintFinding> check(
      Collection<Route> routes,
      Collection<NumberRouting> numbers,
      Set<String> accountNumbers,
      boolean routingComplete) {
    Map<String, Route> byId = new HashMap<>();
    routes.forEach(r -> byId.put(r.id(), r));
    List<LintFinding> findings = new ArrayList<>();
    Set<String> used = new HashSet<>();
    for (NumberRouting n : numbers) {
      used.add(n.primaryRouteId());
      used.add(n.failoverRouteId());
      checkNumber(n, byId, accountNumbers, findings);
    }
    for (Route route : routes) {
      if (routingComplete && !route.isSystemRoute() && !used.contains(route.id())) {
        findings.add(
            new LintFinding(
                LintRule.UNUSED_ROUTE,
                Subject.ROUTE,
                route.id(),
                "“" + route.label() + "” (id " + route.id() + ") is used by no number."));
      }
    }
    findings.addAll(similarAliases(routes));
    return findings;
  }

  private static void checkNumber(
      NumberRouting n,
      Map<String, Route> byId,
      Set<String> accountNumbers,
      List<LintFinding> findings) {
    String shown = PhoneNumbers.format(n.number());
    String primaryId = n.primaryRouteId();
    String failoverId = n.failoverRouteId();
    Route primary = primaryId == null ? null : byId.get(primaryId);
    Route failover = failoverId == null ? null : byId.get(failoverId);
    if (Route.SIP_REG_ID.equals(primaryId)) {
      findings.add(
          number(
              LintRule.ON_DEFAULT_SIP_REG,
              n,
              shown + " has the default sip-reg route as primary."));
    }
    if (failoverId == null) {
      findings.add(number(LintRule.NO_FAILOVER, n, shown + " has no failover route."));
      return;
    }
    if (failoverId.equals(primaryId)) {
      findings.add(
          number(
              LintRule.FAILOVER_SAME_AS_PRIMARY,
              n,
              shown + ": “" + label(failover, failoverId) + "” is both primary and failover."));
    }
    if (failover != null
        && failover.type() == RouteType.NUMBER
        && failover.value() != null
        && accountNumbers.contains(digitsBeforeParameters(failover.value()))) {
      findings.add(
          number(
              LintRule.FAILOVER_TO_OWN_NUMBER,
              n,
              shown
                  + ": the failover “"
                  + failover.label()
                  + "” forwards to "
                  + PhoneNumbers.format(digitsBeforeParameters(failover.value()))
                  + ", a number of this account."));
    }
    if (primary != null && failover != null && hasWeight(primary) != hasWeight(failover)) {
      Route weighted = hasWeight(primary) ? primary : failover;
      findings.add(
          number(
              LintRule.WEIGHT_ON_ONE_ROUTE,
              n,
              shown + ": only “" + weighted.label() + "” has a ;weight, so both are ignored."));
    }
  }

  private static List<LintFinding> similarAliases(Collection<Route> routes) {
    Map<String, List<Route>> groups = new LinkedHashMap<>();
    for (Route r : routes) {
      if (r.alias() != null && !r.alias().isBlank()) {
        groups.computeIfAbsent(normalizedAlias(r.alias()), k -> new ArrayList<>()).add(r);
      }
    }
    List<LintFinding> findings = new ArrayList<>();
    for (List<Route> group : groups.values()) {
      if (group.size() < 2) {
        continue;
      }
      for (Route r : group) {
        String others =
            group.stream()
                .filter(o -> o != r)
                .map(o -> "“" + o.alias() + "” (id " + o.id() + ")")
                .collect(Collectors.joining(", "));
        findings.add(
            new LintFinding(
                LintRule.SIMILAR_ALIASES,
                Subject.ROUTE,
                r.id(),
                "“"
                    + r.alias()
                    + "” (id "
                    + r.id()
                    + ") differs from "
                    + others
                    + " only in case or spaces."));
      }
    }
    return findings;
  }

  /** Lower case without white space: the form in which two aliases look the same to people. */
  public static String normalizedAlias(String alias) {
    return WHITESPACE.matcher(alias).replaceAll("").toLowerCase(Locale.ROOT);
  }

  private static boolean hasWeight(Route r) {
    return r.value() != null && WEIGHT.matcher(r.value()).find();
  }

  private static String digitsBeforeParameters(String value) {
    int semicolon = value.indexOf(';');
    return (semicolon < 0 ? value : value.substring(0, semicolon)).strip();
  }

  private static String label(Route route, String id) {
    return route != null ? route.label() : "route " + id;
  }

  private static LintFinding number(LintRule rule, NumberRouting n, String message) {
    return new LintFinding(rule, Subject.NUMBER, n.number(), message);
  }
}
