package io.routedesk.service.plan;

import java.util.Objects;

/**
 * One row of the numbers file: the number (11 digits, normalized) and the routing it should have. A
 * slot is null when the file has no columns for it: that slot is left as it is.
 */
public record NumberRow(int row, String number, RouteCell primary, RouteCell failover) {
  public NumberRow {
    Objects.requireNonNull(number, "number");
  }
}
