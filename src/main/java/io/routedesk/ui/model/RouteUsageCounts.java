package io.routedesk.ui.model;

import io.routedesk.domain.VoiceSlot;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The "used by" counts of each route (how many numbers use it as primary and as failover), kept up
 * to date as routing changes, so a change costs O(changes) instead of a pass over every number.
 * Changed counts are collected and pushed to the route rows together. UI thread only.
 */
final class RouteUsageCounts {
  private final Map<String, EnumMap<VoiceSlot, Integer>> counts = new HashMap<>();
  private final Set<String> changed = new HashSet<>();

  /** A number now uses (delta 1) or no longer uses (delta -1) the route in this slot. */
  void add(String routeId, VoiceSlot slot, int delta) {
    if (routeId == null) {
      return;
    }
    counts
        .computeIfAbsent(routeId, k -> new EnumMap<>(VoiceSlot.class))
        .merge(slot, delta, Integer::sum);
    changed.add(routeId);
  }

  /** Adds (delta 1) or takes away (delta -1) the routes a number uses in both slots. */
  void addNumber(NumberRow row, int delta) {
    for (VoiceSlot slot : VoiceSlot.values()) {
      add(row.routeId(slot), slot, delta);
    }
  }

  /** Shows the route's counts on its row. */
  void showOn(RouteRow row) {
    EnumMap<VoiceSlot, Integer> c = counts.get(row.id());
    row.setUses(
        c == null ? 0 : c.getOrDefault(VoiceSlot.PRIMARY, 0),
        c == null ? 0 : c.getOrDefault(VoiceSlot.FAILOVER, 0));
  }

  /** Pushes the counts that changed since the last push to their rows (rows not shown: skipped). */
  void pushChanged(Function<String, RouteRow> rowOf) {
    for (String id : changed) {
      RouteRow row = rowOf.apply(id);
      if (row != null) {
        showOn(row);
      }
    }
    changed.clear();
  }
}
