package io.routedesk.service.plan;

import io.routedesk.domain.NewRoute;
import io.routedesk.domain.NumberDetails;
import io.routedesk.domain.NumberRouting;
import io.routedesk.domain.Route;
import io.routedesk.flowroute.BulkResult;
import io.routedesk.flowroute.CancellationToken;
import io.routedesk.flowroute.FlowrouteClient;
import io.routedesk.flowroute.FlowrouteException;
import io.routedesk.service.AssignmentPlan;
import io.routedesk.service.AssignmentService;
import io.routedesk.service.BatchListener;
import io.routedesk.service.BatchReport;
import io.routedesk.service.NumberChange;
import io.routedesk.service.NumberOutcome;
import io.routedesk.service.RouteService;
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
 * Applies a plan: first the routes to create and change, then the numbers, chunk by chunk. Each
 * chunk's numbers are read again just before they are changed; a number whose routing is no longer
 * the plan's "before" (someone changed it since) is not touched and reported as a conflict.
 *
 * <p>What is sent goes through a {@link Sender}: today {@link #direct} (route service and the bulk
 * assignment service, not journaled). When the one change engine with its journal exists (the
 * durable-changes issue), a sender over the engine makes an apply a recorded, undoable batch; this
 * class stays as it is.
 */
public final class PlanApplier {
  /** Numbers re-read and changed together: small, so a conflict window stays seconds long. */
  static final int CHUNK = 100;

  private final FlowrouteClient client;
  private final Sender sender;
  private final Executor executor;

  /**
   * @param client reads the numbers again before they are changed
   * @param sender sends the route changes and the number changes
   */
  public PlanApplier(FlowrouteClient client, Sender sender, Executor executor) {
    this.client = Objects.requireNonNull(client, "client");
    this.sender = Objects.requireNonNull(sender, "sender");
    this.executor = Objects.requireNonNull(executor, "executor");
  }

  /** Where an apply's changes go: the same calls the window makes. */
  public interface Sender {
    CompletableFuture<Route> createRoute(NewRoute route);

    CompletableFuture<Route> updateRoute(Route existing, NewRoute route);

    /** Sends a batch of number changes; reports each number's outcome. */
    CompletableFuture<BatchReport> applyNumbers(
        AssignmentPlan plan, BatchListener listener, CancellationToken cancel);
  }

  /**
   * Today's path: routes through {@link RouteService}, numbers through {@link
   * AssignmentService#applyWithoutUndo} (an apply of a file is not one of the window's undo steps).
   */
  public static Sender direct(RouteService routes, AssignmentService assignments) {
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
        return assignments.applyWithoutUndo(plan, listener, cancel);
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
      for (int from = 0; from < numbers.size(); from += CHUNK) {
        List<PlannedNumber> chunk = numbers.subList(from, Math.min(numbers.size(), from + CHUNK));
        chain = chain.thenComposeAsync(v -> chunk(chunk), executor);
      }
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

    private CompletableFuture<Void> chunk(List<PlannedNumber> chunk) {
      if (cancel.isCancelled()) {
        chunk.forEach(
            n -> finish(n, ApplyReport.Status.SKIPPED, "Cancelled before it was sent.", null));
        return CompletableFuture.completedFuture(null);
      }
      List<String> numbersOfChunk = chunk.stream().map(PlannedNumber::number).toList();
      return client
          .numberDetails(numbersOfChunk, FlowrouteClient.ProgressListener.NONE, cancel)
          .thenComposeAsync(fresh -> changeUnconflicted(chunk, fresh), executor);
    }

    private CompletableFuture<Void> changeUnconflicted(
        List<PlannedNumber> chunk, BulkResult<NumberDetails> fresh) {
      List<NumberChange> changes = new ArrayList<>();
      Map<String, PlannedNumber> planned = new HashMap<>();
      for (PlannedNumber n : chunk) {
        NumberDetails now = fresh.succeeded().get(n.number());
        FlowrouteException readError = fresh.failed().get(n.number());
        if (now == null) {
          finish(
              n,
              readError == null ? ApplyReport.Status.SKIPPED : ApplyReport.Status.FAILED,
              readError == null
                  ? "Cancelled before it was sent."
                  : "Its routing could not be read again before the change: "
                      + readError.getMessage(),
              null);
          continue;
        }
        if (!now.routing().equals(n.before())) {
          finish(
              n,
              ApplyReport.Status.CONFLICT,
              "Changed since the plan was made: now "
                  + plan.labelBefore(now.routing().primaryRouteId())
                  + " / "
                  + plan.labelBefore(now.routing().failoverRouteId())
                  + ", the plan expected "
                  + plan.labelBefore(n.before().primaryRouteId())
                  + " / "
                  + plan.labelBefore(n.before().failoverRouteId())
                  + ". Not changed.",
              now.routing());
          continue;
        }
        String missingRoute = missingRoute(n.after());
        if (missingRoute != null) {
          finish(n, ApplyReport.Status.FAILED, missingRoute, now.routing());
          continue;
        }
        changes.add(new NumberChange(now.routing(), withRealIds(n.after())));
        planned.put(n.number(), n);
      }
      if (changes.isEmpty()) {
        return CompletableFuture.completedFuture(null);
      }
      AssignmentPlan assignment =
          new AssignmentPlan("Routing file: " + changes.size() + " numbers", changes);
      return sender
          .applyNumbers(assignment, BatchListener.NONE, cancel)
          .thenAccept(report -> absorb(report, planned));
    }

    private void absorb(BatchReport report, Map<String, PlannedNumber> planned) {
      for (NumberOutcome o : report.outcomes()) {
        ApplyReport.Status status =
            switch (o.status()) {
              case DONE -> ApplyReport.Status.DONE;
              case FAILED -> ApplyReport.Status.FAILED;
              case SKIPPED -> ApplyReport.Status.SKIPPED;
            };
        finish(planned.get(o.number()), status, o.reason(), o.serverState());
      }
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
