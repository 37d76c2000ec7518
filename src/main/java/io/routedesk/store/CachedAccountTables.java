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
import java.util.ArrayList;
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
  private static final String INSERT_ROUTE =
      "INSERT OR REPLACE INTO route (id, alias, type, value, edge_strategy_id)"
          + " VALUES (?, ?, ?, ?, ?)";
  private static final String INSERT_NUMBER =
      "INSERT OR REPLACE INTO phone_number (number, alias, rate_center, state, number_type,"
          + " cnam_lookups_enabled) VALUES (?, ?, ?, ?, ?, ?)";
  private static final String INSERT_ROUTING =
      "INSERT OR REPLACE INTO number_routing (number, primary_route_id, failover_route_id)"
          + " VALUES (?, ?, ?)";

  private final StoreConnection db;
  // What the tables hold, as this connection last read or wrote it, and the database's
  // data_version then (it changes when another connection commits): a refresh compares with it
  // and writes only the rows that changed, without reading 10,000 rows back first. Null once this
  // connection patched the tables. Guarded by the connection's lock (read and written inside
  // db.read and db.write).
  private AccountSnapshot held;
  private long heldVersion;

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
    AccountSnapshot saved = asSaved(routes, numbers, routings, edgeStrategies, refreshedAt);
    long[] version = new long[1];
    return db.write(
        "Could not save the account's routes and numbers",
        c -> {
          // Other connections cannot commit during this IMMEDIATE transaction, nor does this one's
          // commit change what this connection reads as data_version.
          version[0] = dataVersion(c);
          AccountSnapshot before = version[0] == heldVersion ? held : null;
          held = null; // until committed
          if (before != null && sameRowsInSameOrder(before, saved)) {
            updateChangedRows(c, before, saved);
          } else {
            rewrite(c, saved);
          }
          putMeta(c, META_REFRESHED_AT, Long.toString(refreshedAt.toEpochMilli()));
          return saved;
        },
        committed -> {
          held = committed;
          heldVersion = version[0];
        });
  }

  /** Every row deleted and the snapshot inserted, in its order (the rowids keep it). */
  private static void rewrite(Connection c, AccountSnapshot saved) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("DELETE FROM route");
      s.execute("DELETE FROM phone_number");
      s.execute("DELETE FROM number_routing");
      s.execute("DELETE FROM edge_strategy");
    }
    insertBatched(c, INSERT_ROUTE, saved.routes(), CachedAccountTables::routeParameters);
    insertBatched(c, INSERT_NUMBER, saved.numbers(), CachedAccountTables::numberParameters);
    insertBatched(c, INSERT_ROUTING, saved.routings(), CachedAccountTables::routingParameters);
    insertEdgeStrategies(c, saved.edgeStrategies());
  }

  /**
   * Where the tables already hold the same routes, numbers and routing in the same order (a refresh
   * that found no number or route added or removed, the usual case), only the rows whose values
   * changed are updated: the rowids, and so the order, stay as they are.
   */
  private static void updateChangedRows(Connection c, AccountSnapshot before, AccountSnapshot saved)
      throws SQLException {
    updateEach(
        c,
        "UPDATE route SET alias = ?2, type = ?3, value = ?4, edge_strategy_id = ?5 WHERE id = ?1",
        changed(before.routes(), saved.routes()),
        CachedAccountTables::routeParameters);
    updateEach(
        c,
        "UPDATE phone_number SET alias = ?2, rate_center = ?3, state = ?4, number_type = ?5,"
            + " cnam_lookups_enabled = ?6 WHERE number = ?1",
        changed(before.numbers(), saved.numbers()),
        CachedAccountTables::numberParameters);
    updateEach(
        c,
        "UPDATE number_routing SET primary_route_id = ?2, failover_route_id = ?3 WHERE number = ?1",
        changed(before.routings(), saved.routings()),
        CachedAccountTables::routingParameters);
    if (!before.edgeStrategies().equals(saved.edgeStrategies())) {
      try (Statement s = c.createStatement()) {
        s.execute("DELETE FROM edge_strategy");
      }
      insertEdgeStrategies(c, saved.edgeStrategies());
    }
  }

  private static boolean sameRowsInSameOrder(AccountSnapshot a, AccountSnapshot b) {
    return sameKeys(a.routes(), b.routes(), Route::id)
        && sameKeys(a.numbers(), b.numbers(), PhoneNumber::number)
        && sameKeys(a.routings(), b.routings(), NumberRouting::number);
  }

  private static <T> boolean sameKeys(List<T> a, List<T> b, Function<T, String> key) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!key.apply(a.get(i)).equals(key.apply(b.get(i)))) {
        return false;
      }
    }
    return true;
  }

  /** The rows of {@code after} that differ from the row at the same place in {@code before}. */
  private static <T> List<T> changed(List<T> before, List<T> after) {
    List<T> changed = new ArrayList<>();
    for (int i = 0; i < after.size(); i++) {
      if (!after.get(i).equals(before.get(i))) {
        changed.add(after.get(i));
      }
    }
    return changed;
  }

  private static void insertEdgeStrategies(Connection c, List<EdgeStrategy> edges)
      throws SQLException {
    insertBatched(
        c,
        "INSERT OR REPLACE INTO edge_strategy (id, name, description, naptr,"
            + " firewall_rules) VALUES (?, ?, ?, ?, ?)",
        edges,
        e -> new Object[] {e.id(), e.name(), e.description(), e.naptr(), e.firewallRules()});
  }

  private static long dataVersion(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA data_version")) {
      rs.next();
      return rs.getLong(1);
    }
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
          // Read first: a commit by another connection from here on makes the next read read
          // again.
          long version = dataVersion(c);
          if (held != null && version == heldVersion) {
            return held;
          }
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
          AccountSnapshot loaded =
              new AccountSnapshot(
                  routes,
                  numbers,
                  routings,
                  edges,
                  refreshed == null ? null : Instant.ofEpochMilli(Long.parseLong(refreshed)));
          held = loaded;
          heldVersion = version;
          return loaded;
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
          held = null; // patched: the next refresh reads the tables again
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
          held = null; // patched: the next refresh reads the tables again
          insertBatched(c, INSERT_ROUTING, routings, CachedAccountTables::routingParameters);
          return null;
        });
  }

  /** Adds or replaces one route in the cache (a route just created or edited on Flowroute). */
  void upsertRoute(Route route) {
    db.write(
        "Could not save the route",
        c -> {
          held = null; // patched: the next refresh reads the tables again
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
        c -> {
          held = null;
          return update(c, "DELETE FROM route WHERE id = ?", routeId) == 1;
        });
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

  private static Object[] numberParameters(PhoneNumber p) {
    return new Object[] {
      p.number(),
      p.alias(),
      p.rateCenter(),
      p.state(),
      p.numberType(),
      p.cnamLookupsEnabled() ? 1 : 0
    };
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
