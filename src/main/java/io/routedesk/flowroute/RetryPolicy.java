package io.routedesk.flowroute;

import java.time.Duration;
import java.util.Objects;

/**
 * How often and how long the client tries again after a transient failure: at most {@code
 * maxAttempts} tries in all (the first one included), never past {@code totalBudget} since the
 * first try, waiting a random share ("full jitter") of base·2^(retry-1), capped at {@code
 * maxBackoff}, between tries. A Retry-After from the server replaces the computed wait.
 */
public record RetryPolicy(
    int maxAttempts, Duration baseBackoff, Duration maxBackoff, Duration totalBudget) {

  /** Five tries within a minute, waits starting around 0.25 s and never above 8 s (plus jitter). */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(5, Duration.ofMillis(250), Duration.ofSeconds(8), Duration.ofSeconds(60));

  /** One try only. */
  public static final RetryPolicy NO_RETRIES =
      new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);

  public RetryPolicy {
    Objects.requireNonNull(baseBackoff, "baseBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(totalBudget, "totalBudget");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
    if (baseBackoff.isNegative() || maxBackoff.isNegative() || totalBudget.isNegative()) {
      throw new IllegalArgumentException("Backoff durations and the budget must not be negative.");
    }
    if (baseBackoff.compareTo(maxBackoff) > 0) {
      throw new IllegalArgumentException(
          "baseBackoff (" + baseBackoff + ") must not exceed maxBackoff (" + maxBackoff + ").");
    }
  }

  /** The longest wait before retry number {@code retry} (1 = the first retry). */
  public Duration backoffCeiling(int retry) {
    if (retry < 1) {
      throw new IllegalArgumentException("retry counts from 1, was " + retry);
    }
    double nanos = baseBackoff.toNanos() * Math.pow(2, retry - 1);
    return nanos >= maxBackoff.toNanos() ? maxBackoff : Duration.ofNanos((long) nanos);
  }

  /**
   * Full jitter: a uniformly random share of the ceiling, so many clients (or many parallel
   * requests of one client) that failed together do not all come back at the same instant.
   *
   * @param uniform a random number in [0, 1)
   */
  public Duration backoff(int retry, double uniform) {
    if (!(uniform >= 0 && uniform < 1)) {
      throw new IllegalArgumentException("uniform must be in [0, 1), was " + uniform);
    }
    return Duration.ofNanos((long) (backoffCeiling(retry).toNanos() * uniform));
  }
}
