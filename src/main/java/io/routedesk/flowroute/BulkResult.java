package io.routedesk.flowroute;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a bulk operation, per key (a phone number): succeeded with a value, failed with
 * the error, or skipped because the operation was cancelled before it started.
 */
public record BulkResult<T>(
    Map<String, T> succeeded, Map<String, FlowrouteException> failed, List<String> skipped) {
  public BulkResult {
    // Values may be null (a bulk "set route" has no value), so no Map.copyOf here.
    succeeded = Collections.unmodifiableMap(new LinkedHashMap<>(succeeded));
    failed = Collections.unmodifiableMap(new LinkedHashMap<>(failed));
    skipped = List.copyOf(skipped);
  }

  public boolean allSucceeded() {
    return failed.isEmpty() && skipped.isEmpty();
  }
}
