package io.routedesk.service;

import io.routedesk.domain.NumberRouting;
import io.routedesk.domain.VoiceSlot;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One number's planned change: its routing now and the routing it should end with. Both slots are
 * carried so a preview can show the whole picture and undo can restore both.
 */
public record NumberChange(NumberRouting before, NumberRouting after) {
  public NumberChange {
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

  public boolean isNoOp() {
    return !changes(VoiceSlot.PRIMARY) && !changes(VoiceSlot.FAILOVER);
  }

  /**
   * The requests to send, in an order that never leaves the number with the same route as primary
   * and failover on the way (Flowroute may refuse that state): when the new primary is the current
   * failover, the failover moves first; when the two are swapped, the failover is removed first.
   */
  public List<SlotWrite> writes() {
    boolean primary = changes(VoiceSlot.PRIMARY);
    boolean failover = changes(VoiceSlot.FAILOVER);
    List<SlotWrite> writes = new ArrayList<>(3);
    SlotWrite setPrimary = new SlotWrite(VoiceSlot.PRIMARY, after.primaryRouteId());
    SlotWrite setFailover = new SlotWrite(VoiceSlot.FAILOVER, after.failoverRouteId());
    if (primary && failover) {
      boolean primaryTakesOldFailover =
          after.primaryRouteId() != null && after.primaryRouteId().equals(before.failoverRouteId());
      boolean failoverTakesOldPrimary =
          after.failoverRouteId() != null
              && after.failoverRouteId().equals(before.primaryRouteId());
      if (primaryTakesOldFailover && failoverTakesOldPrimary) {
        writes.add(new SlotWrite(VoiceSlot.FAILOVER, null));
        writes.add(setPrimary);
        writes.add(setFailover);
      } else if (primaryTakesOldFailover) {
        writes.add(setFailover);
        writes.add(setPrimary);
      } else {
        writes.add(setPrimary);
        writes.add(setFailover);
      }
    } else if (primary) {
      writes.add(setPrimary);
    } else if (failover) {
      writes.add(setFailover);
    }
    return writes;
  }

  /** One PATCH (routeId set) or DELETE (routeId null) of a number's relationship. */
  public record SlotWrite(VoiceSlot slot, String routeId) {}
}
