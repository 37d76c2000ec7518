package io.routedesk.ui.model;

import io.routedesk.domain.EdgeStrategy;
import io.routedesk.domain.NumberRouting;
import io.routedesk.domain.PhoneNumber;
import io.routedesk.domain.Route;
import io.routedesk.service.AccountSnapshotService;
import io.routedesk.service.RefreshResult;
import io.routedesk.store.AccountSnapshot;
import io.routedesk.ui.text.ChangeSummary;
import io.routedesk.ui.text.ErrorMessages;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The copy of the account kept on this computer, as the window uses it: read once at start, saved
 * after every complete refresh (telling what changed since), and kept up to date with the changes
 * confirmed in this window. Says when the window last matched Flowroute and how the latest refresh
 * fared for the copy. Properties change on the UI executor only.
 */
final class SavedCopy {
  private static final Logger LOG = LoggerFactory.getLogger(SavedCopy.class);

  /**
   * Everything one complete refresh read.
   *
   * @param edgeStrategies null when they could not be read (the saved ones stay)
   * @param notRead why a number's routing could not be read, by number
   */
  record Loaded(
      List<Route> routes,
      List<EdgeStrategy> edgeStrategies,
      List<PhoneNumber> numbers,
      Map<String, NumberRouting> routing,
      Map<String, String> notRead) {}

  private final AccountSnapshotService snapshots;
  private final Executor ui;
  private final Activity activity;
  private final ObjectProperty<Instant> lastRefresh = new SimpleObjectProperty<>();
  private final BooleanProperty showingSavedCopy = new SimpleBooleanProperty();
  private final ObjectProperty<CopyRefresh> copyRefresh = new SimpleObjectProperty<>();

  SavedCopy(AccountSnapshotService snapshots, Executor ui, Activity activity) {
    this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
    this.ui = ui;
    this.activity = activity;
  }

  ReadOnlyObjectProperty<Instant> lastRefreshProperty() {
    return lastRefresh;
  }

  ReadOnlyBooleanProperty showingSavedCopyProperty() {
    return showingSavedCopy;
  }

  ReadOnlyObjectProperty<CopyRefresh> copyRefreshProperty() {
    return copyRefresh;
  }

  /** Reads the saved copy; a copy that cannot be read counts as none (the refresh will fill it). */
  CompletableFuture<AccountSnapshot> read() {
    return snapshots
        .loadCached()
        .exceptionally(
            e -> {
              LOG.warn("The saved copy could not be read: {}", ErrorMessages.describe(e));
              return AccountSnapshot.EMPTY;
            });
  }

  /** The window now shows this saved copy. */
  void shown(AccountSnapshot snapshot) {
    showingSavedCopy.set(true);
    lastRefresh.set(snapshot.refreshedAt());
  }

  /**
   * Saves what a complete refresh read and says what changed since the previous one (when there was
   * one). {@code latest} tells whether this refresh is still the newest, the only one that reports
   * how the copy fared.
   */
  CompletableFuture<Void> save(Loaded loaded, boolean hadRefresh, BooleanSupplier latest) {
    return snapshots
        .saveLoaded(
            loaded.routes(),
            loaded.numbers(),
            loaded.routing(),
            loaded.notRead(),
            loaded.edgeStrategies())
        .handleAsync(
            (RefreshResult result, Throwable e) -> {
              if (e != null) {
                // The window shows the fresh data; only the copy for next time is stale.
                LOG.warn("The account could not be saved locally: {}", ErrorMessages.describe(e));
                lastRefresh.set(Instant.now());
                showingSavedCopy.set(false);
                if (latest.getAsBoolean()) {
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
              if (latest.getAsBoolean()) {
                copyRefresh.set(CopyRefresh.saved(result.snapshot().refreshedAt()));
              }
              if (hadRefresh && !result.changes().isEmpty()) {
                activity.notify(Activity.Severity.INFO, ChangeSummary.describe(result.changes()));
              }
              return null;
            },
            ui);
  }

  /** The latest refresh could not read the account: the copy was not updated. */
  void refreshFailed(Throwable e) {
    copyRefresh.set(CopyRefresh.failed(Instant.now(), ErrorMessages.describe(e)));
  }

  void recordRoute(Route route) {
    keep(snapshots.recordRoute(route), "the saved route");
  }

  void forgetRoute(String routeId) {
    keep(snapshots.forgetRoute(routeId), "the deleted route");
  }

  void recordRouting(Collection<NumberRouting> routing, String what) {
    keep(snapshots.recordRouting(routing), what);
  }

  private static void keep(CompletableFuture<Void> write, String what) {
    write.whenComplete(
        (v, e) -> {
          if (e != null) {
            LOG.warn("Could not keep {} in the saved copy: {}", what, ErrorMessages.describe(e));
          }
        });
  }
}
