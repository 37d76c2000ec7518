package io.routedesk.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.routedesk.flowroute.FlowrouteException;
import io.routedesk.testing.FakeFlowrouteClient;
import io.routedesk.testing.ManualTimer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
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
}
