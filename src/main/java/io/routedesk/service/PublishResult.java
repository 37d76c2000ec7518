package io.routedesk.service;

import io.routedesk.domain.Draft;
import io.routedesk.store.ChangeOutcome;
import java.util.List;
import java.util.UUID;

/**
 * The result of publishing one draft.
 *
 * @param draft the draft as now saved (null when it does not exist)
 * @param message a sentence for the user: what happened and what to do; null when all went well
 * @param assignments the pending assignments applied after publishing, one per number and slot
 * @param changeBatchId the change-history batch of those assignments (for undo), or null
 */
public record PublishResult(
    UUID draftId,
    PublishOutcome outcome,
    Draft draft,
    String message,
    List<AssignmentResult> assignments,
    UUID changeBatchId) {

  public PublishResult {
    assignments = List.copyOf(assignments);
  }

  static PublishResult of(UUID draftId, PublishOutcome outcome, Draft draft, String message) {
    return new PublishResult(draftId, outcome, draft, message, List.of(), null);
  }

  /** True when the route is on Flowroute and every pending assignment was applied. */
  public boolean isComplete() {
    return outcome.isPublished()
        && assignments.stream().allMatch(a -> a.outcome() == ChangeOutcome.DONE);
  }

  public long assignmentsDone() {
    return assignments.stream().filter(a -> a.outcome() == ChangeOutcome.DONE).count();
  }
}
