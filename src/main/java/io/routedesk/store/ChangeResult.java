package io.routedesk.store;

import io.routedesk.domain.VoiceSlot;
import java.util.Objects;

/** The outcome of one planned change, to record in the history. */
public record ChangeResult(String number, VoiceSlot slot, ChangeOutcome outcome, String detail) {
  public ChangeResult {
    Objects.requireNonNull(number, "number");
    Objects.requireNonNull(slot, "slot");
    Objects.requireNonNull(outcome, "outcome");
  }
}
