package io.routedesk.ui.text;

import io.routedesk.domain.Plural;
import io.routedesk.store.SnapshotDiff;
import java.util.ArrayList;
import java.util.List;

/** One short sentence for what changed on the account since the last refresh. */
public final class ChangeSummary {
  private ChangeSummary() {}

  /**
   * "3 routes changed, 12 numbers re-routed since the last refresh." Routes added, removed or
   * edited count as changed; numbers added and removed are named separately. Empty for no change.
   */
  public static String describe(SnapshotDiff diff) {
    if (diff.isEmpty()) {
      return "";
    }
    List<String> parts = new ArrayList<>();
    int routes =
        diff.routesAdded().size() + diff.routesRemoved().size() + diff.routesChanged().size();
    if (routes > 0) {
      parts.add(Plural.count(routes, "route") + " changed");
    }
    if (!diff.routingsChanged().isEmpty()) {
      parts.add(Plural.count(diff.routingsChanged().size(), "number") + " re-routed");
    }
    if (!diff.numbersAdded().isEmpty()) {
      parts.add(Plural.count(diff.numbersAdded().size(), "number") + " added");
    }
    if (!diff.numbersRemoved().isEmpty()) {
      parts.add(Plural.count(diff.numbersRemoved().size(), "number") + " removed");
    }
    return String.join(", ", parts) + " since the last refresh.";
  }
}
