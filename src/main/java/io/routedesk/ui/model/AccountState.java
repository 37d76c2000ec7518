package io.routedesk.ui.model;

import io.routedesk.domain.Draft;
import io.routedesk.domain.EdgeStrategy;
import io.routedesk.domain.NumberRouting;
import io.routedesk.domain.PendingAssignment;
import io.routedesk.domain.Route;
import io.routedesk.service.AccountService;
import io.routedesk.service.AccountSnapshotService;
import io.routedesk.service.RouteUsage;
import io.routedesk.store.AccountSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.collections.ObservableList;

/**
 * The account as the window knows it: routes (and draft routes), edge strategies, numbers and their
 * routing, with load states for each list. Shared by the feature view-models. Its properties change
 * on the UI executor only.
 *
 * <p>It composes four parts with one job each: {@link AccountRows} (the rows and their indexes,
 * usage counts and pending drafts), {@link AccountLoader} (loading from Flowroute and retrying),
 * {@link SavedCopy} (the copy on this computer) and {@link ConnectivityState}. With a saved copy,
 * {@link #showCached()} paints the last saved state at once, {@link #refresh()} streams the account
 * from Flowroute (rows page by page) and saves it when complete. Confirmed changes made in this
 * window (routes saved or deleted, routing read back after an assignment) are shown and written to
 * the copy as they happen.
 */
public final class AccountState {
  private final AccountRows rows = new AccountRows();
  private final ConnectivityState connectivity = new ConnectivityState();
  private final SavedCopy copy;
  private final AccountLoader loader;
  private final Executor ui;

  // The saved copy is read once; later callers wait on the same read.
  private CompletableFuture<AccountSnapshot> cachedShown;

  public AccountState(
      AccountService service, AccountSnapshotService snapshots, Executor ui, Activity activity) {
    this.ui = ui;
    this.copy = new SavedCopy(snapshots, ui, activity);
    this.loader = new AccountLoader(service, rows, copy, connectivity, ui, activity);
  }

  // ---- lists --------------------------------------------------------------------------------

  public ObservableList<RouteRow> routes() {
    return rows.routes();
  }

  public RouteRow route(String id) {
    return rows.route(id);
  }

  /** The label of a route id for display ("pbx-east"), or a stand-in for an unknown id. */
  public String routeLabel(String id) {
    return rows.routeLabel(id);
  }

  public ObservableList<EdgeStrategy> edgeStrategies() {
    return rows.edgeStrategies();
  }

  public EdgeStrategy edgeStrategy(Integer id) {
    return rows.edgeStrategy(id);
  }

  public ObservableList<NumberRow> numbers() {
    return rows.numbers();
  }

  public NumberRow number(String digits) {
    return rows.number(digits);
  }

  /** Numbers whose routing is not known (not read yet, or the read failed). */
  public int unknownRoutingCount() {
    return rows.unknownRoutingCount();
  }

  public RouteUsage usageOf(String routeId) {
    return rows.usageOf(routeId);
  }

  /** Increases after every batch of routing changes, so filters and counts can follow. */
  public ReadOnlyLongProperty routingRevisionProperty() {
    return rows.routingRevisionProperty();
  }

  /**
   * Increases when routes are added, renamed or removed, so cells showing route labels repaint
   * without rebuilding the table.
   */
  public ReadOnlyLongProperty routeLabelsRevisionProperty() {
    return rows.routeLabelsRevisionProperty();
  }

  // ---- load states --------------------------------------------------------------------------

  public ReadOnlyObjectProperty<LoadState> routesStateProperty() {
    return loader.routesStateProperty();
  }

  public ReadOnlyStringProperty routesErrorProperty() {
    return loader.routesErrorProperty();
  }

  public ReadOnlyObjectProperty<LoadState> numbersStateProperty() {
    return loader.numbersStateProperty();
  }

  public ReadOnlyStringProperty numbersErrorProperty() {
    return loader.numbersErrorProperty();
  }

  /** LOADING while routing details are still arriving (rows are already shown). */
  public ReadOnlyObjectProperty<LoadState> routingStateProperty() {
    return loader.routingStateProperty();
  }

  public ReadOnlyLongProperty routingDoneProperty() {
    return loader.routingDoneProperty();
  }

  public ReadOnlyLongProperty routingTotalProperty() {
    return loader.routingTotalProperty();
  }

  public ReadOnlyIntegerProperty routingFailuresProperty() {
    return loader.routingFailuresProperty();
  }

  // ---- the saved copy -----------------------------------------------------------------------

  public ReadOnlyObjectProperty<Instant> lastRefreshProperty() {
    return copy.lastRefreshProperty();
  }

  /** True while the window shows the saved copy and no refresh has succeeded since. */
  public ReadOnlyBooleanProperty showingSavedCopyProperty() {
    return copy.showingSavedCopyProperty();
  }

  /**
   * How the latest full {@link #refresh()} ended for the copy on this computer (null until one
   * ended). A refresh replaced by a newer one reports nothing.
   */
  public ReadOnlyObjectProperty<CopyRefresh> copyRefreshProperty() {
    return copy.copyRefreshProperty();
  }

  // ---- connectivity -------------------------------------------------------------------------

  public ReadOnlyObjectProperty<Connectivity> connectivityProperty() {
    return connectivity.property();
  }

  /** True while Flowroute cannot be reached: live changes are paused, drafts still work. */
  public BooleanBinding offlineProperty() {
    return connectivity.offlineProperty();
  }

  public boolean isOffline() {
    return connectivity.isOffline();
  }

  /** A call reached Flowroute: the account is online. */
  public void reportReachable() {
    connectivity.reportReachable();
  }

  /** A call failed: when Flowroute could not be reached at all, the account is offline. */
  public void reportFailure(Throwable error) {
    connectivity.reportFailure(error);
  }

  // ---- loading ------------------------------------------------------------------------------

  /**
   * Shows the saved copy of the account at once (before any request), when there is one and the
   * window shows nothing yet. Completes with the copy read (empty when never refreshed or
   * unreadable). Reads it once: later calls return the first call's future (the window host waits
   * on it to put the window on screen with its rows, the local copy's start-up to refresh behind
   * them).
   */
  public CompletableFuture<AccountSnapshot> showCached() {
    if (cachedShown == null) {
      cachedShown = readAndShowCached();
    }
    return cachedShown;
  }

  private CompletableFuture<AccountSnapshot> readAndShowCached() {
    return copy.read()
        .thenApplyAsync(
            snapshot -> {
              if (snapshot.isRefreshed() && rows.numbers().isEmpty()) {
                copy.shown(snapshot);
                loader.showSaved(snapshot);
              }
              return snapshot;
            },
            ui);
  }

  /**
   * Reloads routes, edge strategies, numbers and routing from Flowroute, saves the result and tells
   * what changed since the last refresh.
   */
  public CompletableFuture<Void> refresh() {
    return loader.refresh();
  }

  /**
   * The rows the window shows now, top to bottom: routing not read yet is read for them first.
   * Cheap; call it whenever they change (scroll, filter, sort, resize).
   */
  public void rowsOnScreen(List<NumberRow> onScreen) {
    List<String> unread = new ArrayList<>();
    for (NumberRow row : onScreen) {
      if (row.routingStatus() == NumberRow.RoutingStatus.UNKNOWN) {
        unread.add(row.number());
      }
    }
    if (!unread.isEmpty()) {
      loader.onScreen(unread);
    }
  }

  /** Stops a running numbers load (the window is closing, or another account is opening). */
  public void cancelLoading() {
    loader.cancel();
  }

  /** Re-reads the routing of the numbers whose routing could not be read. */
  public CompletableFuture<Void> retryFailedRouting() {
    return loader.retryFailedRouting();
  }

  // ---- changes made in this window ----------------------------------------------------------

  /** A route was created or edited: show it without a reload, and keep it in the saved copy. */
  public void routeSaved(Route route) {
    rows.addOrUpdateRoute(route);
    copy.recordRoute(route);
  }

  public void routeDeleted(String routeId) {
    rows.removeRoute(routeId);
    copy.forgetRoute(routeId);
  }

  /** The routing Flowroute reported after a change: shown, and kept in the saved copy. */
  public void applyRouting(Map<String, NumberRouting> routingByNumber) {
    rows.confirmRouting(routingByNumber.values());
    rows.publishRoutingChanges();
    if (!routingByNumber.isEmpty()) {
      copy.recordRouting(routingByNumber.values(), "the new routing");
    }
  }

  public void markPending(Collection<String> numberIds, boolean pending) {
    rows.markPending(numberIds, pending);
  }

  // ---- drafts -------------------------------------------------------------------------------

  /** Replaces every draft row and pending assignment (after loading them from disk). */
  public void setDrafts(List<Draft> drafts, List<PendingAssignment> pending) {
    rows.setDrafts(drafts, pending);
  }

  /** A draft was created or changed on disk: show it. */
  public void draftSaved(Draft d) {
    rows.draftSaved(d);
  }

  /** A draft was deleted (or published): its row and its pending assignments go. */
  public void draftRemoved(UUID draftId) {
    rows.draftRemoved(draftId);
  }

  /** The draft row of a draft, or null. */
  public RouteRow draft(UUID draftId) {
    return rows.draft(draftId);
  }

  /** Replaces every draft's pending assignments as shown in the Primary/Failover columns. */
  public void setPendingAssignments(List<PendingAssignment> pending) {
    rows.setPendingAssignments(pending);
  }

  /** The pending assignments of these numbers, as shown now. */
  public List<PendingAssignment> pendingOf(Collection<String> numberIds) {
    return rows.pendingOf(numberIds);
  }
}
