package io.routedesk.ui.model;

import java.time.Instant;

/**
 * How the latest full refresh ended for the copy of the account kept on this computer: saved (the
 * copy now matches Flowroute) or not, with why.
 *
 * @param at when the copy was saved, or when the refresh failed
 * @param problem why the copy was not saved (Flowroute unreachable, the disk refused), or null
 */
public record CopyRefresh(Instant at, String problem) {
  public static CopyRefresh saved(Instant at) {
    return new CopyRefresh(at, null);
  }

  public static CopyRefresh failed(Instant at, String problem) {
    return new CopyRefresh(at, problem);
  }

  public boolean isSaved() {
    return problem == null;
  }
}
