package io.routedesk.service;

import io.routedesk.domain.NumberRouting;
import java.util.List;
import java.util.Map;

/**
 * The result of applying a plan: one outcome per number (in plan order) and the routing Flowroute
 * reported afterwards for every number that was touched.
 */
public record BatchReport(
    AssignmentPlan plan,
    List<NumberOutcome> outcomes,
    Map<String, NumberRouting> serverState,
    boolean cancelled) {

  public BatchReport {
    outcomes = List.copyOf(outcomes);
    serverState = Map.copyOf(serverState);
  }

  public long count(NumberOutcome.Status status) {
    return outcomes.stream().filter(o -> o.status() == status).count();
  }

  public List<NumberOutcome> failed() {
    return outcomes.stream().filter(o -> o.status() == NumberOutcome.Status.FAILED).toList();
  }

  public List<NumberOutcome> notDone() {
    return outcomes.stream().filter(o -> o.status() != NumberOutcome.Status.DONE).toList();
  }

  public boolean allDone() {
    return outcomes.stream().allMatch(o -> o.status() == NumberOutcome.Status.DONE);
  }
}
