package io.routedesk.service;

import io.routedesk.domain.NumberRouting;
import java.util.Objects;

/**
 * How one number of a batch ended. {@code serverState} is the routing read back from Flowroute
 * after the batch (null when that read failed, then {@code reason} says so for done numbers).
 *
 * @param conflict true for a number left alone on purpose, never to be retried as it stands: an
 *     undo found its routing changed since the batch (sending it would overwrite someone's newer
 *     change), or it waits on a draft that was not published
 */
public record NumberOutcome(
    NumberChange change,
    Status status,
    String reason,
    NumberRouting serverState,
    boolean conflict) {

  public NumberOutcome(
      NumberChange change, Status status, String reason, NumberRouting serverState) {
    this(change, status, reason, serverState, false);
  }

  public enum Status {
    /** Every request for this number succeeded. */
    DONE,
    /** A request was refused or failed; {@code reason} says why. Nothing is hidden: retry it. */
    FAILED,
    /** Never sent because the batch was cancelled first. */
    SKIPPED
  }

  public NumberOutcome {
    Objects.requireNonNull(change, "change");
    Objects.requireNonNull(status, "status");
    reason = reason == null ? "" : reason;
  }

  public String number() {
    return change.number();
  }
}
