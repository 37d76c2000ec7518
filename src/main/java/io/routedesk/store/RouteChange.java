package io.routedesk.store;

import io.routedesk.domain.NewRoute;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A route created, edited or deleted, as the journal keeps it: its values before (null for a
 * create) and after (null for a delete), and what happened.
 *
 * @param routeId null for a create whose answer has not arrived
 */
public record RouteChange(
    UUID batchId,
    Action action,
    String routeId,
    NewRoute before,
    NewRoute after,
    ChangeOutcome outcome,
    String detail,
    Instant at) {

  public RouteChange {
    Objects.requireNonNull(batchId, "batchId");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(outcome, "outcome");
  }

  public enum Action {
    CREATE,
    UPDATE,
    DELETE
  }
}
