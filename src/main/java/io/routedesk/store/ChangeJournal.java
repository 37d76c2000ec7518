package io.routedesk.store;

import io.routedesk.domain.NewRoute;
import io.routedesk.domain.NumberRouting;
import io.routedesk.domain.RouteType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The write-ahead journal of changes to live routing, in the account's database (tables {@code
 * change_batch}, {@code change_entry}, {@code route_change}).
 *
 * <p>A batch and every change it plans are committed in one transaction before the first request is
 * sent ({@link #begin}, {@link #beginRoute}); outcomes are committed as they land ({@link
 * #recordOutcomes}); {@link #finish} marks the end. A batch without an end after a restart was
 * interrupted: {@link #interrupted()} lists it until the user decides ({@link #resolve}).
 *
 * <p>Shares the store's connection and lock, so each method is one durable transaction like the
 * store's own; blocking disk work, never on the FX thread.
 */
public final class ChangeJournal {
  /** Batches with their counts (kept in the batch row, so listing reads no change rows). */
  private static final String BATCHES =
      "SELECT b.id, b.kind, b.description, b.started_at, b.os_user, b.finished_at,"
          + " b.resolution, b.undo_of, b.entries, b.done, b.failed, b.skipped,"
          + " b.entries - b.done - b.failed - b.skipped, b.route_changes FROM change_batch b";

  private final StoreConnection db;

  private ChangeJournal(LocalStore store) {
    this.db = store.connection();
  }

  /** The journal kept in this store's database. */
  public static ChangeJournal of(LocalStore store) {
    return new ChangeJournal(Objects.requireNonNull(store, "store"));
  }

  /** A number's planned change: its whole routing now and the routing it is to end with. */
  public record Planned(NumberRouting before, NumberRouting after) {
    public Planned {
      Objects.requireNonNull(before, "before");
      Objects.requireNonNull(after, "after");
      if (!before.number().equals(after.number())) {
        throw new IllegalArgumentException("before and after must be the same number");
      }
    }
  }

  /** What a new batch is: recorded with its changes before anything is sent. */
  public record NewBatch(UUID id, BatchKind kind, String description, String user, UUID undoOf) {
    public NewBatch {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(description, "description");
    }
  }

  // ---- writing ------------------------------------------------------------------------------

  /** Records a batch and every number change it plans as PENDING, in one transaction. */
  public void begin(NewBatch batch, Collection<Planned> changes) {
    db.write(
        "Could not record the planned changes",
        c -> {
          long now = db.now().toEpochMilli();
          insertBatch(c, batch, now);
          Sql.update(
              c,
              "UPDATE change_batch SET entries = ? WHERE id = ?",
              changes.size(),
              batch.id().toString());
          Sql.insertBatched(
              c,
              "INSERT INTO change_entry (batch_id, number, before_primary, before_failover,"
                  + " after_primary, after_failover, outcome, at)"
                  + " VALUES (?, ?, ?, ?, ?, ?, 'PENDING', ?)",
              changes,
              p ->
                  new Object[] {
                    batch.id().toString(),
                    p.before().number(),
                    p.before().primaryRouteId(),
                    p.before().failoverRouteId(),
                    p.after().primaryRouteId(),
                    p.after().failoverRouteId(),
                    now
                  });
          return null;
        });
  }

  /** Records a batch that creates, edits or deletes one route, before the request is sent. */
  public void beginRoute(
      NewBatch batch, RouteChange.Action action, String routeId, NewRoute before, NewRoute after) {
    db.write(
        "Could not record the planned route change",
        c -> {
          long now = db.now().toEpochMilli();
          insertBatch(c, batch, now);
          insertRouteChange(c, batch.id(), action, routeId, before, after, now);
          return null;
        });
  }

  /** Adds a route change to a batch that is already recorded (deleting after moving numbers). */
  public void addRouteChange(
      UUID batchId, RouteChange.Action action, String routeId, NewRoute before, NewRoute after) {
    db.write(
        "Could not record the planned route change",
        c -> {
          insertRouteChange(c, batchId, action, routeId, before, after, db.now().toEpochMilli());
          return null;
        });
  }

  /** Records outcomes of a batch's number changes, in one transaction; returns rows updated. */
  public int recordOutcomes(UUID batchId, Collection<EntryOutcome> outcomes) {
    if (outcomes.isEmpty()) {
      return 0;
    }
    return db.write(
        "Could not record the outcome of the changes",
        c -> setOutcomes(c, batchId, outcomes, false));
  }

  /**
   * Sets outcomes (only of entries still PENDING when {@code pendingOnly}) and moves the batch's
   * counts along; returns how many entries changed.
   */
  private int setOutcomes(
      Connection c, UUID batchId, Collection<EntryOutcome> outcomes, boolean pendingOnly)
      throws SQLException {
    long now = db.now().toEpochMilli();
    int[] delta = new int[ChangeOutcome.values().length];
    int updated = 0;
    try (PreparedStatement read =
            c.prepareStatement(
                "SELECT outcome FROM change_entry WHERE batch_id = ? AND number = ?");
        PreparedStatement write =
            c.prepareStatement(
                "UPDATE change_entry SET outcome = ?, detail = ?, at = ?"
                    + " WHERE batch_id = ? AND number = ?")) {
      for (EntryOutcome o : outcomes) {
        Sql.bind(read, batchId.toString(), o.number());
        List<String> was = Sql.rows(read, rs -> rs.getString(1));
        if (was.isEmpty()
            || (pendingOnly && !was.getFirst().equals(ChangeOutcome.PENDING.name()))) {
          continue;
        }
        Sql.bind(write, o.outcome().name(), o.detail(), now, batchId.toString(), o.number());
        updated += write.executeUpdate();
        delta[ChangeOutcome.valueOf(was.getFirst()).ordinal()]--;
        delta[o.outcome().ordinal()]++;
      }
    }
    Sql.update(
        c,
        "UPDATE change_batch SET done = done + ?, failed = failed + ?, skipped = skipped + ?"
            + " WHERE id = ?",
        delta[ChangeOutcome.DONE.ordinal()],
        delta[ChangeOutcome.FAILED.ordinal()],
        delta[ChangeOutcome.SKIPPED.ordinal()],
        batchId.toString());
    return updated;
  }

  /** Records the outcome of the batch's last route change (and the id a create was given). */
  public void recordRouteOutcome(
      UUID batchId, String routeId, ChangeOutcome outcome, String detail) {
    db.write(
        "Could not record the outcome of the route change",
        c ->
            Sql.update(
                c,
                "UPDATE route_change SET outcome = ?, detail = ?, at = ?,"
                    + " route_id = coalesce(?, route_id)"
                    + " WHERE id = (SELECT max(id) FROM route_change WHERE batch_id = ?)",
                outcome.name(),
                detail,
                db.now().toEpochMilli(),
                routeId,
                batchId.toString()));
  }

  /** Marks the batch as ended (every outcome recorded). */
  public void finish(UUID batchId) {
    db.write(
        "Could not record the end of the changes",
        c ->
            Sql.update(
                c,
                "UPDATE change_batch SET finished_at = ? WHERE id = ? AND finished_at IS NULL",
                db.now().toEpochMilli(),
                batchId.toString()));
  }

  /**
   * Closes an interrupted batch with the user's choice: entries still PENDING take the outcome
   * Flowroute showed for them ({@code settled}); the batch is marked finished.
   */
  public void resolve(
      UUID batchId, JournalBatch.Resolution resolution, Collection<EntryOutcome> settled) {
    db.write(
        "Could not record what was done with the interrupted change",
        c -> {
          long now = db.now().toEpochMilli();
          setOutcomes(c, batchId, settled, true);
          Sql.update(
              c,
              "UPDATE change_batch SET resolution = ?, finished_at = coalesce(finished_at, ?)"
                  + " WHERE id = ?",
              resolution.name(),
              now,
              batchId.toString());
          return null;
        });
  }

  /** Deletes every finished batch (interrupted ones stay until the user decides). */
  public int clear() {
    return db.write(
        "Could not clear the history",
        c -> {
          String finished = "SELECT id FROM change_batch WHERE finished_at IS NOT NULL";
          Sql.update(c, "DELETE FROM change_entry WHERE batch_id IN (" + finished + ")");
          Sql.update(c, "DELETE FROM route_change WHERE batch_id IN (" + finished + ")");
          return Sql.update(c, "DELETE FROM change_batch WHERE finished_at IS NOT NULL");
        });
  }

  // ---- reading ------------------------------------------------------------------------------

  /** Every batch, newest first. */
  public List<JournalBatch> batches() {
    return db.read(
        "Could not read the change history",
        c ->
            Sql.query(
                c, BATCHES + " ORDER BY b.started_at DESC, b.rowid DESC", ChangeJournal::toBatch));
  }

  /**
   * Batches, newest first, that touched a number containing {@code text} (digits) or a route whose
   * id equals it, or whose description mentions it (case-insensitive).
   */
  public List<JournalBatch> batchesMatching(String text) {
    String t = text == null ? "" : text.trim();
    if (t.isEmpty()) {
      return batches();
    }
    String like = "%" + t.toLowerCase(Locale.ROOT).replace("%", "").replace("_", "") + "%";
    String digits = t.replaceAll("[^0-9]", "");
    String digitsLike = digits.isEmpty() ? null : "%" + digits + "%";
    return db.read(
        "Could not search the change history",
        c ->
            Sql.query(
                c,
                BATCHES
                    + " WHERE lower(b.description) LIKE ?"
                    + " OR b.id IN (SELECT batch_id FROM change_entry WHERE number LIKE ?"
                    + " UNION SELECT batch_id FROM change_entry WHERE before_primary = ?"
                    + " UNION SELECT batch_id FROM change_entry WHERE before_failover = ?"
                    + " UNION SELECT batch_id FROM change_entry WHERE after_primary = ?"
                    + " UNION SELECT batch_id FROM change_entry WHERE after_failover = ?"
                    + " UNION SELECT batch_id FROM route_change WHERE route_id = ?"
                    + " OR lower(before_alias) LIKE ? OR lower(after_alias) LIKE ?)"
                    + " ORDER BY b.started_at DESC, b.rowid DESC",
                ChangeJournal::toBatch,
                like,
                digitsLike,
                t,
                t,
                t,
                t,
                t,
                like,
                like));
  }

  public Optional<JournalBatch> batch(UUID id) {
    return db.read(
        "Could not read the change history",
        c ->
            Sql.query(c, BATCHES + " WHERE b.id = ?", ChangeJournal::toBatch, id.toString())
                .stream()
                .findFirst());
  }

  /** Batches the app stopped in the middle of, and the user has not decided about; oldest first. */
  public List<JournalBatch> interrupted() {
    return db.read(
        "Could not read the change history",
        c ->
            Sql.query(
                c,
                BATCHES
                    + " WHERE b.finished_at IS NULL AND b.resolution IS NULL"
                    + " ORDER BY b.started_at, b.rowid",
                ChangeJournal::toBatch));
  }

  /** A batch's number changes, in the order they were planned. */
  public List<JournalEntry> entries(UUID batchId) {
    return db.read(
        "Could not read the change history",
        c ->
            Sql.query(
                c,
                "SELECT batch_id, number, before_primary, before_failover, after_primary,"
                    + " after_failover, outcome, detail, at FROM change_entry WHERE batch_id = ?"
                    + " ORDER BY id",
                ChangeJournal::toEntry,
                batchId.toString()));
  }

  /** A batch's route changes, in order. */
  public List<RouteChange> routeChanges(UUID batchId) {
    return db.read(
        "Could not read the change history",
        c ->
            Sql.query(
                c,
                "SELECT * FROM route_change WHERE batch_id = ? ORDER BY id",
                ChangeJournal::toRouteChange,
                batchId.toString()));
  }

  // ---- rows ---------------------------------------------------------------------------------

  private static void insertBatch(Connection c, NewBatch b, long now) throws SQLException {
    Sql.update(
        c,
        "INSERT INTO change_batch (id, kind, description, started_at, os_user, undo_of)"
            + " VALUES (?, ?, ?, ?, ?, ?)",
        b.id().toString(),
        b.kind().name(),
        b.description(),
        now,
        b.user(),
        b.undoOf() == null ? null : b.undoOf().toString());
  }

  private static void insertRouteChange(
      Connection c,
      UUID batchId,
      RouteChange.Action action,
      String routeId,
      NewRoute before,
      NewRoute after,
      long now)
      throws SQLException {
    Sql.update(
        c,
        "UPDATE change_batch SET route_changes = route_changes + 1 WHERE id = ?",
        batchId.toString());
    Sql.update(
        c,
        "INSERT INTO route_change (batch_id, action, route_id, before_alias, before_type,"
            + " before_value, before_edge_strategy_id, after_alias, after_type, after_value,"
            + " after_edge_strategy_id, outcome, at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?)",
        batchId.toString(),
        action.name(),
        routeId,
        before == null ? null : before.alias(),
        before == null ? null : before.type().wireName(),
        before == null ? null : before.value(),
        before == null ? null : before.edgeStrategyId(),
        after == null ? null : after.alias(),
        after == null ? null : after.type().wireName(),
        after == null ? null : after.value(),
        after == null ? null : after.edgeStrategyId(),
        now);
  }

  private static JournalBatch toBatch(ResultSet rs) throws SQLException {
    long finished = rs.getLong(6);
    boolean unfinished = rs.wasNull();
    String resolution = rs.getString(7);
    String undoOf = rs.getString(8);
    return new JournalBatch(
        UUID.fromString(rs.getString(1)),
        BatchKind.valueOf(rs.getString(2)),
        rs.getString(3),
        Instant.ofEpochMilli(rs.getLong(4)),
        rs.getString(5),
        unfinished ? null : Instant.ofEpochMilli(finished),
        resolution == null ? null : JournalBatch.Resolution.valueOf(resolution),
        undoOf == null ? null : UUID.fromString(undoOf),
        rs.getInt(9),
        rs.getInt(10),
        rs.getInt(11),
        rs.getInt(12),
        rs.getInt(13),
        rs.getInt(14));
  }

  private static JournalEntry toEntry(ResultSet rs) throws SQLException {
    String number = rs.getString(2);
    return new JournalEntry(
        UUID.fromString(rs.getString(1)),
        new NumberRouting(number, rs.getString(3), rs.getString(4)),
        new NumberRouting(number, rs.getString(5), rs.getString(6)),
        ChangeOutcome.valueOf(rs.getString(7)),
        rs.getString(8),
        Instant.ofEpochMilli(rs.getLong(9)));
  }

  private static RouteChange toRouteChange(ResultSet rs) throws SQLException {
    return new RouteChange(
        UUID.fromString(rs.getString("batch_id")),
        RouteChange.Action.valueOf(rs.getString("action")),
        rs.getString("route_id"),
        routeValues(rs, "before_"),
        routeValues(rs, "after_"),
        ChangeOutcome.valueOf(rs.getString("outcome")),
        rs.getString("detail"),
        Instant.ofEpochMilli(rs.getLong("at")));
  }

  private static NewRoute routeValues(ResultSet rs, String prefix) throws SQLException {
    String type = rs.getString(prefix + "type");
    if (type == null) {
      return null;
    }
    int edge = rs.getInt(prefix + "edge_strategy_id");
    Integer edgeId = rs.wasNull() ? null : edge;
    return new NewRoute(
        RouteType.fromWire(type),
        rs.getString(prefix + "value"),
        rs.getString(prefix + "alias"),
        edgeId);
  }
}
