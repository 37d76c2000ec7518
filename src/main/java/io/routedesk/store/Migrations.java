package io.routedesk.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;

/**
 * The versioned schema of an account database. Each migration runs once, in its own transaction
 * together with its row in {@code schema_version}, so a crash mid-migration leaves the previous
 * version intact. To change the schema, append migration N+1 to {@link #ALL}; never edit a
 * migration that has shipped (databases in the field already ran it, and MigrationTest compares a
 * frozen copy of version 1 with a fresh database).
 */
final class Migrations {
  private Migrations() {}

  /** One schema step: SQL statements, or any JDBC work, run inside the migration's transaction. */
  @FunctionalInterface
  interface Step {
    void apply(Connection connection) throws SQLException;
  }

  record Migration(int version, String description, Step step) {
    static Migration sql(int version, String description, String... statements) {
      List<String> sql = List.of(statements);
      return new Migration(
          version,
          description,
          c -> {
            try (Statement s = c.createStatement()) {
              for (String statement : sql) {
                s.execute(statement);
              }
            }
          });
    }
  }

  static final Migration V1 =
      Migration.sql(
          1,
          "cache, drafts, pending assignments, change history",
          """
          CREATE TABLE route (
            id TEXT PRIMARY KEY,
            alias TEXT,
            type TEXT NOT NULL,
            value TEXT,
            edge_strategy_id INTEGER)""",
          """
          CREATE TABLE phone_number (
            number TEXT PRIMARY KEY,
            alias TEXT,
            rate_center TEXT,
            state TEXT,
            number_type TEXT,
            cnam_lookups_enabled INTEGER NOT NULL DEFAULT 0)""",
          """
          CREATE TABLE number_routing (
            number TEXT PRIMARY KEY,
            primary_route_id TEXT,
            failover_route_id TEXT)""",
          """
          CREATE TABLE edge_strategy (
            id INTEGER PRIMARY KEY,
            name TEXT,
            description TEXT,
            naptr TEXT,
            firewall_rules TEXT)""",
          "CREATE TABLE metadata (key TEXT PRIMARY KEY, value TEXT)",
          """
          CREATE TABLE draft (
            id TEXT PRIMARY KEY,
            type TEXT NOT NULL,
            value TEXT,
            alias TEXT,
            edge_strategy_id INTEGER,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            state TEXT NOT NULL DEFAULT 'DRAFT'
              CHECK (state IN ('DRAFT', 'PUBLISHING', 'PUBLISHED', 'FAILED')),
            last_error TEXT,
            server_route_id TEXT,
            publish_token TEXT)""",
          """
          CREATE TABLE pending_assignment (
            draft_id TEXT NOT NULL REFERENCES draft (id) ON DELETE CASCADE,
            number TEXT NOT NULL,
            slot TEXT NOT NULL CHECK (slot IN ('PRIMARY', 'FAILOVER')),
            added_at INTEGER NOT NULL,
            PRIMARY KEY (draft_id, number, slot))""",
          """
          CREATE TABLE change_history (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            batch_id TEXT NOT NULL,
            number TEXT NOT NULL,
            slot TEXT NOT NULL CHECK (slot IN ('PRIMARY', 'FAILOVER')),
            old_route_id TEXT,
            new_route_id TEXT,
            at INTEGER NOT NULL,
            outcome TEXT NOT NULL
              CHECK (outcome IN ('PENDING', 'DONE', 'FAILED', 'SKIPPED')),
            detail TEXT)""",
          "CREATE INDEX change_history_batch ON change_history (batch_id)");

  /**
   * Lookups the drafts and history screens make: "is this number waiting on a draft?" (numbers
   * table badge) and "what changed recently / what was interrupted?" (history panel).
   */
  static final Migration V2 =
      Migration.sql(
          2,
          "indexes for pending-by-number and history-by-time lookups",
          "CREATE INDEX pending_assignment_number ON pending_assignment (number, slot)",
          "CREATE INDEX change_history_at ON change_history (at)",
          "CREATE INDEX change_history_outcome ON change_history (outcome)");

  /**
   * The change journal: every change to live routing is a batch (kind, a sentence, when, who, and
   * its counts, kept current as outcomes land so the history lists quickly) with one row per number
   * (both slots before and after, so undo can restore the whole routing and see what changed since)
   * and one row per route created, edited or deleted. Rows are written before the first request and
   * their outcome as it lands. The per-slot rows of version 1 (written only by draft publishing)
   * move into it: the slot they did not change is recorded as "none" on both sides, which an undo
   * treats as a conflict unless the number really has none there.
   */
  static final Migration V3 =
      Migration.sql(
          3,
          "change journal: batches, number changes and route changes",
          """
          CREATE TABLE change_batch (
            id TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            description TEXT NOT NULL,
            started_at INTEGER NOT NULL,
            os_user TEXT,
            finished_at INTEGER,
            resolution TEXT,
            undo_of TEXT,
            entries INTEGER NOT NULL DEFAULT 0,
            done INTEGER NOT NULL DEFAULT 0,
            failed INTEGER NOT NULL DEFAULT 0,
            skipped INTEGER NOT NULL DEFAULT 0,
            route_changes INTEGER NOT NULL DEFAULT 0)""",
          "CREATE INDEX change_batch_started ON change_batch (started_at)",
          """
          CREATE TABLE change_entry (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            batch_id TEXT NOT NULL REFERENCES change_batch (id) ON DELETE CASCADE,
            number TEXT NOT NULL,
            before_primary TEXT,
            before_failover TEXT,
            after_primary TEXT,
            after_failover TEXT,
            outcome TEXT NOT NULL
              CHECK (outcome IN ('PENDING', 'DONE', 'FAILED', 'SKIPPED')),
            detail TEXT,
            at INTEGER NOT NULL,
            UNIQUE (batch_id, number))""",
          // The history's filter: by number (scanned in this covering index, not the table) and
          // by route in either slot, before or after.
          "CREATE INDEX change_entry_number ON change_entry (number, batch_id)",
          "CREATE INDEX change_entry_before_primary ON change_entry (before_primary)",
          "CREATE INDEX change_entry_before_failover ON change_entry (before_failover)",
          "CREATE INDEX change_entry_after_primary ON change_entry (after_primary)",
          "CREATE INDEX change_entry_after_failover ON change_entry (after_failover)",
          """
          CREATE TABLE route_change (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            batch_id TEXT NOT NULL REFERENCES change_batch (id) ON DELETE CASCADE,
            action TEXT NOT NULL CHECK (action IN ('CREATE', 'UPDATE', 'DELETE')),
            route_id TEXT,
            before_alias TEXT,
            before_type TEXT,
            before_value TEXT,
            before_edge_strategy_id INTEGER,
            after_alias TEXT,
            after_type TEXT,
            after_value TEXT,
            after_edge_strategy_id INTEGER,
            outcome TEXT NOT NULL
              CHECK (outcome IN ('PENDING', 'DONE', 'FAILED', 'SKIPPED')),
            detail TEXT,
            at INTEGER NOT NULL)""",
          "CREATE INDEX route_change_batch ON route_change (batch_id)",
          """
          INSERT INTO change_batch (id, kind, description, started_at, finished_at)
          SELECT batch_id, 'PUBLISH', 'Assignments of a published draft', min(at),
                 CASE WHEN sum(outcome = 'PENDING') > 0 THEN NULL ELSE max(at) END
          FROM change_history GROUP BY batch_id""",
          """
          INSERT INTO change_entry (batch_id, number, before_primary, before_failover,
                                    after_primary, after_failover, outcome, detail, at)
          SELECT batch_id, number,
                 max(CASE WHEN slot = 'PRIMARY' THEN old_route_id END),
                 max(CASE WHEN slot = 'FAILOVER' THEN old_route_id END),
                 max(CASE WHEN slot = 'PRIMARY' THEN new_route_id END),
                 max(CASE WHEN slot = 'FAILOVER' THEN new_route_id END),
                 CASE WHEN sum(outcome = 'PENDING') > 0 THEN 'PENDING'
                      WHEN sum(outcome = 'FAILED') > 0 THEN 'FAILED'
                      WHEN sum(outcome = 'SKIPPED') > 0 THEN 'SKIPPED'
                      ELSE 'DONE' END,
                 group_concat(detail, ' '), max(at)
          FROM change_history GROUP BY batch_id, number""",
          """
          UPDATE change_batch SET
            entries = (SELECT count(*) FROM change_entry e WHERE e.batch_id = change_batch.id),
            done = (SELECT count(*) FROM change_entry e
                    WHERE e.batch_id = change_batch.id AND e.outcome = 'DONE'),
            failed = (SELECT count(*) FROM change_entry e
                      WHERE e.batch_id = change_batch.id AND e.outcome = 'FAILED'),
            skipped = (SELECT count(*) FROM change_entry e
                       WHERE e.batch_id = change_batch.id AND e.outcome = 'SKIPPED')""",
          "DROP TABLE change_history");

  static final List<Migration> ALL = List.of(V1, V2, V3);

  static int latestVersion() {
    return ALL.getLast().version();
  }

  /** The database's schema version; 0 for a database without our schema_version table. */
  static int currentVersion(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
                    + " AND name = 'schema_version'")) {
      rs.next();
      if (rs.getInt(1) == 0) {
        return 0;
      }
    }
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT coalesce(max(version), 0) FROM schema_version")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /**
   * Brings the database to the latest version. Returns the version it had before. Throws {@link
   * NewerSchemaException} when a newer RouteDesk wrote it (we cannot know what its tables mean).
   * Expects auto-commit on; leaves it on.
   */
  static int migrate(Connection c, Clock clock) throws SQLException {
    int from = currentVersion(c);
    if (from > latestVersion()) {
      throw new NewerSchemaException(from, latestVersion());
    }
    if (from == 0) {
      try (Statement s = c.createStatement()) {
        s.execute(
            "CREATE TABLE IF NOT EXISTS schema_version ("
                + " version INTEGER PRIMARY KEY,"
                + " description TEXT NOT NULL,"
                + " applied_at INTEGER NOT NULL)");
      }
    }
    for (Migration m : ALL) {
      if (m.version() <= from) {
        continue;
      }
      c.setAutoCommit(false);
      try {
        m.step().apply(c);
        try (PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)")) {
          ps.setInt(1, m.version());
          ps.setString(2, m.description());
          ps.setLong(3, clock.millis());
          ps.executeUpdate();
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    }
    return from;
  }

  /** The file's schema is newer than this build knows. */
  static final class NewerSchemaException extends SQLException {
    NewerSchemaException(int found, int latest) {
      super(
          "the database was written by a newer RouteDesk (schema version "
              + found
              + "; this version knows up to "
              + latest
              + ")");
    }
  }
}
