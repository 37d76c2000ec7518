package io.routedesk.ui.drafts;

import io.routedesk.domain.Draft;
import io.routedesk.domain.DraftState;
import io.routedesk.domain.NewRoute;
import io.routedesk.domain.NumberRouting;
import io.routedesk.domain.PendingAssignment;
import io.routedesk.domain.Plural;
import io.routedesk.domain.Route;
import io.routedesk.domain.VoiceSlot;
import io.routedesk.flowroute.CancellationToken;
import io.routedesk.flowroute.FlowrouteClient.ProgressListener;
import io.routedesk.service.AssignmentPlan;
import io.routedesk.service.AssignmentResult;
import io.routedesk.service.BatchListener;
import io.routedesk.service.BatchReport;
import io.routedesk.service.DraftService;
import io.routedesk.service.NumberChange;
import io.routedesk.service.NumberOutcome;
import io.routedesk.service.PublishOutcome;
import io.routedesk.service.PublishResult;
import io.routedesk.store.ChangeOutcome;
import io.routedesk.ui.model.AccountState;
import io.routedesk.ui.model.Activity;
import io.routedesk.ui.model.BatchRunner;
import io.routedesk.ui.model.DraftActions;
import io.routedesk.ui.model.NumberRow;
import io.routedesk.ui.model.RouteRow;
import io.routedesk.ui.text.ErrorMessages;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.IntegerBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Draft routes in the window: loads them (and their pending assignments) from disk into the route
 * list and the number columns, saves every change before showing it, and publishes on request — one
 * draft or all, each validated again — showing the pending assignments applied afterwards in the
 * batch panel with per-number results.
 *
 * <p>Decision: a draft may be incomplete or invalid (only an entirely empty form is refused);
 * validation messages are warnings while drafting and block only publishing.
 */
public final class DraftsViewModel implements DraftActions {
  private static final Logger LOG = LoggerFactory.getLogger(DraftsViewModel.class);

  private final DraftService service;
  private final AccountState account;
  private final Activity activity;
  private final Executor ui;
  private final BatchRunner batches;
  private final BooleanProperty publishing = new SimpleBooleanProperty();
  private final IntegerBinding unpublished;

  public DraftsViewModel(
      DraftService service,
      AccountState account,
      Activity activity,
      Executor ui,
      BatchRunner batches) {
    this.service = service;
    this.account = account;
    this.activity = activity;
    this.ui = ui;
    this.batches = batches;
    this.unpublished =
        Bindings.createIntegerBinding(
            () -> (int) account.routes().stream().filter(DraftsViewModel::isUnpublished).count(),
            account.routes());
  }

  private static boolean isUnpublished(RouteRow r) {
    return r.isDraft() && r.draft().state() != DraftState.PUBLISHED;
  }

  // ---- loading ------------------------------------------------------------------------------

  /** Reads the drafts and pending assignments from disk and shows them. */
  public CompletableFuture<Void> load() {
    CompletableFuture<List<Draft>> drafts = service.listDrafts();
    CompletableFuture<List<PendingAssignment>> pending = service.allPendingAssignments();
    return drafts
        .thenCombine(pending, (d, p) -> new Object[] {d, p})
        .handleAsync(
            (pair, e) -> {
              if (e != null) {
                LOG.warn("Drafts could not be read: {}", ErrorMessages.describe(e));
                activity.notify(
                    Activity.Severity.ERROR,
                    "Your drafts could not be read: " + ErrorMessages.describe(e));
                return null;
              }
              @SuppressWarnings("unchecked")
              List<Draft> list = (List<Draft>) pair[0];
              @SuppressWarnings("unchecked")
              List<PendingAssignment> assignments = (List<PendingAssignment>) pair[1];
              show(list, assignments);
              return null;
            },
            ui);
  }

  private void show(List<Draft> drafts, List<PendingAssignment> pending) {
    Set<UUID> withPending = new HashSet<>();
    for (PendingAssignment p : pending) {
      withPending.add(p.draftId());
    }
    // A published draft is a route now; it stays listed only while assignments wait for it.
    List<Draft> shown =
        drafts.stream()
            .filter(d -> d.state() != DraftState.PUBLISHED || withPending.contains(d.id()))
            .toList();
    account.setDrafts(shown, pending);
  }

  /**
   * Shows what checking the publishes interrupted by a crash found (at start and when back online),
   * then reloads the drafts whose state it changed.
   */
  public CompletableFuture<Void> showResumed(CompletableFuture<List<PublishResult>> resumed) {
    return resumed
        .exceptionally(e -> List.of())
        .thenComposeAsync(
            results -> {
              for (PublishResult r : results) {
                if (r.outcome() == PublishOutcome.RECOVERED) {
                  activity.notify(Activity.Severity.INFO, labelOf(r) + ": " + r.message());
                }
              }
              return results.isEmpty() ? CompletableFuture.completedFuture(null) : load();
            },
            ui);
  }

  /** Checks interrupted publishes again (nothing is sent) and shows the outcome. */
  public CompletableFuture<Void> resumeInterrupted() {
    return showResumed(service.resumeInterrupted());
  }

  // ---- DraftActions -------------------------------------------------------------------------

  @Override
  public CompletableFuture<Draft> createDraft(NewRoute route) {
    return service
        .createDraft(route)
        .thenApplyAsync(
            d -> {
              account.draftSaved(d);
              return d;
            },
            ui);
  }

  @Override
  public CompletableFuture<Draft> updateDraft(UUID draftId, NewRoute route) {
    return service
        .updateDraft(draftId, route)
        .thenApplyAsync(
            d -> {
              account.draftSaved(d);
              return d;
            },
            ui);
  }

  @Override
  public CompletableFuture<Boolean> deleteDraft(UUID draftId) {
    RouteRow row = account.draft(draftId);
    String label = row == null ? "the draft" : "“" + row.label() + "”";
    return service
        .deleteDraft(draftId)
        .whenCompleteAsync(
            (deleted, e) -> {
              if (e != null) {
                activity.notify(
                    Activity.Severity.ERROR,
                    label + " was not deleted: " + ErrorMessages.describe(e));
                return;
              }
              account.draftRemoved(draftId);
              activity.notify(Activity.Severity.SUCCESS, "Deleted draft " + label + ".");
            },
            ui);
  }

  @Override
  public CompletableFuture<Integer> assignPending(
      UUID draftId, List<String> numbers, VoiceSlot slot) {
    RouteRow row = account.draft(draftId);
    String label = row == null ? "the draft" : "“" + row.label() + "”";
    return service
        .assignPending(draftId, numbers, slot)
        .thenCompose(
            added -> service.allPendingAssignments().thenApply(all -> Map.entry(added, all)))
        .handleAsync(
            (result, e) -> {
              if (e != null) {
                activity.notify(
                    Activity.Severity.ERROR,
                    "Not assigned: " + ErrorMessages.describe(e) + " Nothing was changed.");
                throw new CompletionException(ErrorMessages.unwrap(e));
              }
              account.setPendingAssignments(result.getValue());
              String whom = Plural.count(numbers.size(), "number");
              activity.notify(
                  Activity.Severity.SUCCESS,
                  label
                      + " becomes the "
                      + slot.displayName().toLowerCase(Locale.ROOT)
                      + " of "
                      + whom
                      + " when it is published.");
              return result.getKey();
            },
            ui);
  }

  @Override
  public CompletableFuture<Integer> dropPending(List<String> numbers) {
    List<PendingAssignment> pending = account.pendingOf(numbers);
    if (pending.isEmpty()) {
      return CompletableFuture.completedFuture(0);
    }
    return service
        .removePendingAssignments(pending)
        .thenCompose(n -> service.allPendingAssignments().thenApply(all -> Map.entry(n, all)))
        .handleAsync(
            (result, e) -> {
              if (e != null) {
                activity.notify(
                    Activity.Severity.ERROR,
                    "Pending assignments were not dropped: " + ErrorMessages.describe(e));
                throw new CompletionException(ErrorMessages.unwrap(e));
              }
              account.setPendingAssignments(result.getValue());
              int n = result.getKey();
              activity.notify(
                  Activity.Severity.SUCCESS,
                  "Dropped " + Plural.count(n, "pending assignment") + ".");
              return n;
            },
            ui);
  }

  @Override
  public CompletableFuture<List<PublishResult>> publish(List<UUID> draftIds) {
    return runPublish(List.copyOf(draftIds));
  }

  @Override
  public CompletableFuture<List<PublishResult>> publishAll() {
    return runPublish(null);
  }

  @Override
  public IntegerBinding unpublishedCountProperty() {
    return unpublished;
  }

  @Override
  public ReadOnlyBooleanProperty publishingProperty() {
    return publishing;
  }

  // ---- publishing ---------------------------------------------------------------------------

  /** The drafts a publish covers: the given ones, or (null) every draft not fully done. */
  private List<RouteRow> rowsFor(List<UUID> ids) {
    List<RouteRow> rows = new ArrayList<>();
    if (ids == null) {
      for (RouteRow r : account.routes()) {
        if (r.isDraft()) {
          rows.add(r);
        }
      }
      return rows;
    }
    for (UUID id : ids) {
      RouteRow r = account.draft(id);
      if (r != null) {
        rows.add(r);
      }
    }
    return rows;
  }

  private CompletableFuture<List<PublishResult>> runPublish(List<UUID> ids) {
    if (publishing.get()) {
      return refuse("A publish is already running; wait for it to finish.");
    }
    if (account.isOffline()) {
      return refuse(
          "Offline: drafts are published once Flowroute can be reached. They are kept on this"
              + " computer meanwhile.");
    }
    List<RouteRow> rows = rowsFor(ids);
    if (rows.isEmpty()) {
      return refuse("There is no draft to publish.");
    }
    Set<UUID> draftIds = new LinkedHashSet<>();
    rows.forEach(r -> draftIds.add(r.draft().id()));
    // Numbers whose pending assignments this publish applies, and their routing now.
    Map<String, NumberRouting> before = new LinkedHashMap<>();
    List<PendingAssignment> pendingBefore = new ArrayList<>();
    for (NumberRow n : account.numbers()) {
      for (VoiceSlot slot : VoiceSlot.values()) {
        String pending = n.draftRouteId(slot);
        if (pending != null && draftIds.contains(RouteRow.draftIdOf(pending))) {
          before.put(n.number(), n.routing());
          pendingBefore.add(
              new PendingAssignment(RouteRow.draftIdOf(pending), n.number(), slot, Instant.EPOCH));
        }
      }
    }
    // The batch panel counts the pending assignments; the drafts' own outcome is on their rows.
    String description =
        rows.size() == 1
            ? "Publish draft “" + rows.getFirst().label() + "” and apply its assignments"
            : "Publish " + rows.size() + " drafts and apply their assignments";
    publishing.set(true);
    Activity.Task task = activity.start(description + "…");
    AtomicReference<List<PublishResult>> outcome = new AtomicReference<>(List.of());
    CompletableFuture<?> run;
    if (before.isEmpty()) {
      run =
          work(ids, new CancellationToken(), ProgressListener.NONE)
              .thenApplyAsync(
                  results -> {
                    outcome.set(results);
                    showResults(results);
                    return results;
                  },
                  ui);
    } else {
      run =
          batches.run(
              description,
              List.copyOf(before.keySet()),
              (listener, cancel) ->
                  work(
                          ids,
                          cancel,
                          (done, total) ->
                              listener.progress(BatchListener.Phase.APPLYING, done, total))
                      .thenApplyAsync(
                          results -> {
                            outcome.set(results);
                            // Routes first, so the batch panel names the new route.
                            showResults(results);
                            return report(description, results, before, pendingBefore);
                          },
                          ui));
    }
    return run.handleAsync(
        (v, e) -> {
          task.finish();
          publishing.set(false);
          if (e != null) {
            LOG.warn("Publishing failed", e);
            activity.notify(
                Activity.Severity.ERROR, "Publishing failed: " + ErrorMessages.describe(e));
            load();
            throw new CompletionException(ErrorMessages.unwrap(e));
          }
          List<PublishResult> results = outcome.get();
          notifySummary(results, !before.isEmpty());
          return results;
        },
        ui);
  }

  private CompletableFuture<List<PublishResult>> refuse(String why) {
    activity.notify(Activity.Severity.WARNING, why);
    return CompletableFuture.failedFuture(new IllegalStateException(why));
  }

  /** Publishes the drafts one after another (all of them when {@code ids} is null). */
  private CompletableFuture<List<PublishResult>> work(
      List<UUID> ids, CancellationToken cancel, ProgressListener progress) {
    if (ids == null) {
      return service.publishAll(cancel, progress);
    }
    List<PublishResult> results = new ArrayList<>();
    CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
    for (UUID id : ids) {
      chain =
          chain.thenCompose(
              v ->
                  service
                      .publish(id, cancel)
                      .thenAccept(
                          r -> {
                            synchronized (results) {
                              results.add(r);
                              progress.progress(results.size(), ids.size());
                            }
                          }));
    }
    return chain.thenApply(
        v -> {
          synchronized (results) {
            return List.copyOf(results);
          }
        });
  }

  /** Published drafts become routes; the others show why they were not published. */
  private void showResults(List<PublishResult> results) {
    for (PublishResult r : results) {
      Draft d = r.draft();
      if (d == null) {
        if (r.outcome() == PublishOutcome.NOT_FOUND) {
          account.draftRemoved(r.draftId());
        }
        continue;
      }
      if (r.outcome().isPublished() && d.serverRouteId() != null) {
        Route route = d.asRoute(d.serverRouteId());
        account.routeSaved(route);
        if (r.isComplete()) {
          account.draftRemoved(d.id());
        } else {
          account.draftSaved(d);
        }
      } else {
        account.draftSaved(d);
      }
    }
    // Applied assignments are no longer pending; failed ones stay for the next try.
    service
        .allPendingAssignments()
        .thenAcceptAsync(account::setPendingAssignments, ui)
        .exceptionally(
            e -> {
              LOG.warn("Pending assignments could not be re-read: {}", ErrorMessages.describe(e));
              return null;
            });
  }

  /**
   * The pending assignments applied, as the batch panel shows bulk assignments: per number. Those
   * of a draft that was not published are listed as skipped, with why.
   */
  static BatchReport report(
      String description,
      List<PublishResult> results,
      Map<String, NumberRouting> before,
      List<PendingAssignment> pendingBefore) {
    List<AssignmentResult> all = new ArrayList<>();
    for (PublishResult r : results) {
      all.addAll(r.assignments());
      if (!r.outcome().isPublished()) {
        String why =
            "Not applied: the draft was not published"
                + (r.message() == null ? "." : " (" + r.message() + ")");
        for (PendingAssignment p : pendingBefore) {
          if (p.draftId().equals(r.draftId())) {
            // The draft's row id: the panel names the draft as the route it would have set.
            all.add(
                new AssignmentResult(
                    p.number(),
                    p.slot(),
                    RouteRow.draftRowId(p.draftId()),
                    ChangeOutcome.SKIPPED,
                    why));
          }
        }
      }
    }
    Map<String, NumberRouting> intended = new LinkedHashMap<>();
    Map<String, NumberRouting> confirmed = new LinkedHashMap<>();
    Map<String, NumberOutcome.Status> status = new LinkedHashMap<>();
    Map<String, List<String>> reasons = new LinkedHashMap<>();
    // Waiting on a draft that was not published (its "route" is the draft's local id), or dropped
    // because the number left the account: a retry could never succeed, so none is offered.
    Set<String> notRetryable = new HashSet<>();
    boolean cancelled = results.stream().anyMatch(r -> r.outcome() == PublishOutcome.CANCELLED);
    for (AssignmentResult a : all) {
      String n = a.number();
      NumberRouting was = before.getOrDefault(n, new NumberRouting(n, null, null));
      intended.put(n, intended.getOrDefault(n, was).with(a.slot(), a.routeId()));
      NumberOutcome.Status s =
          switch (a.outcome()) {
            case DONE -> NumberOutcome.Status.DONE;
            case FAILED -> NumberOutcome.Status.FAILED;
            case SKIPPED, PENDING -> NumberOutcome.Status.SKIPPED;
          };
      status.merge(n, s, DraftsViewModel::worse);
      if (a.outcome() == ChangeOutcome.DONE) {
        confirmed.put(n, confirmed.getOrDefault(n, was).with(a.slot(), a.routeId()));
      }
      if (a.message() != null && !a.message().isBlank()) {
        reasons.computeIfAbsent(n, k -> new ArrayList<>()).add(a.message());
      }
      if (a.outcome() != ChangeOutcome.DONE
          && (RouteRow.isDraftId(a.routeId())
              || (a.message() != null && a.message().startsWith("Dropped:")))) {
        notRetryable.add(n);
      }
    }
    List<NumberChange> changes = new ArrayList<>();
    List<NumberOutcome> outcomes = new ArrayList<>();
    for (Map.Entry<String, NumberRouting> e : intended.entrySet()) {
      String n = e.getKey();
      NumberRouting was = before.getOrDefault(n, new NumberRouting(n, null, null));
      NumberChange change = new NumberChange(was, e.getValue());
      changes.add(change);
      outcomes.add(
          new NumberOutcome(
              change,
              status.get(n),
              String.join(" ", reasons.getOrDefault(n, List.of())),
              confirmed.get(n),
              notRetryable.contains(n)));
    }
    return new BatchReport(
        new AssignmentPlan(description, changes), outcomes, confirmed, cancelled);
  }

  private static NumberOutcome.Status worse(NumberOutcome.Status a, NumberOutcome.Status b) {
    return rank(a) <= rank(b) ? a : b;
  }

  private static int rank(NumberOutcome.Status s) {
    return switch (s) {
      case FAILED -> 0;
      case SKIPPED -> 1;
      case DONE -> 2;
    };
  }

  private void notifySummary(List<PublishResult> results, boolean shownInBatchPanel) {
    List<PublishResult> done = results.stream().filter(r -> r.outcome().isPublished()).toList();
    List<PublishResult> notDone = results.stream().filter(r -> !r.outcome().isPublished()).toList();
    if (notDone.isEmpty()) {
      if (done.isEmpty() || shownInBatchPanel) {
        return; // the batch panel shows the result; no toast repeating it
      }
      List<PublishResult> incomplete = done.stream().filter(r -> !r.isComplete()).toList();
      if (!incomplete.isEmpty()) {
        // Published, but not everything it was to do happened: never "success".
        PublishResult r = incomplete.getFirst();
        activity.notify(
            Activity.Severity.WARNING, "Published “" + labelOf(r) + "”, but: " + r.message());
        return;
      }
      activity.notify(
          Activity.Severity.SUCCESS,
          done.size() == 1
              ? "Published “" + labelOf(done.getFirst()) + "”."
              : "Published " + done.size() + " drafts.");
      return;
    }
    if (notDone.size() == 1) {
      PublishResult r = notDone.getFirst();
      activity.notify(
          Activity.Severity.WARNING,
          (done.isEmpty() ? "" : "Published " + done.size() + "; ")
              + "“"
              + labelOf(r)
              + "” was not published: "
              + r.message());
      return;
    }
    activity.notify(
        Activity.Severity.WARNING,
        notDone.size()
            + " of "
            + results.size()
            + " drafts were not published; each shows why in the route list. Nothing was"
            + " lost.");
  }

  private String labelOf(PublishResult r) {
    if (r.draft() != null) {
      return r.draft().label();
    }
    RouteRow row = account.draft(r.draftId());
    return row == null ? "draft" : row.label();
  }
}
