package io.routedesk.flowroute;

import java.util.List;

/** One page of a Flowroute list; {@code nextOffset} is null on the last page (no links.next). */
public record Page<T>(List<T> items, Integer nextOffset) {
  public Page {
    items = List.copyOf(items);
  }

  public boolean hasNext() {
    return nextOffset != null;
  }
}
