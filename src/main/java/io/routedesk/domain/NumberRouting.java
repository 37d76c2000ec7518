package io.routedesk.domain;

import java.util.Objects;

/**
 * Which routes a number uses, as read from its details. A null route id means "none" (Flowroute
 * sends {@code "data": null}).
 */
public record NumberRouting(String number, String primaryRouteId, String failoverRouteId) {
  public NumberRouting {
    Objects.requireNonNull(number, "number");
  }

  public String routeId(VoiceSlot slot) {
    return slot == VoiceSlot.PRIMARY ? primaryRouteId : failoverRouteId;
  }

  public NumberRouting with(VoiceSlot slot, String routeId) {
    return slot == VoiceSlot.PRIMARY
        ? new NumberRouting(number, routeId, failoverRouteId)
        : new NumberRouting(number, primaryRouteId, routeId);
  }
}
