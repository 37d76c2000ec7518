package io.routedesk.sandbox;

import java.util.function.LongSupplier;

/**
 * A token bucket: {@code ratePerSecond} tokens are added per second up to {@code capacity}; each
 * request takes one. Thread-safe.
 */
final class TokenBucket {
  private final double ratePerSecond;
  private final double capacity;
  private final LongSupplier nanoClock;
  private double tokens;
  private long lastRefillNanos;

  TokenBucket(double ratePerSecond, int capacity, LongSupplier nanoClock) {
    if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
      throw new IllegalArgumentException("rate must be a positive number: " + ratePerSecond);
    }
    if (capacity < 1) {
      throw new IllegalArgumentException("burst must be at least 1: " + capacity);
    }
    this.ratePerSecond = ratePerSecond;
    this.capacity = capacity;
    this.nanoClock = nanoClock;
    this.tokens = capacity;
    this.lastRefillNanos = nanoClock.getAsLong();
  }

  double ratePerSecond() {
    return ratePerSecond;
  }

  int capacity() {
    return (int) capacity;
  }

  /**
   * Takes a token. Returns 0 when one was available, otherwise the nanoseconds until the next token
   * (no token is taken then).
   */
  synchronized long tryAcquire() {
    long now = nanoClock.getAsLong();
    tokens = Math.min(capacity, tokens + (now - lastRefillNanos) * ratePerSecond / 1e9);
    lastRefillNanos = now;
    if (tokens >= 1) {
      tokens -= 1;
      return 0;
    }
    return Math.max(1, (long) Math.ceil((1 - tokens) * 1e9 / ratePerSecond));
  }

  /** Gives back a token taken by a request that another bucket then refused. */
  synchronized void refund() {
    tokens = Math.min(capacity, tokens + 1);
  }
}
