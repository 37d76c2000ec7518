package io.routedesk.ui.model;

import io.routedesk.domain.Draft;
import io.routedesk.domain.EdgeStrategy;
import io.routedesk.domain.NumberDetails;
import io.routedesk.domain.NumberRouting;
import io.routedesk.domain.PendingAssignment;
import io.routedesk.domain.PhoneNumber;
import io.routedesk.domain.Route;
import io.routedesk.domain.VoiceSlot;
import io.routedesk.flowroute.CancellationToken;
import io.routedesk.flowroute.FlowrouteClient;
import io.routedesk.flowroute.FlowrouteException;
import io.routedesk.service.AccountService;
import io.routedesk.service.AccountSnapshotService;
import io.routedesk.service.NumbersLoad;
import io.routedesk.service.NumbersLoadListener;
import io.routedesk.service.RefreshResult;
import io.routedesk.service.RouteUsage;
import io.routedesk.store.AccountSnapshot;
import io.routedesk.ui.text.ChangeSummary;
import io.routedesk.ui.text.ErrorMessages;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
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
 * The account as the window knows it: routes (and draft routes), edge strategies, numbers and their
 * routing, with load states for each list. Shared by the feature view-models. Its properties change
 * on the UI executor only; background results are batched onto it through a {@link UiBatcher}.
 *
 * <p>With a saved copy ({@link AccountSnapshotService}), the account is loaded once: {@link
 * #showCached()} paints the last saved state at once, {@link #refresh()} streams the account from
 * Flowroute through {@link AccountService} (rows page by page) and, when the load is complete,
 * hands what arrived to the snapshot service, which saves it in one transaction and says what
 * changed since. Confirmed changes made in this window (routes saved or deleted, routing read back
 * after an assignment) are written to the copy as they happen.
 */
public final class AccountState {
  private static final Logger LOG = LoggerFactory.getLogger(AccountState.class);
  private static final long PROGRESS_INTERVAL_NANOS = 100_000_000L;

  private final AccountService service;
  private final AccountSnapshotService snapshots;
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
  private final BooleanBinding offline =
      Bindings.createBooleanBinding(() -> connectivity.get() == Connectivity.OFFLINE, connectivity);
  private final BooleanProperty showingSavedCopy = new SimpleBooleanProperty();
  private final ObjectProperty<CopyRefresh> copyRefresh = new SimpleObjectProperty<>();
  // Counts full refreshes, so only the latest one reports how the copy fared.
  private long refreshes;
  private CompletableFuture<AccountSnapshot> cachedShown;

  private final PendingDraftIndex draftPending = new PendingDraftIndex();
  private final RouteUsageCounts usage = new RouteUsageCounts();

  private CancellationToken numbersLoad = new CancellationToken();
  private long generation;
  private boolean routingDirty;

  /**
   * @param snapshots the account's saved copy
   */
  public AccountState(
      AccountService service, AccountSnapshotService snapshots, Executor ui, Activity activity) {
    this.service = service;
    this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
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

  /** True while Flowroute cannot be reached: live changes are paused, drafts still work. */
  public BooleanBinding offlineProperty() {
    return offline;
  }

  public boolean isOffline() {
    return offline.get();
  }

  /** True while the window shows the saved copy and no refresh has succeeded since. */
  public ReadOnlyBooleanProperty showingSavedCopyProperty() {
    return showingSavedCopy;
  }

  /**
   * How the latest full {@link #refresh()} ended for the copy on this computer (null until one
   * ended; never set without a saved copy). A refresh replaced by a newer one reports nothing.
   */
  public ReadOnlyObjectProperty<CopyRefresh> copyRefreshProperty() {
    return copyRefresh;
  }

  /** A call reached Flowroute: the account is online. */
  public void reportReachable() {
    connectivity.set(Connectivity.ONLINE);
  }

  /** A call failed: when Flowroute could not be reached at all, the account is offline. */
  public void reportFailure(Throwable error) {
    if (ErrorMessages.isOffline(error)) {
      connectivity.set(Connectivity.OFFLINE);
    }
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

  /**
   * Shows the saved copy of the account at once (before any request), when there is one and the
   * window shows nothing yet. Completes with the copy read (empty when never refreshed). Reads it
   * once: later calls return the first call's future (the window host waits on it to put the window
   * on screen with its rows, the local copy's start-up to refresh behind them).
   */
  public CompletableFuture<AccountSnapshot> showCached() {
    if (cachedShown == null) {
      cachedShown = readAndShowCached();
    }
    return cachedShown;
  }

  private CompletableFuture<AccountSnapshot> readAndShowCached() {
    return snapshots
        .loadCached()
        .handleAsync(
            (snapshot, e) -> {
              if (e != null) {
                LOG.warn("The saved copy could not be read: {}", ErrorMessages.describe(e));
                return AccountSnapshot.EMPTY;
              }
              if (snapshot.isRefreshed() && numbers.isEmpty()) {
                showSnapshot(snapshot);
              }
              return snapshot;
            },
            ui);
  }

  private void showSnapshot(AccountSnapshot snapshot) {
    showingSavedCopy.set(true);
    setRoutes(snapshot.routes());
    edgeStrategies.setAll(snapshot.edgeStrategies());
    addNumbers(snapshot.numbers(), new HashSet<>());
    for (NumberRouting r : snapshot.routings()) {
      NumberRow row = numberIndex.get(r.number());
      if (row != null) {
        setRouting(row, r);
      }
    }
    routingDirty = true;
    publishRoutingChanges();
    routesState.set(LoadState.LOADED);
    numbersState.set(LoadState.LOADED);
    routingState.set(LoadState.LOADED);
    lastRefresh.set(snapshot.refreshedAt());
  }

  /**
   * Reloads routes, edge strategies, numbers and routing from Flowroute and, with a saved copy,
   * saves the result and tells what changed since the last refresh.
   */
  public CompletableFuture<Void> refresh() {
    boolean hadRefresh = lastRefresh.get() != null;
    long attempt = ++refreshes;
    RoutesLoad r = loadRoutes();
    CompletableFuture<NumbersCollected> n = loadNumbers();
    return CompletableFuture.allOf(r.routes(), n)
        .thenComposeAsync(
            v -> {
              NumbersCollected collected = n.join();
              if (collected == null) {
                // Another refresh replaced this one (it will save).
                return CompletableFuture.completedFuture(null);
              }
              return save(r.routes().join(), collected, r.edges(), hadRefresh, attempt);
            },
            ui)
        .whenCompleteAsync(
            (v, e) -> {
              if (e != null && attempt == refreshes) {
                copyRefresh.set(CopyRefresh.failed(Instant.now(), ErrorMessages.describe(e)));
              }
            },
            ui);
  }

  private CompletableFuture<Void> save(
      List<Route> routeList,
      NumbersCollected collected,
      CompletableFuture<List<EdgeStrategy>> edges,
      boolean hadRefresh,
      long attempt) {
    List<EdgeStrategy> edgeList = edges.isDone() ? edges.exceptionally(e -> null).join() : null;
    return snapshots
        .saveLoaded(
            routeList, collected.numbers(), collected.routing(), collected.notRead(), edgeList)
        .handleAsync(
            (RefreshResult result, Throwable e) -> {
              if (e != null) {
                // The window shows the fresh data; only the copy for next time is stale.
                LOG.warn("The account could not be saved locally: {}", ErrorMessages.describe(e));
                lastRefresh.set(Instant.now());
                showingSavedCopy.set(false);
                if (attempt == refreshes) {
                  copyRefresh.set(
                      CopyRefresh.failed(
                          Instant.now(),
                          "it could not be written to this computer: "
                              + ErrorMessages.describe(e)));
                }
                activity.notify(
                    Activity.Severity.WARNING,
                    "Refreshed, but the copy on this computer could not be updated: "
                        + ErrorMessages.describe(e));
                return null;
              }
              lastRefresh.set(result.snapshot().refreshedAt());
              showingSavedCopy.set(false);
              if (attempt == refreshes) {
                copyRefresh.set(CopyRefresh.saved(result.snapshot().refreshedAt()));
              }
              if (hadRefresh && !result.changes().isEmpty()) {
                activity.notify(Activity.Severity.INFO, ChangeSummary.describe(result.changes()));
              }
              return null;
            },
            ui);
  }

  /** One load of the route list and, alongside it, of the edge strategies (saved with it). */
  private record RoutesLoad(
      CompletableFuture<List<Route>> routes, CompletableFuture<List<EdgeStrategy>> edges) {}

  private RoutesLoad loadRoutes() {
    routesState.set(LoadState.LOADING);
    routesError.set("");
    CompletableFuture<List<EdgeStrategy>> edges = service.edgeStrategies();
    edges.whenCompleteAsync(
        (list, e) -> {
          if (e == null) {
            edgeStrategies.setAll(list);
          } else {
            LOG.warn("Edge strategies could not be read: {}", ErrorMessages.describe(e));
          }
        },
        ui);
    CompletableFuture<List<Route>> routeList =
        service
            .routes()
            .handleAsync(
                (list, e) -> {
                  if (e != null) {
                    failed(routesState, routesError, "Routes could not be loaded", e);
                    throw new CompletionException(e);
                  }
                  setRoutes(list);
                  routesState.set(LoadState.LOADED);
                  connectivity.set(Connectivity.ONLINE);
                  return list;
                },
                ui);
    return new RoutesLoad(routeList, edges);
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

    synchronized NumbersCollected done() {
      return new NumbersCollected(List.copyOf(numbers), Map.copyOf(routing), Map.copyOf(notRead));
    }
  }

  /** A complete numbers load: every number, the routing read, and why the rest was not. */
  private record NumbersCollected(
      List<PhoneNumber> numbers, Map<String, NumberRouting> routing, Map<String, String> notRead) {}

  /**
   * Reloads the numbers and their routing. Rows appear page by page; routing fills in as it
   * arrives. A running load is cancelled first. Completes with what was loaded when every number's
   * routing was read or failed, with null when the load was cancelled or replaced, and
   * exceptionally when the number list could not be read.
   */
  private CompletableFuture<NumbersCollected> loadNumbers() {
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
    NumbersCollector collector = new NumbersCollector();
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
            collector.numbers(page);
            batcher.submit(
                () -> {
                  if (gen == generation) {
                    addNumbers(page, seen);
                  }
                });
          }

          @Override
          public void routing(List<NumberDetails> details, Map<String, FlowrouteException> fail) {
            collector.routing(details, fail);
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
                markUnknownRoutingFailed(ErrorMessages.describe(e));
                throw new CompletionException(e);
              }
              if (!load.cancelled()) {
                removeNumbersNotIn(seen);
              }
              numbersState.set(LoadState.LOADED);
              routingState.set(load.routingFailed() > 0 ? LoadState.ERROR : LoadState.LOADED);
              connectivity.set(Connectivity.ONLINE);
              publishRoutingChanges();
              return load.cancelled() ? null : collector.done();
            },
            ui);
  }

  /**
   * After a failed load, rows whose routing was never read (a saved copy that did not have it) say
   * so instead of "Loading…" forever.
   */
  private void markUnknownRoutingFailed(String reason) {
    int marked = 0;
    for (NumberRow r : numbers) {
      if (r.routingStatus() == NumberRow.RoutingStatus.UNKNOWN) {
        r.setRoutingFailed(reason);
        marked++;
      }
    }
    if (marked > 0) {
      routingFailures.set(routingFailures.get() + marked);
    }
  }

  /** Stops a running numbers load (the window is closing, or another account is opening). */
  public void cancelLoading() {
    numbersLoad.cancel();
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
              if (!bulk.succeeded().isEmpty()) {
                persist(
                    snapshots.recordRouting(
                        bulk.succeeded().values().stream().map(NumberDetails::routing).toList()),
                    "the routing read again");
              }
              routingFailures.set(countFailed());
              routingState.set(countFailed() > 0 ? LoadState.ERROR : LoadState.LOADED);
              publishRoutingChanges();
              return null;
            },
            ui);
  }

  // ---- changes made in this window ----------------------------------------------------------

  /** A route was created or edited: show it without a reload, and keep it in the saved copy. */
  public void routeSaved(Route route) {
    addOrUpdateRoute(route);
    persist(snapshots.recordRoute(route), "the saved route");
  }

  private void addOrUpdateRoute(Route route) {
    RouteRow row = routeIndex.get(route.id());
    if (row == null) {
      row = new RouteRow(route);
      routeIndex.put(route.id(), row);
      showUsage(row);
      routes.add(firstDraftIndex(), row);
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
    persist(snapshots.forgetRoute(routeId), "the deleted route");
  }

  /** The routing Flowroute reported after a change: shown, and kept in the saved copy. */
  public void applyRouting(Map<String, NumberRouting> routingByNumber) {
    for (NumberRouting r : routingByNumber.values()) {
      NumberRow row = numberIndex.get(r.number());
      if (row != null) {
        setRouting(row, r);
      }
    }
    routingDirty = true;
    publishRoutingChanges();
    if (!routingByNumber.isEmpty()) {
      persist(snapshots.recordRouting(routingByNumber.values()), "the new routing");
    }
  }

  private void persist(CompletableFuture<Void> write, String what) {
    write.whenComplete(
        (v, e) -> {
          if (e != null) {
            LOG.warn("Could not keep {} in the saved copy: {}", what, ErrorMessages.describe(e));
          }
        });
  }

  // ---- drafts -------------------------------------------------------------------------------

  /** Replaces every draft row and pending assignment (after loading them from disk). */
  public void setDrafts(List<Draft> drafts, List<PendingAssignment> pending) {
    Set<String> keep = new HashSet<>();
    for (Draft d : drafts) {
      keep.add(RouteRow.draftRowId(d.id()));
      showDraft(d);
    }
    List<RouteRow> gone = new ArrayList<>();
    for (RouteRow r : routes) {
      if (r.isDraft() && !keep.contains(r.id())) {
        gone.add(r);
      }
    }
    for (RouteRow r : gone) {
      routeIndex.remove(r.id());
    }
    routes.removeAll(gone);
    setPendingAssignments(pending);
    routeLabelsRevision.set(routeLabelsRevision.get() + 1);
  }

  /** A draft was created or changed on disk: show it. */
  public void draftSaved(Draft d) {
    showDraft(d);
    routeLabelsRevision.set(routeLabelsRevision.get() + 1);
  }

  private void showDraft(Draft d) {
    String id = RouteRow.draftRowId(d.id());
    RouteRow row = routeIndex.get(id);
    if (row == null) {
      row = RouteRow.forDraft(d);
      routeIndex.put(id, row);
      routes.add(row);
    } else if (!d.equals(row.draft())) {
      row.updateDraft(d);
      int i = routes.indexOf(row);
      if (i >= 0) {
        routes.set(i, row);
      }
    }
  }

  /** Routes first, drafts after them (in list order): where a new route row goes. */
  private int firstDraftIndex() {
    for (int i = 0; i < routes.size(); i++) {
      if (routes.get(i).isDraft()) {
        return i;
      }
    }
    return routes.size();
  }

  /** A draft was deleted (or published): its row and its pending assignments go. */
  public void draftRemoved(UUID draftId) {
    String id = RouteRow.draftRowId(draftId);
    RouteRow row = routeIndex.remove(id);
    if (row != null) {
      routes.remove(row);
    }
    for (String n : draftPending.removeDraft(id)) {
      showDraftPending(n);
    }
    routeLabelsRevision.set(routeLabelsRevision.get() + 1);
    routingDirty = true;
    publishRoutingChanges();
  }

  /** The draft row of a draft, or null. */
  public RouteRow draft(UUID draftId) {
    return routeIndex.get(RouteRow.draftRowId(draftId));
  }

  /** Replaces every draft's pending assignments as shown in the Primary/Failover columns. */
  public void setPendingAssignments(List<PendingAssignment> pending) {
    Set<String> touched = new HashSet<>();
    Map<String, EnumMap<VoiceSlot, Integer>> perDraft = draftPending.replaceAll(pending, touched);
    for (String n : touched) {
      showDraftPending(n);
    }
    for (RouteRow r : routes) {
      if (r.isDraft()) {
        EnumMap<VoiceSlot, Integer> c = perDraft.get(r.id());
        r.setUses(
            c == null ? 0 : c.getOrDefault(VoiceSlot.PRIMARY, 0),
            c == null ? 0 : c.getOrDefault(VoiceSlot.FAILOVER, 0));
      }
    }
    // Filters on "waiting for a draft" follow, as they do routing changes.
    routingDirty = true;
    publishRoutingChanges();
  }

  /** The pending assignments of these numbers, as shown now. */
  public List<PendingAssignment> pendingOf(Collection<String> numberIds) {
    return draftPending.pendingOf(numberIds);
  }

  private void showDraftPending(String number) {
    NumberRow row = numberIndex.get(number);
    if (row == null) {
      return;
    }
    for (VoiceSlot slot : VoiceSlot.values()) {
      row.setDraftRoute(slot, draftPending.draftRowId(number, slot));
    }
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
    // Draft rows are not on Flowroute: a listing never removes them.
    routes.removeIf(row -> !row.isDraft() && !ids.contains(row.id()));
    routeIndex.keySet().removeIf(id -> !RouteRow.isDraftId(id) && !ids.contains(id));
    routes.addAll(firstDraftIndex(), added);
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
        if (draftPending.has(n.number())) {
          showDraftPending(n.number());
        }
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
          usage.addNumber(row, -1);
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
          addOrUpdateRoute(included);
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
    usage.addNumber(row, -1);
    row.setRouting(r);
    usage.addNumber(row, 1);
  }

  /** Pushes changed "used by" counts to the route rows. */
  private void recountUsage() {
    usage.pushChanged(routeIndex::get);
  }

  private void showUsage(RouteRow r) {
    usage.showOn(r);
  }
}
