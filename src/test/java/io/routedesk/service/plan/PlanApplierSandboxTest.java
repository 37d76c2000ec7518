package io.routedesk.service.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.routedesk.domain.NumberRouting;
import io.routedesk.domain.Route;
import io.routedesk.domain.RouteType;
import io.routedesk.domain.VoiceSlot;
import io.routedesk.flowroute.CancellationToken;
import io.routedesk.flowroute.FlowrouteClient;
import io.routedesk.flowroute.OkHttpFlowrouteClient;
import io.routedesk.sandbox.DemoSeed;
import io.routedesk.sandbox.FlowrouteSandbox;
import io.routedesk.service.AccountService;
import io.routedesk.service.ChangeEngine;
import io.routedesk.service.RouteService;
import io.routedesk.store.BatchKind;
import io.routedesk.store.JournalBatch;
import io.routedesk.store.LocalStore;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Plans applied to the embedded sandbox over HTTP, including an account changed behind a plan. */
class PlanApplierSandboxTest {
  private FlowrouteSandbox sandbox;
  private FlowrouteClient client;
  private ExecutorService executor;
  private LocalStore store;
  private ChangeEngine engine;

  @BeforeEach
  void start() throws IOException {
    sandbox = FlowrouteSandbox.builder().seed(DemoSeed.of(300, 20, DemoSeed.DEFAULT_SEED)).start();
    client =
        OkHttpFlowrouteClient.builder()
            .baseUrl(sandbox.baseUrl())
            .credentials(sandbox.accessKey(), sandbox.secretKey())
            .build();
    executor = Executors.newVirtualThreadPerTaskExecutor();
    store = LocalStore.inMemory();
    engine = new ChangeEngine(store, client, executor);
  }

  @AfterEach
  void stop() {
    client.close();
    executor.shutdownNow();
    store.close();
    sandbox.close();
  }

  private AccountRouting read() throws Exception {
    return new AccountReader(new AccountService(client, executor))
        .read(AccountReader.Progress.NONE, CancellationToken.NONE)
        .get(60, TimeUnit.SECONDS);
  }

  private PlanApplier applier() {
    return new PlanApplier(PlanApplier.through(new RouteService(engine), engine), executor);
  }

  private ApplyReport apply(RoutingPlan plan) throws Exception {
    return applier()
        .apply(plan, false, PlanApplier.Progress.NONE, CancellationToken.NONE)
        .get(60, TimeUnit.SECONDS);
  }

  /** A numbers file pointing the primary of {@code numbers} at the route with this alias. */
  private static String primariesTo(List<String> numbers, String alias) {
    return "number,primary_route\n"
        + numbers.stream().map(n -> n + "," + alias).collect(Collectors.joining("\n"));
  }

  @Test
  void numbersChangedSinceThePlanAreConflictsAndKeepTheirNewRouting() throws Exception {
    AccountRouting account = read();
    Route target =
        account.routes().stream()
            .filter(r -> r.alias().equals("pbx-west"))
            .findFirst()
            .orElseThrow();
    List<String> numbers =
        account.routing().values().stream()
            .filter(
                r ->
                    !target.id().equals(r.primaryRouteId())
                        && !target.id().equals(r.failoverRouteId()))
            .map(NumberRouting::number)
            .limit(250)
            .toList();
    RoutingPlan plan = Accounts.plan(primariesTo(numbers, "pbx-west"), null, account);
    assertThat(plan.numberChanges()).hasSize(250);
    assertThat(plan.hasErrors()).isFalse();

    // Behind the plan's back, someone re-points three of its numbers (one in a later chunk).
    List<String> changedBehind = List.of(numbers.get(0), numbers.get(7), numbers.get(201));
    for (String n : changedBehind) {
      sandbox.account().assign(n, VoiceSlot.PRIMARY, Route.SIP_REG_ID);
    }

    ApplyReport report = apply(plan);

    Map<String, ApplyReport.Status> status =
        report.numbers().stream()
            .collect(Collectors.toMap(r -> r.planned().number(), ApplyReport.NumberResult::status));
    assertThat(status).hasSize(250);
    changedBehind.forEach(
        n -> assertThat(status.get(n)).as(n).isEqualTo(ApplyReport.Status.CONFLICT));
    assertThat(report.count(ApplyReport.Status.DONE)).isEqualTo(247);
    for (String n : numbers) {
      assertThat(sandbox.account().primaryRouteId(n))
          .as(n)
          .isEqualTo(changedBehind.contains(n) ? Route.SIP_REG_ID : target.id());
    }
    assertThat(report.numbers().stream().filter(r -> r.status() == ApplyReport.Status.CONFLICT))
        .allSatisfy(
            r -> assertThat(r.reason()).contains("Changed since the plan was made", "sip-reg"));
  }

  @Test
  void routesAreCreatedAndChangedFirstAndNumbersUseTheNewRoutesRealId() throws Exception {
    AccountRouting account = read();
    Route east =
        account.routes().stream()
            .filter(r -> r.alias().equals("pbx-east"))
            .findFirst()
            .orElseThrow();
    List<String> numbers = account.numbers().stream().map(n -> n.number()).limit(5).toList();
    String routes =
        "alias,id,type,value,edge_strategy\n"
            + "pbx-east,"
            + east.id()
            + ",host,pbx-east2.example.com:5060,"
            + east.edgeStrategyId()
            + "\npbx-north,,host,10.9.9.9:5060,\n";
    RoutingPlan plan = Accounts.plan(primariesTo(numbers, "pbx-north"), routes, account);
    assertThat(plan.errors()).isEmpty();

    ApplyReport report = apply(plan);

    assertThat(report.allDone()).as(report.toString()).isTrue();
    Route created =
        report.routes().stream()
            .map(ApplyReport.RouteResult::created)
            .filter(r -> r.alias().equals("pbx-north"))
            .findFirst()
            .orElseThrow();
    assertThat(sandbox.account().route(created.id())).isPresent();
    assertThat(sandbox.account().route(east.id()).orElseThrow().value())
        .isEqualTo("pbx-east2.example.com:5060");
    numbers.forEach(n -> assertThat(sandbox.account().primaryRouteId(n)).isEqualTo(created.id()));
    // Every change went through the engine's journal: the route edit, the new route, and the
    // numbers as one routing-file batch with each number's before and after.
    List<JournalBatch> batches = engine.journal().batches();
    assertThat(batches)
        .extracting(JournalBatch::kind)
        .containsExactlyInAnyOrder(
            BatchKind.ROUTE_UPDATE, BatchKind.ROUTE_CREATE, BatchKind.ROUTING_FILE);
    JournalBatch file =
        batches.stream().filter(b -> b.kind() == BatchKind.ROUTING_FILE).findFirst().orElseThrow();
    assertThat(engine.journal().entries(file.id()))
        .extracting(e -> e.number(), e -> e.after().primaryRouteId())
        .containsExactlyInAnyOrderElementsOf(
            numbers.stream()
                .map(n -> org.assertj.core.groups.Tuple.tuple(n, created.id()))
                .toList());
  }

  @Test
  void aRouteThatCannotBeCreatedFailsTheNumbersThatNeedItAndNothingElse() throws Exception {
    AccountRouting account = read();
    List<String> numbers = account.numbers().stream().map(n -> n.number()).limit(3).toList();
    NumberRouting third = account.routing().get(numbers.get(2));
    Route other =
        account.routes().stream()
            .filter(r -> !r.isSystemRoute())
            .filter(r -> !r.id().equals(third.primaryRouteId()))
            .filter(r -> !r.id().equals(third.failoverRouteId()))
            .findFirst()
            .orElseThrow();
    String file =
        "number,primary_route,primary_type,primary_value\n"
            + numbers.get(0)
            + ",pbx-north,host,10.9.9.9\n"
            + numbers.get(1)
            + ",pbx-north,,\n"
            + numbers.get(2)
            + ","
            + other.alias()
            + ",,\n";
    RoutingPlan plan = Accounts.plan(file, null, account);
    // Someone takes the alias between the plan and the apply; the sandbox refuses a duplicate.
    sandbox.account().addRoute(RouteType.HOST, "10.1.1.1", "pbx-north", null);

    ApplyReport report = apply(plan);

    assertThat(report.routes())
        .singleElement()
        .extracting(ApplyReport.RouteResult::status)
        .isEqualTo(ApplyReport.Status.FAILED);
    Map<String, ApplyReport.NumberResult> byNumber =
        report.numbers().stream().collect(Collectors.toMap(r -> r.planned().number(), r -> r));
    for (String n : numbers.subList(0, 2)) {
      assertThat(byNumber.get(n).status()).isEqualTo(ApplyReport.Status.FAILED);
      assertThat(byNumber.get(n).reason()).contains("“pbx-north” was not created");
      assertThat(sandbox.account().routing(n)).contains(account.routing().get(n));
    }
    assertThat(byNumber.get(numbers.get(2)).status()).isEqualTo(ApplyReport.Status.DONE);
    assertThat(sandbox.account().primaryRouteId(numbers.get(2))).isEqualTo(other.id());
  }

  @Test
  void cancellingStopsSendingAndReportsTheRestAsNotSentInOneBatch() throws Exception {
    AccountRouting account = read();
    List<String> numbers =
        account.routing().values().stream()
            .filter(r -> !Route.SIP_REG_ID.equals(r.failoverRouteId()))
            .map(NumberRouting::number)
            .limit(250)
            .toList();
    RoutingPlan plan = Accounts.plan(primariesTo(numbers, "sip-reg"), null, account);
    assertThat(plan.numberChanges()).hasSizeGreaterThan(ChangeEngine.RECHECK);
    CancellationToken cancel = new CancellationToken();

    ApplyReport report =
        applier()
            .apply(
                plan,
                true,
                (done, total) -> {
                  if (done >= ChangeEngine.RECHECK) {
                    cancel.cancel();
                  }
                },
                cancel)
            .get(60, TimeUnit.SECONDS);

    assertThat(report.cancelled()).isTrue();
    // Requests already in flight when the cancel comes land; nothing after them is sent.
    long done = report.count(ApplyReport.Status.DONE);
    assertThat(done).isBetween((long) ChangeEngine.RECHECK, plan.numberChanges().size() - 1L);
    assertThat(report.count(ApplyReport.Status.SKIPPED))
        .isEqualTo(plan.numberChanges().size() - done);
    assertThat(engine.journal().batches())
        .singleElement()
        .satisfies(b -> assertThat(b.done()).isEqualTo((int) done));
    for (ApplyReport.NumberResult r : report.numbers()) {
      String expected =
          r.status() == ApplyReport.Status.DONE
              ? Route.SIP_REG_ID
              : r.planned().before().primaryRouteId();
      assertThat(sandbox.account().primaryRouteId(r.planned().number())).isEqualTo(expected);
    }
  }

  @Test
  void aPlanWithErrorsSendsNothing() throws Exception {
    AccountRouting account = read();
    RoutingPlan plan = Accounts.plan("number,primary_route\n19995550000,pbx-east\n", null, account);
    long before = sandbox.requests().total();

    assertThat(applier().apply(plan, false, PlanApplier.Progress.NONE, CancellationToken.NONE))
        .failsWithin(java.time.Duration.ofSeconds(5))
        .withThrowableOfType(java.util.concurrent.ExecutionException.class)
        .withMessageContaining("nothing was sent");
    assertThat(sandbox.requests().total()).isEqualTo(before);
  }
}
