package io.routedesk.service;

import io.routedesk.domain.Plural;
import io.routedesk.store.JournalBatch;
import java.util.ArrayList;
import java.util.List;

/**
 * What a batch of the history changed, in words, for the window's History and the command line's
 * {@code history}: "500 done, 2 failed, 1 route".
 */
public final class BatchCounts {
  private BatchCounts() {}

  /** The numbers by outcome (failed, skipped and unknown only when there are any), then routes. */
  public static String describe(JournalBatch b) {
    List<String> parts = new ArrayList<>();
    if (b.numbers() > 0) {
      parts.add(b.done() + " done");
      if (b.failed() > 0) {
        parts.add(b.failed() + " failed");
      }
      if (b.skipped() > 0) {
        parts.add(b.skipped() + " skipped");
      }
      if (b.pending() > 0) {
        parts.add(b.pending() + " unknown");
      }
    }
    if (b.routeChanges() > 0) {
      parts.add(Plural.count(b.routeChanges(), "route"));
    }
    return String.join(", ", parts);
  }
}
