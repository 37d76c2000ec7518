package io.routedesk.store;

import java.util.Objects;

/** The outcome of one number's change, to record in the journal. */
public record EntryOutcome(String number, ChangeOutcome outcome, String detail) {
  public EntryOutcome {
    Objects.requireNonNull(number, "number");
    Objects.requireNonNull(outcome, "outcome");
  }
}
