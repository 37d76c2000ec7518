package io.routedesk.service;

import io.routedesk.domain.NumberDetails;
import io.routedesk.domain.NumberRouting;
import io.routedesk.domain.VoiceSlot;
import io.routedesk.flowroute.BulkResult;
import io.routedesk.flowroute.CancellationToken;
import io.routedesk.flowroute.FlowrouteClient;
import io.routedesk.flowroute.FlowrouteException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies assignment plans (primary/failover of many numbers) through the client's bounded-
 * concurrency bulk calls, reports each number as done, failed or skipped, reads the touched numbers
 * back so callers show the server's real state, and keeps an undo history.
 */
public final class AssignmentService {
  private static final Logger LOG = LoggerFactory.getLogger(AssignmentService.class);
  private static final int MAX_HISTORY = 20;

  private final FlowrouteClient client;
  private final Executor executor;
  private final Deque<AppliedBatch> history = new ArrayDeque<>();

  public AssignmentService(FlowrouteClient client, Executor executor) {
    this.client = client;
    this.executor = executor;
  }

  /** A batch as it was applied: what each touched number looked like before and after. */
  public record AppliedBatch(
      String description, Map<String, NumberRouting> before, Map<String, NumberRouting> after) {
    public AppliedBatch {
      before = Map.copyOf(before);
      after = Map.copyOf(after);
    }
  }

  /** Applies the plan and records it for undo. */
  public CompletableFuture<BatchReport> apply(
      AssignmentPlan plan, BatchListener listener, CancellationToken cancel) {
    return run(plan, listener, cancel, true);
  }

  /**
   * Applies the plan without recording it for undo (used when undo could not work, e.g. moving
   * numbers off a route that is deleted next).
   */
  public CompletableFuture<BatchReport> applyWithoutUndo(
      AssignmentPlan plan, BatchListener listener, CancellationToken cancel) {
    return run(plan, listener, cancel, false);
  }

  public synchronized boolean canUndo() {
    return !history.isEmpty();
  }

  /** The description of the batch the next undo restores, if any. */
  public synchronized Optional<String> undoDescription() {
    return Optional.ofNullable(history.peekFirst()).map(AppliedBatch::description);
  }

  /** The plan that restores every number of the last batch to its previous primary and failover. */
  public synchronized Optional<AssignmentPlan> undoPlan() {
    AppliedBatch last = history.peekFirst();
    if (last == null) {
      return Optional.empty();
    }
    return Optional.of(restorePlan(last));
  }

  /**
   * Restores the last batch's numbers and removes the batch from the history. Numbers whose undo
   * fails stay failed in the report, so the user can retry them.
   */
  public CompletableFuture<BatchReport> undoLast(BatchListener listener, CancellationToken cancel) {
    AppliedBatch last;
    synchronized (this) {
      last = history.pollFirst();
    }
    if (last == null) {
      return CompletableFuture.failedFuture(new IllegalStateException("Nothing to undo."));
    }
    return run(restorePlan(last), listener, cancel, false);
  }

  /** A plan that re-sends the changes of every number that did not end as done. */
  public static AssignmentPlan retryPlan(BatchReport report) {
    List<NumberChange> changes = new ArrayList<>();
    for (NumberOutcome o : report.notDone()) {
      NumberRouting now = o.serverState() != null ? o.serverState() : o.change().before();
      changes.add(new NumberChange(now, o.change().after()));
    }
    return new AssignmentPlan("Retry: " + report.plan().description(), changes);
  }

  private static AssignmentPlan restorePlan(AppliedBatch batch) {
    List<NumberChange> changes = new ArrayList<>();
    for (Map.Entry<String, NumberRouting> e : batch.before().entrySet()) {
      NumberRouting now = batch.after().getOrDefault(e.getKey(), e.getValue());
      changes.add(new NumberChange(now, e.getValue()));
    }
    return new AssignmentPlan("Undo: " + batch.description(), changes);
  }

  private CompletableFuture<BatchReport> run(
      AssignmentPlan plan, BatchListener listener, CancellationToken cancel, boolean recordUndo) {
    Run run = new Run(plan, listener, cancel);
    return run.start()
        .thenApplyAsync(
            report -> {
              if (recordUndo) {
                record(plan, report);
              }
              return report;
            },
            executor);
  }

  private synchronized void record(AssignmentPlan plan, BatchReport report) {
    Map<String, NumberRouting> before = new LinkedHashMap<>();
    Map<String, NumberRouting> after = new LinkedHashMap<>();
    for (NumberOutcome o : report.outcomes()) {
      if (o.status() == NumberOutcome.Status.SKIPPED) {
        continue;
      }
      NumberRouting now = o.serverState();
      if (now == null) {
        // The read-back failed: assume the intended state for done numbers, the old one otherwise.
        now = o.status() == NumberOutcome.Status.DONE ? o.change().after() : o.change().before();
      }
      if (!now.equals(o.change().before())) {
        before.put(o.number(), o.change().before());
        after.put(o.number(), now);
      }
    }
    if (before.isEmpty()) {
      return;
    }
    history.addFirst(new AppliedBatch(plan.description(), before, after));
    while (history.size() > MAX_HISTORY) {
      history.removeLast();
    }
  }

  /** One execution of a plan: phases of writes, then the read-back. */
  private final class Run {
    private final AssignmentPlan plan;
    private final BatchListener listener;
    private final CancellationToken cancel;
    private final Map<String, List<NumberChange.SlotWrite>> pending = new LinkedHashMap<>();
    private final Map<String, String> failures = new HashMap<>();
    private final Map<String, Boolean> anyWriteSent = new HashMap<>();
    private final Set<String> skipped = new HashSet<>();
    private final AtomicLong done = new AtomicLong();
    private final long totalWrites;

    Run(AssignmentPlan plan, BatchListener listener, CancellationToken cancel) {
      this.plan = plan;
      this.listener = listener;
      this.cancel = cancel;
      long total = 0;
      for (NumberChange c : plan.changes()) {
        List<NumberChange.SlotWrite> writes = c.writes();
        pending.put(c.number(), new ArrayList<>(writes));
        total += writes.size();
      }
      this.totalWrites = total;
    }

    CompletableFuture<BatchReport> start() {
      listener.progress(BatchListener.Phase.APPLYING, 0, totalWrites);
      return nextPhase().thenCompose(v -> verify());
    }

    /** Sends the next write of every number still in progress, grouped by slot. */
    private CompletableFuture<Void> nextPhase() {
      Map<VoiceSlot, Map<String, String>> bySlot = new LinkedHashMap<>();
      for (Map.Entry<String, List<NumberChange.SlotWrite>> e : pending.entrySet()) {
        if (e.getValue().isEmpty() || failures.containsKey(e.getKey())) {
          continue;
        }
        NumberChange.SlotWrite w = e.getValue().getFirst();
        bySlot.computeIfAbsent(w.slot(), s -> new LinkedHashMap<>()).put(e.getKey(), w.routeId());
      }
      if (bySlot.isEmpty()) {
        return CompletableFuture.completedFuture(null);
      }
      CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
      for (Map.Entry<VoiceSlot, Map<String, String>> group : bySlot.entrySet()) {
        chain = chain.thenCompose(v -> send(group.getKey(), group.getValue()));
      }
      return chain.thenComposeAsync(v -> nextPhase(), executor);
    }

    private CompletableFuture<Void> send(VoiceSlot slot, Map<String, String> routeIdByNumber) {
      if (cancel.isCancelled()) {
        markSkipped(routeIdByNumber.keySet());
        return CompletableFuture.completedFuture(null);
      }
      long base = done.get();
      return client
          .setRoutes(
              routeIdByNumber,
              slot,
              (d, t) -> listener.progress(BatchListener.Phase.APPLYING, base + d, totalWrites),
              cancel)
          .handleAsync(
              (result, error) -> {
                if (error != null) {
                  // The whole call failed (not per number): every number in it failed the same way.
                  String reason = reasonOf(error);
                  LOG.warn("Bulk {} write failed: {}", slot, reason);
                  for (String n : routeIdByNumber.keySet()) {
                    fail(n, reason);
                  }
                } else {
                  absorb(slot, routeIdByNumber, result);
                }
                done.set(base + routeIdByNumber.size());
                listener.progress(BatchListener.Phase.APPLYING, done.get(), totalWrites);
                return null;
              },
              executor);
    }

    private void absorb(VoiceSlot slot, Map<String, String> sent, BulkResult<Void> result) {
      for (String n : sent.keySet()) {
        FlowrouteException error = result.failed().get(n);
        if (error != null) {
          fail(n, describe(slot, sent.get(n), error));
        } else if (result.skipped().contains(n)) {
          markSkipped(List.of(n));
        } else if (result.succeeded().containsKey(n)) {
          anyWriteSent.put(n, true);
          pending.get(n).removeFirst();
        } else {
          fail(n, "Flowroute's answer did not mention this number.");
        }
      }
    }

    private void fail(String number, String reason) {
      failures.put(number, reason);
    }

    private void markSkipped(Collection<String> numbers) {
      for (String n : numbers) {
        if (Boolean.TRUE.equals(anyWriteSent.get(n))) {
          // Half-applied when cancelled: that is not "skipped", the user must see it.
          fail(n, "Cancelled after part of the change was sent.");
        } else {
          skipped.add(n);
        }
        pending.get(n).clear();
      }
    }

    private CompletableFuture<BatchReport> verify() {
      List<String> touched = plan.numbers().stream().filter(n -> !skipped.contains(n)).toList();
      if (touched.isEmpty()) {
        return CompletableFuture.completedFuture(report(Map.of(), Map.of()));
      }
      listener.progress(BatchListener.Phase.VERIFYING, 0, touched.size());
      return client
          .numberDetails(
              touched,
              (d, t) -> listener.progress(BatchListener.Phase.VERIFYING, d, touched.size()),
              CancellationToken.NONE)
          .handle(
              (result, error) -> {
                Map<String, NumberRouting> state = new HashMap<>();
                Map<String, String> readFailures = new HashMap<>();
                if (error != null) {
                  String reason = reasonOf(error);
                  touched.forEach(n -> readFailures.put(n, reason));
                } else {
                  for (Map.Entry<String, NumberDetails> e : result.succeeded().entrySet()) {
                    state.put(e.getKey(), e.getValue().routing());
                  }
                  result.failed().forEach((n, ex) -> readFailures.put(n, ex.getMessage()));
                  result.skipped().forEach(n -> readFailures.put(n, "not read back"));
                }
                return report(state, readFailures);
              });
    }

    private BatchReport report(Map<String, NumberRouting> state, Map<String, String> readFailures) {
      List<NumberOutcome> outcomes = new ArrayList<>(plan.size());
      for (NumberChange c : plan.changes()) {
        String n = c.number();
        NumberRouting server = state.get(n);
        if (skipped.contains(n)) {
          outcomes.add(
              new NumberOutcome(
                  c, NumberOutcome.Status.SKIPPED, "Cancelled before it was sent.", null));
        } else if (failures.containsKey(n)) {
          outcomes.add(new NumberOutcome(c, NumberOutcome.Status.FAILED, failures.get(n), server));
        } else {
          String note =
              server == null
                  ? "Applied; reading it back failed (" + readFailures.get(n) + ")."
                  : server.equals(c.after())
                      ? ""
                      : "Applied, but Flowroute now reports a different routing.";
          outcomes.add(new NumberOutcome(c, NumberOutcome.Status.DONE, note, server));
        }
      }
      return new BatchReport(plan, outcomes, state, cancel.isCancelled());
    }
  }

  private static String describe(VoiceSlot slot, String routeId, FlowrouteException e) {
    String what =
        routeId == null
            ? "Removing the " + slot.displayName().toLowerCase(Locale.ROOT) + " route"
            : "Setting the " + slot.displayName().toLowerCase(Locale.ROOT) + " route";
    return what + " failed: " + e.getMessage();
  }

  static String reasonOf(Throwable error) {
    FlowrouteException fe = FlowrouteException.unwrap(error);
    if (fe != null) {
      return fe.getMessage();
    }
    Throwable root = error;
    while (root.getCause() != null
        && (root instanceof CompletionException || root instanceof ExecutionException)) {
      root = root.getCause();
    }
    return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
  }
}
