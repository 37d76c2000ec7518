package io.routedesk.domain;

import java.util.List;
import java.util.Objects;

/** A number with its routing and the route objects Flowroute included with it. */
public record NumberDetails(PhoneNumber number, NumberRouting routing, List<Route> includedRoutes) {
  public NumberDetails {
    Objects.requireNonNull(number, "number");
    Objects.requireNonNull(routing, "routing");
    includedRoutes = List.copyOf(includedRoutes);
  }
}
