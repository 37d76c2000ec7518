package io.routedesk.store;

import io.routedesk.domain.VoiceSlot;
import java.util.Objects;

/**
 * A routing change about to be sent: {@code number}'s {@code slot} goes from {@code oldRouteId} to
 * {@code newRouteId} (either may be null: "none", or not known from the cache).
 */
public record PlannedChange(String number, VoiceSlot slot, String oldRouteId, String newRouteId) {
  public PlannedChange {
    Objects.requireNonNull(number, "number");
    Objects.requireNonNull(slot, "slot");
  }
}
