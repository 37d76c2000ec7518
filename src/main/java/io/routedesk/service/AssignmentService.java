package io.routedesk.service;

import io.routedesk.domain.NumberRouting;
import io.routedesk.flowroute.CancellationToken;
import io.routedesk.store.BatchKind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Assignment batches of the numbers panel (primary/failover of many numbers, remove failover), sent
 * through the {@link ChangeEngine}, with the session's undo stack: the batches applied here, newest
 * first. Undo re-reads the numbers and leaves those changed since alone (see {@link
 * ChangeEngine#undo}).
 */
public final class AssignmentService {
  private static final int MAX_UNDO = 20;

  private final ChangeEngine engine;
  private final Deque<Applied> undoStack = new ArrayDeque<>();

  public AssignmentService(ChangeEngine engine) {
    this.engine = Objects.requireNonNull(engine, "engine");
  }

  /** A batch of this session that can be undone, with the restoring it intends. */
  private record Applied(UUID batchId, String description, List<NumberChange> restore) {}

  /** Applies the plan (journaled) and keeps it for undo. */
  public CompletableFuture<BatchReport> apply(
      AssignmentPlan plan, BatchListener listener, CancellationToken cancel) {
    return engine
        .apply(BatchKind.ASSIGN, plan, listener, cancel)
        .thenApply(
            report -> {
              remember(report);
              return report;
            });
  }

  private synchronized void remember(BatchReport report) {
    if (report.batchId() == null || report.count(NumberOutcome.Status.DONE) == 0) {
      return;
    }
    List<NumberChange> restore = new ArrayList<>();
    for (NumberOutcome o : report.outcomes()) {
      if (o.status() == NumberOutcome.Status.DONE) {
        NumberRouting now = o.serverState() != null ? o.serverState() : o.change().after();
        restore.add(new NumberChange(now, o.change().before()));
      }
    }
    undoStack.addFirst(new Applied(report.batchId(), report.plan().description(), restore));
    while (undoStack.size() > MAX_UNDO) {
      undoStack.removeLast();
    }
  }

  public synchronized boolean canUndo() {
    return !undoStack.isEmpty();
  }

  /** The description of the batch the next undo restores, if any. */
  public synchronized Optional<String> undoDescription() {
    return Optional.ofNullable(undoStack.peekFirst()).map(Applied::description);
  }

  /**
   * The restoring the next undo intends (for the panel's title and the numbers it marks busy). What
   * is sent is decided from a fresh reading: see {@link #undoLast}.
   */
  public synchronized Optional<AssignmentPlan> undoPlan() {
    Applied last = undoStack.peekFirst();
    return last == null
        ? Optional.empty()
        : Optional.of(new AssignmentPlan("Undo: " + last.description(), last.restore()));
  }

  /**
   * Undoes the last batch of the session: numbers still as it left them get their whole earlier
   * routing back; numbers changed since are skipped and reported as conflicts.
   */
  public CompletableFuture<BatchReport> undoLast(BatchListener listener, CancellationToken cancel) {
    Applied last;
    synchronized (this) {
      last = undoStack.pollFirst();
    }
    if (last == null) {
      return CompletableFuture.failedFuture(new IllegalStateException("Nothing to undo."));
    }
    return engine.undo(last.batchId(), listener, cancel);
  }

  /**
   * A plan that re-sends the changes of every number that did not end as done, from the routing
   * Flowroute reported. Numbers an undo left alone because they changed since are not retried: that
   * would overwrite the newer change.
   */
  public static AssignmentPlan retryPlan(BatchReport report) {
    List<NumberChange> changes = new ArrayList<>();
    for (NumberOutcome o : report.notDone()) {
      if (o.conflict()) {
        continue;
      }
      NumberRouting now = o.serverState() != null ? o.serverState() : o.change().before();
      changes.add(new NumberChange(now, o.change().after()));
    }
    return new AssignmentPlan("Retry: " + report.plan().description(), changes);
  }
}
