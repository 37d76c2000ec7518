package io.routedesk.flowroute;

import java.time.Duration;
import java.util.Objects;

/**
 * How far a walk through a Flowroute list may go before it is stopped as broken: a server whose
 * {@code links.next} never ends would otherwise be followed until memory runs out. The defaults are
 * far beyond any real account (Flowroute pages hold up to 200 items).
 *
 * @param maxPages pages read in one walk
 * @param maxItems distinct items kept from one walk
 * @param maxDuration time one walk may take
 */
public record PagingLimits(int maxPages, int maxItems, Duration maxDuration) {
  public static final PagingLimits DEFAULT =
      new PagingLimits(20_000, 1_000_000, Duration.ofMinutes(30));

  public PagingLimits {
    Objects.requireNonNull(maxDuration, "maxDuration");
    if (maxPages < 1 || maxItems < 1 || !maxDuration.isPositive()) {
      throw new IllegalArgumentException("paging limits must be positive");
    }
  }
}
