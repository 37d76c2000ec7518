package io.routedesk.ui.model;

import io.routedesk.domain.PendingAssignment;
import io.routedesk.domain.VoiceSlot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which draft waits to become each number's primary or failover route (pending assignments), by
 * number, kept apart from the rows so rows that arrive later (saved copy, refresh) show them too.
 * Values are draft row ids ({@link RouteRow#draftRowId}). UI thread only.
 */
final class PendingDraftIndex {
  private final Map<String, EnumMap<VoiceSlot, String>> byNumber = new HashMap<>();

  /** The draft row waiting for this number's slot, or null. */
  String draftRowId(String number, VoiceSlot slot) {
    EnumMap<VoiceSlot, String> slots = byNumber.get(number);
    return slots == null ? null : slots.get(slot);
  }

  boolean has(String number) {
    return byNumber.containsKey(number);
  }

  /**
   * Replaces every pending assignment. Returns, per draft row id, how many numbers wait for it in
   * each slot; {@code touched} receives every number whose pending drafts may have changed.
   */
  Map<String, EnumMap<VoiceSlot, Integer>> replaceAll(
      List<PendingAssignment> pending, Set<String> touched) {
    touched.addAll(byNumber.keySet());
    byNumber.clear();
    Map<String, EnumMap<VoiceSlot, Integer>> perDraft = new HashMap<>();
    for (PendingAssignment p : pending) {
      String rowId = RouteRow.draftRowId(p.draftId());
      byNumber
          .computeIfAbsent(p.number(), k -> new EnumMap<>(VoiceSlot.class))
          .put(p.slot(), rowId);
      touched.add(p.number());
      perDraft
          .computeIfAbsent(rowId, k -> new EnumMap<>(VoiceSlot.class))
          .merge(p.slot(), 1, Integer::sum);
    }
    return perDraft;
  }

  /** Forgets a draft's pending assignments; returns the numbers that had one. */
  List<String> removeDraft(String draftRowId) {
    List<String> touched = new ArrayList<>();
    byNumber
        .entrySet()
        .removeIf(
            e -> {
              if (e.getValue().values().removeIf(draftRowId::equals)) {
                touched.add(e.getKey());
              }
              return e.getValue().isEmpty();
            });
    return touched;
  }

  /** The pending assignments of these numbers, as known now. */
  List<PendingAssignment> pendingOf(Collection<String> numbers) {
    List<PendingAssignment> out = new ArrayList<>();
    for (String n : numbers) {
      EnumMap<VoiceSlot, String> slots = byNumber.get(n);
      if (slots != null) {
        slots.forEach(
            (slot, rowId) ->
                out.add(new PendingAssignment(RouteRow.draftIdOf(rowId), n, slot, Instant.EPOCH)));
      }
    }
    return out;
  }
}
