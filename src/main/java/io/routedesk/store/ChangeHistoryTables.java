package io.routedesk.store;

import static io.routedesk.store.Sql.*;

import io.routedesk.domain.VoiceSlot;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * The history of routing changes: planned before they are sent, settled as their outcomes arrive.
 */
final class ChangeHistoryTables {
  private final StoreConnection db;

  ChangeHistoryTables(StoreConnection db) {
    this.db = db;
  }

  /**
   * Records a batch of routing changes as PENDING, before any is sent: if the app stops mid-way,
   * {@link #unfinishedChanges()} shows what may or may not have been applied.
   */
  void recordPlannedChanges(UUID batchId, Collection<PlannedChange> changes) {
    db.write(
        "Could not record the planned changes",
        c -> {
          long now = db.now().toEpochMilli();
          insertBatched(
              c,
              "INSERT INTO change_history (batch_id, number, slot, old_route_id,"
                  + " new_route_id, at, outcome) VALUES (?, ?, ?, ?, ?, ?, 'PENDING')",
              changes,
              p ->
                  new Object[] {
                    batchId.toString(),
                    p.number(),
                    p.slot().name(),
                    p.oldRouteId(),
                    p.newRouteId(),
                    now
                  });
          return null;
        });
  }

  /**
   * Records the outcomes of a batch's changes, and for each DONE one updates the cached routing to
   * the change's new route, all in one transaction. Returns how many history rows were updated.
   */
  int recordChangeOutcomes(UUID batchId, Collection<ChangeResult> results) {
    return db.write(
        "Could not record the outcome of the changes",
        c -> {
          long now = db.now().toEpochMilli();
          int updated = 0;
          try (PreparedStatement update =
                  c.prepareStatement(
                      "UPDATE change_history SET outcome = ?, detail = ?, at = ?"
                          + " WHERE batch_id = ? AND number = ? AND slot = ?");
              PreparedStatement target =
                  c.prepareStatement(
                      "SELECT new_route_id FROM change_history"
                          + " WHERE batch_id = ? AND number = ? AND slot = ? ORDER BY id DESC"
                          + " LIMIT 1")) {
            for (ChangeResult r : results) {
              bind(
                  update,
                  r.outcome().name(),
                  r.detail(),
                  now,
                  batchId.toString(),
                  r.number(),
                  r.slot().name());
              int rows = update.executeUpdate();
              updated += rows;
              if (rows > 0 && r.outcome() == ChangeOutcome.DONE) {
                bind(target, batchId.toString(), r.number(), r.slot().name());
                // A list, not an Optional: the new route id is null when the slot was cleared.
                List<String> newRouteIds = rows(target, rs -> rs.getString(1));
                if (!newRouteIds.isEmpty()) {
                  String newRouteId = newRouteIds.getFirst();
                  CachedAccountTables.applyRouting(c, r.number(), r.slot(), newRouteId);
                  settleInterrupted(c, batchId, r, newRouteId, now);
                }
              }
            }
          }
          return updated;
        });
  }

  /**
   * The same change, left PENDING by an interrupted earlier batch, is now known to be in effect:
   * record it as done rather than leave it "unknown" forever.
   */
  private static void settleInterrupted(
      Connection c, UUID batchId, ChangeResult r, String newRouteId, long now) throws SQLException {
    update(
        c,
        "UPDATE change_history SET outcome = 'DONE', at = ?, detail = ?"
            + " WHERE outcome = 'PENDING' AND batch_id <> ? AND number = ? AND slot = ?"
            + " AND new_route_id IS ?",
        now,
        "Interrupted; applied again in batch " + batchId + ".",
        batchId.toString(),
        r.number(),
        r.slot().name(),
        newRouteId);
  }

  /** One batch's changes, in the order they were planned. */
  List<ChangeRecord> changeBatch(UUID batchId) {
    return db.read(
        "Could not read the change history",
        c ->
            query(
                c,
                "SELECT * FROM change_history WHERE batch_id = ? ORDER BY id",
                ChangeHistoryTables::toChange,
                batchId.toString()));
  }

  /** The most recent {@code limit} changes, newest first. */
  List<ChangeRecord> recentChanges(int limit) {
    return db.read(
        "Could not read the change history",
        c ->
            query(
                c,
                "SELECT * FROM change_history ORDER BY id DESC LIMIT ?",
                ChangeHistoryTables::toChange,
                limit));
  }

  /** Changes still PENDING: the app stopped before their outcome was known. Oldest first. */
  List<ChangeRecord> unfinishedChanges() {
    return db.read(
        "Could not read the change history",
        c ->
            query(
                c,
                "SELECT * FROM change_history WHERE outcome = 'PENDING' ORDER BY id",
                ChangeHistoryTables::toChange));
  }

  private static ChangeRecord toChange(ResultSet rs) throws SQLException {
    return new ChangeRecord(
        rs.getLong("id"),
        UUID.fromString(rs.getString("batch_id")),
        rs.getString("number"),
        VoiceSlot.valueOf(rs.getString("slot")),
        rs.getString("old_route_id"),
        rs.getString("new_route_id"),
        Instant.ofEpochMilli(rs.getLong("at")),
        ChangeOutcome.valueOf(rs.getString("outcome")),
        rs.getString("detail"));
  }
}
