package io.routedesk.service;

import io.routedesk.domain.NewRoute;
import io.routedesk.domain.NumberDetails;
import io.routedesk.domain.NumberRouting;
import io.routedesk.domain.Plural;
import io.routedesk.domain.Route;
import io.routedesk.domain.VoiceSlot;
import io.routedesk.flowroute.BulkResult;
import io.routedesk.flowroute.CancellationToken;
import io.routedesk.flowroute.FlowrouteClient;
import io.routedesk.flowroute.FlowrouteException;
import io.routedesk.store.ApplyLock;
import io.routedesk.store.BatchKind;
import io.routedesk.store.ChangeJournal;
import io.routedesk.store.ChangeOutcome;
import io.routedesk.store.EntryOutcome;
import io.routedesk.store.JournalBatch;
import io.routedesk.store.JournalEntry;
import io.routedesk.store.LocalStore;
import io.routedesk.store.RouteChange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way changes reach live routing: number assignments (any kind of batch), route create,
 * edit and delete, and the undo or resumption of earlier batches.
 *
 * <p>Journal first, then the wire: a batch and every change it plans are committed to the account's
 * {@link ChangeJournal} before the first request; each number's outcome is committed as it lands
 * (group commit: outcomes arriving together share one transaction); the touched numbers are read
 * back and only that reading goes into the saved copy. A batch holds the account's {@link
 * ApplyLock}, so two windows or processes never send to the same account at once.
 *
 * <p>After a crash, {@link #findInterrupted()} re-reads the numbers of each unfinished batch and
 * classifies them by what Flowroute shows; {@link #resume}, {@link #undoDone} and {@link
 * #leaveAsIs} are the three ways on. {@link #previewUndo} and {@link #undo} restore any past batch,
 * skipping numbers whose routing changed since.
 *
 * <p>Methods return at once; the work runs on the given executor (it blocks on the client, so
 * virtual threads suit it).
 */
public final class ChangeEngine {
  private static final Logger LOG = LoggerFactory.getLogger(ChangeEngine.class);

  /** Numbers in flight at once; the client's own limiter decides how many requests go out. */
  static final int WINDOW = 64;

  private static final Duration LOCK_WAIT = Duration.ofSeconds(30);

  /**
   * Numbers read again together just before they are sent by {@link #applyIfUnchanged}: small, so
   * the time in which someone else's change could slip in stays seconds long.
   */
  public static final int RECHECK = 100;

  private final LocalStore store;
  private final ChangeJournal journal;
  private final FlowrouteClient client;
  private final Executor executor;
  private final ApplyLock lock;
  private final String user;

  /** Batches this process is sending now (not interrupted, even though they have no end yet). */
  private final Set<UUID> running = ConcurrentHashMap.newKeySet();

  public ChangeEngine(LocalStore store, FlowrouteClient client, Executor executor) {
    this(store, ChangeJournal.of(store), client, executor, ApplyLock.of(store), osUser());
  }

  private ChangeEngine(
      LocalStore store,
      ChangeJournal journal,
      FlowrouteClient client,
      Executor executor,
      ApplyLock lock,
      String user) {
    this.store = Objects.requireNonNull(store, "store");
    this.journal = journal;
    this.client = Objects.requireNonNull(client, "client");
    this.executor = Objects.requireNonNull(executor, "executor");
    this.lock = Objects.requireNonNull(lock, "lock");
    this.user = user;
  }

  /**
   * An engine that keeps no journal. Only to measure what the journal costs (the benchmark); never
   * for changes a person relies on.
   */
  public static ChangeEngine withoutJournalForMeasuring(
      LocalStore store, FlowrouteClient client, Executor executor) {
    return new ChangeEngine(store, null, client, executor, ApplyLock.of(store), osUser());
  }

  private static String osUser() {
    String name = System.getProperty("user.name");
    return name == null || name.isBlank() ? null : name;
  }

  /** The journal this engine writes (the history). */
  public ChangeJournal journal() {
    return journal;
  }

  // ---------------------------------------------------------------------------------------------
  // Number batches

  /** Journals the plan as a batch of {@code kind}, then sends it; see the class comment. */
  public CompletableFuture<BatchReport> apply(
      BatchKind kind, AssignmentPlan plan, BatchListener listener, CancellationToken cancel) {
    return locked(() -> runHeld(kind, null, plan, listener, cancel, () -> {}));
  }

  /**
   * Like {@link #apply}, for a plan made a while ago (a routing file): still one batch in the
   * history, but just before each part of {@link #RECHECK} numbers is sent, those numbers are read
   * again, and a number whose routing is no longer the plan's "before" is left alone (skipped, as a
   * conflict, with the routing found), so a change made since the plan is never overwritten. A
   * number that cannot be read again is not sent (failed).
   */
  public CompletableFuture<BatchReport> applyIfUnchanged(
      BatchKind kind, AssignmentPlan plan, BatchListener listener, CancellationToken cancel) {
    return locked(() -> runHeld(kind, null, plan, listener, cancel, () -> {}, true));
  }

  /**
   * Runs a plan while the caller already holds the account's lock (publishing). Blocking.
   *
   * @param afterJournaled runs once the batch is on disk, before the first request
   */
  BatchReport runHeld(
      BatchKind kind,
      UUID undoOf,
      AssignmentPlan plan,
      BatchListener listener,
      CancellationToken cancel,
      Runnable afterJournaled) {
    return runHeld(kind, undoOf, plan, listener, cancel, afterJournaled, false);
  }

  private BatchReport runHeld(
      BatchKind kind,
      UUID undoOf,
      AssignmentPlan plan,
      BatchListener listener,
      CancellationToken cancel,
      Runnable afterJournaled,
      boolean recheck) {
    if (plan.isEmpty()) {
      afterJournaled.run();
      return new BatchReport(plan, List.of(), Map.of(), cancel.isCancelled(), null);
    }
    UUID id = UUID.randomUUID();
    running.add(id);
    try {
      if (journal != null) {
        List<ChangeJournal.Planned> planned = new ArrayList<>(plan.size());
        for (NumberChange c : plan.changes()) {
          planned.add(new ChangeJournal.Planned(c.before(), c.after()));
        }
        journal.begin(
            new ChangeJournal.NewBatch(id, kind, plan.description(), user, undoOf), planned);
      }
      afterJournaled.run();
      BatchReport report = new Sender(id, plan, listener, cancel, recheck).run();
      if (journal != null) {
        journal.finish(id);
      }
      return report;
    } finally {
      running.remove(id);
    }
  }

  /** Holds the account's lock around blocking work on the executor. */
  private <T> CompletableFuture<T> locked(Supplier<T> work) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (ApplyLock.Held held = hold()) {
            return work.get();
          }
        },
        executor);
  }

  /** Takes the account's lock (waiting for another window's batch to end), or refuses. */
  ApplyLock.Held hold() {
    try {
      return lock.acquire(LOCK_WAIT)
          .orElseThrow(
              () ->
                  new ChangeRefusedException(
                      "Another RouteDesk window is sending changes to this account. Try again"
                          + " when it has finished."));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CompletionException(e);
    }
  }

  /** One batch on the wire: numbers in parallel, each number's requests in order. */
  private final class Sender {
    private final UUID id;
    private final AssignmentPlan plan;
    private final BatchListener listener;
    private final CancellationToken cancel;
    private final boolean recheck;
    private final OutcomeWriter writer;
    private final Map<String, NumberOutcome.Status> status = new ConcurrentHashMap<>();

    /** With recheck: numbers found changed since the plan, with the routing found. */
    private final Map<String, NumberRouting> changedSincePlan = new HashMap<>();

    /** With recheck: numbers that could not be read again, and why. */
    private final Map<String, String> unreadable = new HashMap<>();

    private final Map<String, String> reasons = new ConcurrentHashMap<>();
    private final AtomicLong writesDone = new AtomicLong();
    private final long totalWrites;

    Sender(
        UUID id,
        AssignmentPlan plan,
        BatchListener listener,
        CancellationToken cancel,
        boolean recheck) {
      this.id = id;
      this.plan = plan;
      this.listener = listener;
      this.cancel = cancel;
      this.recheck = recheck;
      this.writer = new OutcomeWriter(id);
      this.totalWrites = plan.changes().stream().mapToLong(c -> c.writes().size()).sum();
    }

    BatchReport run() {
      listener.progress(BatchListener.Phase.APPLYING, 0, totalWrites);
      Semaphore window = new Semaphore(WINDOW);
      List<CompletableFuture<Void>> inFlight = new ArrayList<>();
      List<NumberChange> changes = plan.changes();
      for (int i = 0; i < changes.size(); i++) {
        NumberChange change = changes.get(i);
        if (recheck && i % RECHECK == 0 && !cancel.isCancelled()) {
          readAgain(changes.subList(i, Math.min(changes.size(), i + RECHECK)));
        }
        String stop =
            cancel.isCancelled()
                ? "Cancelled before it was sent."
                : writer.failure() != null
                    ? "Not sent: the change journal could not be written ("
                        + writer.failure().getMessage()
                        + ")."
                    : null;
        if (stop != null) {
          finish(change.number(), NumberOutcome.Status.SKIPPED, stop);
          writesDone.addAndGet(change.writes().size());
          continue;
        }
        if (leftAlone(change)) {
          writesDone.addAndGet(change.writes().size());
          continue;
        }
        window.acquireUninterruptibly();
        inFlight.add(
            CompletableFuture.runAsync(() -> sendOne(change), executor)
                .whenComplete((v, e) -> window.release()));
      }
      CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).join();
      writer.awaitFlushed();
      return verify();
    }

    private void readAgain(List<NumberChange> part) {
      Map<String, NumberRouting> now = new HashMap<>();
      readInto(
          part.stream().map(NumberChange::number).toList(),
          now,
          unreadable,
          FlowrouteClient.ProgressListener.NONE);
      for (NumberChange c : part) {
        NumberRouting current = now.get(c.number());
        if (current != null && !current.equals(c.before())) {
          changedSincePlan.put(c.number(), current);
        }
      }
    }

    /** With recheck: true when the number was found changed or unreadable and is not sent. */
    private boolean leftAlone(NumberChange change) {
      String number = change.number();
      NumberRouting now = changedSincePlan.get(number);
      if (now != null) {
        finish(
            number,
            NumberOutcome.Status.SKIPPED,
            "Changed since the plan was made: now primary "
                + orNone(now.primaryRouteId())
                + ", failover "
                + orNone(now.failoverRouteId())
                + "; the plan expected "
                + orNone(change.before().primaryRouteId())
                + ", "
                + orNone(change.before().failoverRouteId())
                + ". Not changed.");
        return true;
      }
      String unread = unreadable.get(number);
      if (unread != null) {
        finish(
            number,
            NumberOutcome.Status.FAILED,
            "Not sent: its routing could not be read again just before the change ("
                + unread
                + ")");
        return true;
      }
      return false;
    }

    /** Sends one number's requests in order; once the first is sent, the rest follow. */
    private void sendOne(NumberChange change) {
      List<NumberChange.SlotWrite> writes = change.writes();
      int sent = 0;
      for (NumberChange.SlotWrite w : writes) {
        try {
          (w.routeId() == null
                  ? client.removeRoute(change.number(), w.slot())
                  : client.setRoute(change.number(), w.slot(), w.routeId()))
              .join();
          sent++;
          progress(1);
        } catch (RuntimeException e) {
          progress(writes.size() - sent);
          String reason = describe(w, e);
          finish(
              change.number(),
              NumberOutcome.Status.FAILED,
              sent == 0 ? reason : "Partly applied: " + reason);
          return;
        }
      }
      finish(change.number(), NumberOutcome.Status.DONE, "");
    }

    private void progress(long writes) {
      listener.progress(BatchListener.Phase.APPLYING, writesDone.addAndGet(writes), totalWrites);
    }

    private void finish(String number, NumberOutcome.Status s, String reason) {
      status.put(number, s);
      reasons.put(number, reason);
      writer.add(new EntryOutcome(number, toOutcome(s), reason.isEmpty() ? null : reason));
    }

    private BatchReport verify() {
      List<String> touched =
          plan.numbers().stream()
              .filter(n -> status.get(n) != NumberOutcome.Status.SKIPPED)
              .toList();
      Map<String, NumberRouting> state = new HashMap<>();
      Map<String, String> readFailures = new HashMap<>();
      if (!touched.isEmpty()) {
        listener.progress(BatchListener.Phase.VERIFYING, 0, touched.size());
        readInto(
            touched,
            state,
            readFailures,
            (d, t) -> listener.progress(BatchListener.Phase.VERIFYING, d, touched.size()));
      }
      List<NumberOutcome> outcomes = new ArrayList<>(plan.size());
      List<EntryOutcome> notes = new ArrayList<>();
      for (NumberChange c : plan.changes()) {
        String n = c.number();
        NumberRouting server = state.get(n);
        NumberOutcome.Status s = status.get(n);
        String reason = reasons.getOrDefault(n, "");
        if (s == NumberOutcome.Status.DONE) {
          if (server == null) {
            reason = "Applied; reading it back failed (" + readFailures.get(n) + ").";
          } else if (!server.equals(c.after())) {
            reason = "Applied, but Flowroute now reports a different routing.";
          }
          if (!reason.isEmpty()) {
            notes.add(new EntryOutcome(n, ChangeOutcome.DONE, reason));
          }
        }
        NumberRouting found = changedSincePlan.get(n);
        outcomes.add(
            found != null
                ? new NumberOutcome(c, s, reason, found, true)
                : new NumberOutcome(c, s, reason, server));
      }
      if (journal != null && !notes.isEmpty()) {
        journal.recordOutcomes(id, notes);
      }
      // Only what Flowroute showed goes into the saved copy, never what was merely intended.
      store.applyRoutings(state.values());
      dropSupersededPending(outcomes);
      return new BatchReport(plan, outcomes, state, cancel.isCancelled(), id);
    }
  }

  /**
   * A slot change that landed replaces whatever a draft still had waiting for that slot of that
   * number: the newest choice wins, and a later publish cannot put the older one back.
   */
  private void dropSupersededPending(List<NumberOutcome> outcomes) {
    Map<String, Set<VoiceSlot>> landed = new LinkedHashMap<>();
    for (NumberOutcome o : outcomes) {
      if (o.status() != NumberOutcome.Status.DONE) {
        continue;
      }
      for (VoiceSlot slot : VoiceSlot.values()) {
        if (o.change().changes(slot)) {
          landed.computeIfAbsent(o.number(), k -> new HashSet<>()).add(slot);
        }
      }
    }
    if (!landed.isEmpty()) {
      store.dropPendingAssignments(landed);
    }
  }

  /**
   * Commits outcomes as they land, many per transaction when they arrive together, on one writer at
   * a time, so a slow disk never holds up the requests.
   */
  private final class OutcomeWriter {
    private final UUID batchId;
    private final List<EntryOutcome> buffer = new ArrayList<>();
    private boolean flushing;
    private volatile RuntimeException failure;

    OutcomeWriter(UUID batchId) {
      this.batchId = batchId;
    }

    void add(EntryOutcome outcome) {
      if (journal == null) {
        return;
      }
      synchronized (this) {
        buffer.add(outcome);
        if (flushing) {
          return;
        }
        flushing = true;
      }
      executor.execute(this::drain);
    }

    private void drain() {
      while (true) {
        List<EntryOutcome> batch;
        synchronized (this) {
          if (buffer.isEmpty()) {
            flushing = false;
            notifyAll();
            return;
          }
          batch = new ArrayList<>(buffer);
          buffer.clear();
        }
        try {
          journal.recordOutcomes(batchId, batch);
        } catch (RuntimeException e) {
          LOG.error("Could not record outcomes of batch {}", batchId, e);
          failure = e;
        }
      }
    }

    RuntimeException failure() {
      return failure;
    }

    synchronized void awaitFlushed() {
      boolean interrupted = false;
      while (flushing || !buffer.isEmpty()) {
        try {
          wait();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Undo of any past batch

  /**
   * A number an undo or a resumption leaves alone, and why: its routing now is neither what the
   * batch left nor what it found (someone changed it since), or it could not be read.
   *
   * @param now the routing Flowroute shows now (null when it could not be read)
   */
  public record Conflict(String number, NumberRouting expected, NumberRouting now, String reason) {}

  /**
   * What undoing a batch would do, from a fresh reading of its numbers: the plan restoring every
   * number still as the batch left it, the numbers changed since (skipped), and how many already
   * have their earlier routing.
   */
  public record UndoPreview(
      JournalBatch batch, AssignmentPlan plan, List<Conflict> conflicts, int alreadyRestored) {
    public UndoPreview {
      conflicts = List.copyOf(conflicts);
    }
  }

  /** Reads the batch's numbers from Flowroute and works out its undo. */
  public CompletableFuture<UndoPreview> previewUndo(UUID batchId) {
    return CompletableFuture.supplyAsync(() -> undoPreview(batchId), executor);
  }

  private UndoPreview undoPreview(UUID batchId) {
    JournalBatch batch = requireBatch(batchId);
    List<JournalEntry> entries = journal.entries(batchId);
    Map<String, NumberRouting> now = new HashMap<>();
    Map<String, String> unreadable = new HashMap<>();
    readInto(
        entries.stream().map(JournalEntry::number).toList(),
        now,
        unreadable,
        FlowrouteClient.ProgressListener.NONE);
    List<NumberChange> restore = new ArrayList<>();
    List<Conflict> conflicts = new ArrayList<>();
    int already = 0;
    for (JournalEntry e : entries) {
      NumberRouting current = now.get(e.number());
      if (current == null) {
        conflicts.add(new Conflict(e.number(), e.after(), null, unreadable.get(e.number())));
      } else if (current.equals(e.before())) {
        already++;
      } else if (current.equals(e.after())) {
        restore.add(new NumberChange(current, e.before()));
      } else {
        conflicts.add(
            new Conflict(e.number(), e.after(), current, changedSince(e.after(), current)));
      }
    }
    return new UndoPreview(
        batch, new AssignmentPlan("Undo: " + batch.description(), restore), conflicts, already);
  }

  /**
   * Runs an undo worked out by {@link #previewUndo}: a batch of its own (kind UNDO). The report
   * lists the conflicts as skipped numbers with their reason, so it never reads as all done when
   * some were left alone.
   */
  public CompletableFuture<BatchReport> undo(
      UndoPreview preview, BatchListener listener, CancellationToken cancel) {
    return locked(
        () -> {
          BatchReport run =
              runHeld(
                  BatchKind.UNDO, preview.batch().id(), preview.plan(), listener, cancel, () -> {});
          return withConflicts(run, preview.conflicts(), preview.plan().description());
        });
  }

  /** Previews and runs the undo of a batch in one go. */
  public CompletableFuture<BatchReport> undo(
      UUID batchId, BatchListener listener, CancellationToken cancel) {
    return previewUndo(batchId).thenCompose(p -> undo(p, listener, cancel));
  }

  private static BatchReport withConflicts(
      BatchReport run, List<Conflict> conflicts, String description) {
    if (conflicts.isEmpty()) {
      return run;
    }
    List<NumberOutcome> outcomes = new ArrayList<>(run.outcomes());
    for (Conflict c : conflicts) {
      NumberRouting now = c.now() != null ? c.now() : c.expected();
      // What the undo would have sent; shown, never sent.
      NumberChange change = new NumberChange(now, now);
      outcomes.add(
          new NumberOutcome(change, NumberOutcome.Status.SKIPPED, c.reason(), c.now(), true));
    }
    return new BatchReport(
        new AssignmentPlan(description, run.plan().changes()),
        outcomes,
        run.serverState(),
        run.cancelled(),
        run.batchId());
  }

  // ---------------------------------------------------------------------------------------------
  // After a crash

  /**
   * A batch the app stopped in the middle of, with its numbers classified by a fresh reading.
   *
   * @param done numbers Flowroute shows with the batch's routing
   * @param notDone numbers (still ours) the batch has not finished: each slot is either what the
   *     batch found or what it was to set
   * @param conflicts numbers changed elsewhere since, or that could not be read
   */
  public record Interruption(
      JournalBatch batch,
      Map<String, JournalEntry> entries,
      Map<String, NumberRouting> now,
      List<String> done,
      List<String> notDone,
      List<Conflict> conflicts) {

    /** "A change to 600 numbers was interrupted at 14:02: 268 done, 332 not done." */
    public String summary(java.time.ZoneId zone) {
      String at =
          java.time.format.DateTimeFormatter.ofPattern("HH:mm")
              .format(batch.startedAt().atZone(zone));
      int total = entries.size();
      return "A change to "
          + total
          + (total == 1 ? " number" : " numbers")
          + " was interrupted at "
          + at
          + ": "
          + done.size()
          + " done, "
          + notDone.size()
          + " not done"
          + (conflicts.isEmpty()
              ? ""
              : ", " + conflicts.size() + " changed elsewhere or unreadable")
          + ".";
    }
  }

  /** The interrupted batches (not those this process is running), each re-read from Flowroute. */
  public CompletableFuture<List<Interruption>> findInterrupted() {
    return CompletableFuture.supplyAsync(
        () -> {
          List<Interruption> found = new ArrayList<>();
          for (JournalBatch b : unfinishedOfNoSender()) {
            if (!running.contains(b.id())) {
              found.add(classify(b));
            }
          }
          return found;
        },
        executor);
  }

  /**
   * The batches without an end, when no one holds the account's lock: while another thread or
   * process (a command-line apply) is sending, its batch has no end yet and is not interrupted; it
   * is looked at again at the next check.
   */
  private List<JournalBatch> unfinishedOfNoSender() {
    try {
      Optional<ApplyLock.Held> held = lock.acquire(Duration.ZERO);
      if (held.isEmpty()) {
        return List.of();
      }
      try (ApplyLock.Held h = held.get()) {
        return journal.interrupted();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CompletionException(e);
    }
  }

  private Interruption classify(JournalBatch batch) {
    Map<String, JournalEntry> entries = new LinkedHashMap<>();
    journal.entries(batch.id()).forEach(e -> entries.put(e.number(), e));
    Map<String, NumberRouting> now = new HashMap<>();
    Map<String, String> unreadable = new HashMap<>();
    readInto(entries.keySet(), now, unreadable, FlowrouteClient.ProgressListener.NONE);
    if (now.isEmpty() && !entries.isEmpty()) {
      // Offline: nothing can be judged yet. The batch stays interrupted, to be checked again.
      throw new CompletionException(
          new IllegalStateException(
              "The numbers of an interrupted change could not be read from Flowroute ("
                  + unreadable.values().iterator().next()
                  + ")."));
    }
    List<String> done = new ArrayList<>();
    List<String> notDone = new ArrayList<>();
    List<Conflict> conflicts = new ArrayList<>();
    for (JournalEntry e : entries.values()) {
      NumberRouting current = now.get(e.number());
      if (current == null) {
        conflicts.add(new Conflict(e.number(), e.after(), null, unreadable.get(e.number())));
      } else if (current.equals(e.after())) {
        done.add(e.number());
      } else if (eachSlotIsOurs(e, current)) {
        notDone.add(e.number());
      } else {
        conflicts.add(
            new Conflict(e.number(), e.after(), current, changedSince(e.after(), current)));
      }
    }
    return new Interruption(batch, entries, now, done, notDone, conflicts);
  }

  private static boolean eachSlotIsOurs(JournalEntry e, NumberRouting now) {
    for (VoiceSlot slot : VoiceSlot.values()) {
      String id = now.routeId(slot);
      if (!Objects.equals(id, e.before().routeId(slot))
          && !Objects.equals(id, e.after().routeId(slot))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Sends what an interrupted batch had not finished (never a number the journal or Flowroute shows
   * as landed), as a RESUME batch; the interrupted batch is closed as RESUMED. Numbers changed
   * elsewhere are left alone and reported as conflicts.
   */
  public CompletableFuture<BatchReport> resume(
      Interruption interruption, BatchListener listener, CancellationToken cancel) {
    List<NumberChange> rest = new ArrayList<>();
    for (String n : interruption.notDone()) {
      JournalEntry e = interruption.entries().get(n);
      if (e.outcome() != ChangeOutcome.DONE) {
        rest.add(new NumberChange(interruption.now().get(n), e.after()));
      }
    }
    String description = "Resume: " + interruption.batch().description();
    AssignmentPlan plan = new AssignmentPlan(description, rest);
    return locked(
        () ->
            withConflicts(
                runHeld(
                    BatchKind.RESUME,
                    interruption.batch().id(),
                    plan,
                    listener,
                    cancel,
                    () -> settle(interruption, JournalBatch.Resolution.RESUMED)),
                interruption.conflicts(),
                description));
  }

  /**
   * Restores the numbers an interrupted batch had changed (done, or partly done) to the routing it
   * found, as an UNDO batch; numbers changed elsewhere are left alone and reported as conflicts.
   */
  public CompletableFuture<BatchReport> undoDone(
      Interruption interruption, BatchListener listener, CancellationToken cancel) {
    List<NumberChange> restore = new ArrayList<>();
    for (JournalEntry e : interruption.entries().values()) {
      NumberRouting current = interruption.now().get(e.number());
      boolean ours =
          interruption.done().contains(e.number()) || interruption.notDone().contains(e.number());
      if (ours && !current.equals(e.before())) {
        restore.add(new NumberChange(current, e.before()));
      }
    }
    String description = "Undo: " + interruption.batch().description();
    AssignmentPlan plan = new AssignmentPlan(description, restore);
    return locked(
        () ->
            withConflicts(
                runHeld(
                    BatchKind.UNDO,
                    interruption.batch().id(),
                    plan,
                    listener,
                    cancel,
                    () -> settle(interruption, JournalBatch.Resolution.UNDONE)),
                interruption.conflicts(),
                description));
  }

  /** Sends nothing; records each number's outcome as Flowroute shows it and closes the batch. */
  public CompletableFuture<Void> leaveAsIs(Interruption interruption) {
    return CompletableFuture.runAsync(
        () -> settle(interruption, JournalBatch.Resolution.LEFT), executor);
  }

  private void settle(Interruption i, JournalBatch.Resolution resolution) {
    List<EntryOutcome> settled = new ArrayList<>();
    for (String n : i.done()) {
      settled.add(new EntryOutcome(n, ChangeOutcome.DONE, "Found applied after the interruption."));
    }
    for (String n : i.notDone()) {
      NumberRouting now = i.now().get(n);
      boolean partly = !now.equals(i.entries().get(n).before());
      settled.add(
          partly
              ? new EntryOutcome(n, ChangeOutcome.FAILED, "Partly applied when the app stopped.")
              : new EntryOutcome(n, ChangeOutcome.SKIPPED, "Not applied when the app stopped."));
    }
    for (Conflict c : i.conflicts()) {
      settled.add(new EntryOutcome(c.number(), ChangeOutcome.FAILED, c.reason()));
    }
    journal.resolve(i.batch().id(), resolution, settled);
  }

  // ---------------------------------------------------------------------------------------------
  // Routes

  /** Creates a route, journaled with its values. */
  public CompletableFuture<Route> createRoute(NewRoute route) {
    return locked(
        () ->
            routeChange(
                BatchKind.ROUTE_CREATE,
                "New route " + label(route),
                RouteChange.Action.CREATE,
                null,
                null,
                route,
                () -> client.createRoute(route).join()));
  }

  /** Replaces a route's values, journaled with the values before and after. */
  public CompletableFuture<Route> updateRoute(Route existing, NewRoute route) {
    return locked(
        () ->
            routeChange(
                BatchKind.ROUTE_UPDATE,
                "Edit route " + existing.label(),
                RouteChange.Action.UPDATE,
                existing.id(),
                valuesOf(existing),
                route,
                () -> client.updateRoute(existing.id(), route).join()));
  }

  /** Deletes a route, journaled with its values. Checks are the caller's ({@link RouteService}). */
  public CompletableFuture<Void> deleteRoute(Route route) {
    return locked(
        () -> {
          deleteHeld(route, "Delete route " + route.label());
          return null;
        });
  }

  private void deleteHeld(Route route, String description) {
    routeChange(
        BatchKind.ROUTE_DELETE,
        description,
        RouteChange.Action.DELETE,
        route.id(),
        valuesOf(route),
        null,
        () -> {
          client.deleteRoute(route.id()).join();
          return null;
        });
  }

  private <T> T routeChange(
      BatchKind kind,
      String description,
      RouteChange.Action action,
      String routeId,
      NewRoute before,
      NewRoute after,
      Supplier<T> send) {
    UUID id = UUID.randomUUID();
    if (journal != null) {
      journal.beginRoute(
          new ChangeJournal.NewBatch(id, kind, description, user, null),
          action,
          routeId,
          before,
          after);
    }
    try {
      T result = send.get();
      if (journal != null) {
        String newId = result instanceof Route r ? r.id() : null;
        journal.recordRouteOutcome(id, newId, ChangeOutcome.DONE, null);
        journal.finish(id);
      }
      if (result instanceof Route r) {
        store.upsertRoute(r);
      } else if (action == RouteChange.Action.DELETE) {
        store.deleteRoute(routeId);
      }
      return result;
    } catch (RuntimeException e) {
      if (journal != null) {
        journal.recordRouteOutcome(id, null, ChangeOutcome.FAILED, reasonOf(e));
        journal.finish(id);
      }
      throw e;
    }
  }

  /**
   * Moves every number off {@code route} as {@code move} plans, then deletes the route, as one
   * batch. Everything the delete needs is checked before the first change: the route may be
   * deleted, the routing of every number is known, and the plan leaves no number on the route. The
   * route is deleted only when every move landed; otherwise the moves stay (undoable) and the
   * result says why the route was kept.
   */
  public CompletableFuture<MoveAndDelete> moveAndDelete(
      Route route,
      AssignmentPlan move,
      RouteUsage usage,
      BatchListener listener,
      CancellationToken cancel) {
    String refusal = moveAndDeleteRefusal(route, move, usage);
    if (refusal != null) {
      return CompletableFuture.failedFuture(new ChangeRefusedException(refusal));
    }
    return locked(
        () -> {
          BatchReport report =
              runHeld(BatchKind.MOVE_AND_DELETE, null, move, listener, cancel, () -> {});
          if (!report.allDone() || report.cancelled()) {
            String why =
                "“"
                    + route.label()
                    + "” was not deleted: "
                    + report.notDone().size()
                    + " of "
                    + move.size()
                    + " numbers were not moved. The moves that landed can be undone from the"
                    + " history.";
            return new MoveAndDelete(report, false, why);
          }
          try {
            deleteHeld(
                route, "Delete route " + route.label() + " (after " + move.description() + ")");
          } catch (RuntimeException e) {
            return new MoveAndDelete(
                report,
                false,
                "The numbers were moved, but “"
                    + route.label()
                    + "” was not deleted: "
                    + reasonOf(e));
          }
          return new MoveAndDelete(report, true, null);
        });
  }

  /** The outcome of {@link #moveAndDelete}: the moves, and whether the route was deleted. */
  public record MoveAndDelete(BatchReport moves, boolean deleted, String message) {}

  static String moveAndDeleteRefusal(Route route, AssignmentPlan move, RouteUsage usage) {
    if (route.isSystemRoute()) {
      return "The sip-reg route is built in and cannot be deleted.";
    }
    if (!route.id().equals(usage.routeId())) {
      throw new IllegalArgumentException("usage is for another route");
    }
    if (usage.unknown() > 0) {
      return "The routing of "
          + Plural.count(usage.unknown(), "number")
          + " is not loaded, so RouteDesk cannot tell which numbers use “"
          + route.label()
          + "”. Nothing was moved. Refresh and try again.";
    }
    Set<String> users = new HashSet<>(usage.primaryOf());
    users.addAll(usage.failoverOf());
    Set<String> planned = new HashSet<>(move.numbers());
    for (String n : users) {
      if (!planned.contains(n)) {
        return "The move does not cover every number that uses “"
            + route.label()
            + "”. Nothing was moved.";
      }
    }
    for (NumberChange c : move.changes()) {
      if (route.id().equals(c.after().primaryRouteId())
          || route.id().equals(c.after().failoverRouteId())) {
        return "The move would leave a number on “" + route.label() + "”. Nothing was moved.";
      }
      if (route.id().equals(c.before().primaryRouteId()) && c.after().primaryRouteId() == null) {
        return "Every number needs a primary route: pick a route to move the numbers to."
            + " Nothing was moved.";
      }
    }
    return null;
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers

  private JournalBatch requireBatch(UUID batchId) {
    if (journal == null) {
      throw new IllegalStateException("This engine keeps no journal.");
    }
    return journal
        .batch(batchId)
        .orElseThrow(() -> new IllegalArgumentException("No such batch in the history."));
  }

  /** Reads numbers' routing into {@code into}; failures (with why) into {@code failures}. */
  private void readInto(
      Collection<String> numbers,
      Map<String, NumberRouting> into,
      Map<String, String> failures,
      FlowrouteClient.ProgressListener progress) {
    if (numbers.isEmpty()) {
      return;
    }
    try {
      BulkResult<NumberDetails> result =
          client.numberDetails(List.copyOf(numbers), progress, CancellationToken.NONE).join();
      result.succeeded().forEach((n, d) -> into.put(n, d.routing()));
      result
          .failed()
          .forEach(
              (n, e) ->
                  failures.put(
                      n,
                      e.kind() == FlowrouteException.Kind.NOT_FOUND
                          ? "No longer on this account."
                          : "Could not be read: " + e.getMessage()));
      result.skipped().forEach(n -> failures.put(n, "Could not be read."));
    } catch (RuntimeException e) {
      String reason = "Could not be read: " + reasonOf(e);
      numbers.forEach(n -> failures.put(n, reason));
    }
  }

  private static String changedSince(NumberRouting expected, NumberRouting now) {
    return "Changed since: now primary "
        + orNone(now.primaryRouteId())
        + ", failover "
        + orNone(now.failoverRouteId())
        + " (the batch left "
        + orNone(expected.primaryRouteId())
        + ", "
        + orNone(expected.failoverRouteId())
        + ").";
  }

  private static String orNone(String id) {
    return id == null ? "none" : id;
  }

  private static NewRoute valuesOf(Route r) {
    return new NewRoute(r.type(), r.value(), r.alias(), r.edgeStrategyId());
  }

  private static String label(NewRoute r) {
    return r.alias() != null && !r.alias().isBlank() ? r.alias() : String.valueOf(r.value());
  }

  private static ChangeOutcome toOutcome(NumberOutcome.Status s) {
    return switch (s) {
      case DONE -> ChangeOutcome.DONE;
      case FAILED -> ChangeOutcome.FAILED;
      case SKIPPED -> ChangeOutcome.SKIPPED;
    };
  }

  private static String describe(NumberChange.SlotWrite w, RuntimeException e) {
    String slot = w.slot().displayName().toLowerCase(Locale.ROOT);
    String what =
        w.routeId() == null ? "Removing the " + slot + " route" : "Setting the " + slot + " route";
    return what + " failed: " + reasonOf(e);
  }

  static String reasonOf(Throwable error) {
    FlowrouteException fe = FlowrouteException.unwrap(error);
    if (fe != null) {
      return fe.getMessage();
    }
    Throwable root = error;
    while (root.getCause() != null
        && (root instanceof CompletionException
            || root instanceof java.util.concurrent.ExecutionException)) {
      root = root.getCause();
    }
    return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
  }

  /**
   * A change RouteDesk does not send, because it could not be done safely; the message says why.
   */
  public static final class ChangeRefusedException extends RuntimeException {
    public ChangeRefusedException(String message) {
      super(message);
    }
  }
}
