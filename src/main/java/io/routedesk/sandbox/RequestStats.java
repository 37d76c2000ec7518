package io.routedesk.sandbox;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What the sandbox received: a count per endpoint (taken when a request arrives, before any fault
 * or authentication, so a POST whose connection was dropped still counts) and a log of the most
 * recent requests with their outcome, and how many requests were being served at once (from
 * arrival, through the injected latency, until the answer was sent or the connection dropped): the
 * concurrency a client really achieved. Thread-safe.
 */
public final class RequestStats {
  /** How many finished requests the log keeps. */
  public static final int LOG_CAPACITY = 5_000;

  /**
   * One finished request. {@code status} is the HTTP status sent, or 0 when the connection was
   * dropped; {@code fault} is the injected fault, or null. The query is kept as sent.
   */
  public record RecordedRequest(
      long sequence,
      Endpoint endpoint,
      String method,
      String path,
      String query,
      int status,
      FaultType fault) {

    public boolean dropped() {
      return status == 0;
    }
  }

  private final Endpoint[] endpoints = Endpoint.values();
  private final AtomicLongArray received = new AtomicLongArray(endpoints.length);
  private final ArrayDeque<RecordedRequest> log = new ArrayDeque<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();

  /** Requests received for the endpoint. */
  public long received(Endpoint endpoint) {
    return received.get(endpoint.ordinal());
  }

  /** POST /v2/routes requests received, whatever their outcome. */
  public long routePostsReceived() {
    return received(Endpoint.CREATE_ROUTE);
  }

  public long total() {
    long sum = 0;
    for (int i = 0; i < endpoints.length; i++) {
      sum += received.get(i);
    }
    return sum;
  }

  /** Counts per endpoint (endpoints never called are left out). */
  public Map<Endpoint, Long> receivedByEndpoint() {
    Map<Endpoint, Long> counts = new EnumMap<>(Endpoint.class);
    for (Endpoint e : endpoints) {
      long n = received(e);
      if (n > 0) {
        counts.put(e, n);
      }
    }
    return Collections.unmodifiableMap(counts);
  }

  /** The most recent finished requests, oldest first (at most {@link #LOG_CAPACITY}). */
  public List<RecordedRequest> recent() {
    synchronized (log) {
      return List.copyOf(log);
    }
  }

  /** Requests being served right now. */
  public int inFlight() {
    return inFlight.get();
  }

  /** The most requests served at once since the start or the last reset. */
  public int maxInFlight() {
    return maxInFlight.get();
  }

  /** Starts a new measurement of {@link #maxInFlight()} from the requests in flight now. */
  public void resetMaxInFlight() {
    maxInFlight.set(inFlight.get());
  }

  /** Zeroes the counts and the in-flight maximum and empties the log. */
  public void reset() {
    for (int i = 0; i < endpoints.length; i++) {
      received.set(i, 0);
    }
    synchronized (log) {
      log.clear();
    }
    resetMaxInFlight();
  }

  void arrived(Endpoint endpoint) {
    received.incrementAndGet(endpoint.ordinal());
    int now = inFlight.incrementAndGet();
    maxInFlight.accumulateAndGet(now, Math::max);
  }

  /** Called once per arrived request, when it is answered or dropped. */
  void departed() {
    inFlight.decrementAndGet();
  }

  void finished(RecordedRequest request) {
    synchronized (log) {
      if (log.size() == LOG_CAPACITY) {
        log.removeFirst();
      }
      log.addLast(request);
    }
  }
}
