package io.routedesk.store;

import io.routedesk.domain.Draft;
import io.routedesk.domain.DraftState;
import io.routedesk.domain.EdgeStrategy;
import io.routedesk.domain.NewRoute;
import io.routedesk.domain.NumberRouting;
import io.routedesk.domain.PendingAssignment;
import io.routedesk.domain.PhoneNumber;
import io.routedesk.domain.Route;
import io.routedesk.domain.VoiceSlot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One account's local data in SQLite: the cached account (routes, numbers, routing, edge
 * strategies) and draft routes with their pending assignments. The entry point: it opens the
 * database and hands each call to the family of tables it concerns ({@link CachedAccountTables},
 * {@link DraftTables}). The change journal shares its database and connection: see {@link
 * ChangeJournal}.
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

  private static final Pattern SAFE_ACCOUNT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

  private final StoreConnection db;
  private final Path file;
  private final OpenReport openReport;
  private final CachedAccountTables cachedAccount;
  private final DraftTables drafts;

  LocalStore(Connection connection, Path file, OpenReport openReport, Clock clock) {
    this.db = new StoreConnection(connection, clock);
    this.file = file;
    this.openReport = openReport;
    this.cachedAccount = new CachedAccountTables(db);
    this.drafts = new DraftTables(db);
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

  /** The connection the change journal shares with the store's own tables. */
  StoreConnection connection() {
    return db;
  }

  /** The schema version of the open database. */
  public int schemaVersion() {
    return db.read("read the schema version", Migrations::currentVersion);
  }

  @Override
  public void close() {
    db.close();
  }

  // ---------------------------------------------------------------------------------------------
  // Cache: the last known state of the account

  /**
   * Replaces the cached account with a new listing, in one transaction: either all of it is saved
   * or the previous snapshot stays. Duplicates (a listing that shifted while paging) keep the last
   * one.
   *
   * @return the snapshot as saved: what {@link #loadSnapshot()} now reads
   */
  public AccountSnapshot replaceSnapshot(
      Collection<Route> routes,
      Collection<PhoneNumber> numbers,
      Collection<NumberRouting> routings,
      Collection<EdgeStrategy> edgeStrategies,
      Instant refreshedAt) {
    return cachedAccount.replaceSnapshot(routes, numbers, routings, edgeStrategies, refreshedAt);
  }

  /** The cached account, in the order it was listed; {@link AccountSnapshot#EMPTY}-like if none. */
  public AccountSnapshot loadSnapshot() {
    return cachedAccount.loadSnapshot();
  }

  /** When the cache was last replaced by a full refresh, if ever. */
  public Optional<Instant> lastRefresh() {
    return cachedAccount.lastRefresh();
  }

  /**
   * Whether Flowroute's multi-number details call worked on this account when last tried (false
   * when never tried), so the next session can use it from its first read.
   */
  public boolean detailsManyAtOnce() {
    return cachedAccount.detailsManyAtOnce();
  }

  public void rememberDetailsManyAtOnce(boolean worked) {
    cachedAccount.rememberDetailsManyAtOnce(worked);
  }

  /** Records a routing change Flowroute confirmed (null routeId: the slot was cleared). */
  public void applyRouting(String number, VoiceSlot slot, String routeId) {
    cachedAccount.applyRouting(number, slot, routeId);
  }

  /**
   * Records the routing Flowroute confirmed for several numbers (both slots of each), in one
   * transaction: after a bulk assignment, one commit instead of one per number.
   */
  public void applyRoutings(Collection<NumberRouting> routings) {
    cachedAccount.applyRoutings(routings);
  }

  /** Adds or replaces one route in the cache (a route just created or edited on Flowroute). */
  public void upsertRoute(Route route) {
    cachedAccount.upsertRoute(route);
  }

  /**
   * Removes a route from the cache (it was deleted on Flowroute). Flowroute refuses to delete a
   * route that numbers use, so no cached routing points at it.
   */
  public boolean deleteRoute(String routeId) {
    return cachedAccount.deleteRoute(routeId);
  }

  /** The cached routing of these numbers (numbers without a cached routing are left out). */
  public Map<String, NumberRouting> cachedRoutings(Collection<String> numbers) {
    return cachedAccount.cachedRoutings(numbers);
  }

  // ---------------------------------------------------------------------------------------------
  // Drafts and their pending assignments

  /**
   * Saves a new draft (state DRAFT). The route need not be valid yet: it is checked when published.
   * Durable when this returns.
   */
  public Draft createDraft(NewRoute route) {
    return drafts.createDraft(route);
  }

  /**
   * Replaces a draft's type, value, alias and edge strategy, and clears its last error (it was
   * about the old content). Only DRAFT and FAILED drafts can be edited.
   *
   * @throws DraftNotFoundException when the draft does not exist
   * @throws IllegalStateException when it is being published or already published
   */
  public Draft updateDraft(UUID id, NewRoute route) {
    return drafts.updateDraft(id, route);
  }

  /**
   * Deletes a draft and its pending assignments. Returns false when it did not exist. A draft being
   * published cannot be deleted (its outcome must be known first).
   */
  public boolean deleteDraft(UUID id) {
    return drafts.deleteDraft(id);
  }

  public Optional<Draft> findDraft(UUID id) {
    return drafts.findDraft(id);
  }

  /** All drafts, oldest first. */
  public List<Draft> listDrafts() {
    return drafts.listDrafts();
  }

  /** Drafts in one state, oldest first. */
  public List<Draft> listDrafts(DraftState state) {
    return drafts.listDrafts(state);
  }

  /**
   * Records, before the create request is sent, that this draft is being published with {@code
   * publishToken}. Compare-and-set: returns empty (and changes nothing) unless the draft is DRAFT
   * or FAILED, so two publishers of one draft cannot both send it.
   */
  public Optional<Draft> beginPublishing(UUID id, String publishToken) {
    return drafts.beginPublishing(id, publishToken);
  }

  /** Records that Flowroute has the draft's route, as {@code serverRouteId}. */
  public Draft markPublished(UUID id, String serverRouteId) {
    return drafts.markPublished(id, serverRouteId);
  }

  /**
   * Puts a draft back to DRAFT or FAILED with the reason the publish did not happen.
   *
   * @param clearPublishToken true when Flowroute certainly did not create the route (it refused, or
   *     nothing was sent); false when the outcome of a sent request is unknown
   */
  public Draft returnToDraft(
      UUID id, DraftState state, String lastError, boolean clearPublishToken) {
    return drafts.returnToDraft(id, state, lastError, clearPublishToken);
  }

  /**
   * "When this draft is published, make it {@code slot} of {@code number}." Adding the same one
   * twice changes nothing. Returns true when it was added.
   */
  public boolean addPendingAssignment(UUID draftId, String number, VoiceSlot slot) {
    return drafts.addPendingAssignment(draftId, number, slot);
  }

  /** Adds many in one transaction; returns how many were new. */
  public int addPendingAssignments(UUID draftId, Collection<String> numbers, VoiceSlot slot) {
    return drafts.addPendingAssignments(draftId, numbers, slot);
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
    return drafts.assignPending(draftId, numbers, slot);
  }

  public boolean removePendingAssignment(UUID draftId, String number, VoiceSlot slot) {
    return drafts.removePendingAssignment(draftId, number, slot);
  }

  /** Removes these (matched by draft, number and slot) in one transaction; returns the count. */
  public int removePendingAssignments(UUID draftId, Collection<PendingAssignment> assignments) {
    return drafts.removePendingAssignments(draftId, assignments);
  }

  /**
   * Removes these pending assignments, whichever drafts they belong to, in one transaction; returns
   * how many existed.
   */
  public int removePendingAssignments(Collection<PendingAssignment> assignments) {
    return drafts.removePendingAssignments(assignments);
  }

  /**
   * Drops the pending assignments (of any draft) for these slots of these numbers, in one
   * transaction: a change that landed on a slot replaces what a draft still had waiting for it.
   */
  public int dropPendingAssignments(Map<String, ? extends Collection<VoiceSlot>> slotsByNumber) {
    return drafts.dropPendingAssignments(slotsByNumber);
  }

  /** A draft's pending assignments, in the order they were added. */
  public List<PendingAssignment> pendingAssignments(UUID draftId) {
    return drafts.pendingAssignments(draftId);
  }

  /** Every draft's pending assignments (for badges in the numbers table). */
  public List<PendingAssignment> allPendingAssignments() {
    return drafts.allPendingAssignments();
  }

  /** Copies drafts read from a damaged file into this (new) database, keeping ids and states. */
  void restore(List<Draft> drafts, List<PendingAssignment> assignments) {
    this.drafts.restore(drafts, assignments);
  }

  // ---------------------------------------------------------------------------------------------
  // Diagnostics

  /** Runs SQLite's full integrity check; "ok" when the file is sound. */
  public String integrityCheck() {
    return db.read(
        "Could not check the local database",
        c -> {
          String result = Sql.firstPragmaValue(c, "integrity_check");
          return result == null ? "ok" : result;
        });
  }

  /** A PRAGMA's current value, for tests and diagnostics (journal_mode, synchronous, ...). */
  String pragma(String name) {
    return db.read("Could not read a database setting", c -> Sql.firstPragmaValue(c, name));
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
