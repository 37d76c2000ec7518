package io.routedesk.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.routedesk.domain.NumberRouting;
import io.routedesk.domain.RouteType;
import io.routedesk.flowroute.CancellationToken;
import io.routedesk.flowroute.FlowrouteException;
import io.routedesk.store.LocalStore;
import io.routedesk.testing.FakeFlowrouteClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AssignmentServiceTest {
  private final FakeFlowrouteClient client = new FakeFlowrouteClient();
  private final LocalStore store = LocalStore.inMemory();
  private final AssignmentService service =
      new AssignmentService(new ChangeEngine(store, client, Runnable::run));

  @BeforeEach
  void account() {
    client.addRoute("10", "pbx-east", RouteType.HOST, "pbx-east.example.com");
    client.addRoute("11", "pbx-west", RouteType.HOST, "pbx-west.example.com");
    client.addNumber("12065550001", "front desk", "0", null);
    client.addNumber("12065550002", null, "0", "10");
    client.addNumber("12065550003", null, "10", "11");
  }

  private NumberChange change(String number, String primary, String failover) {
    return new NumberChange(client.routingOf(number), new NumberRouting(number, primary, failover));
  }

  @Test
  void appliesEveryChangeAndReportsTheServerState() {
    AssignmentPlan plan =
        new AssignmentPlan(
            "Primary of 2 numbers → pbx-east",
            List.of(change("12065550001", "10", null), change("12065550002", "11", "10")));

    BatchReport report = service.apply(plan, BatchListener.NONE, new CancellationToken()).join();

    assertThat(report.allDone()).isTrue();
    assertThat(client.routingOf("12065550001").primaryRouteId()).isEqualTo("10");
    assertThat(report.serverState().get("12065550002"))
        .isEqualTo(new NumberRouting("12065550002", "11", "10"));
  }

  @Test
  void failedNumbersCarryTheReasonAndOthersStillApply() {
    client.failWrites(
        "12065550002",
        FakeFlowrouteClient.error(FlowrouteException.Kind.SERVER, 503, "Flowroute is down (503)."));
    AssignmentPlan plan =
        new AssignmentPlan(
            "Failover → pbx-west",
            List.of(change("12065550001", "0", "11"), change("12065550002", "0", "11")));

    BatchReport report = service.apply(plan, BatchListener.NONE, new CancellationToken()).join();

    assertThat(report.outcomes())
        .extracting(NumberOutcome::status)
        .containsExactly(NumberOutcome.Status.DONE, NumberOutcome.Status.FAILED);
    assertThat(report.failed().getFirst().reason()).contains("503");
    assertThat(client.routingOf("12065550002").failoverRouteId()).isEqualTo("10");
  }

  @Test
  void retryPlanResendsOnlyTheNumbersThatDidNotFinish() {
    client.failWrites(
        "12065550002", FakeFlowrouteClient.error(FlowrouteException.Kind.SERVER, 503, "down"));
    AssignmentPlan plan =
        new AssignmentPlan(
            "Failover → pbx-west",
            List.of(change("12065550001", "0", "11"), change("12065550002", "0", "11")));
    BatchReport first = service.apply(plan, BatchListener.NONE, new CancellationToken()).join();
    client.clearWriteFailures();

    AssignmentPlan retry = AssignmentService.retryPlan(first);
    BatchReport second = service.apply(retry, BatchListener.NONE, new CancellationToken()).join();

    assertThat(retry.numbers()).containsExactly("12065550002");
    assertThat(second.allDone()).isTrue();
    assertThat(client.routingOf("12065550002").failoverRouteId()).isEqualTo("11");
  }

  @Test
  void cancellingSkipsWhatWasNotSentAndSaysSo() {
    // Cancelled while the second number is on its way: it lands, the third is never sent.
    CancellationToken cancel = new CancellationToken();
    AtomicInteger writes = new AtomicInteger();
    client.beforeEachWrite(
        () -> {
          if (writes.incrementAndGet() == 2) {
            cancel.cancel();
          }
        });
    AssignmentPlan plan =
        new AssignmentPlan(
            "Primary → pbx-west",
            List.of(
                change("12065550001", "11", null),
                change("12065550002", "11", "10"),
                change("12065550003", "11", null)));

    BatchReport report = service.apply(plan, BatchListener.NONE, cancel).join();

    assertThat(report.cancelled()).isTrue();
    assertThat(report.count(NumberOutcome.Status.DONE)).isEqualTo(2);
    assertThat(report.count(NumberOutcome.Status.SKIPPED)).isEqualTo(1);
    assertThat(report.outcomes().get(2).reason()).contains("Cancelled before it was sent");
    assertThat(client.routingOf("12065550003").primaryRouteId()).isEqualTo("10");
  }

  @Test
  void undoRestoresPrimaryAndFailoverOfEveryNumberOfTheLastBatch() {
    AssignmentPlan plan =
        new AssignmentPlan(
            "Mixed",
            List.of(
                change("12065550001", "11", "10"),
                change("12065550002", "11", null),
                change("12065550003", "11", "10")));
    service.apply(plan, BatchListener.NONE, new CancellationToken()).join();
    assertThat(service.canUndo()).isTrue();

    BatchReport undo = service.undoLast(BatchListener.NONE, new CancellationToken()).join();

    assertThat(undo.allDone()).isTrue();
    assertThat(client.routingOf("12065550001"))
        .isEqualTo(new NumberRouting("12065550001", "0", null));
    assertThat(client.routingOf("12065550002"))
        .isEqualTo(new NumberRouting("12065550002", "0", "10"));
    assertThat(client.routingOf("12065550003"))
        .isEqualTo(new NumberRouting("12065550003", "10", "11"));
    assertThat(service.canUndo()).isFalse();
  }

  @Test
  void undoOnlyCoversNumbersThatActuallyChanged() {
    client.failWrites(
        "12065550002", FakeFlowrouteClient.error(FlowrouteException.Kind.SERVER, 503, "down"));
    service
        .apply(
            new AssignmentPlan(
                "Primary → pbx-west",
                List.of(change("12065550001", "11", null), change("12065550002", "11", "10"))),
            BatchListener.NONE,
            new CancellationToken())
        .join();

    assertThat(service.undoPlan().orElseThrow().numbers()).containsExactly("12065550001");
  }

  @Test
  void swappingPrimaryAndFailoverNeverPassesThroughIdenticalRoutes() {
    // The fake refuses primary == failover, like Flowroute may; a swap must still succeed.
    BatchReport report =
        service
            .apply(
                new AssignmentPlan("Swap", List.of(change("12065550003", "11", "10"))),
                BatchListener.NONE,
                new CancellationToken())
            .join();

    assertThat(report.allDone()).isTrue();
    assertThat(client.routingOf("12065550003"))
        .isEqualTo(new NumberRouting("12065550003", "11", "10"));
    assertThat(client.writeLog())
        .containsExactly(
            "12065550003 FAILOVER null", "12065550003 PRIMARY 11", "12065550003 FAILOVER 10");
  }

  @Test
  void reportsProgressOfBothPhases() {
    List<String> events = new ArrayList<>();
    service
        .apply(
            new AssignmentPlan("One", List.of(change("12065550001", "10", null))),
            (phase, done, total) -> events.add(phase + " " + done + "/" + total),
            new CancellationToken())
        .join();

    assertThat(events).contains("APPLYING 0/1", "APPLYING 1/1", "VERIFYING 1/1");
  }

  @Test
  void noOpChangesAreDroppedFromPlans() {
    AssignmentPlan plan =
        new AssignmentPlan(
            "Nothing",
            List.of(change("12065550001", "0", null), change("12065550002", "10", "10")));
    assertThat(plan.numbers()).containsExactly("12065550002");
  }
}
