package io.routedesk.service;

import io.routedesk.domain.NumberRouting;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The result of applying a plan: one outcome per number (in plan order) and the routing Flowroute
 * reported afterwards for every number that was touched.
 *
 * @param batchId the batch in the change journal (null for a report not made by the change engine)
 */
public record BatchReport(
    AssignmentPlan plan,
    List<NumberOutcome> outcomes,
    Map<String, NumberRouting> serverState,
    boolean cancelled,
    UUID batchId) {

  public BatchReport {
    outcomes = List.copyOf(outcomes);
    serverState = Map.copyOf(serverState);
  }

  public BatchReport(
      AssignmentPlan plan,
      List<NumberOutcome> outcomes,
      Map<String, NumberRouting> serverState,
      boolean cancelled) {
    this(plan, outcomes, serverState, cancelled, null);
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
