package io.routedesk.service.plan;

import io.routedesk.domain.NumberRouting;
import io.routedesk.domain.PhoneNumber;
import io.routedesk.domain.Route;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An account's routing as read from Flowroute at one moment: its routes, its numbers (in the order
 * listed) with each number's routing, and the numbers whose routing could not be read (with the
 * reason), which a plan must not guess about.
 */
public record AccountRouting(
    List<Route> routes,
    List<PhoneNumber> numbers,
    Map<String, NumberRouting> routing,
    Map<String, String> unreadable) {

  public AccountRouting {
    routes = List.copyOf(routes);
    numbers = List.copyOf(numbers);
    routing = Collections.unmodifiableMap(new LinkedHashMap<>(routing));
    unreadable = Collections.unmodifiableMap(new LinkedHashMap<>(unreadable));
  }

  public Optional<Route> route(String id) {
    return routes.stream().filter(r -> r.id().equals(id)).findFirst();
  }

  public Optional<NumberRouting> routingOf(String number) {
    return Optional.ofNullable(routing.get(number));
  }
}
