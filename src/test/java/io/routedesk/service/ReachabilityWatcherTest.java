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
}
