package io.routedesk.service.plan;

import io.routedesk.domain.Route;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The difference between a routing file and the account as read: routes to create or change,
 * numbers whose primary or failover changes (before → after), how many numbers the file leaves as
 * they are, the file's problems, and the lint findings the plan would bring in.
 *
 * @param unchangedNumbers numbers in the file whose routing already is what the file says
 * @param numbersNotInFile numbers of the account the file does not mention (left as they are)
 * @param newFindings lint findings on the routing after the plan that are not on the account now
 * @param existingFindings how many findings on the account now remain after the plan
 * @param routes every route by id: the account's (as the plan leaves them) and the provisional ones
 *     to create, for showing before → after by alias
 * @param accountRoutes the account's routes by id as read, for showing "before"
 */
public record RoutingPlan(
    List<RouteChange> routeChanges,
    List<PlannedNumber> numberChanges,
    int unchangedNumbers,
    int numbersNotInFile,
    List<FileProblem> errors,
    List<String> notices,
    List<LintFinding> newFindings,
    int existingFindings,
    Map<String, Route> routes,
    Map<String, Route> accountRoutes) {

  /** Provisional ids of routes to create: no Flowroute id has a colon. */
  public static final String NEW_ROUTE_PREFIX = "new:";

  public RoutingPlan {
    routeChanges = List.copyOf(routeChanges);
    numberChanges = List.copyOf(numberChanges);
    errors = List.copyOf(errors);
    notices = List.copyOf(notices);
    newFindings = List.copyOf(newFindings);
    routes = Collections.unmodifiableMap(new LinkedHashMap<>(routes));
    accountRoutes = Collections.unmodifiableMap(new LinkedHashMap<>(accountRoutes));
  }

  public boolean hasChanges() {
    return !routeChanges.isEmpty() || !numberChanges.isEmpty();
  }

  /** Lint errors the plan brings in: they stop an apply like file errors do. */
  public List<LintFinding> blockingFindings() {
    return newFindings.stream().filter(f -> f.severity() == LintRule.Severity.ERROR).toList();
  }

  /** True when the file has bad rows or the plan brings in lint errors. */
  public boolean hasErrors() {
    return !errors.isEmpty() || !blockingFindings().isEmpty();
  }

  /** The alias (or value) of a route id for people; "none" for null. */
  public String label(String routeId) {
    if (routeId == null) {
      return "none";
    }
    Route r = routes.get(routeId);
    if (r == null) {
      r = accountRoutes.get(routeId);
    }
    return r == null ? "route " + routeId : r.label();
  }

  /** The label a route had before the plan (an update may rename it). */
  public String labelBefore(String routeId) {
    Route r = routeId == null ? null : accountRoutes.get(routeId);
    return r == null ? label(routeId) : r.label();
  }

  public static boolean isNewRouteId(String routeId) {
    return routeId != null && routeId.startsWith(NEW_ROUTE_PREFIX);
  }
}
