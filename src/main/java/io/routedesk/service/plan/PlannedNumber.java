package io.routedesk.service.plan;

import io.routedesk.domain.NumberRouting;
import io.routedesk.domain.VoiceSlot;
import io.routedesk.service.NumberChange;
import java.util.Objects;

/**
 * A number a plan changes, with the file row that asks for it: its routing as read when the plan
 * was made (what an apply expects to find) and the routing the file asks for (route ids;
 * provisional ids for routes to create).
 */
public record PlannedNumber(int row, NumberChange change) {
  public PlannedNumber {
    Objects.requireNonNull(change, "change");
  }

  public PlannedNumber(int row, NumberRouting before, NumberRouting after) {
    this(row, new NumberChange(before, after));
  }

  public NumberRouting before() {
    return change.before();
  }

  public NumberRouting after() {
    return change.after();
  }

  public String number() {
    return change.number();
  }

  public boolean changes(VoiceSlot slot) {
    return change.changes(slot);
  }
}
