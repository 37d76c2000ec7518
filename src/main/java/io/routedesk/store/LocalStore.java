package io.routedesk.store;

import io.routedesk.domain.Draft;
import io.routedesk.domain.DraftState;
import io.routedesk.domain.EdgeStrategy;
import io.routedesk.domain.NewRoute;
import io.routedesk.domain.NumberRouting;
import io.routedesk.domain.PendingAssignment;
import io.routedesk.domain.PhoneNumber;
import io.routedesk.domain.PhoneNumbers;
import io.routedesk.domain.Route;
import io.routedesk.domain.RouteType;
import io.routedesk.domain.VoiceSlot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * One account's local data in SQLite: the cached account (routes, numbers, routing, edge
 * strategies), draft routes with their pending assignments, and the history of routing changes.
 *
 * <p>Every method is blocking disk work: call it from a worker thread, never the FX thread. Every
 * write is one transaction committed with {@code synchronous=FULL} in WAL mode, so when a method
 * returns its change is on disk and survives a crash or power cut. Methods are thread-safe (one
 * connection, used under a lock).
 *
 * <p>Opening never fails because of a bad file: see {@link #open(Path)} and {@link OpenReport}.
 */
public final class LocalStore implements AutoCloseable {

  /** Longest alias or value a draft may hold (far above Flowroute's limits; guards the UI). */
  public static final int MAX_DRAFT_TEXT = 4096;

  private static final int BATCH_SIZE = 1_000;
  private static final Pattern SAFE_ACCOUNT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
  private static final String META_REFRESHED_AT = "refreshed_at";
  private static final String INSERT_ROUTING =
      "INSERT OR REPLACE INTO number_routing (number, primary_route_id, failover_route_id)"
          + " VALUES (?, ?, ?)";
  private static final String INSERT_PENDING_ASSIGNMENT =
      "INSERT OR IGNORE INTO pending_assignment (draft_id, number, slot, added_at)"
          + " VALUES (?, ?, ?, ?)";

  private final ReentrantLock lock = new ReentrantLock();
  private final Connection connection;
  private final Path file;
  private final OpenReport openReport;
  private final Clock clock;
  private boolean closed;

  LocalStore(Connection connection, Path file, OpenReport openReport, Clock clock) {
    this.connection = connection;
    this.file = file;
    this.openReport = openReport;
    this.clock = clock;
  }

  // ---------------------------------------------------------------------------------------------
  // Opening

  /** {@code AppDirs.data()/accounts/<accountId>.db}; unusual ids get a stable hashed file name. */
  public static Path databaseFile(AppDirs dirs, String accountId) {
    if (accountId == null || accountId.isBlank()) {
      throw new IllegalArgumentException("An account id is needed to find its local database.");
    }
    String id = accountId.trim();
    String name = SAFE_ACCOUNT_ID.matcher(id).matches() ? id : "account-" + sha256Prefix(id);
    return dirs.data().resolve("accounts").resolve(name + ".db");
  }

  /** Opens (creating, migrating or recovering as needed) the database of one account. */
  public static LocalStore open(AppDirs dirs, String accountId) {
    return open(databaseFile(dirs, accountId));
  }

  /**
   * Opens the database at {@code file}. Never throws because of the file: an unusable one is moved
   * aside and replaced, readable drafts carried over; if nothing can be written the store works in
   * memory. {@link #openReport()} says which, for the UI to show.
   */
  public static LocalStore open(Path file) {
    return open(file, Clock.systemUTC());
  }

  public static LocalStore open(Path file, Clock clock) {
    return StoreOpener.open(file, clock);
  }

  /**
   * A new, empty store kept in memory only: nothing survives {@link #close()}. For previews and
   * tests that need the store's behaviour without a file.
   */
  public static LocalStore inMemory() {
    return StoreOpener.inMemory(Clock.systemUTC());
  }

  /**
   * Gets the SQLite engine ready ahead of the first {@link #open}: loads it (its native library is
   * unpacked to the temporary folder on first use) and the store's code, by creating and closing an
   * in-memory database. For start-up, on a background thread, so that opening the account's
   * database later is quick. Never throws: a broken engine shows when a database is opened.
   */
  public static void warmUp() {
    try {
      inMemory().close();
    } catch (RuntimeException e) {
      // Opening the account's database runs into the same problem and reports it there.
    }
  }

  /** What happened at opening (created, migrated, recovered, temporary). */
  public OpenReport openReport() {
    return openReport;
  }

  /** The database file, or empty when working in memory ({@link OpenReport.Status#TEMPORARY}). */
  public Optional<Path> file() {
    return Optional.ofNullable(file);
  }

  /** The schema version of the open database. */
  public int schemaVersion() {
    return read("read the schema version", Migrations::currentVersion);
  }

  @Override
  public void close() {
    lock.lock();
    try {
      if (!closed) {
        closed = true;
        connection.close();
      }
    } catch (SQLException e) {
      throw StoreException.wrap("Could not close the local database", e);
    } finally {
      lock.unlock();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Cache: the last known state of the account

  /**
   * Replaces the cached account with a new listing, in one transaction: either all of it is saved
   * or the previous snapshot stays. Duplicates (a listing that shifted while paging) keep the last
   * one.
   */
  public void replaceSnapshot(
      Collection<Route> routes,
      Collection<PhoneNumber> numbers,
      Collection<NumberRouting> routings,
      Collection<EdgeStrategy> edgeStrategies,
      Instant refreshedAt) {
    write(
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
              LocalStore::routeParameters);
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
          insertBatched(c, INSERT_ROUTING, routings, LocalStore::routingParameters);
          insertBatched(
              c,
              "INSERT OR REPLACE INTO edge_strategy (id, name, description, naptr,"
                  + " firewall_rules) VALUES (?, ?, ?, ?, ?)",
              edgeStrategies,
              e -> new Object[] {e.id(), e.name(), e.description(), e.naptr(), e.firewallRules()});
          putMeta(c, META_REFRESHED_AT, Long.toString(refreshedAt.toEpochMilli()));
          return null;
        });
  }

  /** The cached account, in the order it was listed; {@link AccountSnapshot#EMPTY}-like if none. */
  public AccountSnapshot loadSnapshot() {
    return read(
        "Could not read the saved routes and numbers",
        c -> {
          List<Route> routes =
              query(
                  c,
                  "SELECT id, alias, type, value, edge_strategy_id FROM route ORDER BY rowid",
                  LocalStore::toRoute);
          List<PhoneNumber> numbers =
              query(
                  c,
                  "SELECT number, alias, rate_center, state, number_type,"
                      + " cnam_lookups_enabled FROM phone_number ORDER BY rowid",
                  LocalStore::toPhoneNumber);
          List<NumberRouting> routings =
              query(
                  c,
                  "SELECT number, primary_route_id, failover_route_id FROM number_routing"
                      + " ORDER BY rowid",
                  LocalStore::toRouting);
          List<EdgeStrategy> edges =
              query(
                  c,
                  "SELECT id, name, description, naptr, firewall_rules FROM edge_strategy"
                      + " ORDER BY rowid",
                  LocalStore::toEdgeStrategy);
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
  public Optional<Instant> lastRefresh() {
    return read(
        "Could not read the last refresh time",
        c -> {
          String v = getMeta(c, META_REFRESHED_AT);
          return Optional.ofNullable(v).map(s -> Instant.ofEpochMilli(Long.parseLong(s)));
        });
  }

  /** Records a routing change Flowroute confirmed (null routeId: the slot was cleared). */
  public void applyRouting(String number, VoiceSlot slot, String routeId) {
    write(
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
  public void applyRoutings(Collection<NumberRouting> routings) {
    if (routings.isEmpty()) {
      return;
    }
    write(
        "Could not save the numbers' new routes",
        c -> {
          insertBatched(c, INSERT_ROUTING, routings, LocalStore::routingParameters);
          return null;
        });
  }

  /** Adds or replaces one route in the cache (a route just created or edited on Flowroute). */
  public void upsertRoute(Route route) {
    write(
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
  public boolean deleteRoute(String routeId) {
    return write(
        "Could not remove the route from the saved copy",
        c -> update(c, "DELETE FROM route WHERE id = ?", routeId) == 1);
  }

  /** The cached routing of these numbers (numbers without a cached routing are left out). */
  public Map<String, NumberRouting> cachedRoutings(Collection<String> numbers) {
    return read(
        "Could not read the numbers' routing",
        c -> {
          Map<String, NumberRouting> out = new LinkedHashMap<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT number, primary_route_id, failover_route_id FROM number_routing"
                      + " WHERE number = ?")) {
            for (String n : numbers) {
              bind(ps, n);
              List<NumberRouting> found = rows(ps, LocalStore::toRouting);
              if (!found.isEmpty()) {
                out.put(n, found.getFirst());
              }
            }
          }
          return out;
        });
  }

  // ---------------------------------------------------------------------------------------------
  // Drafts

  /**
   * Saves a new draft (state DRAFT). The route need not be valid yet: it is checked when published.
   * Durable when this returns.
   */
  public Draft createDraft(NewRoute route) {
    checkDraftText(route);
    Instant now = now();
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
    write(
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
  public Draft updateDraft(UUID id, NewRoute route) {
    checkDraftText(route);
    return write(
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
                  now().toEpochMilli(),
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
  public boolean deleteDraft(UUID id) {
    return write(
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

  public Optional<Draft> findDraft(UUID id) {
    return read("Could not read the draft", c -> findDraft(c, id));
  }

  /** All drafts, oldest first. */
  public List<Draft> listDrafts() {
    return read(
        "Could not read the drafts",
        c -> query(c, "SELECT * FROM draft ORDER BY created_at, rowid", LocalStore::toDraft));
  }

  /** Drafts in one state, oldest first. */
  public List<Draft> listDrafts(DraftState state) {
    return read(
        "Could not read the drafts",
        c ->
            query(
                c,
                "SELECT * FROM draft WHERE state = ? ORDER BY created_at, rowid",
                LocalStore::toDraft,
                state.name()));
  }

  /**
   * Records, before the create request is sent, that this draft is being published with {@code
   * publishToken}. Compare-and-set: returns empty (and changes nothing) unless the draft is DRAFT
   * or FAILED, so two publishers of one draft cannot both send it.
   */
  public Optional<Draft> beginPublishing(UUID id, String publishToken) {
    return write(
        "Could not record that the draft is being published",
        c -> {
          int updated =
              update(
                  c,
                  "UPDATE draft SET state = 'PUBLISHING', publish_token = ?, last_error = NULL,"
                      + " updated_at = ? WHERE id = ? AND state IN ('DRAFT', 'FAILED')",
                  publishToken,
                  now().toEpochMilli(),
                  id.toString());
          return updated == 0 ? Optional.<Draft>empty() : findDraft(c, id);
        });
  }

  /** Records that Flowroute has the draft's route, as {@code serverRouteId}. */
  public Draft markPublished(UUID id, String serverRouteId) {
    return write(
        "Could not record that the draft was published",
        c -> {
          return updateExistingDraft(
              c,
              id,
              "UPDATE draft SET state = 'PUBLISHED', server_route_id = ?, last_error = NULL,"
                  + " updated_at = ? WHERE id = ?",
              serverRouteId,
              now().toEpochMilli(),
              id.toString());
        });
  }

  /**
   * Puts a draft back to DRAFT or FAILED with the reason the publish did not happen.
   *
   * @param clearPublishToken true when Flowroute certainly did not create the route (it refused, or
   *     nothing was sent); false when the outcome of a sent request is unknown
   */
  public Draft returnToDraft(
      UUID id, DraftState state, String lastError, boolean clearPublishToken) {
    if (!state.isEditable()) {
      throw new IllegalArgumentException("A draft can only return to DRAFT or FAILED: " + state);
    }
    return write(
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
              now().toEpochMilli(),
              id.toString());
        });
  }

  // ---------------------------------------------------------------------------------------------
  // Pending assignments

  /**
   * "When this draft is published, make it {@code slot} of {@code number}." Adding the same one
   * twice changes nothing. Returns true when it was added.
   */
  public boolean addPendingAssignment(UUID draftId, String number, VoiceSlot slot) {
    return addPendingAssignments(draftId, List.of(number), slot) == 1;
  }

  /** Adds many in one transaction; returns how many were new. */
  public int addPendingAssignments(UUID draftId, Collection<String> numbers, VoiceSlot slot) {
    requirePhoneDigits(numbers);
    return write(
        "Could not save the pending assignments",
        c -> {
          if (findDraft(c, draftId).isEmpty()) {
            throw new DraftNotFoundException(draftId);
          }
          long now = now().toEpochMilli();
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
  public int assignPending(UUID draftId, Collection<String> numbers, VoiceSlot slot) {
    requirePhoneDigits(numbers);
    return write(
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
          long now = now().toEpochMilli();
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

  public boolean removePendingAssignment(UUID draftId, String number, VoiceSlot slot) {
    return removePendingAssignments(
            draftId, List.of(new PendingAssignment(draftId, number, slot, Instant.EPOCH)))
        == 1;
  }

  /** Removes these (matched by draft, number and slot) in one transaction; returns the count. */
  public int removePendingAssignments(UUID draftId, Collection<PendingAssignment> assignments) {
    return removePendingAssignments(
        assignments.stream()
            .map(a -> new PendingAssignment(draftId, a.number(), a.slot(), a.addedAt()))
            .toList());
  }

  /**
   * Removes these pending assignments, whichever drafts they belong to, in one transaction; returns
   * how many existed.
   */
  public int removePendingAssignments(Collection<PendingAssignment> assignments) {
    return write(
        "Could not remove the pending assignments",
        c ->
            updateEach(
                c,
                "DELETE FROM pending_assignment WHERE draft_id = ? AND number = ? AND slot = ?",
                assignments,
                a -> new Object[] {a.draftId().toString(), a.number(), a.slot().name()}));
  }

  /** A draft's pending assignments, in the order they were added. */
  public List<PendingAssignment> pendingAssignments(UUID draftId) {
    return read(
        "Could not read the pending assignments",
        c ->
            query(
                c,
                "SELECT draft_id, number, slot, added_at FROM pending_assignment"
                    + " WHERE draft_id = ? ORDER BY added_at, rowid",
                LocalStore::toAssignment,
                draftId.toString()));
  }

  /** Every draft's pending assignments (for badges in the numbers table). */
  public List<PendingAssignment> allPendingAssignments() {
    return read(
        "Could not read the pending assignments",
        c ->
            query(
                c,
                "SELECT draft_id, number, slot, added_at FROM pending_assignment"
                    + " ORDER BY added_at, rowid",
                LocalStore::toAssignment));
  }

  // ---------------------------------------------------------------------------------------------
  // Change history

  /**
   * Records a batch of routing changes as PENDING, before any is sent: if the app stops mid-way,
   * {@link #unfinishedChanges()} shows what may or may not have been applied.
   */
  public void recordPlannedChanges(UUID batchId, Collection<PlannedChange> changes) {
    write(
        "Could not record the planned changes",
        c -> {
          long now = now().toEpochMilli();
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
  public int recordChangeOutcomes(UUID batchId, Collection<ChangeResult> results) {
    return write(
        "Could not record the outcome of the changes",
        c -> {
          long now = now().toEpochMilli();
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
                  applyRouting(c, r.number(), r.slot(), newRouteId);
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
  public List<ChangeRecord> changeBatch(UUID batchId) {
    return read(
        "Could not read the change history",
        c ->
            query(
                c,
                "SELECT * FROM change_history WHERE batch_id = ? ORDER BY id",
                LocalStore::toChange,
                batchId.toString()));
  }

  /** The most recent {@code limit} changes, newest first. */
  public List<ChangeRecord> recentChanges(int limit) {
    return read(
        "Could not read the change history",
        c ->
            query(
                c,
                "SELECT * FROM change_history ORDER BY id DESC LIMIT ?",
                LocalStore::toChange,
                limit));
  }

  /** Changes still PENDING: the app stopped before their outcome was known. Oldest first. */
  public List<ChangeRecord> unfinishedChanges() {
    return read(
        "Could not read the change history",
        c ->
            query(
                c,
                "SELECT * FROM change_history WHERE outcome = 'PENDING' ORDER BY id",
                LocalStore::toChange));
  }

  // ---------------------------------------------------------------------------------------------
  // Recovery support

  /** Copies drafts read from a damaged file into this (new) database, keeping ids and states. */
  void restore(List<Draft> drafts, List<PendingAssignment> assignments) {
    write(
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

  /** Runs SQLite's full integrity check; "ok" when the file is sound. */
  public String integrityCheck() {
    return read(
        "Could not check the local database",
        c -> {
          String result = firstPragmaValue(c, "integrity_check");
          return result == null ? "ok" : result;
        });
  }

  /** A PRAGMA's current value, for tests and diagnostics (journal_mode, synchronous, ...). */
  String pragma(String name) {
    return read("Could not read a database setting", c -> firstPragmaValue(c, name));
  }

  // ---------------------------------------------------------------------------------------------
  // Internals

  @FunctionalInterface
  private interface SqlWork<T> {
    T run(Connection c) throws SQLException;
  }

  private <T> T read(String whatFailed, SqlWork<T> work) {
    lock.lock();
    try {
      ensureOpen();
      return work.run(connection);
    } catch (SQLException e) {
      throw StoreException.wrap(whatFailed, e);
    } finally {
      lock.unlock();
    }
  }

  /** One IMMEDIATE transaction; committed (and fsynced) before returning, rolled back on error. */
  private <T> T write(String whatFailed, SqlWork<T> work) {
    lock.lock();
    try {
      ensureOpen();
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw StoreException.wrap(whatFailed, e);
    } finally {
      lock.unlock();
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("The local database was closed.");
    }
  }

  private void rollbackQuietly() {
    try {
      connection.rollback();
    } catch (SQLException ignored) {
      // The original failure is what the caller needs to see.
    }
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  private static void checkDraftText(NewRoute route) {
    if (route.value() != null && route.value().length() > MAX_DRAFT_TEXT) {
      throw new IllegalArgumentException(
          "The value is too long (" + route.value().length() + " characters).");
    }
    if (route.alias() != null && route.alias().length() > MAX_DRAFT_TEXT) {
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
    return query(c, "SELECT * FROM draft WHERE id = ?", LocalStore::toDraft, id.toString()).stream()
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

  private static void applyRouting(Connection c, String number, VoiceSlot slot, String routeId)
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

  private static String firstPragmaValue(Connection c, String name) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA " + name)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  // ---- statements: each written once, run through these ------------------------------------

  /** Reads one row of a result into a value. */
  @FunctionalInterface
  private interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  /**
   * Sets the parameters in order: {@code String}, {@code Long}, {@code Integer}, or null for SQL
   * NULL (sqlite-jdbc binds a null the same way whatever its declared type).
   */
  private static void bind(PreparedStatement ps, Object... parameters) throws SQLException {
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
  private static int update(Connection c, String sql, Object... parameters) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, parameters);
      return ps.executeUpdate();
    }
  }

  /** Runs one statement per item, prepared once; returns how many rows they changed in all. */
  private static <T> int updateEach(
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
  private static <T> void insertBatched(
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

  private static <T> List<T> query(
      Connection c, String sql, RowMapper<T> mapper, Object... parameters) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, parameters);
      return rows(ps, mapper);
    }
  }

  /** Runs a prepared, bound query; its rows in order (a mapper may return null). */
  private static <T> List<T> rows(PreparedStatement ps, RowMapper<T> mapper) throws SQLException {
    List<T> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(mapper.map(rs));
      }
    }
    return out;
  }

  // ---- rows and parameters of each table ----------------------------------------------------

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

  private static Integer getInteger(ResultSet rs, String column) throws SQLException {
    int v = rs.getInt(column);
    return rs.wasNull() ? null : v;
  }

  private static Integer getInteger(ResultSet rs, int column) throws SQLException {
    int v = rs.getInt(column);
    return rs.wasNull() ? null : v;
  }

  private static String sha256Prefix(String s) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
