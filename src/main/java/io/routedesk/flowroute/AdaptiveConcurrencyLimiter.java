package io.routedesk.flowroute;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Bounds how many requests are in flight at once and adapts the bound like TCP congestion control:
 * it starts at an initial limit and grows by one with each successful request until the server
 * first says it is overloaded (429 or 503), which doubles it per round trip when every permit is in
 * use and never takes it beyond twice what the server has just answered; from then on it grows by
 * one per window of successes (a window = as many successes as the current limit: AIMD). Each
 * overload halves it. It never exceeds the maximum nor drops below one. The fast growth ("slow
 * start") matters for short bursts: a refresh with the multi-number call is about 170 requests, and
 * growing by one per window from 8 would spend most of them below the maximum. Growing with each
 * success rather than after a full window also counts a first round trip that used only some of the
 * permits (3 of 8 used to leave the second round trip at 8).
 *
 * <p>A halving happens at most once per "epoch": requests that were already in flight when the
 * limit was cut may also come back overloaded, and counting them again would collapse the limit to
 * one for a single burst. When the server sends Retry-After, no new request starts before that time
 * has passed. Flowroute documents no Retry-After, so an overload without one pauses new requests
 * too, for a short time that doubles with each overloaded epoch in a row (without it a limit of one
 * still hammers a rate limit as fast as answers come back).
 *
 * <p>Thread-safe. {@link #acquire()} blocks (it is meant for virtual threads).
 */
final class AdaptiveConcurrencyLimiter {
  private static final int MIN_LIMIT = 1;
  static final Duration FIRST_UNHINTED_PAUSE = Duration.ofMillis(100);
  static final Duration MAX_UNHINTED_PAUSE = Duration.ofSeconds(5);

  private final int maxLimit;
  private final Clock clock;
  private final Sleeper sleeper;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition capacityChanged = lock.newCondition();

  private int limit;
  private int inFlight;
  private int successesInWindow;
  private long epoch;
  private Instant pausedUntil = Instant.MIN;
  private int overloadedEpochsInARow;
  private boolean slowStart = true; // until the first overload

  AdaptiveConcurrencyLimiter(int initialLimit, int maxLimit, Clock clock, Sleeper sleeper) {
    if (maxLimit < MIN_LIMIT) {
      throw new IllegalArgumentException("maxLimit must be at least 1, was " + maxLimit);
    }
    if (initialLimit < MIN_LIMIT || initialLimit > maxLimit) {
      throw new IllegalArgumentException(
          "initialLimit must be between 1 and maxLimit (" + maxLimit + "), was " + initialLimit);
    }
    this.limit = initialLimit;
    this.maxLimit = maxLimit;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
  }

  /** Waits until a request may start: below the limit and past any Retry-After pause. */
  Permit acquire() throws InterruptedException {
    lock.lockInterruptibly();
    try {
      while (true) {
        Duration pause = Duration.between(clock.instant(), pausedUntil);
        if (pause.isPositive()) {
          // Sleep outside the lock so permits can still be released meanwhile.
          lock.unlock();
          try {
            sleeper.sleep(pause);
          } finally {
            lock.lock(); // not interruptibly: the outer finally must find the lock held
          }
          continue;
        }
        if (inFlight < limit) {
          inFlight++;
          return new Permit(epoch);
        }
        capacityChanged.await();
      }
    } finally {
      lock.unlock();
    }
  }

  /** A permit if one is free right now (and no pause is in force), else null. */
  Permit tryAcquire() {
    lock.lock();
    try {
      if (clock.instant().isBefore(pausedUntil) || inFlight >= limit) {
        return null;
      }
      inFlight++;
      return new Permit(epoch);
    } finally {
      lock.unlock();
    }
  }

  /** The current limit (between 1 and the maximum). */
  int limit() {
    lock.lock();
    try {
      return limit;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Skips the rest of the slow start up to {@code atLeast} (at most the maximum): for a caller that
   * knows its next requests are few and cheap for the server. Ignored once the server has said it
   * is overloaded: from then on only its answers move the limit.
   */
  void raiseInSlowStart(int atLeast) {
    lock.lock();
    try {
      if (slowStart && limit < atLeast) {
        limit = Math.min(maxLimit, atLeast);
        successesInWindow = 0;
        capacityChanged.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  int maxLimit() {
    return maxLimit;
  }

  int inFlight() {
    lock.lock();
    try {
      return inFlight;
    } finally {
      lock.unlock();
    }
  }

  /** The time before which no request starts (Instant.MIN when there is no pause). */
  Instant pausedUntil() {
    lock.lock();
    try {
      return pausedUntil;
    } finally {
      lock.unlock();
    }
  }

  private void onSuccess() {
    overloadedEpochsInARow = 0;
    if (slowStart) {
      limit = Math.min(maxLimit, limit + 1);
      return;
    }
    successesInWindow++;
    if (successesInWindow >= limit) {
      successesInWindow = 0;
      if (limit < maxLimit) {
        limit = slowStart ? Math.min(maxLimit, limit * 2) : limit + 1;
      }
    }
  }

  private void onOverload(long permitEpoch, Duration retryAfter) {
    boolean newEpoch = permitEpoch == epoch;
    if (newEpoch) {
      slowStart = false;
      limit = Math.max(MIN_LIMIT, limit / 2);
      successesInWindow = 0;
      epoch++;
    }
    if (retryAfter != null && retryAfter.isPositive()) {
      pauseFor(retryAfter);
    } else if (newEpoch) {
      pauseFor(unhintedPause(overloadedEpochsInARow++));
    }
  }

  private static Duration unhintedPause(int overloadedEpochsBefore) {
    Duration pause = FIRST_UNHINTED_PAUSE.multipliedBy(1L << Math.min(overloadedEpochsBefore, 16));
    return pause.compareTo(MAX_UNHINTED_PAUSE) > 0 ? MAX_UNHINTED_PAUSE : pause;
  }

  private void pauseFor(Duration pause) {
    Instant until = clock.instant().plus(pause);
    if (until.isAfter(pausedUntil)) {
      pausedUntil = until;
    }
  }

  /**
   * The right to run one request. Release it exactly once, saying how the request went; later calls
   * are ignored, so a {@code finally { permit.release(); }} after a signalled outcome is safe.
   */
  final class Permit {
    private final long epochAtAcquire;
    private boolean released;

    private Permit(long epochAtAcquire) {
      this.epochAtAcquire = epochAtAcquire;
    }

    /** The server handled the request normally (any 2xx or a 4xx that is not 429). */
    void succeeded() {
      finish(Outcome.SUCCESS, null);
    }

    /** The server said it is overloaded (429 or 503); {@code retryAfter} may be null. */
    void overloaded(Duration retryAfter) {
      finish(Outcome.OVERLOAD, retryAfter);
    }

    /** Neither: the request failed for a reason that says nothing about load, or never ran. */
    void release() {
      finish(Outcome.NEUTRAL, null);
    }

    private void finish(Outcome outcome, Duration retryAfter) {
      lock.lock();
      try {
        if (released) {
          return;
        }
        released = true;
        inFlight--;
        switch (outcome) {
          case SUCCESS -> onSuccess();
          case OVERLOAD -> onOverload(epochAtAcquire, retryAfter);
          case NEUTRAL -> {}
        }
        capacityChanged.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  private enum Outcome {
    SUCCESS,
    OVERLOAD,
    NEUTRAL
  }
}
