package io.routedesk.service;

/** How publishing one draft ended. */
public enum PublishOutcome {
  /** Flowroute created the route now. */
  PUBLISHED(true),
  /**
   * An earlier, interrupted attempt had created the route: it was found on the server (same alias,
   * type and value) and the draft was marked published without sending it again.
   */
  RECOVERED(true),
  /** The draft was already published; only its leftover pending assignments were applied. */
  ALREADY_PUBLISHED(true),
  /** The draft does not pass the route rules; it stays a draft with the reason. */
  INVALID(false),
  /** A route with this alias already exists on the account; the draft stays with the reason. */
  ALIAS_CONFLICT(false),
  /** Flowroute refused the route (422/400 bad value, 403 not allowed or duplicate). */
  REJECTED(false),
  /** Flowroute could not be reached or did not answer; the draft is kept for a later try. */
  UNREACHABLE(false),
  /** Any other failure (credentials, unexpected answer); the draft is FAILED with the reason. */
  FAILED(false),
  /** An interrupted publish did not reach Flowroute: the draft is back to DRAFT, nothing sent. */
  RETURNED_TO_DRAFT(false),
  /** An interrupted publish could not be checked (offline); the draft stays PUBLISHING. */
  STILL_UNKNOWN(false),
  /** Another publish of the same draft is running. */
  IN_PROGRESS(false),
  /** No such draft. */
  NOT_FOUND(false),
  /** Cancelled before the draft was sent. */
  CANCELLED(false);

  private final boolean published;

  PublishOutcome(boolean published) {
    this.published = published;
  }

  /** True when Flowroute has the draft's route. */
  public boolean isPublished() {
    return published;
  }
}
