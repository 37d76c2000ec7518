package io.routedesk.service;

import io.routedesk.store.AccountSnapshot;
import io.routedesk.store.SnapshotDiff;
import java.util.List;
import java.util.Map;

/**
 * A completed refresh: the snapshot now saved, what changed since the previous one, and what could
 * not be refreshed.
 *
 * @param routingNotRefreshed numbers whose details could not be read, with the reason; their last
 *     known routing was kept (if any)
 * @param notes other things the status bar may mention (e.g. edge strategies kept from the cache)
 */
public record RefreshResult(
    AccountSnapshot snapshot,
    SnapshotDiff changes,
    Map<String, String> routingNotRefreshed,
    List<String> notes) {

  public RefreshResult {
    routingNotRefreshed = Map.copyOf(routingNotRefreshed);
    notes = List.copyOf(notes);
  }

  public boolean isComplete() {
    return routingNotRefreshed.isEmpty() && notes.isEmpty();
  }
}
