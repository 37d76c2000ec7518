package io.routedesk.ui.common;

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
import io.routedesk.service.RouteUsage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
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
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The account as the window knows it: routes, edge strategies, numbers and their routing, with load
 * states for each list. Shared by the feature view-models. Its properties change on the UI executor
 * only; background results are batched onto it through a {@link UiBatcher}.
 */
public final class AccountState {
  private static final Logger LOG = LoggerFactory.getLogger(AccountState.class);
  private static final long PROGRESS_INTERVAL_NANOS = 100_000_000L;

  private final AccountService service;
  private final Executor ui;
  private final Activity activity;

  private final ObservableList<RouteRow> routes = FXCollections.observableArrayList();
  private final Map<String, RouteRow> routeIndex = new HashMap<>();
  private final ObservableList<EdgeStrategy> edgeStrategies = FXCollections.observableArrayList();
  private final ObservableList<NumberRow> numbers = FXCollections.observableArrayList();
  private final Map<String, NumberRow> numberIndex = new HashMap<>();

  private final ObjectProperty<LoadState> routesState = new SimpleObjectProperty<>(LoadState.IDLE);
  private final StringProperty routesError = new SimpleStringProperty("");
  private final ObjectProperty<LoadState> numbersState = new SimpleObjectProperty<>(LoadState.IDLE);
  private final StringProperty numbersError = new SimpleStringProperty("");
  private final ObjectProperty<LoadState> routingState = new SimpleObjectProperty<>(LoadState.IDLE);
  private final LongProperty routingDone = new SimpleLongProperty();
  private final LongProperty routingTotal = new SimpleLongProperty();
  private final IntegerProperty routingFailures = new SimpleIntegerProperty();
  private final LongProperty routingRevision = new SimpleLongProperty();
  private final LongProperty routeLabelsRevision = new SimpleLongProperty();
  private final ObjectProperty<Instant> lastRefresh = new SimpleObjectProperty<>();
  private final ObjectProperty<Connectivity> connectivity =
      new SimpleObjectProperty<>(Connectivity.UNKNOWN);

  // Route id -> {primary uses, failover uses}, kept up to date as routing changes, so "used by"
  // costs O(changes) per update instead of a pass over every number.
  private final Map<String, int[]> usage = new HashMap<>();
  private final Set<String> usageDirty = new HashSet<>();

  private CancellationToken numbersLoad = new CancellationToken();
  private long generation;
  private boolean routingDirty;

  public AccountState(AccountService service, Executor ui, Activity activity) {
    this.service = service;
    this.ui = ui;
    this.activity = activity;
  }

  // ---- lists --------------------------------------------------------------------------------

  public ObservableList<RouteRow> routes() {
    return routes;
  }

  public RouteRow route(String id) {
    return id == null ? null : routeIndex.get(id);
  }

  /** The label of a route id for display ("pbx-east"), or a stand-in for an unknown id. */
  public String routeLabel(String id) {
    if (id == null) {
      return "";
    }
    RouteRow r = routeIndex.get(id);
    return r != null ? r.label() : "Route " + id;
  }

  public ObservableList<EdgeStrategy> edgeStrategies() {
    return edgeStrategies;
  }

  public EdgeStrategy edgeStrategy(Integer id) {
    if (id == null) {
      return null;
    }
    for (EdgeStrategy e : edgeStrategies) {
      if (e.id() == id) {
        return e;
      }
    }
    return null;
  }

  public ObservableList<NumberRow> numbers() {
    return numbers;
  }

  public NumberRow number(String digits) {
    return numberIndex.get(digits);
  }

  // ---- states -------------------------------------------------------------------------------

  public ReadOnlyObjectProperty<LoadState> routesStateProperty() {
    return routesState;
  }

  public ReadOnlyStringProperty routesErrorProperty() {
    return routesError;
  }

  public ReadOnlyObjectProperty<LoadState> numbersStateProperty() {
    return numbersState;
  }

  public ReadOnlyStringProperty numbersErrorProperty() {
    return numbersError;
  }

  /** LOADING while routing details are still arriving (rows are already shown). */
  public ReadOnlyObjectProperty<LoadState> routingStateProperty() {
    return routingState;
  }

  public ReadOnlyLongProperty routingDoneProperty() {
    return routingDone;
  }

  public ReadOnlyLongProperty routingTotalProperty() {
    return routingTotal;
  }

  public ReadOnlyIntegerProperty routingFailuresProperty() {
    return routingFailures;
  }

  /** Increases after every batch of routing changes, so filters and counts can follow. */
  public ReadOnlyLongProperty routingRevisionProperty() {
    return routingRevision;
  }

  /**
   * Increases when routes are added, renamed or removed, so cells showing route labels repaint
   * without rebuilding the table.
   */
  public ReadOnlyLongProperty routeLabelsRevisionProperty() {
    return routeLabelsRevision;
  }

  public ReadOnlyObjectProperty<Instant> lastRefreshProperty() {
    return lastRefresh;
  }

  public ReadOnlyObjectProperty<Connectivity> connectivityProperty() {
    return connectivity;
  }

  /** Numbers whose routing is not known (not read yet, or the read failed). */
  public int unknownRoutingCount() {
    int n = 0;
    for (NumberRow r : numbers) {
      if (!r.isRoutingKnown()) {
        n++;
      }
    }
    return n;
  }

  public RouteUsage usageOf(String routeId) {
    List<NumberRouting> known = new ArrayList<>();
    int unknown = 0;
    for (NumberRow r : numbers) {
      if (r.isRoutingKnown()) {
        known.add(r.routing());
      } else {
        unknown++;
      }
    }
    return RouteUsage.of(routeId, known, unknown);
  }

  // ---- loading ------------------------------------------------------------------------------

  /** Reloads routes, edge strategies, numbers and routing. */
  public CompletableFuture<Void> refresh() {
    CompletableFuture<Void> r = refreshRoutes();
    CompletableFuture<Void> n = refreshNumbers();
    return CompletableFuture.allOf(r, n)
        .whenCompleteAsync(
            (v, e) -> {
              if (e == null) {
                lastRefresh.set(Instant.now());
              }
            },
            ui);
  }

  public CompletableFuture<Void> refreshRoutes() {
    routesState.set(LoadState.LOADING);
    routesError.set("");
    service
        .edgeStrategies()
        .whenCompleteAsync(
            (list, e) -> {
              if (e == null) {
                edgeStrategies.setAll(list);
              } else {
                LOG.warn("Edge strategies could not be read: {}", ErrorMessages.describe(e));
              }
            },
            ui);
    return service
        .routes()
        .handleAsync(
            (list, e) -> {
              if (e != null) {
                failed(routesState, routesError, "Routes could not be loaded", e);
                throw new java.util.concurrent.CompletionException(e);
              }
              setRoutes(list);
              routesState.set(LoadState.LOADED);
              connectivity.set(Connectivity.ONLINE);
              return null;
            },
            ui);
  }

  /**
   * Reloads the numbers and their routing. Rows appear page by page; routing fills in as it
   * arrives. A running load is cancelled first. Completes when every number's routing was read or
   * failed; exceptionally when the number list could not be read.
   */
  public CompletableFuture<Void> refreshNumbers() {
    numbersLoad.cancel();
    CancellationToken cancel = new CancellationToken();
    numbersLoad = cancel;
    long gen = ++generation;
    if (numbers.isEmpty()) {
      numbersState.set(LoadState.LOADING);
    }
    numbersError.set("");
    routingState.set(LoadState.LOADING);
    routingDone.set(0);
    routingTotal.set(0);
    routingFailures.set(0);
    Activity.Task task = activity.start("Loading numbers…");
    Set<String> seen = new HashSet<>();
    AtomicLong latestDone = new AtomicLong();
    AtomicLong latestTotal = new AtomicLong();
    AtomicLong lastWake = new AtomicLong();
    UiBatcher batcher =
        new UiBatcher(
            ui,
            () -> {
              if (gen != generation) {
                return;
              }
              routingDone.set(latestDone.get());
              routingTotal.set(latestTotal.get());
              task.update(
                  "Loading routing " + latestDone.get() + " of " + latestTotal.get() + "…",
                  latestDone.get(),
                  latestTotal.get());
              publishRoutingChanges();
            });
    NumbersLoadListener listener =
        new NumbersLoadListener() {
          @Override
          public void numbers(List<PhoneNumber> page) {
            batcher.submit(
                () -> {
                  if (gen == generation) {
                    addNumbers(page, seen);
                  }
                });
          }

          @Override
          public void routing(List<NumberDetails> details, Map<String, FlowrouteException> fail) {
            batcher.submit(
                () -> {
                  if (gen == generation) {
                    applyDetails(details, fail);
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
        .loadNumbers(listener, cancel)
        .handleAsync(
            (NumbersLoad load, Throwable e) -> {
              task.finish();
              if (gen != generation) {
                return null;
              }
              if (e != null) {
                routingState.set(LoadState.ERROR);
                failed(numbersState, numbersError, "Numbers could not be loaded", e);
                throw new java.util.concurrent.CompletionException(e);
              }
              if (!load.cancelled()) {
                removeNumbersNotIn(seen);
              }
              numbersState.set(LoadState.LOADED);
              routingState.set(load.routingFailed() > 0 ? LoadState.ERROR : LoadState.LOADED);
              connectivity.set(Connectivity.ONLINE);
              publishRoutingChanges();
              return null;
            },
            ui);
  }

  /** Re-reads the routing of the numbers whose routing could not be read. */
  public CompletableFuture<Void> retryFailedRouting() {
    List<String> failed = new ArrayList<>();
    for (NumberRow r : numbers) {
      if (r.routingStatus() == NumberRow.RoutingStatus.FAILED) {
        failed.add(r.number());
      }
    }
    if (failed.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    Activity.Task task = activity.start("Reading routing of " + failed.size() + " numbers…");
    routingState.set(LoadState.LOADING);
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
              applyDetails(List.copyOf(bulk.succeeded().values()), bulk.failed());
              routingFailures.set(countFailed());
              routingState.set(countFailed() > 0 ? LoadState.ERROR : LoadState.LOADED);
              publishRoutingChanges();
              return null;
            },
            ui);
  }

  // ---- changes made in this window ----------------------------------------------------------

  /** A route was created or edited: show it without a reload. */
  public void routeSaved(Route route) {
    RouteRow row = routeIndex.get(route.id());
    if (row == null) {
      row = new RouteRow(route);
      routeIndex.put(route.id(), row);
      showUsage(row);
      routes.add(row);
    } else {
      row.update(route);
      // Replacing the element tells sorted/filtered views that its text changed.
      int i = routes.indexOf(row);
      if (i >= 0) {
        routes.set(i, row);
      }
    }
    recountUsage();
    routeLabelsRevision.set(routeLabelsRevision.get() + 1);
  }

  public void routeDeleted(String routeId) {
    RouteRow row = routeIndex.remove(routeId);
    if (row != null) {
      routes.remove(row);
      routeLabelsRevision.set(routeLabelsRevision.get() + 1);
    }
  }

  /** The routing Flowroute reported after a change. */
  public void applyRouting(Map<String, NumberRouting> routingByNumber) {
    for (NumberRouting r : routingByNumber.values()) {
      NumberRow row = numberIndex.get(r.number());
      if (row != null) {
        setRouting(row, r);
      }
    }
    routingDirty = true;
    publishRoutingChanges();
  }

  public void markPending(Collection<String> numberIds, boolean pending) {
    for (String n : numberIds) {
      NumberRow row = numberIndex.get(n);
      if (row != null) {
        row.setPending(pending);
      }
    }
  }

  // ---- internals ----------------------------------------------------------------------------

  private void failed(
      ObjectProperty<LoadState> state, StringProperty message, String what, Throwable e) {
    String text = ErrorMessages.describe(e);
    LOG.warn("{}: {}", what, text);
    message.set(text);
    state.set(LoadState.ERROR);
    if (ErrorMessages.isOffline(e)) {
      connectivity.set(Connectivity.OFFLINE);
    }
  }

  private void setRoutes(List<Route> list) {
    Set<String> ids = new HashSet<>();
    List<RouteRow> added = new ArrayList<>();
    for (Route r : list) {
      ids.add(r.id());
      RouteRow row = routeIndex.get(r.id());
      if (row == null) {
        row = new RouteRow(r);
        routeIndex.put(r.id(), row);
        showUsage(row);
        added.add(row);
      } else if (!row.route().equals(r)) {
        row.update(r);
        int i = routes.indexOf(row);
        routes.set(i, row);
      }
    }
    routes.removeIf(row -> !ids.contains(row.id()));
    routeIndex.keySet().retainAll(ids);
    routes.addAll(added);
    recountUsage();
    routeLabelsRevision.set(routeLabelsRevision.get() + 1);
  }

  private void addNumbers(List<PhoneNumber> page, Set<String> seen) {
    List<NumberRow> added = new ArrayList<>(page.size());
    for (PhoneNumber n : page) {
      seen.add(n.number());
      NumberRow row = numberIndex.get(n.number());
      if (row == null) {
        row = new NumberRow(n);
        numberIndex.put(n.number(), row);
        added.add(row);
      } else {
        row.update(n);
      }
    }
    numbers.addAll(added);
    if (numbersState.get() != LoadState.LOADED) {
      // Rows are visible from the first page on; routing keeps filling in.
      numbersState.set(LoadState.LOADED);
    }
  }

  private void removeNumbersNotIn(Set<String> seen) {
    if (numbers.size() == seen.size()) {
      return;
    }
    numbers.removeIf(
        row -> {
          if (seen.contains(row.number())) {
            return false;
          }
          count(row.primaryRouteId(), 0, -1);
          count(row.failoverRouteId(), 1, -1);
          return true;
        });
    numberIndex.keySet().retainAll(seen);
    routingDirty = true;
  }

  private void applyDetails(List<NumberDetails> details, Map<String, FlowrouteException> fail) {
    for (NumberDetails d : details) {
      NumberRow row = numberIndex.get(d.number().number());
      if (row != null) {
        setRouting(row, d.routing());
      }
      for (Route included : d.includedRoutes()) {
        // A route seen in a number's details but missing from the list (created elsewhere).
        if (!routeIndex.containsKey(included.id())) {
          routeSaved(included);
        }
      }
    }
    for (Map.Entry<String, FlowrouteException> f : fail.entrySet()) {
      NumberRow row = numberIndex.get(f.getKey());
      if (row != null) {
        row.setRoutingFailed(f.getValue().getMessage());
      }
      if (ErrorMessages.isOffline(f.getValue())) {
        connectivity.set(Connectivity.OFFLINE);
      }
    }
    routingFailures.set(routingFailures.get() + fail.size());
    routingDirty = true;
  }

  private int countFailed() {
    int n = 0;
    for (NumberRow r : numbers) {
      if (r.routingStatus() == NumberRow.RoutingStatus.FAILED) {
        n++;
      }
    }
    return n;
  }

  private void publishRoutingChanges() {
    if (!routingDirty) {
      return;
    }
    routingDirty = false;
    recountUsage();
    routingRevision.set(routingRevision.get() + 1);
  }

  private void setRouting(NumberRow row, NumberRouting r) {
    count(row.primaryRouteId(), 0, -1);
    count(row.failoverRouteId(), 1, -1);
    row.setRouting(r);
    count(r.primaryRouteId(), 0, 1);
    count(r.failoverRouteId(), 1, 1);
  }

  private void count(String routeId, int slot, int delta) {
    if (routeId == null) {
      return;
    }
    usage.computeIfAbsent(routeId, k -> new int[2])[slot] += delta;
    usageDirty.add(routeId);
  }

  /** Pushes changed "used by" counts to the route rows. */
  private void recountUsage() {
    for (String id : usageDirty) {
      RouteRow r = routeIndex.get(id);
      if (r != null) {
        int[] c = usage.getOrDefault(id, new int[2]);
        r.setUses(c[0], c[1]);
      }
    }
    usageDirty.clear();
  }

  private void showUsage(RouteRow r) {
    int[] c = usage.getOrDefault(r.id(), new int[2]);
    r.setUses(c[0], c[1]);
  }
}
