package io.routedesk.store;

import static io.routedesk.store.Sql.*;

import io.routedesk.domain.Draft;
import io.routedesk.domain.DraftState;
import io.routedesk.domain.NewRoute;
import io.routedesk.domain.PendingAssignment;
import io.routedesk.domain.PhoneNumbers;
import io.routedesk.domain.RouteType;
import io.routedesk.domain.VoiceSlot;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Draft routes and the assignments waiting for them to be published: created, edited and deleted on
 * this computer, moved through publishing, and restored after a damaged file was set aside.
 */
final class DraftTables {
  private static final String INSERT_PENDING_ASSIGNMENT =
      "INSERT OR IGNORE INTO pending_assignment (draft_id, number, slot, added_at)"
          + " VALUES (?, ?, ?, ?)";

  private final StoreConnection db;

  DraftTables(StoreConnection db) {
    this.db = db;
  }

  /**
   * Saves a new draft (state DRAFT). The route need not be valid yet: it is checked when published.
   * Durable when this returns.
   */
  Draft createDraft(NewRoute route) {
    checkDraftText(route);
    Instant now = db.now();
    Draft draft =
        new Draft(
            UUID.randomUUID(),
            route.type(),
            route.value(),
            route.alias(),
            route.edgeStrategyId(),
            now,
            now,
            DraftState.DRAFT,
            null,
            null,
            null);
    db.write(
        "Could not save the draft",
        c -> {
          insertDraft(c, draft);
          return null;
        });
    return draft;
  }

  /**
   * Replaces a draft's type, value, alias and edge strategy, and clears its last error (it was
   * about the old content). Only DRAFT and FAILED drafts can be edited.
   *
   * @throws DraftNotFoundException when the draft does not exist
   * @throws IllegalStateException when it is being published or already published
   */
  Draft updateDraft(UUID id, NewRoute route) {
    checkDraftText(route);
    return db.write(
        "Could not save the draft",
        c -> {
          int updated =
              update(
                  c,
                  "UPDATE draft SET type = ?, value = ?, alias = ?, edge_strategy_id = ?,"
                      + " updated_at = ?, last_error = NULL"
                      + " WHERE id = ? AND state IN ('DRAFT', 'FAILED')",
                  route.type().name(),
                  route.value(),
                  route.alias(),
                  route.edgeStrategyId(),
                  db.now().toEpochMilli(),
                  id.toString());
          if (updated == 0) {
            throw notEditable(c, id, "edited");
          }
          return existingDraft(c, id);
        });
  }

  /**
   * Deletes a draft and its pending assignments. Returns false when it did not exist. A draft being
   * published cannot be deleted (its outcome must be known first).
   */
  boolean deleteDraft(UUID id) {
    return db.write(
        "Could not delete the draft",
        c -> {
          if (update(c, "DELETE FROM draft WHERE id = ? AND state <> 'PUBLISHING'", id.toString())
              == 1) {
            return true;
          }
          if (findDraft(c, id).isPresent()) {
            throw new IllegalStateException(
                "This draft is being published; wait for the result before deleting it.");
          }
          return false;
        });
  }

  Optional<Draft> findDraft(UUID id) {
    return db.read("Could not read the draft", c -> findDraft(c, id));
  }

  /** All drafts, oldest first. */
  List<Draft> listDrafts() {
    return db.read(
        "Could not read the drafts",
        c -> query(c, "SELECT * FROM draft ORDER BY created_at, rowid", DraftTables::toDraft));
  }

  /** Drafts in one state, oldest first. */
  List<Draft> listDrafts(DraftState state) {
    return db.read(
        "Could not read the drafts",
        c ->
            query(
                c,
                "SELECT * FROM draft WHERE state = ? ORDER BY created_at, rowid",
                DraftTables::toDraft,
                state.name()));
  }

  /**
   * Records, before the create request is sent, that this draft is being published with {@code
   * publishToken}. Compare-and-set: returns empty (and changes nothing) unless the draft is DRAFT
   * or FAILED, so two publishers of one draft cannot both send it.
   */
  Optional<Draft> beginPublishing(UUID id, String publishToken) {
    return db.write(
        "Could not record that the draft is being published",
        c -> {
          int updated =
              update(
                  c,
                  "UPDATE draft SET state = 'PUBLISHING', publish_token = ?, last_error = NULL,"
                      + " updated_at = ? WHERE id = ? AND state IN ('DRAFT', 'FAILED')",
                  publishToken,
                  db.now().toEpochMilli(),
                  id.toString());
          return updated == 0 ? Optional.<Draft>empty() : findDraft(c, id);
        });
  }

  /** Records that Flowroute has the draft's route, as {@code serverRouteId}. */
  Draft markPublished(UUID id, String serverRouteId) {
    return db.write(
        "Could not record that the draft was published",
        c -> {
          return updateExistingDraft(
              c,
              id,
              "UPDATE draft SET state = 'PUBLISHED', server_route_id = ?, last_error = NULL,"
                  + " updated_at = ? WHERE id = ?",
              serverRouteId,
              db.now().toEpochMilli(),
              id.toString());
        });
  }

  /**
   * Puts a draft back to DRAFT or FAILED with the reason the publish did not happen.
   *
   * @param clearPublishToken true when Flowroute certainly did not create the route (it refused, or
   *     nothing was sent); false when the outcome of a sent request is unknown
   */
  Draft returnToDraft(UUID id, DraftState state, String lastError, boolean clearPublishToken) {
    if (!state.isEditable()) {
      throw new IllegalArgumentException("A draft can only return to DRAFT or FAILED: " + state);
    }
    return db.write(
        "Could not save the draft's state",
        c -> {
          return updateExistingDraft(
              c,
              id,
              "UPDATE draft SET state = ?, last_error = ?, updated_at = ?"
                  + (clearPublishToken ? ", publish_token = NULL" : "")
                  + " WHERE id = ?",
              state.name(),
              lastError,
              db.now().toEpochMilli(),
              id.toString());
        });
  }

  // ---------------------------------------------------------------------------------------------
  // Pending assignments

  /**
   * "When this draft is published, make it {@code slot} of {@code number}." Adding the same one
   * twice changes nothing. Returns true when it was added.
   */
  boolean addPendingAssignment(UUID draftId, String number, VoiceSlot slot) {
    return addPendingAssignments(draftId, List.of(number), slot) == 1;
  }

  /** Adds many in one transaction; returns how many were new. */
  int addPendingAssignments(UUID draftId, Collection<String> numbers, VoiceSlot slot) {
    requirePhoneDigits(numbers);
    return db.write(
        "Could not save the pending assignments",
        c -> {
          if (findDraft(c, draftId).isEmpty()) {
            throw new DraftNotFoundException(draftId);
          }
          long now = db.now().toEpochMilli();
          return updateEach(
              c,
              INSERT_PENDING_ASSIGNMENT,
              numbers,
              n -> new Object[] {draftId.toString(), n, slot.name(), now});
        });
  }

  /**
   * "When this draft is published, make it {@code slot} of these numbers", replacing what another
   * draft had pending for the same number and slot (a slot holds one route, so the latest choice
   * wins). One transaction; returns how many were new for this draft.
   *
   * @throws DraftNotFoundException when the draft does not exist
   * @throws IllegalStateException when the draft is already published (assign its route instead)
   */
  int assignPending(UUID draftId, Collection<String> numbers, VoiceSlot slot) {
    requirePhoneDigits(numbers);
    return db.write(
        "Could not save the pending assignments",
        c -> {
          Draft draft =
              findDraft(c, draftId).orElseThrow(() -> new DraftNotFoundException(draftId));
          if (draft.state() == DraftState.PUBLISHED) {
            throw new IllegalStateException(
                "This draft is already published as route "
                    + draft.serverRouteId()
                    + "; assign that route instead.");
          }
          int added = 0;
          long now = db.now().toEpochMilli();
          try (PreparedStatement others =
                  c.prepareStatement(
                      "DELETE FROM pending_assignment WHERE number = ? AND slot = ?"
                          + " AND draft_id <> ?");
              PreparedStatement insert = c.prepareStatement(INSERT_PENDING_ASSIGNMENT)) {
            for (String n : numbers) {
              bind(others, n, slot.name(), draftId.toString());
              others.executeUpdate();
              bind(insert, draftId.toString(), n, slot.name(), now);
              added += insert.executeUpdate();
            }
          }
          return added;
        });
  }

  boolean removePendingAssignment(UUID draftId, String number, VoiceSlot slot) {
    return removePendingAssignments(
            draftId, List.of(new PendingAssignment(draftId, number, slot, Instant.EPOCH)))
        == 1;
  }

  /** Removes these (matched by draft, number and slot) in one transaction; returns the count. */
  int removePendingAssignments(UUID draftId, Collection<PendingAssignment> assignments) {
    return removePendingAssignments(
        assignments.stream()
            .map(a -> new PendingAssignment(draftId, a.number(), a.slot(), a.addedAt()))
            .toList());
  }

  /**
   * Removes these pending assignments, whichever drafts they belong to, in one transaction; returns
   * how many existed.
   */
  int removePendingAssignments(Collection<PendingAssignment> assignments) {
    return db.write(
        "Could not remove the pending assignments",
        c ->
            updateEach(
                c,
                "DELETE FROM pending_assignment WHERE draft_id = ? AND number = ? AND slot = ?",
                assignments,
                a -> new Object[] {a.draftId().toString(), a.number(), a.slot().name()}));
  }

  /** A draft's pending assignments, in the order they were added. */
  List<PendingAssignment> pendingAssignments(UUID draftId) {
    return db.read(
        "Could not read the pending assignments",
        c ->
            query(
                c,
                "SELECT draft_id, number, slot, added_at FROM pending_assignment"
                    + " WHERE draft_id = ? ORDER BY added_at, rowid",
                DraftTables::toAssignment,
                draftId.toString()));
  }

  /** Every draft's pending assignments (for badges in the numbers table). */
  List<PendingAssignment> allPendingAssignments() {
    return db.read(
        "Could not read the pending assignments",
        c ->
            query(
                c,
                "SELECT draft_id, number, slot, added_at FROM pending_assignment"
                    + " ORDER BY added_at, rowid",
                DraftTables::toAssignment));
  }

  /** Copies drafts read from a damaged file into this (new) database, keeping ids and states. */
  void restore(List<Draft> drafts, List<PendingAssignment> assignments) {
    db.write(
        "Could not restore the recovered drafts",
        c -> {
          for (Draft d : drafts) {
            insertDraft(c, d);
          }
          updateEach(
              c,
              INSERT_PENDING_ASSIGNMENT,
              assignments,
              a ->
                  new Object[] {
                    a.draftId().toString(), a.number(), a.slot().name(), a.addedAt().toEpochMilli()
                  });
          return null;
        });
  }

  private static void checkDraftText(NewRoute route) {
    if (route.value() != null && route.value().length() > LocalStore.MAX_DRAFT_TEXT) {
      throw new IllegalArgumentException(
          "The value is too long (" + route.value().length() + " characters).");
    }
    if (route.alias() != null && route.alias().length() > LocalStore.MAX_DRAFT_TEXT) {
      throw new IllegalArgumentException(
          "The alias is too long (" + route.alias().length() + " characters).");
    }
  }

  private RuntimeException notEditable(Connection c, UUID id, String verb) throws SQLException {
    Optional<Draft> current = findDraft(c, id);
    if (current.isEmpty()) {
      return new DraftNotFoundException(id);
    }
    Draft d = current.get();
    return new IllegalStateException(
        d.state() == DraftState.PUBLISHING
            ? "This draft is being published; it can be " + verb + " once the result is known."
            : "This draft is already published as route "
                + d.serverRouteId()
                + "; change the route itself instead.");
  }

  private static void requirePhoneDigits(Collection<String> numbers) {
    for (String n : numbers) {
      if (!PhoneNumbers.isDigits(n)) {
        throw new IllegalArgumentException(
            "\"" + n + "\" is not a phone number: give its digits, e.g. 12065551212.");
      }
    }
  }

  private static void insertDraft(Connection c, Draft d) throws SQLException {
    update(
        c,
        "INSERT OR IGNORE INTO draft (id, type, value, alias, edge_strategy_id, created_at,"
            + " updated_at, state, last_error, server_route_id, publish_token)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        d.id().toString(),
        d.type().name(),
        d.value(),
        d.alias(),
        d.edgeStrategyId(),
        d.createdAt().toEpochMilli(),
        d.updatedAt().toEpochMilli(),
        d.state().name(),
        d.lastError(),
        d.serverRouteId(),
        d.publishToken());
  }

  private static Optional<Draft> findDraft(Connection c, UUID id) throws SQLException {
    return query(c, "SELECT * FROM draft WHERE id = ?", DraftTables::toDraft, id.toString())
        .stream()
        .findFirst();
  }

  /** The draft as it is now, read in the same transaction that just changed it. */
  private static Draft existingDraft(Connection c, UUID id) throws SQLException {
    return findDraft(c, id).orElseThrow(() -> new DraftNotFoundException(id));
  }

  /** Runs an UPDATE of one draft's row; the draft afterwards, or not found when no row matched. */
  private static Draft updateExistingDraft(Connection c, UUID id, String sql, Object... parameters)
      throws SQLException {
    if (update(c, sql, parameters) == 0) {
      throw new DraftNotFoundException(id);
    }
    return existingDraft(c, id);
  }

  private static Draft toDraft(ResultSet rs) throws SQLException {
    return new Draft(
        UUID.fromString(rs.getString("id")),
        RouteType.valueOf(rs.getString("type")),
        rs.getString("value"),
        rs.getString("alias"),
        getInteger(rs, "edge_strategy_id"),
        Instant.ofEpochMilli(rs.getLong("created_at")),
        Instant.ofEpochMilli(rs.getLong("updated_at")),
        DraftState.valueOf(rs.getString("state")),
        rs.getString("last_error"),
        rs.getString("server_route_id"),
        rs.getString("publish_token"));
  }

  private static PendingAssignment toAssignment(ResultSet rs) throws SQLException {
    return new PendingAssignment(
        UUID.fromString(rs.getString(1)),
        rs.getString(2),
        VoiceSlot.valueOf(rs.getString(3)),
        Instant.ofEpochMilli(rs.getLong(4)));
  }
}
