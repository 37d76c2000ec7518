package io.routedesk.ui.model;

import io.routedesk.domain.EdgeStrategy;
import io.routedesk.domain.NumberDetails;
import io.routedesk.domain.NumberRouting;
import io.routedesk.domain.PhoneNumber;
import io.routedesk.domain.Route;
import io.routedesk.flowroute.CancellationToken;
import io.routedesk.flowroute.FlowrouteClient;
import io.routedesk.flowroute.FlowrouteException;
import io.routedesk.service.AccountService;
import io.routedesk.service.NumbersLoad;
import io.routedesk.service.NumbersLoadListener;
import io.routedesk.service.RoutingReadOrder;
import io.routedesk.store.AccountSnapshot;
import io.routedesk.ui.text.ErrorMessages;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the account from Flowroute into the rows, with a load state per list: a full refresh
 * (routes and edge strategies, numbers page by page, routing as it arrives), saved to the copy on
 * this computer when complete, and the retry of the routing that could not be read. Results arrive
 * on background threads and are applied on the UI executor, batched through a {@link UiBatcher}.
 */
final class AccountLoader {
  private static final Logger LOG = LoggerFactory.getLogger(AccountLoader.class);
  private static final long PROGRESS_INTERVAL_NANOS = 100_000_000L;

  private final AccountService service;
  private final AccountRows rows;
  private final SavedCopy copy;
  private final ConnectivityState connectivity;
  private final Executor ui;
  private final Activity activity;

  private final ObjectProperty<LoadState> routesState = new SimpleObjectProperty<>(LoadState.IDLE);
  private final StringProperty routesError = new SimpleStringProperty("");
  private final ObjectProperty<LoadState> numbersState = new SimpleObjectProperty<>(LoadState.IDLE);
  private final StringProperty numbersError = new SimpleStringProperty("");
  private final ObjectProperty<LoadState> routingState = new SimpleObjectProperty<>(LoadState.IDLE);
  private final LongProperty routingDone = new SimpleLongProperty();
  private final LongProperty routingTotal = new SimpleLongProperty();
  private final IntegerProperty routingFailures = new SimpleIntegerProperty();

  /** The newest refresh; older ones still running neither show rows nor report on the copy. */
  private Refresh latest;

  /**
   * One full refresh.
   *
   * @param hadRefresh whether the window had matched Flowroute before (only then are changes told)
   * @param cancel stops its numbers load when a newer refresh starts
   * @param readOrder the order its numbers' routing is read in: rows on screen first
   */
  private record Refresh(
      boolean hadRefresh, CancellationToken cancel, RoutingReadOrder readOrder) {}

  AccountLoader(
      AccountService service,
      AccountRows rows,
      SavedCopy copy,
      ConnectivityState connectivity,
      Executor ui,
      Activity activity) {
    this.service = service;
    this.rows = rows;
    this.copy = copy;
    this.connectivity = connectivity;
    this.ui = ui;
    this.activity = activity;
  }

  ReadOnlyObjectProperty<LoadState> routesStateProperty() {
    return routesState;
  }

  ReadOnlyStringProperty routesErrorProperty() {
    return routesError;
  }

  ReadOnlyObjectProperty<LoadState> numbersStateProperty() {
    return numbersState;
  }

  ReadOnlyStringProperty numbersErrorProperty() {
    return numbersError;
  }

  ReadOnlyObjectProperty<LoadState> routingStateProperty() {
    return routingState;
  }

  ReadOnlyLongProperty routingDoneProperty() {
    return routingDone;
  }

  ReadOnlyLongProperty routingTotalProperty() {
    return routingTotal;
  }

  ReadOnlyIntegerProperty routingFailuresProperty() {
    return routingFailures;
  }

  /** Shows a saved copy of the account as if it had just been loaded. */
  void showSaved(AccountSnapshot snapshot) {
    rows.setRoutes(snapshot.routes());
    rows.edgeStrategies().setAll(snapshot.edgeStrategies());
    rows.addNumbers(snapshot.numbers(), new HashSet<>());
    rows.setRouting(snapshot.routings());
    rows.publishRoutingChanges();
    routesState.set(LoadState.LOADED);
    numbersState.set(LoadState.LOADED);
    routingState.set(LoadState.LOADED);
  }

  /**
   * Reloads routes, edge strategies, numbers and routing from Flowroute, then saves the result to
   * the copy on this computer. A running refresh's numbers load is cancelled first.
   */
  CompletableFuture<Void> refresh() {
    if (latest != null) {
      latest.cancel().cancel();
    }
    Refresh run =
        new Refresh(
            copy.lastRefreshProperty().get() != null,
            new CancellationToken(),
            new RoutingReadOrder());
    latest = run;
    CompletableFuture<List<EdgeStrategy>> edges = loadEdgeStrategies();
    CompletableFuture<List<Route>> routes = loadRoutes();
    CompletableFuture<NumbersCollected> numbers = loadNumbers(run);
    return CompletableFuture.allOf(routes, numbers)
        .thenComposeAsync(
            v -> {
              NumbersCollected collected = numbers.join();
              if (collected == null) {
                // Another refresh replaced this one (it will save).
                return CompletableFuture.completedFuture(null);
              }
              // Edge strategies not read by now are kept as saved.
              List<EdgeStrategy> edgeList =
                  edges.isDone() ? edges.exceptionally(e -> null).join() : null;
              // A routing confirmed after the load's reads started is newer than what they read.
              Map<String, String> notRead = new LinkedHashMap<>(collected.notRead());
              Map<String, NumberRouting> routing =
                  rows.withConfirmedSince(collected.routing(), notRead, collected.readFrom());
              SavedCopy.Loaded loaded =
                  new SavedCopy.Loaded(
                      routes.join(), edgeList, collected.numbers(), routing, notRead);
              return copy.save(loaded, run.hadRefresh(), () -> run == latest);
            },
            ui)
        .whenCompleteAsync(
            (v, e) -> {
              if (e != null && run == latest) {
                copy.refreshFailed(e);
              }
            },
            ui);
  }

  /**
   * The numbers on screen now: a running load reads those whose routing it has not read yet before
   * any other (after a scroll or a filter, and on a first start).
   */
  void onScreen(List<String> numbers) {
    if (latest != null) {
      latest.readOrder().prefer(numbers);
    }
  }

  /** Stops a running numbers load (the window is closing, or another account is opening). */
  void cancel() {
    if (latest != null) {
      latest.cancel().cancel();
    }
  }

  private CompletableFuture<List<EdgeStrategy>> loadEdgeStrategies() {
    CompletableFuture<List<EdgeStrategy>> edges = service.edgeStrategies();
    edges.whenCompleteAsync(
        (list, e) -> {
          if (e == null) {
            rows.edgeStrategies().setAll(list);
          } else {
            LOG.warn("Edge strategies could not be read: {}", ErrorMessages.describe(e));
          }
        },
        ui);
    return edges;
  }

  private CompletableFuture<List<Route>> loadRoutes() {
    routesState.set(LoadState.LOADING);
    routesError.set("");
    return service
        .routes()
        .handleAsync(
            (list, e) -> {
              if (e != null) {
                failed(routesState, routesError, "Routes could not be loaded", e);
                throw new CompletionException(e);
              }
              rows.setRoutes(list);
              routesState.set(LoadState.LOADED);
              connectivity.reportReachable();
              return list;
            },
            ui);
  }

  /** What a numbers load received, for the saved copy. Filled on the loader's threads. */
  private static final class NumbersCollector {
    private final List<PhoneNumber> numbers = new ArrayList<>();
    private final Map<String, NumberRouting> routing = new LinkedHashMap<>();
    private final Map<String, String> notRead = new LinkedHashMap<>();

    synchronized void numbers(List<PhoneNumber> page) {
      numbers.addAll(page);
    }

    synchronized void routing(List<NumberDetails> details, Map<String, FlowrouteException> fail) {
      for (NumberDetails d : details) {
        routing.put(d.number().number(), d.routing());
      }
      fail.forEach((n, e) -> notRead.put(n, e.getMessage()));
    }

    synchronized NumbersCollected done(long readFrom) {
      return new NumbersCollected(
          List.copyOf(numbers), Map.copyOf(routing), Map.copyOf(notRead), readFrom);
    }
  }

  /**
   * A complete numbers load: every number, the routing read, why the rest was not, and the count of
   * routing confirmations when its reads started ({@link AccountRows#confirmations()}).
   */
  private record NumbersCollected(
      List<PhoneNumber> numbers,
      Map<String, NumberRouting> routing,
      Map<String, String> notRead,
      long readFrom) {}

  /**
   * Reloads the numbers and their routing. Rows appear page by page; routing fills in as it
   * arrives. Completes with what was loaded when every number's routing was read or failed, with
   * null when the load was cancelled or replaced, and exceptionally when the number list could not
   * be read.
   */
  private CompletableFuture<NumbersCollected> loadNumbers(Refresh run) {
    if (rows.numbers().isEmpty()) {
      numbersState.set(LoadState.LOADING);
    }
    numbersError.set("");
    routingState.set(LoadState.LOADING);
    routingDone.set(0);
    routingTotal.set(0);
    routingFailures.set(0);
    Activity.Task task = activity.start("Loading numbers…");
    long readFrom = rows.confirmations();
    Set<String> seen = new HashSet<>();
    NumbersCollector collector = new NumbersCollector();
    AtomicLong latestDone = new AtomicLong();
    AtomicLong latestTotal = new AtomicLong();
    AtomicLong lastWake = new AtomicLong();
    UiBatcher batcher =
        new UiBatcher(
            ui,
            () -> {
              if (run != latest) {
                return;
              }
              routingDone.set(latestDone.get());
              routingTotal.set(latestTotal.get());
              task.update(
                  "Loading routing " + latestDone.get() + " of " + latestTotal.get() + "…",
                  latestDone.get(),
                  latestTotal.get());
              rows.publishRoutingChanges();
            });
    NumbersLoadListener listener =
        new NumbersLoadListener() {
          @Override
          public void numbers(List<PhoneNumber> page) {
            collector.numbers(page);
            batcher.submit(
                () -> {
                  if (run == latest) {
                    showNumbers(page, seen);
                  }
                });
          }

          @Override
          public void routing(List<NumberDetails> details, Map<String, FlowrouteException> fail) {
            collector.routing(details, fail);
            batcher.submit(
                () -> {
                  if (run == latest) {
                    showRouting(details, fail, readFrom);
                  }
                });
          }

          @Override
          public void routingProgress(long done, long total) {
            latestDone.set(done);
            latestTotal.set(total);
            // Progress arrives per number: wake the UI at most every 100 ms for it.
            long now = System.nanoTime();
            long last = lastWake.get();
            if (now - last >= PROGRESS_INTERVAL_NANOS && lastWake.compareAndSet(last, now)) {
              batcher.wake();
            }
          }
        };
    return service
        .loadNumbers(listener, run.cancel(), run.readOrder())
        .handleAsync(
            (NumbersLoad load, Throwable e) -> {
              task.finish();
              if (run != latest) {
                return null;
              }
              if (e != null) {
                routingState.set(LoadState.ERROR);
                failed(numbersState, numbersError, "Numbers could not be loaded", e);
                // Rows whose routing was never read (a saved copy without it) say why instead of
                // "Loading…" forever.
                int marked = rows.markUnknownRoutingFailed(ErrorMessages.describe(e));
                routingFailures.set(routingFailures.get() + marked);
                throw new CompletionException(e);
              }
              if (!load.cancelled()) {
                rows.removeNumbersNotIn(seen);
              }
              numbersState.set(LoadState.LOADED);
              routingState.set(load.routingFailed() > 0 ? LoadState.ERROR : LoadState.LOADED);
              connectivity.reportReachable();
              rows.publishRoutingChanges();
              return load.cancelled() ? null : collector.done(readFrom);
            },
            ui);
  }

  private void showNumbers(List<PhoneNumber> page, Set<String> seen) {
    rows.addNumbers(page, seen);
    if (numbersState.get() != LoadState.LOADED) {
      // Rows are visible from the first page on; routing keeps filling in.
      numbersState.set(LoadState.LOADED);
    }
  }

  /** Shows routing read after confirmation {@code readFrom}; returns the details shown. */
  private List<NumberDetails> showRouting(
      List<NumberDetails> details, Map<String, FlowrouteException> fail, long readFrom) {
    List<NumberDetails> shown = rows.applyDetails(details, fail, readFrom);
    int failures = 0;
    for (Map.Entry<String, FlowrouteException> f : fail.entrySet()) {
      connectivity.reportFailure(f.getValue());
      if (!rows.confirmedSince(f.getKey(), readFrom)) {
        failures++;
      }
    }
    routingFailures.set(routingFailures.get() + failures);
    return shown;
  }

  /** Re-reads the routing of the numbers whose routing could not be read. */
  CompletableFuture<Void> retryFailedRouting() {
    List<String> failed = rows.failedRoutingNumbers();
    if (failed.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    Activity.Task task = activity.start("Reading routing of " + failed.size() + " numbers…");
    routingState.set(LoadState.LOADING);
    long readFrom = rows.confirmations();
    return service
        .reloadRouting(failed, FlowrouteClient.ProgressListener.NONE, CancellationToken.NONE)
        .handleAsync(
            (bulk, e) -> {
              task.finish();
              if (e != null) {
                routingState.set(LoadState.ERROR);
                activity.notify(Activity.Severity.ERROR, ErrorMessages.describe(e));
                return null;
              }
              List<NumberDetails> shown =
                  showRouting(List.copyOf(bulk.succeeded().values()), bulk.failed(), readFrom);
              if (!shown.isEmpty()) {
                copy.recordRouting(
                    shown.stream().map(NumberDetails::routing).toList(), "the routing read again");
              }
              int stillFailed = rows.countRouting(NumberRow.RoutingStatus.FAILED);
              routingFailures.set(stillFailed);
              routingState.set(stillFailed > 0 ? LoadState.ERROR : LoadState.LOADED);
              rows.publishRoutingChanges();
              return null;
            },
            ui);
  }

  private void failed(
      ObjectProperty<LoadState> state, StringProperty message, String what, Throwable e) {
    String text = ErrorMessages.describe(e);
    LOG.warn("{}: {}", what, text);
    message.set(text);
    state.set(LoadState.ERROR);
    connectivity.reportFailure(e);
  }
}
