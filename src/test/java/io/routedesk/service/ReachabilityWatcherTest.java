package io.routedesk.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.routedesk.flowroute.FlowrouteException;
import io.routedesk.testing.FakeFlowrouteClient;
import io.routedesk.testing.ManualTimer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReachabilityWatcherTest {
  private static final ReachabilityWatcher.Schedule SCHEDULE =
      new ReachabilityWatcher.Schedule(Duration.ofSeconds(10), Duration.ofSeconds(30));

  private final ManualTimer timer = new ManualTimer();

  @Test
  void probesOnScheduleUntilFlowrouteAnswersThenCallsBackOnceAndStops() {
    AtomicInteger probes = new AtomicInteger();
    AtomicInteger callbacks = new AtomicInteger();
    try (ReachabilityWatcher w =
        new ReachabilityWatcher(
            () -> CompletableFuture.completedFuture(probes.incrementAndGet() >= 4),
            SCHEDULE,
            timer)) {
      w.watch(callbacks::incrementAndGet);
      assertThat(timer.nextDue()).isEqualTo(Duration.ofSeconds(10));

      timer.advance(Duration.ofMillis(9_999));
      assertThat(probes.get()).isZero();
      timer.advance(Duration.ofMillis(1)); // 10 s: first probe, unreachable
      assertThat(probes.get()).isEqualTo(1);
      assertThat(w.nextWait()).isEqualTo(Duration.ofSeconds(15));
      timer.advance(Duration.ofSeconds(15)); // 25 s: second
      timer.advance(Duration.ofMillis(22_500)); // 47.5 s: third
      assertThat(probes.get()).isEqualTo(3);
      assertThat(callbacks.get()).isZero();
      assertThat(w.nextWait()).isEqualTo(Duration.ofSeconds(30));

      timer.advance(Duration.ofSeconds(30)); // fourth probe answers
      assertThat(probes.get()).isEqualTo(4);
      assertThat(callbacks.get()).isEqualTo(1);
      assertThat(w.isWatching()).isFalse();
      assertThat(timer.nextDue()).isNull();

      timer.advance(Duration.ofMinutes(10));
      assertThat(probes.get()).isEqualTo(4);
      assertThat(callbacks.get()).isEqualTo(1);
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
  void stoppingEndsProbing() {
    AtomicInteger probes = new AtomicInteger();
    try (ReachabilityWatcher w =
        new ReachabilityWatcher(
            () -> {
              probes.incrementAndGet();
              return CompletableFuture.completedFuture(false);
            },
            SCHEDULE,
            timer)) {
      w.watch(() -> {});
      timer.advance(Duration.ofSeconds(25));
      assertThat(probes.get()).isEqualTo(2);
      assertThat(w.isWatching()).isTrue();

      w.stop();
      assertThat(w.isWatching()).isFalse();
      assertThat(timer.nextDue()).isNull();
      timer.advance(Duration.ofMinutes(10));
      assertThat(probes.get()).isEqualTo(2);
    }
  }

  @Test
  void aProbeThatAnswersAfterStopIsIgnored() {
    CompletableFuture<Boolean> answer = new CompletableFuture<>();
    AtomicInteger callbacks = new AtomicInteger();
    try (ReachabilityWatcher w = new ReachabilityWatcher(() -> answer, SCHEDULE, timer)) {
      w.watch(callbacks::incrementAndGet);
      timer.advance(Duration.ofSeconds(10)); // the probe is out
      w.stop();
      answer.complete(true);
      assertThat(callbacks.get()).isZero();
      assertThat(w.isWatching()).isFalse();
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

  /** A watcher on the fake timer whose probes count themselves and answer {@code reachable}. */
  private ReachabilityWatcher countingProbes(AtomicInteger probes, boolean reachable) {
    return new ReachabilityWatcher(
        () -> {
          probes.incrementAndGet();
          return CompletableFuture.completedFuture(reachable);
        },
        ReachabilityWatcher.Schedule.DEFAULT,
        timer);
  }

  @Test
  void anIdleWindowProbesAfterTheQuietPeriodAndLearnsItIsOffline() {
    AtomicInteger probes = new AtomicInteger();
    AtomicInteger unreachable = new AtomicInteger();
    try (ReachabilityWatcher w = countingProbes(probes, false)) {
      w.watchWhileOnline(unreachable::incrementAndGet);

      timer.advance(ReachabilityWatcher.ONLINE_QUIET.minusSeconds(1));
      assertThat(probes).hasValue(0); // not quiet long enough yet

      timer.advance(Duration.ofSeconds(1));
      assertThat(probes).hasValue(1);
      assertThat(unreachable).hasValue(1);
      assertThat(w.isWatchingWhileOnline()).isFalse();

      timer.advance(Duration.ofMinutes(1)); // stopped: no more probes, no second report
      assertThat(probes).hasValue(1);
      assertThat(unreachable).hasValue(1);
    }
    // Noticed within about ten seconds of the last answer, probe deadline included.
    assertThat(ReachabilityWatcher.ONLINE_QUIET.plus(ReachabilityWatcher.PROBE_DEADLINE))
        .isLessThanOrEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void callsAnsweredMeanwhileMakeProbesUnnecessary() {
    AtomicInteger probes = new AtomicInteger();
    AtomicInteger unreachable = new AtomicInteger();
    try (ReachabilityWatcher w = countingProbes(probes, true)) {
      w.watchWhileOnline(unreachable::incrementAndGet);
      for (int i = 0; i < 10; i++) {
        timer.advance(Duration.ofSeconds(3));
        w.answered(); // a busy window: calls keep being answered
      }
      assertThat(probes).hasValue(0);

      // Idle now: one probe per quiet period, answered, so still online.
      timer.advance(ReachabilityWatcher.ONLINE_QUIET);
      assertThat(probes).hasValue(1);
      timer.advance(Duration.ofSeconds(1));
      assertThat(probes).hasValue(1); // the probe's answer counts as one
      assertThat(unreachable).hasValue(0);
      assertThat(w.isWatchingWhileOnline()).isTrue();
    }
  }

  @Test
  void aProbeThatGetsNoAnswerByItsDeadlineCountsAsOffline() throws Exception {
    CountDownLatch unreachable = new CountDownLatch(1);
    try (ReachabilityWatcher w =
        new ReachabilityWatcher(
            CompletableFuture::new, // never answers
            ReachabilityWatcher.Schedule.DEFAULT,
            timer)) {
      w.watchWhileOnline(unreachable::countDown);
      timer.advance(ReachabilityWatcher.ONLINE_QUIET);
      // The deadline is the JDK's own timer (orTimeout): real seconds, bounded by the deadline.
      assertThat(
              unreachable.await(
                  ReachabilityWatcher.PROBE_DEADLINE.toSeconds() + 5, TimeUnit.SECONDS))
          .isTrue();
    }
  }
}
