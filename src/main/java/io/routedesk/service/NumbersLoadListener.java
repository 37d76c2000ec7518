package io.routedesk.service;

import io.routedesk.domain.NumberDetails;
import io.routedesk.domain.PhoneNumber;
import io.routedesk.flowroute.FlowrouteException;
import java.util.List;
import java.util.Map;

/**
 * Receives a numbers load as it streams in, on background threads: pages of numbers first (so rows
 * can be shown at once), then the routing of those numbers chunk by chunk. Calls for one load are
 * never concurrent with each other.
 */
public interface NumbersLoadListener {
  /** Another page of the account's numbers (up to 200). */
  void numbers(List<PhoneNumber> page);

  /** Routing details of a chunk of numbers; the numbers whose details could not be read, why. */
  void routing(List<NumberDetails> details, Map<String, FlowrouteException> failed);

  /** {@code done} routing reads finished out of {@code total} numbers known so far. */
  void routingProgress(long done, long total);
}
