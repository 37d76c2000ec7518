package io.routedesk.domain;

import java.util.Objects;

/** What is sent to create a route (or to replace a route's fields on update). */
public record NewRoute(RouteType type, String value, String alias, Integer edgeStrategyId) {
  public NewRoute {
    Objects.requireNonNull(type, "type");
  }

  /**
   * True when an existing route has the same alias, type and value (how a lost create is found).
   */
  public boolean matches(Route route) {
    return route.type() == type
        && Objects.equals(route.alias(), alias)
        && Objects.equals(route.value(), value);
  }
}
