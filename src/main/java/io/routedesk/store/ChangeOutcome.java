package io.routedesk.store;

/** What happened to one number's slot in a batch of routing changes. */
public enum ChangeOutcome {
  /**
   * Recorded before the request was sent. A row still PENDING after the batch means the app stopped
   * mid-way: the change may or may not have reached Flowroute.
   */
  PENDING,
  /** Flowroute confirmed the change. */
  DONE,
  /** Flowroute refused it or could not be reached; {@code detail} says why. */
  FAILED,
  /** Not attempted (cancelled, or the route it needed was not created). */
  SKIPPED
}
