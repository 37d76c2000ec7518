package io.routedesk.store;

import io.routedesk.domain.NumberRouting;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One number's change in a journal batch: its whole routing before and the routing it was to end
 * with, and what happened (PENDING until the outcome is recorded).
 *
 * @param at when the change was planned, then when its outcome was recorded
 */
public record JournalEntry(
    UUID batchId,
    NumberRouting before,
    NumberRouting after,
    ChangeOutcome outcome,
    String detail,
    Instant at) {

  public JournalEntry {
    Objects.requireNonNull(batchId, "batchId");
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(after, "after");
    Objects.requireNonNull(outcome, "outcome");
    if (!before.number().equals(after.number())) {
      throw new IllegalArgumentException("before and after must be the same number");
    }
  }

  public String number() {
    return before.number();
  }
}
