package io.routedesk.flowroute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.routedesk.flowroute.AdaptiveConcurrencyLimiter.Permit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AdaptiveConcurrencyLimiterTest {
  private final FakeTime time = new FakeTime();

  private AdaptiveConcurrencyLimiter limiter(int initial, int max) {
    return new AdaptiveConcurrencyLimiter(initial, max, time, time);
  }

  private static List<Permit> acquire(AdaptiveConcurrencyLimiter limiter, int n)
      throws InterruptedException {
    List<Permit> permits = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      permits.add(limiter.acquire());
    }
    return permits;
  }

  @Test
  void admitsUpToTheLimitAndNoMore() throws Exception {
    AdaptiveConcurrencyLimiter limiter = limiter(3, 10);

    List<Permit> permits = acquire(limiter, 3);

    assertThat(limiter.inFlight()).isEqualTo(3);
    assertThat(limiter.tryAcquire()).isNull();
    permits.get(0).release();
    assertThat(limiter.tryAcquire()).isNotNull();
  }

  @Test
  void growsByOneWithEachSuccessUntilTheFirstOverload() throws Exception {
    AdaptiveConcurrencyLimiter limiter = limiter(4, 10);

    // A round trip with every permit used doubles the limit, as TCP's slow start does.
    acquire(limiter, 4).forEach(Permit::succeeded);
    assertThat(limiter.limit()).isEqualTo(8);
    // One that used fewer grows it by as many successes: never more than double what was used.
    acquire(limiter, 1).forEach(Permit::succeeded);
    assertThat(limiter.limit()).isEqualTo(9);
    acquire(limiter, 9).forEach(Permit::succeeded);
    assertThat(limiter.limit()).isEqualTo(10); // capped at the maximum
  }

  @Test
  void growsByOneAfterEachFullWindowOnceTheServerWasOverloaded() throws Exception {
    AdaptiveConcurrencyLimiter limiter = limiter(8, 20);
    limiter.acquire().overloaded(Duration.ZERO);
    assertThat(limiter.limit()).isEqualTo(4);

    for (int i = 0; i < 4; i++) {
      limiter.acquire().succeeded();
    }
    assertThat(limiter.limit()).isEqualTo(5);
    for (int i = 0; i < 5; i++) {
      limiter.acquire().succeeded();
    }
    assertThat(limiter.limit()).isEqualTo(6);
  }

  @Test
  void aRaiseInSlowStartLetsMoreInAtOnceUpToTheMaximum() throws Exception {
    AdaptiveConcurrencyLimiter limiter = limiter(8, 32);
    acquire(limiter, 8);
    assertThat(limiter.tryAcquire()).isNull();

    limiter.raiseInSlowStart(64);

    assertThat(limiter.limit()).isEqualTo(32);
    acquire(limiter, 24);
    assertThat(limiter.tryAcquire()).isNull();
  }

  @Test
  void aRaiseNeverLowersTheLimit() throws Exception {
    AdaptiveConcurrencyLimiter limiter = limiter(8, 32);
    for (int i = 0; i < 8; i++) {
      limiter.acquire().succeeded();
    }

    limiter.raiseInSlowStart(12);

    assertThat(limiter.limit()).isEqualTo(16);
  }

  @Test
  void aRaiseIsIgnoredOnceTheServerWasOverloadedAndBackOffStillHalves() throws Exception {
    AdaptiveConcurrencyLimiter limiter = limiter(8, 32);
    limiter.acquire().overloaded(Duration.ZERO);

    limiter.raiseInSlowStart(32);

    assertThat(limiter.limit()).isEqualTo(4);
    AdaptiveConcurrencyLimiter raised = limiter(8, 32);
    raised.raiseInSlowStart(32);
    raised.acquire().overloaded(Duration.ZERO);
    assertThat(raised.limit()).isEqualTo(16);
  }

  @Test
  void neverExceedsTheMaximum() throws Exception {
    AdaptiveConcurrencyLimiter limiter = limiter(2, 5);

    for (int i = 0; i < 200; i++) {
      limiter.acquire().succeeded();
    }

    assertThat(limiter.limit()).isEqualTo(5);
    acquire(limiter, 5);
    assertThat(limiter.tryAcquire()).isNull();
  }

  @Test
  void anOverloadWithoutRetryAfterPausesForAShortTimeThatGrowsWhileOverloadsContinue()
      throws Exception {
    AdaptiveConcurrencyLimiter limiter = limiter(1, 4);
    Instant start = time.instant();

    limiter.acquire().overloaded(null);
    assertThat(limiter.pausedUntil())
        .isEqualTo(start.plus(AdaptiveConcurrencyLimiter.FIRST_UNHINTED_PAUSE));

    limiter.acquire().overloaded(null); // waits out the first pause, then is refused again
    Instant afterFirstPause = start.plus(AdaptiveConcurrencyLimiter.FIRST_UNHINTED_PAUSE);
    assertThat(limiter.pausedUntil())
        .isEqualTo(
            afterFirstPause.plus(AdaptiveConcurrencyLimiter.FIRST_UNHINTED_PAUSE.multipliedBy(2)));

    for (int i = 0; i < 20; i++) {
      limiter.acquire().overloaded(null);
    }
    assertThat(Duration.between(time.instant(), limiter.pausedUntil()))
        .isEqualTo(AdaptiveConcurrencyLimiter.MAX_UNHINTED_PAUSE);

    limiter.acquire().succeeded();
    limiter.acquire().overloaded(null);
    assertThat(Duration.between(time.instant(), limiter.pausedUntil()))
        .as("a success resets the growth")
        .isEqualTo(AdaptiveConcurrencyLimiter.FIRST_UNHINTED_PAUSE);
  }

  @Test
  void halvesOnOverloadAndNeverGoesBelowOne() throws Exception {
    AdaptiveConcurrencyLimiter limiter = limiter(8, 32);

    limiter.acquire().overloaded(null);
    assertThat(limiter.limit()).isEqualTo(4);
    limiter.acquire().overloaded(null);
    assertThat(limiter.limit()).isEqualTo(2);
    limiter.acquire().overloaded(null);
    limiter.acquire().overloaded(null);
    limiter.acquire().overloaded(null);
    assertThat(limiter.limit()).isEqualTo(1);
  }

  @Test
  void aBurstOfOverloadsFromOneEpochHalvesOnlyOnce() throws Exception {
    AdaptiveConcurrencyLimiter limiter = limiter(8, 32);
    List<Permit> burst = acquire(limiter, 8);

    burst.forEach(p -> p.overloaded(null));

    assertThat(limiter.limit()).isEqualTo(4);
    // A request admitted after the cut reports overload: that is new information.
    limiter.acquire().overloaded(null);
    assertThat(limiter.limit()).isEqualTo(2);
  }

  @Test
  void releasingTwiceCountsOnce() throws Exception {
    AdaptiveConcurrencyLimiter limiter = limiter(2, 2);
    Permit permit = limiter.acquire();

    permit.succeeded();
    permit.release();
    permit.overloaded(null);

    assertThat(limiter.inFlight()).isZero();
    assertThat(limiter.limit()).isEqualTo(2);
  }

  @Test
  void neutralReleaseDoesNotChangeTheLimit() throws Exception {
    AdaptiveConcurrencyLimiter limiter = limiter(3, 10);

    for (int i = 0; i < 20; i++) {
      limiter.acquire().release();
    }

    assertThat(limiter.limit()).isEqualTo(3);
  }

  @Test
  void retryAfterPausesNewRequestsUntilItHasPassed() throws Exception {
    AdaptiveConcurrencyLimiter limiter = limiter(4, 8);
    Instant start = time.instant();

    limiter.acquire().overloaded(Duration.ofSeconds(5));

    assertThat(limiter.pausedUntil()).isEqualTo(start.plusSeconds(5));
    assertThat(limiter.tryAcquire()).isNull();
    limiter.acquire().release();
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(5));
    assertThat(time.instant()).isEqualTo(start.plusSeconds(5));
  }

  @Test
  void aShorterRetryAfterDoesNotShortenAPause() throws Exception {
    AdaptiveConcurrencyLimiter limiter = limiter(4, 8);
    Instant start = time.instant();
    List<Permit> permits = acquire(limiter, 2);

    permits.get(0).overloaded(Duration.ofSeconds(10));
    permits.get(1).overloaded(Duration.ofSeconds(2));

    assertThat(limiter.pausedUntil()).isEqualTo(start.plusSeconds(10));
    assertThat(limiter.limit()).isEqualTo(2); // one halving for the pair
  }

  @Test
  void blockedAcquireWakesWhenAPermitIsReleased() throws Exception {
    AdaptiveConcurrencyLimiter limiter = limiter(1, 1);
    Permit held = limiter.acquire();
    CountDownLatch acquired = new CountDownLatch(1);
    Thread waiter =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    limiter.acquire().release();
                    acquired.countDown();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                });

    assertThat(acquired.await(100, TimeUnit.MILLISECONDS)).isFalse();
    held.succeeded();
    assertThat(acquired.await(5, TimeUnit.SECONDS)).isTrue();
    waiter.join();
  }

  @Test
  void underConcurrentLoadInFlightNeverExceedsTheLimitOrTheMaximum() throws Exception {
    AdaptiveConcurrencyLimiter limiter = limiter(4, 12);
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    AtomicInteger violations = new AtomicInteger();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> tasks = new ArrayList<>();
      for (int i = 0; i < 2_000; i++) {
        tasks.add(
            pool.submit(
                () -> {
                  Permit permit = limiter.acquire();
                  int now = inFlight.incrementAndGet();
                  peak.accumulateAndGet(now, Math::max);
                  if (now > limiter.maxLimit()) {
                    violations.incrementAndGet();
                  }
                  Thread.yield();
                  inFlight.decrementAndGet();
                  if (ThreadLocalRandom.current().nextInt(20) == 0) {
                    permit.overloaded(null);
                  } else {
                    permit.succeeded();
                  }
                  return null;
                }));
      }
      for (Future<?> task : tasks) {
        task.get(30, TimeUnit.SECONDS);
      }
    }
    assertThat(violations.get()).isZero();
    assertThat(peak.get()).isBetween(1, 12);
    assertThat(limiter.inFlight()).isZero();
    assertThat(limiter.limit()).isBetween(1, 12);
  }

  @Test
  void rejectsImpossibleLimits() {
    assertThatThrownBy(() -> limiter(0, 4)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> limiter(5, 4)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> limiter(1, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
