package io.routedesk.ui.model;

import io.routedesk.domain.Draft;
import io.routedesk.domain.DraftState;
import io.routedesk.domain.Route;
import java.util.Comparator;
import java.util.Locale;
import java.util.UUID;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * A route as the window shows it: the route and how many numbers use it per slot. A draft (saved on
 * this computer, not on Flowroute yet) is a row too, with the id {@code "draft:<uuid>"}, so lists,
 * pickers and drag-and-drop treat it like a route; its "uses" are its pending assignments.
 */
public final class RouteRow {
  /** Prefix of a draft row's id; no Flowroute route id has it (they are digits). */
  public static final String DRAFT_PREFIX = "draft:";

  private final String id;
  private final ObjectProperty<Route> route;
  private final ObjectProperty<Draft> draft = new SimpleObjectProperty<>();
  private final IntegerProperty primaryUses = new SimpleIntegerProperty();
  private final IntegerProperty failoverUses = new SimpleIntegerProperty();
  private String searchText;

  public RouteRow(Route route) {
    this.id = route.id();
    this.route = new SimpleObjectProperty<>(route);
    this.searchText = searchTextOf(route, null);
  }

  /** The row of a draft route. */
  public static RouteRow forDraft(Draft d) {
    RouteRow row = new RouteRow(d.asRoute(draftRowId(d.id())));
    row.draft.set(d);
    row.searchText = searchTextOf(row.route(), d);
    return row;
  }

  /** The row id of a draft. */
  public static String draftRowId(UUID draftId) {
    return DRAFT_PREFIX + draftId;
  }

  /** True when {@code id} names a draft row. */
  public static boolean isDraftId(String id) {
    return id != null && id.startsWith(DRAFT_PREFIX);
  }

  /** The draft's id from a draft row id. */
  public static UUID draftIdOf(String rowId) {
    if (!isDraftId(rowId)) {
      throw new IllegalArgumentException("not a draft row: " + rowId);
    }
    return UUID.fromString(rowId.substring(DRAFT_PREFIX.length()));
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
    searchText = searchTextOf(r, draft.get());
  }

  void updateDraft(Draft d) {
    if (!draftRowId(d.id()).equals(id)) {
      throw new IllegalArgumentException("another draft");
    }
    draft.set(d);
    update(d.asRoute(draftRowId(d.id())));
  }

  /** True for a draft route. */
  public boolean isDraft() {
    return draft.get() != null;
  }

  /** The draft, or null for a route on Flowroute. */
  public Draft draft() {
    return draft.get();
  }

  public ReadOnlyObjectProperty<Draft> draftProperty() {
    return draft;
  }

  /** True for a draft being published now (or whose interrupted publish is still unresolved). */
  public boolean isPublishing() {
    Draft d = draft.get();
    return d != null && d.state() == DraftState.PUBLISHING;
  }

  /**
   * Primary uses: for a route, numbers whose primary it is; for a draft, numbers it becomes the
   * primary of when published.
   */
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

  /** Lower-case alias, value and type (and "draft") for search-as-you-type. */
  public String searchText() {
    return searchText;
  }

  public String label() {
    return route().label();
  }

  /**
   * The order of every list of routes to choose from (pickers, "Move them to"): by label, ignoring
   * case, then by id so equal labels keep one order.
   */
  public static final Comparator<RouteRow> BY_LABEL =
      Comparator.comparing(RouteRow::label, String.CASE_INSENSITIVE_ORDER)
          .thenComparing(RouteRow::id);

  private static String searchTextOf(Route r, Draft d) {
    return ((r.alias() == null ? "" : r.alias())
            + "\n"
            + (r.value() == null ? "" : r.value())
            + "\n"
            + r.type().wireName()
            + "\n"
            + r.type().displayName()
            + (d != null ? "\ndraft" : ""))
        .toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return label();
  }
}
