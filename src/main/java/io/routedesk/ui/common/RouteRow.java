package io.routedesk.ui.common;

import io.routedesk.domain.Route;
import java.util.Locale;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;

/** A route as the window shows it: the route and how many numbers use it per slot. */
public final class RouteRow {
  private final String id;
  private final ObjectProperty<Route> route;
  private final IntegerProperty primaryUses = new SimpleIntegerProperty();
  private final IntegerProperty failoverUses = new SimpleIntegerProperty();
  private String searchText;

  public RouteRow(Route route) {
    this.id = route.id();
    this.route = new SimpleObjectProperty<>(route);
    this.searchText = searchTextOf(route);
  }

  public String id() {
    return id;
  }

  public Route route() {
    return route.get();
  }

  public ReadOnlyObjectProperty<Route> routeProperty() {
    return route;
  }

  void update(Route r) {
    if (!r.id().equals(id)) {
      throw new IllegalArgumentException("another route");
    }
    route.set(r);
    searchText = searchTextOf(r);
  }

  public int primaryUses() {
    return primaryUses.get();
  }

  public ReadOnlyIntegerProperty primaryUsesProperty() {
    return primaryUses;
  }

  public int failoverUses() {
    return failoverUses.get();
  }

  public ReadOnlyIntegerProperty failoverUsesProperty() {
    return failoverUses;
  }

  void setUses(int primary, int failover) {
    primaryUses.set(primary);
    failoverUses.set(failover);
  }

  /** Lower-case alias, value and type for search-as-you-type. */
  public String searchText() {
    return searchText;
  }

  public String label() {
    return route().label();
  }

  private static String searchTextOf(Route r) {
    return ((r.alias() == null ? "" : r.alias())
            + "\n"
            + (r.value() == null ? "" : r.value())
            + "\n"
            + r.type().wireName()
            + "\n"
            + r.type().displayName())
        .toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return label();
  }
}
