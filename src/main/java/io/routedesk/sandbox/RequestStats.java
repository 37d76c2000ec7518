package io.routedesk.sandbox;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What the sandbox received: a count per endpoint (taken when a request arrives, before any fault
 * or authentication, so a POST whose connection was dropped still counts) and a log of the most
 * recent requests with their outcome. Thread-safe.
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

  /** Zeroes the counts and empties the log. */
  public void reset() {
    for (int i = 0; i < endpoints.length; i++) {
      received.set(i, 0);
    }
    synchronized (log) {
      log.clear();
    }
  }

  void arrived(Endpoint endpoint) {
    received.incrementAndGet(endpoint.ordinal());
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
