package io.routedesk.service.plan;

import io.routedesk.domain.NewRoute;
import io.routedesk.domain.NumberRouting;
import io.routedesk.domain.Plural;
import io.routedesk.domain.Route;
import io.routedesk.flowroute.CancellationToken;
import io.routedesk.flowroute.FlowrouteException;
import io.routedesk.service.AssignmentPlan;
import io.routedesk.service.BatchListener;
import io.routedesk.service.BatchReport;
import io.routedesk.service.ChangeEngine;
import io.routedesk.service.NumberChange;
import io.routedesk.service.NumberOutcome;
import io.routedesk.service.RouteService;
import io.routedesk.store.BatchKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Applies a plan: first the routes to create and change, then the numbers. The numbers are read
 * again just before they are changed, a part at a time ({@link ChangeEngine#RECHECK}); a number
 * whose routing is no longer the plan's "before" (someone changed it since) is not touched and
 * reported as a conflict.
 *
 * <p>What is sent goes through a {@link Sender}: {@link #through} sends it through the {@link
 * ChangeEngine}, so each route change is a journaled batch of the account and all the numbers are
 * one more (in its history, undoable as one, recovered after a crash).
 */
public final class PlanApplier {
  private final Sender sender;
  private final Executor executor;

  /**
   * @param sender sends the route changes and the number changes (reading each number again just
   *     before it is changed)
   */
  public PlanApplier(Sender sender, Executor executor) {
    this.sender = Objects.requireNonNull(sender, "sender");
    this.executor = Objects.requireNonNull(executor, "executor");
  }

  /** Where an apply's changes go: the same calls the window makes. */
  public interface Sender {
    CompletableFuture<Route> createRoute(NewRoute route);

    CompletableFuture<Route> updateRoute(Route existing, NewRoute route);

    /**
     * Sends the number changes as one batch, each number read again just before it is sent: one
     * changed since its "before" is left alone, reported as a conflict. Reports each number's
     * outcome.
     */
    CompletableFuture<BatchReport> applyNumbers(
        AssignmentPlan plan, BatchListener listener, CancellationToken cancel);
  }

  /**
   * Routes through {@link RouteService} (checked and trimmed as in the window), numbers as {@link
   * BatchKind#ROUTING_FILE} batches of the engine (an apply of a file is not one of the window's
   * session undo steps; the history can undo it).
   */
  public static Sender through(RouteService routes, ChangeEngine engine) {
    return new Sender() {
      @Override
      public CompletableFuture<Route> createRoute(NewRoute route) {
        return routes.create(route);
      }

      @Override
      public CompletableFuture<Route> updateRoute(Route existing, NewRoute route) {
        return routes.update(existing, route);
      }

      @Override
      public CompletableFuture<BatchReport> applyNumbers(
          AssignmentPlan plan, BatchListener listener, CancellationToken cancel) {
        return engine.applyIfUnchanged(BatchKind.ROUTING_FILE, plan, listener, cancel);
      }
    };
  }

  /** Progress of an apply: numbers finished (any outcome) of the numbers to change. */
  @FunctionalInterface
  public interface Progress {
    Progress NONE = (done, total) -> {};

    void progress(long done, long total);
  }

  /**
   * @param onlyValid false: refuse a plan with errors (nothing is sent); true: apply what is valid,
   *     leaving out the bad rows and the numbers with lint errors the plan would bring in
   * @throws IllegalStateException (in the future) when the plan has errors and onlyValid is false
   */
  public CompletableFuture<ApplyReport> apply(
      RoutingPlan plan, boolean onlyValid, Progress progress, CancellationToken cancel) {
    if (plan.hasErrors() && !onlyValid) {
      return CompletableFuture.failedFuture(
          new IllegalStateException(
              "The plan has errors; nothing was sent. Fix them, or apply only the valid rows."));
    }
    return new Run(plan, progress, cancel).start();
  }

  /** One apply of one plan. */
  private final class Run {
    private final RoutingPlan plan;
    private final Progress progress;
    private final CancellationToken cancel;
    private final List<PlannedNumber> numbers;
    private final Map<String, String> realIds = new HashMap<>();
    private final Map<String, String> failedRoutes = new HashMap<>();
    private final List<ApplyReport.RouteResult> routeResults = new ArrayList<>();
    private final List<ApplyReport.NumberResult> numberResults = new ArrayList<>();
    private final AtomicLong done = new AtomicLong();

    Run(RoutingPlan plan, Progress progress, CancellationToken cancel) {
      this.plan = plan;
      this.progress = progress;
      this.cancel = cancel;
      Set<String> blocked = new HashSet<>();
      for (LintFinding f : plan.blockingFindings()) {
        if (f.kind() == LintFinding.Subject.NUMBER) {
          blocked.add(f.subject());
        }
      }
      this.numbers =
          plan.numberChanges().stream().filter(n -> !blocked.contains(n.number())).toList();
    }

    CompletableFuture<ApplyReport> start() {
      progress.progress(0, numbers.size());
      CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
      for (RouteChange change : plan.routeChanges()) {
        chain = chain.thenComposeAsync(v -> route(change), executor);
      }
      chain = chain.thenComposeAsync(v -> numbers(), executor);
      return chain.thenApply(
          v -> new ApplyReport(routeResults, numberResults, cancel.isCancelled()));
    }

    private CompletableFuture<Void> route(RouteChange change) {
      if (cancel.isCancelled()) {
        routeResults.add(
            new ApplyReport.RouteResult(change, ApplyReport.Status.SKIPPED, "Cancelled.", null));
        failedRoutes.put(change.after().id(), "cancelled before it was created");
        return CompletableFuture.completedFuture(null);
      }
      CompletableFuture<Route> sent =
          change.kind() == RouteChange.Kind.CREATE
              ? sender.createRoute(change.request())
              : sender.updateRoute(change.before(), change.request());
      return sent.handle(
          (route, error) -> {
            if (error != null) {
              String reason = reasonOf(error);
              failedRoutes.put(change.after().id(), reason);
              routeResults.add(
                  new ApplyReport.RouteResult(change, ApplyReport.Status.FAILED, reason, null));
            } else {
              realIds.put(change.after().id(), route.id());
              routeResults.add(
                  new ApplyReport.RouteResult(change, ApplyReport.Status.DONE, "", route));
            }
            return null;
          });
    }

    /**
     * The numbers, as one batch; those whose route was not created are failed here and not sent.
     * The engine reads the rest again, part by part, just before sending (conflicts left alone).
     */
    private CompletableFuture<Void> numbers() {
      List<NumberChange> changes = new ArrayList<>();
      Map<String, PlannedNumber> planned = new HashMap<>();
      for (PlannedNumber n : numbers) {
        String missingRoute = missingRoute(n.after());
        if (cancel.isCancelled()) {
          finish(n, ApplyReport.Status.SKIPPED, "Cancelled before it was sent.", null);
        } else if (missingRoute != null) {
          finish(n, ApplyReport.Status.FAILED, missingRoute, null);
        } else {
          changes.add(new NumberChange(n.before(), withRealIds(n.after())));
          planned.put(n.number(), n);
        }
      }
      if (changes.isEmpty()) {
        return CompletableFuture.completedFuture(null);
      }
      long finishedBefore = done.get();
      AssignmentPlan assignment =
          new AssignmentPlan("Routing file: " + Plural.count(changes.size(), "number"), changes);
      BatchListener listener =
          (phase, sent, total) -> {
            if (phase == BatchListener.Phase.APPLYING && total > 0) {
              progress.progress(finishedBefore + sent * changes.size() / total, numbers.size());
            }
          };
      return sender
          .applyNumbers(assignment, listener, cancel)
          .thenAccept(report -> absorb(report, planned));
    }

    private void absorb(BatchReport report, Map<String, PlannedNumber> planned) {
      for (NumberOutcome o : report.outcomes()) {
        PlannedNumber n = planned.get(o.number());
        if (o.conflict()) {
          finish(n, ApplyReport.Status.CONFLICT, changedSince(n, o.serverState()), o.serverState());
          continue;
        }
        ApplyReport.Status status =
            switch (o.status()) {
              case DONE -> ApplyReport.Status.DONE;
              case FAILED -> ApplyReport.Status.FAILED;
              case SKIPPED -> ApplyReport.Status.SKIPPED;
            };
        finish(n, status, o.reason(), o.serverState());
      }
    }

    private String changedSince(PlannedNumber n, NumberRouting now) {
      return "Changed since the plan was made: now "
          + plan.labelBefore(now.primaryRouteId())
          + " / "
          + plan.labelBefore(now.failoverRouteId())
          + ", the plan expected "
          + plan.labelBefore(n.before().primaryRouteId())
          + " / "
          + plan.labelBefore(n.before().failoverRouteId())
          + ". Not changed.";
    }

    private String missingRoute(NumberRouting after) {
      for (String id : new String[] {after.primaryRouteId(), after.failoverRouteId()}) {
        String reason = id == null ? null : failedRoutes.get(id);
        if (reason != null) {
          return "The route “" + plan.label(id) + "” was not created: " + reason;
        }
      }
      return null;
    }

    private NumberRouting withRealIds(NumberRouting r) {
      return new NumberRouting(
          r.number(),
          realIds.getOrDefault(r.primaryRouteId(), r.primaryRouteId()),
          realIds.getOrDefault(r.failoverRouteId(), r.failoverRouteId()));
    }

    private void finish(
        PlannedNumber n, ApplyReport.Status status, String reason, NumberRouting server) {
      numberResults.add(new ApplyReport.NumberResult(n, status, reason, server));
      progress.progress(done.incrementAndGet(), numbers.size());
    }
  }

  static String reasonOf(Throwable error) {
    Throwable t = error;
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    FlowrouteException fe = FlowrouteException.unwrap(t);
    String message = fe != null ? fe.getMessage() : t.getMessage();
    return message != null ? message : t.getClass().getSimpleName();
  }
}
