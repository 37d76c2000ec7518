package io.routedesk.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.routedesk.flowroute.FlowrouteException;
import io.routedesk.testing.FakeFlowrouteClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReachabilityWatcherTest {
  private static final ReachabilityWatcher.Schedule FAST =
      new ReachabilityWatcher.Schedule(Duration.ofMillis(20), Duration.ofMillis(60));

  @Test
  void probesUntilFlowrouteAnswersThenCallsBackOnceAndStops() throws Exception {
    AtomicInteger probes = new AtomicInteger();
    CountDownLatch reachable = new CountDownLatch(1);
    AtomicInteger callbacks = new AtomicInteger();
    try (ReachabilityWatcher w =
        new ReachabilityWatcher(
            () -> CompletableFuture.completedFuture(probes.incrementAndGet() >= 4), FAST)) {
      w.watch(
          () -> {
            callbacks.incrementAndGet();
            reachable.countDown();
          });
      assertThat(reachable.await(5, TimeUnit.SECONDS)).isTrue();
      Thread.sleep(150);
      assertThat(probes.get()).isEqualTo(4);
      assertThat(callbacks.get()).isEqualTo(1);
      assertThat(w.isWatching()).isFalse();
    }
  }

  @Test
  void theWaitGrowsUpToTheMaximum() {
    ReachabilityWatcher.Schedule s =
        new ReachabilityWatcher.Schedule(Duration.ofSeconds(10), Duration.ofSeconds(30));
    assertThat(s.after(Duration.ofSeconds(10))).isEqualTo(Duration.ofSeconds(15));
    assertThat(s.after(Duration.ofSeconds(15))).isEqualTo(Duration.ofMillis(22_500));
    assertThat(s.after(Duration.ofMillis(22_500))).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.after(Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void stoppingEndsProbing() throws Exception {
    AtomicInteger probes = new AtomicInteger();
    try (ReachabilityWatcher w =
        new ReachabilityWatcher(
            () -> {
              probes.incrementAndGet();
              return CompletableFuture.completedFuture(false);
            },
            FAST)) {
      w.watch(() -> {});
      Thread.sleep(150);
      assertThat(w.isWatching()).isTrue();
      w.stop();
      int seen = probes.get();
      Thread.sleep(200);
      assertThat(probes.get()).isLessThanOrEqualTo(seen + 1);
      assertThat(w.isWatching()).isFalse();
      assertThat(seen).isGreaterThan(0);
    }
  }

  @Test
  void anAnswerThatIsAnErrorStillMeansReachable() {
    FakeFlowrouteClient client = new FakeFlowrouteClient();
    assertThat(ReachabilityWatcher.probe(client).join()).isTrue();
    client.failListRoutesPage(
        FakeFlowrouteClient.error(FlowrouteException.Kind.UNAUTHORIZED, 401, "Wrong keys."));
    assertThat(ReachabilityWatcher.probe(client).join()).isTrue();
    client.failListRoutesPage(
        FakeFlowrouteClient.error(FlowrouteException.Kind.NETWORK, 0, "Connection refused."));
    assertThat(ReachabilityWatcher.probe(client).join()).isFalse();
    client.failListRoutesPage(
        FakeFlowrouteClient.error(FlowrouteException.Kind.SERVER, 503, "Maintenance."));
    assertThat(ReachabilityWatcher.probe(client).join()).isFalse();
  }

  // ---- while online: noticing that Flowroute went away while the window is idle ----

  /** Nanoseconds that move only when the test says so. */
  private static final class FakeNanos implements java.util.function.LongSupplier {
    private long now = 1_000_000_000L;

    @Override
    public synchronized long getAsLong() {
      return now;
    }

    synchronized void advance(Duration d) {
      now += d.toNanos();
    }
  }

  /** A watcher on the fake clock whose probes count themselves and answer {@code reachable}. */
  private static ReachabilityWatcher countingProbes(
      FakeNanos time, AtomicInteger probes, boolean reachable) {
    return new ReachabilityWatcher(
        () -> {
          probes.incrementAndGet();
          return CompletableFuture.completedFuture(reachable);
        },
        ReachabilityWatcher.Schedule.DEFAULT,
        time);
  }

  @Test
  void anIdleWindowProbesAfterTheQuietPeriodAndLearnsItIsOffline() {
    FakeNanos time = new FakeNanos();
    AtomicInteger probes = new AtomicInteger();
    AtomicInteger unreachable = new AtomicInteger();
    try (ReachabilityWatcher w = countingProbes(time, probes, false)) {
      w.watchWhileOnline(unreachable::incrementAndGet);

      time.advance(ReachabilityWatcher.ONLINE_QUIET.minusSeconds(1));
      w.checkWhileOnline();
      assertThat(probes).hasValue(0); // not quiet long enough yet

      time.advance(Duration.ofSeconds(1));
      w.checkWhileOnline();
      assertThat(probes).hasValue(1);
      assertThat(unreachable).hasValue(1);
      assertThat(w.isWatchingWhileOnline()).isFalse();

      w.checkWhileOnline(); // stopped: no more probes, no second report
      assertThat(probes).hasValue(1);
      assertThat(unreachable).hasValue(1);
    }
    // Noticed within about ten seconds of the last answer, probe deadline included.
    assertThat(ReachabilityWatcher.ONLINE_QUIET.plus(ReachabilityWatcher.PROBE_DEADLINE))
        .isLessThanOrEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void callsAnsweredMeanwhileMakeProbesUnnecessary() {
    FakeNanos time = new FakeNanos();
    AtomicInteger probes = new AtomicInteger();
    AtomicInteger unreachable = new AtomicInteger();
    try (ReachabilityWatcher w = countingProbes(time, probes, true)) {
      w.watchWhileOnline(unreachable::incrementAndGet);
      for (int i = 0; i < 10; i++) {
        time.advance(Duration.ofSeconds(3));
        w.answered(); // a busy window: calls keep being answered
        w.checkWhileOnline();
      }
      assertThat(probes).hasValue(0);

      // Idle now: one probe per quiet period, answered, so still online.
      time.advance(ReachabilityWatcher.ONLINE_QUIET);
      w.checkWhileOnline();
      assertThat(probes).hasValue(1);
      time.advance(Duration.ofSeconds(1));
      w.checkWhileOnline();
      assertThat(probes).hasValue(1); // the probe's answer counts as one
      assertThat(unreachable).hasValue(0);
      assertThat(w.isWatchingWhileOnline()).isTrue();
    }
  }

  @Test
  void aProbeThatGetsNoAnswerByItsDeadlineCountsAsOffline() throws Exception {
    FakeNanos time = new FakeNanos();
    CountDownLatch unreachable = new CountDownLatch(1);
    try (ReachabilityWatcher w =
        new ReachabilityWatcher(
            CompletableFuture::new, // never answers
            ReachabilityWatcher.Schedule.DEFAULT,
            time)) {
      w.watchWhileOnline(unreachable::countDown);
      time.advance(ReachabilityWatcher.ONLINE_QUIET);
      w.checkWhileOnline();
      // The deadline is the JDK's own timer (orTimeout): real seconds, bounded by the deadline.
      assertThat(
              unreachable.await(
                  ReachabilityWatcher.PROBE_DEADLINE.toSeconds() + 5, TimeUnit.SECONDS))
          .isTrue();
    }
  }
}
