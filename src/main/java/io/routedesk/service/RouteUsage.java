package io.routedesk.service;

import io.routedesk.domain.NumberRouting;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/**
 * Which numbers use a route, as far as the caller knows: {@code unknown} counts numbers whose
 * routing has not been read, so "unused" is only certain when it is zero.
 */
public record RouteUsage(
    String routeId, List<String> primaryOf, List<String> failoverOf, int unknown) {
  public RouteUsage {
    primaryOf = List.copyOf(primaryOf);
    failoverOf = List.copyOf(failoverOf);
  }

  public static RouteUsage of(String routeId, Collection<NumberRouting> known, int unknown) {
    List<String> primary = new ArrayList<>();
    List<String> failover = new ArrayList<>();
    for (NumberRouting r : known) {
      if (routeId.equals(r.primaryRouteId())) {
        primary.add(r.number());
      }
      if (routeId.equals(r.failoverRouteId())) {
        failover.add(r.number());
      }
    }
    return new RouteUsage(routeId, primary, failover, unknown);
  }

  public boolean inUse() {
    return !primaryOf.isEmpty() || !failoverOf.isEmpty();
  }

  public boolean certainlyUnused() {
    return !inUse() && unknown == 0;
  }

  public int numberCount() {
    return (int) Stream.concat(primaryOf.stream(), failoverOf.stream()).distinct().count();
  }
}
