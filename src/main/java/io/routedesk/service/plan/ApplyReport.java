package io.routedesk.service.plan;

import io.routedesk.domain.NumberRouting;
import io.routedesk.domain.Route;
import java.util.List;
import java.util.Objects;

/** What an apply did: each route change and each number, with its outcome. */
public record ApplyReport(List<RouteResult> routes, List<NumberResult> numbers, boolean cancelled) {

  public ApplyReport {
    routes = List.copyOf(routes);
    numbers = List.copyOf(numbers);
  }

  public enum Status {
    /** Sent and accepted. */
    DONE,
    /** Sent (or tried) and refused or failed; {@code reason} says why. */
    FAILED,
    /** Not sent: cancelled first. */
    SKIPPED,
    /** Not sent: the number's routing changed since the plan was made. */
    CONFLICT
  }

  /**
   * @param created the route as Flowroute returned it (with its real id), when done
   */
  public record RouteResult(RouteChange change, Status status, String reason, Route created) {
    public RouteResult {
      Objects.requireNonNull(change, "change");
      Objects.requireNonNull(status, "status");
    }
  }

  /**
   * @param serverState the routing Flowroute reported (after the change, or at the conflict), or
   *     null when not read
   */
  public record NumberResult(
      PlannedNumber planned, Status status, String reason, NumberRouting serverState) {
    public NumberResult {
      Objects.requireNonNull(planned, "planned");
      Objects.requireNonNull(status, "status");
      reason = reason == null ? "" : reason;
    }
  }

  public long count(Status status) {
    return numbers.stream().filter(n -> n.status() == status).count()
        + routes.stream().filter(r -> r.status() == status).count();
  }

  public boolean allDone() {
    return numbers.stream().allMatch(n -> n.status() == Status.DONE)
        && routes.stream().allMatch(r -> r.status() == Status.DONE);
  }
}
