package io.routedesk.domain;

/** Where a draft route is on its way to Flowroute. */
public enum DraftState {
  /** Saved locally only; editable. {@code lastError} may say why the last publish did not work. */
  DRAFT,
  /**
   * Recorded just before the create request is sent. A draft found in this state after a restart is
   * resolved by looking for its route on the server, never by sending again.
   */
  PUBLISHING,
  /** Flowroute has the route; {@code serverRouteId} is its id. */
  PUBLISHED,
  /**
   * The last attempt ended with an error that editing the draft will not fix and that is not
   * transient (wrong credentials, an unexpected answer). Editable and publishable again.
   */
  FAILED;

  /** True when the user may edit, delete or (re)publish the draft. */
  public boolean isEditable() {
    return this == DRAFT || this == FAILED;
  }
}
