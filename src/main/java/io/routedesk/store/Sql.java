package io.routedesk.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/** The statements of every table, each written once and run through these. */
final class Sql {
  static final int BATCH_SIZE = 1_000;

  private Sql() {}

  /** Reads one row of a result into a value. */
  @FunctionalInterface
  interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  /**
   * Sets the parameters in order: {@code String}, {@code Long}, {@code Integer}, or null for SQL
   * NULL (sqlite-jdbc binds a null the same way whatever its declared type).
   */
  static void bind(PreparedStatement ps, Object... parameters) throws SQLException {
    for (int i = 0; i < parameters.length; i++) {
      int index = i + 1;
      Object value = parameters[i];
      if (value == null) {
        ps.setNull(index, Types.NULL);
      } else if (value instanceof String text) {
        ps.setString(index, text);
      } else if (value instanceof Long number) {
        ps.setLong(index, number);
      } else if (value instanceof Integer number) {
        ps.setInt(index, number);
      } else {
        throw new IllegalArgumentException(
            "No SQL binding for a " + value.getClass().getSimpleName() + " parameter");
      }
    }
  }

  /** Runs one statement; returns how many rows it changed. */
  static int update(Connection c, String sql, Object... parameters) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, parameters);
      return ps.executeUpdate();
    }
  }

  /** Runs one statement per item, prepared once; returns how many rows they changed in all. */
  static <T> int updateEach(
      Connection c, String sql, Collection<T> items, Function<T, Object[]> parameters)
      throws SQLException {
    int changed = 0;
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (T item : items) {
        bind(ps, parameters.apply(item));
        changed += ps.executeUpdate();
      }
    }
    return changed;
  }

  /** Runs an INSERT for every item as JDBC batches of {@link #BATCH_SIZE} rows. */
  static <T> void insertBatched(
      Connection c, String sql, Collection<T> items, Function<T, Object[]> parameters)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int n = 0;
      for (T item : items) {
        bind(ps, parameters.apply(item));
        ps.addBatch();
        if (++n % BATCH_SIZE == 0) {
          ps.executeBatch();
        }
      }
      ps.executeBatch();
    }
  }

  static <T> List<T> query(Connection c, String sql, RowMapper<T> mapper, Object... parameters)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, parameters);
      return rows(ps, mapper);
    }
  }

  /** Runs a prepared, bound query; its rows in order (a mapper may return null). */
  static <T> List<T> rows(PreparedStatement ps, RowMapper<T> mapper) throws SQLException {
    List<T> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(mapper.map(rs));
      }
    }
    return out;
  }

  static Integer getInteger(ResultSet rs, String column) throws SQLException {
    int v = rs.getInt(column);
    return rs.wasNull() ? null : v;
  }

  static Integer getInteger(ResultSet rs, int column) throws SQLException {
    int v = rs.getInt(column);
    return rs.wasNull() ? null : v;
  }

  static String firstPragmaValue(Connection c, String name) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA " + name)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }
}
