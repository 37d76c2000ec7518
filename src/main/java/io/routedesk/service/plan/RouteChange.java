package io.routedesk.service.plan;

import io.routedesk.domain.NewRoute;
import io.routedesk.domain.Route;
import java.util.Objects;

/**
 * A route a plan creates or changes. A route to create has a provisional id ({@link
 * RoutingPlan#NEW_ROUTE_PREFIX} + alias) until Flowroute gives it one.
 *
 * @param row the file row that asks for it (routes file, or numbers file for a route declared
 *     there)
 * @param before the route as it is; null for a route to create
 */
public record RouteChange(Kind kind, String file, int row, Route before, Route after) {
  public enum Kind {
    CREATE,
    UPDATE
  }

  public RouteChange {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(after, "after");
    if ((kind == Kind.CREATE) != (before == null)) {
      throw new IllegalArgumentException("a create has no before; an update has one");
    }
  }

  /** What is sent to Flowroute. */
  public NewRoute request() {
    return new NewRoute(after.type(), after.value(), after.alias(), after.edgeStrategyId());
  }
}
