package io.routedesk.domain;

import java.util.Objects;

/**
 * An inbound voice route as Flowroute stores it. Ids are strings (Flowroute sends them as JSON
 * strings); {@code value} is null for sip-reg; {@code edgeStrategyId} is null when unset.
 */
public record Route(String id, String alias, RouteType type, String value, Integer edgeStrategyId) {

  /** The id of the system sip-reg route present on every account. */
  public static final String SIP_REG_ID = "0";

  public Route {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
  }

  /** The system sip-reg route: it cannot be edited or deleted. */
  public boolean isSystemRoute() {
    return SIP_REG_ID.equals(id) || type == RouteType.SIP_REG;
  }

  /** A label for lists and pickers: the alias, or the value when there is no alias. */
  public String label() {
    if (alias != null && !alias.isBlank()) {
      return alias;
    }
    return value != null ? value : type.displayName();
  }
}
