package io.routedesk.store;

import static io.routedesk.store.Sql.*;

import io.routedesk.domain.EdgeStrategy;
import io.routedesk.domain.NumberRouting;
import io.routedesk.domain.PhoneNumber;
import io.routedesk.domain.Route;
import io.routedesk.domain.RouteType;
import io.routedesk.domain.VoiceSlot;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The cached copy of the account (routes, numbers, routing, edge strategies and when they were last
 * refreshed): replaced as a whole by a refresh, patched by the changes confirmed since.
 */
final class CachedAccountTables {
  private static final String META_REFRESHED_AT = "refreshed_at";
  private static final String META_DETAILS_MANY_AT_ONCE = "details_many_at_once";
  private static final String INSERT_ROUTING =
      "INSERT OR REPLACE INTO number_routing (number, primary_route_id, failover_route_id)"
          + " VALUES (?, ?, ?)";

  private final StoreConnection db;

  CachedAccountTables(StoreConnection db) {
    this.db = db;
  }

  /**
   * Replaces the cached account with a new listing, in one transaction: either all of it is saved
   * or the previous snapshot stays. Duplicates (a listing that shifted while paging) keep the last
   * one.
   */
  AccountSnapshot replaceSnapshot(
      Collection<Route> routes,
      Collection<PhoneNumber> numbers,
      Collection<NumberRouting> routings,
      Collection<EdgeStrategy> edgeStrategies,
      Instant refreshedAt) {
    db.write(
        "Could not save the account's routes and numbers",
        c -> {
          try (Statement s = c.createStatement()) {
            s.execute("DELETE FROM route");
            s.execute("DELETE FROM phone_number");
            s.execute("DELETE FROM number_routing");
            s.execute("DELETE FROM edge_strategy");
          }
          insertBatched(
              c,
              "INSERT OR REPLACE INTO route (id, alias, type, value, edge_strategy_id)"
                  + " VALUES (?, ?, ?, ?, ?)",
              routes,
              CachedAccountTables::routeParameters);
          insertBatched(
              c,
              "INSERT OR REPLACE INTO phone_number (number, alias, rate_center, state,"
                  + " number_type, cnam_lookups_enabled) VALUES (?, ?, ?, ?, ?, ?)",
              numbers,
              p ->
                  new Object[] {
                    p.number(),
                    p.alias(),
                    p.rateCenter(),
                    p.state(),
                    p.numberType(),
                    p.cnamLookupsEnabled() ? 1 : 0
                  });
          insertBatched(c, INSERT_ROUTING, routings, CachedAccountTables::routingParameters);
          insertBatched(
              c,
              "INSERT OR REPLACE INTO edge_strategy (id, name, description, naptr,"
                  + " firewall_rules) VALUES (?, ?, ?, ?, ?)",
              edgeStrategies,
              e -> new Object[] {e.id(), e.name(), e.description(), e.naptr(), e.firewallRules()});
          putMeta(c, META_REFRESHED_AT, Long.toString(refreshedAt.toEpochMilli()));
          return null;
        });
    return asSaved(routes, numbers, routings, edgeStrategies, refreshedAt);
  }

  /**
   * What {@link #loadSnapshot()} reads back after {@link #replaceSnapshot}, without reading it: the
   * tables' rules applied in memory (a 10,000-number read-back cost as much as a third of the
   * save). INSERT OR REPLACE keeps the last of several rows with one key, at the end (a new rowid);
   * edge strategies come back by id (their id is the rowid); a route type goes through its wire
   * name; times have milliseconds. {@code CachedAccountTablesTest} holds the two to the same
   * result.
   */
  private static AccountSnapshot asSaved(
      Collection<Route> routes,
      Collection<PhoneNumber> numbers,
      Collection<NumberRouting> routings,
      Collection<EdgeStrategy> edgeStrategies,
      Instant refreshedAt) {
    Map<Integer, EdgeStrategy> edgesById = new TreeMap<>();
    edgeStrategies.forEach(e -> edgesById.put(e.id(), e));
    return new AccountSnapshot(
        lastOfEach(
            routes,
            Route::id,
            r ->
                new Route(
                    r.id(),
                    r.alias(),
                    RouteType.fromWire(r.type().wireName()),
                    r.value(),
                    r.edgeStrategyId())),
        lastOfEach(numbers, PhoneNumber::number, UnaryOperator.identity()),
        lastOfEach(routings, NumberRouting::number, UnaryOperator.identity()),
        List.copyOf(edgesById.values()),
        Instant.ofEpochMilli(refreshedAt.toEpochMilli()));
  }

  /** Rows keyed by {@code key} as INSERT OR REPLACE leaves them: the last of each, moved last. */
  private static <T> List<T> lastOfEach(
      Collection<T> rows, Function<T, String> key, UnaryOperator<T> asStored) {
    Map<String, T> byKey = new LinkedHashMap<>(rows.size() * 2);
    for (T row : rows) {
      String k = key.apply(row);
      T stored = asStored.apply(row);
      // Repeats are rare: one lookup for the usual row, a second only to move a repeat last.
      if (byKey.putIfAbsent(k, stored) != null) {
        byKey.remove(k);
        byKey.put(k, stored);
      }
    }
    return List.copyOf(byKey.values());
  }

  /** The cached account, in the order it was listed; {@link AccountSnapshot#EMPTY}-like if none. */
  AccountSnapshot loadSnapshot() {
    return db.read(
        "Could not read the saved routes and numbers",
        c -> {
          List<Route> routes =
              query(
                  c,
                  "SELECT id, alias, type, value, edge_strategy_id FROM route ORDER BY rowid",
                  CachedAccountTables::toRoute);
          List<PhoneNumber> numbers =
              query(
                  c,
                  "SELECT number, alias, rate_center, state, number_type,"
                      + " cnam_lookups_enabled FROM phone_number ORDER BY rowid",
                  CachedAccountTables::toPhoneNumber);
          List<NumberRouting> routings =
              query(
                  c,
                  "SELECT number, primary_route_id, failover_route_id FROM number_routing"
                      + " ORDER BY rowid",
                  CachedAccountTables::toRouting);
          List<EdgeStrategy> edges =
              query(
                  c,
                  "SELECT id, name, description, naptr, firewall_rules FROM edge_strategy"
                      + " ORDER BY rowid",
                  CachedAccountTables::toEdgeStrategy);
          String refreshed = getMeta(c, META_REFRESHED_AT);
          return new AccountSnapshot(
              routes,
              numbers,
              routings,
              edges,
              refreshed == null ? null : Instant.ofEpochMilli(Long.parseLong(refreshed)));
        });
  }

  /** When the cache was last replaced by a full refresh, if ever. */
  Optional<Instant> lastRefresh() {
    return db.read(
        "Could not read the last refresh time",
        c -> {
          String v = getMeta(c, META_REFRESHED_AT);
          return Optional.ofNullable(v).map(s -> Instant.ofEpochMilli(Long.parseLong(s)));
        });
  }

  /** Whether Flowroute's multi-number details call worked on this account when last tried. */
  boolean detailsManyAtOnce() {
    return db.read(
        "Could not read how this account's number details are read",
        c -> "true".equals(getMeta(c, META_DETAILS_MANY_AT_ONCE)));
  }

  void rememberDetailsManyAtOnce(boolean worked) {
    db.write(
        "Could not save how this account's number details are read",
        c -> {
          putMeta(c, META_DETAILS_MANY_AT_ONCE, Boolean.toString(worked));
          return null;
        });
  }

  /** Records a routing change Flowroute confirmed (null routeId: the slot was cleared). */
  void applyRouting(String number, VoiceSlot slot, String routeId) {
    db.write(
        "Could not save the number's new route",
        c -> {
          applyRouting(c, number, slot, routeId);
          return null;
        });
  }

  /**
   * Records the routing Flowroute confirmed for several numbers (both slots of each), in one
   * transaction: after a bulk assignment, one commit instead of one per number.
   */
  void applyRoutings(Collection<NumberRouting> routings) {
    if (routings.isEmpty()) {
      return;
    }
    db.write(
        "Could not save the numbers' new routes",
        c -> {
          insertBatched(c, INSERT_ROUTING, routings, CachedAccountTables::routingParameters);
          return null;
        });
  }

  /** Adds or replaces one route in the cache (a route just created or edited on Flowroute). */
  void upsertRoute(Route route) {
    db.write(
        "Could not save the route",
        c -> {
          update(
              c,
              "INSERT INTO route (id, alias, type, value, edge_strategy_id)"
                  + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
                  + " alias = excluded.alias, type = excluded.type, value = excluded.value,"
                  + " edge_strategy_id = excluded.edge_strategy_id",
              routeParameters(route));
          return null;
        });
  }

  /**
   * Removes a route from the cache (it was deleted on Flowroute). Flowroute refuses to delete a
   * route that numbers use, so no cached routing points at it.
   */
  boolean deleteRoute(String routeId) {
    return db.write(
        "Could not remove the route from the saved copy",
        c -> update(c, "DELETE FROM route WHERE id = ?", routeId) == 1);
  }

  /** The cached routing of these numbers (numbers without a cached routing are left out). */
  Map<String, NumberRouting> cachedRoutings(Collection<String> numbers) {
    return db.read(
        "Could not read the numbers' routing",
        c -> {
          Map<String, NumberRouting> out = new LinkedHashMap<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT number, primary_route_id, failover_route_id FROM number_routing"
                      + " WHERE number = ?")) {
            for (String n : numbers) {
              bind(ps, n);
              List<NumberRouting> found = rows(ps, CachedAccountTables::toRouting);
              if (!found.isEmpty()) {
                out.put(n, found.getFirst());
              }
            }
          }
          return out;
        });
  }

  static void applyRouting(Connection c, String number, VoiceSlot slot, String routeId)
      throws SQLException {
    String column = slot == VoiceSlot.PRIMARY ? "primary_route_id" : "failover_route_id";
    update(
        c,
        "INSERT INTO number_routing (number, "
            + column
            + ") VALUES (?, ?) ON CONFLICT (number) DO UPDATE SET "
            + column
            + " = excluded."
            + column,
        number,
        routeId);
  }

  private static void putMeta(Connection c, String key, String value) throws SQLException {
    update(c, "INSERT OR REPLACE INTO metadata (key, value) VALUES (?, ?)", key, value);
  }

  private static String getMeta(Connection c, String key) throws SQLException {
    List<String> values =
        query(c, "SELECT value FROM metadata WHERE key = ?", rs -> rs.getString(1), key);
    return values.isEmpty() ? null : values.getFirst();
  }

  private static Object[] routeParameters(Route r) {
    return new Object[] {
      r.id(),
      r.alias(),
      // The wire name, so a type this build does not know is kept as OTHER without losing data.
      r.type().wireName(),
      r.value(),
      r.edgeStrategyId()
    };
  }

  private static Route toRoute(ResultSet rs) throws SQLException {
    return new Route(
        rs.getString(1),
        rs.getString(2),
        RouteType.fromWire(rs.getString(3)),
        rs.getString(4),
        getInteger(rs, 5));
  }

  private static PhoneNumber toPhoneNumber(ResultSet rs) throws SQLException {
    return new PhoneNumber(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getInt(6) != 0);
  }

  private static Object[] routingParameters(NumberRouting r) {
    return new Object[] {r.number(), r.primaryRouteId(), r.failoverRouteId()};
  }

  private static NumberRouting toRouting(ResultSet rs) throws SQLException {
    return new NumberRouting(rs.getString(1), rs.getString(2), rs.getString(3));
  }

  private static EdgeStrategy toEdgeStrategy(ResultSet rs) throws SQLException {
    return new EdgeStrategy(
        rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5));
  }
}
