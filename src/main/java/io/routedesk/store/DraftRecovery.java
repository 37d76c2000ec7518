package io.routedesk.store;

import io.routedesk.domain.Draft;
import io.routedesk.domain.DraftState;
import io.routedesk.domain.PendingAssignment;
import io.routedesk.domain.RouteType;
import io.routedesk.domain.VoiceSlot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.sqlite.SQLiteConfig;

/**
 * Reads whatever drafts (and their pending assignments) can still be read from a damaged account
 * database. Read-only first; if SQLite will not open the file that way (a WAL file without its
 * index, for instance), from a scratch copy, so the damaged file itself is never modified.
 *
 * <p>Rows are read in rowid order until an error, then in reverse order until the same error, so a
 * damaged page in the middle of the table costs only the rows on it. Columns are looked up by name,
 * so files from older schema versions are read too.
 */
final class DraftRecovery {
  private DraftRecovery() {}

  record Result(
      List<Draft> drafts,
      List<PendingAssignment> assignments,
      int unreadableRows,
      List<String> notes) {}

  static Result readFrom(Path badFile) {
    List<String> notes = new ArrayList<>();
    if (!Files.isRegularFile(badFile)) {
      notes.add("No drafts could be read: the damaged path is not a regular file.");
      return new Result(List.of(), List.of(), 0, notes);
    }
    try {
      return readWith(badFile, true, notes);
    } catch (SQLException | RuntimeException e) {
      notes.add("Read-only reading failed: " + StoreException.describe(asSql(e)) + ".");
    }
    Path scratch = null;
    try {
      scratch = Files.createTempFile(badFile.getParent(), "recovery-", ".db");
      Files.copy(badFile, scratch, StandardCopyOption.REPLACE_EXISTING);
      Path wal = Path.of(badFile + "-wal");
      if (Files.isRegularFile(wal)) {
        Files.copy(wal, Path.of(scratch + "-wal"), StandardCopyOption.REPLACE_EXISTING);
      }
      return readWith(scratch, false, notes);
    } catch (IOException | SQLException | RuntimeException e) {
      notes.add(
          "Reading a copy failed too: "
              + (e instanceof IOException ? e.getMessage() : StoreException.describe(asSql(e)))
              + ". No drafts could be recovered.");
      return new Result(List.of(), List.of(), 0, notes);
    } finally {
      if (scratch != null) {
        deleteQuietly(scratch);
        deleteQuietly(Path.of(scratch + "-wal"));
        deleteQuietly(Path.of(scratch + "-shm"));
      }
    }
  }

  private static Result readWith(Path file, boolean readOnly, List<String> notes)
      throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(readOnly);
    config.setBusyTimeout(2000);
    try (Connection c =
        DriverManager.getConnection(
            "jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties())) {
      try (Statement s = c.createStatement()) {
        // Lets SQLite read a file shorter than its header says (truncated): without it, opening
        // the schema fails before any table can be read. Nothing is written on this connection.
        s.execute("PRAGMA writable_schema = ON");
      }
      Set<String> tables = new HashSet<>();
      try (PreparedStatement ps =
              c.prepareStatement("SELECT name FROM sqlite_master WHERE type = 'table'");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          tables.add(rs.getString(1).toLowerCase(Locale.ROOT));
        }
      }
      if (!tables.contains("draft")) {
        notes.add("The damaged file has no drafts table.");
        return new Result(List.of(), List.of(), 0, notes);
      }
      int[] unreadable = {0};
      Map<UUID, Draft> drafts = new LinkedHashMap<>();
      readRows(c, "draft", notes, unreadable, row -> toDraft(row, drafts));
      List<PendingAssignment> assignments = new ArrayList<>();
      if (tables.contains("pending_assignment")) {
        Set<String> seen = new HashSet<>();
        readRows(
            c,
            "pending_assignment",
            notes,
            unreadable,
            row -> {
              PendingAssignment a = toAssignment(row);
              if (drafts.containsKey(a.draftId())
                  && seen.add(a.draftId() + "/" + a.number() + "/" + a.slot())) {
                assignments.add(a);
              }
            });
      }
      notes.add(
          "Read "
              + drafts.size()
              + " drafts and "
              + assignments.size()
              + " pending assignments from the damaged file"
              + (readOnly ? " (read-only)" : " (from a copy)")
              + (unreadable[0] > 0 ? "; " + unreadable[0] + " rows could not be read." : "."));
      return new Result(List.copyOf(drafts.values()), assignments, unreadable[0], notes);
    }
  }

  @FunctionalInterface
  private interface RowHandler {
    void accept(Map<String, Object> row);
  }

  /** Forward scan, then (after an error) a backward scan to reach rows past the damage. */
  private static void readRows(
      Connection c, String table, List<String> notes, int[] unreadable, RowHandler handler) {
    Set<Long> seen = new HashSet<>();
    boolean forwardComplete =
        scan(
            c,
            "SELECT rowid AS rowid_, * FROM " + table + " ORDER BY rowid",
            seen,
            handler,
            unreadable);
    if (!forwardComplete) {
      notes.add("The " + table + " table is damaged; reading it backwards from the end as well.");
      scan(
          c,
          "SELECT rowid AS rowid_, * FROM " + table + " ORDER BY rowid DESC",
          seen,
          handler,
          unreadable);
    }
  }

  /** Returns true when the scan reached the end without an SQLite error. */
  private static boolean scan(
      Connection c, String sql, Set<Long> seen, RowHandler handler, int[] unreadable) {
    try (PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      ResultSetMetaData md = rs.getMetaData();
      while (rs.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          row.put(md.getColumnLabel(i).toLowerCase(Locale.ROOT), rs.getObject(i));
        }
        long rowid = ((Number) row.get("rowid_")).longValue();
        if (!seen.add(rowid)) {
          // The backward scan reached rows the forward scan already read.
          return true;
        }
        try {
          handler.accept(row);
        } catch (RuntimeException e) {
          unreadable[0]++;
        }
      }
      return true;
    } catch (SQLException | RuntimeException e) {
      return false;
    }
  }

  private static void toDraft(Map<String, Object> row, Map<UUID, Draft> into) {
    UUID id = UUID.fromString(text(row, "id"));
    RouteType type = RouteType.valueOf(text(row, "type"));
    Instant created = instant(row, "created_at");
    Instant updated = row.get("updated_at") == null ? created : instant(row, "updated_at");
    String stateText = text(row, "state");
    DraftState state = stateText == null ? DraftState.DRAFT : DraftState.valueOf(stateText);
    Object edge = row.get("edge_strategy_id");
    into.putIfAbsent(
        id,
        new Draft(
            id,
            type,
            text(row, "value"),
            text(row, "alias"),
            edge == null ? null : ((Number) edge).intValue(),
            created,
            updated,
            state,
            text(row, "last_error"),
            text(row, "server_route_id"),
            text(row, "publish_token")));
  }

  private static PendingAssignment toAssignment(Map<String, Object> row) {
    Object added = row.get("added_at");
    return new PendingAssignment(
        UUID.fromString(text(row, "draft_id")),
        text(row, "number"),
        VoiceSlot.valueOf(text(row, "slot")),
        added == null ? Instant.EPOCH : Instant.ofEpochMilli(((Number) added).longValue()));
  }

  private static String text(Map<String, Object> row, String column) {
    Object v = row.get(column);
    return v == null ? null : v.toString();
  }

  private static Instant instant(Map<String, Object> row, String column) {
    return Instant.ofEpochMilli(((Number) row.get(column)).longValue());
  }

  private static SQLException asSql(Exception e) {
    return e instanceof SQLException sql ? sql : new SQLException(e.getMessage(), e);
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // A leftover scratch copy in the accounts folder is harmless.
    }
  }
}
