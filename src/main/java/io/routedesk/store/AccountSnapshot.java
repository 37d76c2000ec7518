package io.routedesk.store;

import io.routedesk.domain.EdgeStrategy;
import io.routedesk.domain.NumberRouting;
import io.routedesk.domain.PhoneNumber;
import io.routedesk.domain.Route;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The last known state of an account: routes, numbers, each number's routing and the edge
 * strategies, as of {@code refreshedAt} (null when the account was never refreshed).
 */
public record AccountSnapshot(
    List<Route> routes,
    List<PhoneNumber> numbers,
    List<NumberRouting> routings,
    List<EdgeStrategy> edgeStrategies,
    Instant refreshedAt) {

  public static final AccountSnapshot EMPTY =
      new AccountSnapshot(List.of(), List.of(), List.of(), List.of(), null);

  public AccountSnapshot {
    routes = List.copyOf(routes);
    numbers = List.copyOf(numbers);
    routings = List.copyOf(routings);
    edgeStrategies = List.copyOf(edgeStrategies);
  }

  /** False until the first successful refresh was saved. */
  public boolean isRefreshed() {
    return refreshedAt != null;
  }

  public Optional<Instant> lastRefresh() {
    return Optional.ofNullable(refreshedAt);
  }

  /** Routes by id, in listing order. */
  public Map<String, Route> routesById() {
    Map<String, Route> byId = new LinkedHashMap<>(routes.size() * 2);
    for (Route r : routes) {
      byId.put(r.id(), r);
    }
    return Collections.unmodifiableMap(byId);
  }

  /** Routing by number, in listing order. */
  public Map<String, NumberRouting> routingByNumber() {
    Map<String, NumberRouting> byNumber = new LinkedHashMap<>(routings.size() * 2);
    for (NumberRouting r : routings) {
      byNumber.put(r.number(), r);
    }
    return Collections.unmodifiableMap(byNumber);
  }

  /** Numbers by their digits, in listing order. */
  public Map<String, PhoneNumber> numbersByDigits() {
    Map<String, PhoneNumber> byNumber = new LinkedHashMap<>(numbers.size() * 2);
    for (PhoneNumber n : numbers) {
      byNumber.put(n.number(), n);
    }
    return Collections.unmodifiableMap(byNumber);
  }
}
