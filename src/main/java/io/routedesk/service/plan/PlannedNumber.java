package io.routedesk.service.plan;

import io.routedesk.domain.NumberRouting;
import io.routedesk.domain.VoiceSlot;
import java.util.Objects;

/**
 * A number a plan changes: its routing as read when the plan was made (what an apply expects to
 * find) and the routing the file asks for (route ids; provisional ids for routes to create).
 */
public record PlannedNumber(int row, NumberRouting before, NumberRouting after) {
  public PlannedNumber {
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(after, "after");
    if (!before.number().equals(after.number())) {
      throw new IllegalArgumentException("before and after must be the same number");
    }
  }

  public String number() {
    return before.number();
  }

  public boolean changes(VoiceSlot slot) {
    return !Objects.equals(before.routeId(slot), after.routeId(slot));
  }
}
