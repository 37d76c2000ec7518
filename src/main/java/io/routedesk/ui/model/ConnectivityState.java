package io.routedesk.ui.model;

import io.routedesk.ui.text.ErrorMessages;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * Whether Flowroute can be reached, as the latest call found out. Every part of the window reports
 * here, so one call that could not reach Flowroute pauses live changes everywhere. UI thread only.
 */
public final class ConnectivityState {
  private final ObjectProperty<Connectivity> connectivity =
      new SimpleObjectProperty<>(Connectivity.UNKNOWN);
  private final BooleanBinding offline =
      Bindings.createBooleanBinding(() -> connectivity.get() == Connectivity.OFFLINE, connectivity);

  public ReadOnlyObjectProperty<Connectivity> property() {
    return connectivity;
  }

  /** True while Flowroute cannot be reached: live changes are paused, drafts still work. */
  public BooleanBinding offlineProperty() {
    return offline;
  }

  public boolean isOffline() {
    return offline.get();
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
}
