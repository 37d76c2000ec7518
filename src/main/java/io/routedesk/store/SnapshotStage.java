package io.routedesk.store;

import static io.routedesk.store.Sql.*;

import io.routedesk.domain.EdgeStrategy;
import io.routedesk.domain.NumberRouting;
import io.routedesk.domain.PhoneNumber;
import io.routedesk.domain.Route;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A new snapshot's rows, written while a refresh is still reading them, so that its save at the end
 * is one copy inside SQLite instead of 20,000 inserts (30-60 ms for 10,000 numbers, which the user
 * waited for after the last answer).
 *
 * <p>The rows go to TEMP tables of the store's connection: private to it, never in the account's
 * file, gone when the connection closes (a crash leaves nothing behind). The saved snapshot is not
 * touched until {@link #commit}, which replaces it in one transaction exactly as {@link
 * LocalStore#replaceSnapshot} would with the same lists (routes and numbers in the order they were
 * added; routing in the order of their numbers; the last of several rows with one key kept). {@link
 * #close} drops the tables, committed or not. Not thread-safe: one refresh adds its rows in order
 * from one thread at a time.
 */
public final class SnapshotStage implements AutoCloseable {
  private static final AtomicInteger NEXT_ID = new AtomicInteger();

  private final StoreConnection db;
  private final String route;
  private final String number;
  private final String routing;
  private boolean open = true;

  SnapshotStage(StoreConnection db) {
    this.db = db;
    int id = NEXT_ID.incrementAndGet();
    this.route = "temp.staged_route_" + id;
    this.number = "temp.staged_number_" + id;
    this.routing = "temp.staged_routing_" + id;
    db.write(
        "Could not prepare the new copy of the account",
        c -> {
          try (Statement s = c.createStatement()) {
            s.execute(
                "CREATE TABLE "
                    + route
                    + " (seq INTEGER PRIMARY KEY, id TEXT, alias TEXT, type TEXT, value TEXT,"
                    + " edge_strategy_id INTEGER)");
            s.execute(
                "CREATE TABLE "
                    + number
                    + " (seq INTEGER PRIMARY KEY, number TEXT, alias TEXT, rate_center TEXT,"
                    + " state TEXT, number_type TEXT, cnam_lookups_enabled INTEGER)");
            s.execute(
                "CREATE TABLE "
                    + routing
                    + " (number TEXT PRIMARY KEY, primary_route_id TEXT, failover_route_id TEXT)");
          }
          return null;
        });
  }

  /** Routes, after those added before. */
  public void addRoutes(Collection<Route> routes) {
    add(
        "INSERT INTO "
            + route
            + " (id, alias, type, value, edge_strategy_id) VALUES (?, ?, ?, ?, ?)",
        routes,
        CachedAccountTables::routeParameters);
  }

  /** Numbers, after those added before. */
  public void addNumbers(Collection<PhoneNumber> numbers) {
    add(
        "INSERT INTO "
            + number
            + " (number, alias, rate_center, state, number_type, cnam_lookups_enabled)"
            + " VALUES (?, ?, ?, ?, ?, ?)",
        numbers,
        CachedAccountTables::numberParameters);
  }

  /** Routing of numbers added or still to be added, in any order; a later one for a number wins. */
  public void addRoutings(Collection<NumberRouting> routings) {
    add(
        "INSERT OR REPLACE INTO "
            + routing
            + " (number, primary_route_id, failover_route_id) VALUES (?, ?, ?)",
        routings,
        CachedAccountTables::routingParameters);
  }

  private <T> void add(
      String sql, Collection<T> rows, java.util.function.Function<T, Object[]> parameters) {
    requireOpen();
    if (rows.isEmpty()) {
      return;
    }
    db.write(
        "Could not prepare the new copy of the account",
        c -> {
          insertBatched(c, sql, rows, parameters);
          return null;
        });
  }

  /**
   * Replaces the saved snapshot with the rows added, plus {@code moreRoutings} (routing known from
   * before for numbers whose routing was not read this time), in one transaction.
   */
  public void commit(
      Collection<NumberRouting> moreRoutings,
      Collection<EdgeStrategy> edgeStrategies,
      Instant refreshedAt) {
    requireOpen();
    db.write(
        "Could not save the account's routes and numbers",
        c -> {
          insertBatched(
              c,
              "INSERT OR REPLACE INTO "
                  + routing
                  + " (number, primary_route_id, failover_route_id) VALUES (?, ?, ?)",
              moreRoutings,
              CachedAccountTables::routingParameters);
          CachedAccountTables.clearSnapshot(c);
          copy(
              c,
              "INSERT OR REPLACE INTO route (id, alias, type, value, edge_strategy_id)"
                  + " SELECT id, alias, type, value, edge_strategy_id FROM "
                  + route
                  + " ORDER BY seq");
          copy(
              c,
              "INSERT OR REPLACE INTO phone_number (number, alias, rate_center, state,"
                  + " number_type, cnam_lookups_enabled) SELECT number, alias, rate_center, state,"
                  + " number_type, cnam_lookups_enabled FROM "
                  + number
                  + " ORDER BY seq");
          // In the order of the numbers, as replaceSnapshot's list is; a number listed twice
          // places its routing where it was listed last, as INSERT OR REPLACE does there.
          copy(
              c,
              "INSERT OR REPLACE INTO number_routing (number, primary_route_id, failover_route_id)"
                  + " SELECT r.number, r.primary_route_id, r.failover_route_id FROM "
                  + number
                  + " n JOIN "
                  + routing
                  + " r ON r.number = n.number ORDER BY n.seq");
          CachedAccountTables.finishSnapshot(c, edgeStrategies, refreshedAt);
          return null;
        });
  }

  private static void copy(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.executeUpdate(sql);
    }
  }

  private void requireOpen() {
    if (!open) {
      throw new IllegalStateException("This staged copy was closed");
    }
  }

  /** Drops the staged rows. */
  @Override
  public void close() {
    if (!open) {
      return;
    }
    open = false;
    db.write(
        "Could not drop the staged copy of the account",
        c -> {
          try (Statement s = c.createStatement()) {
            for (String table : List.of(route, number, routing)) {
              s.execute("DROP TABLE IF EXISTS " + table);
            }
          }
          return null;
        });
  }
}
