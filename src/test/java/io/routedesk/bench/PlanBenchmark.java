package io.routedesk.bench;

import static io.routedesk.bench.BenchSupport.clientOf;
import static io.routedesk.bench.BenchSupport.startSandbox;

import io.routedesk.flowroute.CancellationToken;
import io.routedesk.flowroute.FlowrouteClient;
import io.routedesk.sandbox.FlowrouteSandbox;
import io.routedesk.service.AccountService;
import io.routedesk.service.plan.AccountReader;
import io.routedesk.service.plan.AccountRouting;
import io.routedesk.service.plan.PlanBuilder;
import io.routedesk.service.plan.RoutingCsv;
import io.routedesk.service.plan.RoutingFile;
import io.routedesk.service.plan.RoutingPlan;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Plan of a 10,000-number file against a 10,000-number account (1,000 routes), against the embedded
 * sandbox at loopback speed. Prints: the time to read the account fresh (the baseline a plan cannot
 * avoid: one details request per number), and the time beyond it to read the file and make the plan
 * with its lint (median of 7 runs after 3 warm-ups), for a file that changes nothing and one that
 * re-points 1,000 primaries; then a 100,000-row file read, with the heap it keeps.
 *
 * <p>Run: see docs/benchmarks.md ("Routing file plan").
 */
public final class PlanBenchmark {
  private static final int NUMBERS = Integer.getInteger("bench.numbers", 10_000);
  private static final int ROUTES = Integer.getInteger("bench.routes", 1_000);
  private static final int WARMUPS = 3;
  private static final int RUNS = 7;

  private PlanBenchmark() {}

  public static void main(String[] args) throws Exception {
    try (FlowrouteSandbox sandbox = startSandbox(NUMBERS, ROUTES, 0);
        FlowrouteClient client = clientOf(sandbox).build();
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      AccountReader reader = new AccountReader(new AccountService(client, executor));
      long t0 = System.nanoTime();
      AccountRouting account =
          reader.read(AccountReader.Progress.NONE, CancellationToken.NONE).join();
      double readMs = (System.nanoTime() - t0) / 1e6;
      System.out.printf(
          Locale.ROOT,
          "account: %,d numbers, %,d routes, %,d unreadable; read fresh in %.0f ms%n",
          account.numbers().size(),
          account.routes().size(),
          account.unreadable().size(),
          readMs);

      StringWriter numbersCsv = new StringWriter();
      RoutingCsv.writeNumbers(account, numbersCsv);
      StringWriter routesCsv = new StringWriter();
      RoutingCsv.writeRoutes(account, routesCsv);
      byte[] unchanged = numbersCsv.toString().getBytes(StandardCharsets.UTF_8);
      byte[] routes = routesCsv.toString().getBytes(StandardCharsets.UTF_8);
      byte[] changed = repointed(account, 1_000);
      System.out.printf(Locale.ROOT, "numbers file: %,d bytes%n", unchanged.length);

      measure("plan, no changes", unchanged, routes, account, readMs);
      measure("plan, 1,000 primaries changed", changed, routes, account, readMs);
      bigFile(account);
    }
  }

  private static void measure(
      String label, byte[] numbers, byte[] routes, AccountRouting account, double readMs)
      throws IOException {
    List<Double> times = new ArrayList<>();
    RoutingPlan plan = null;
    for (int i = 0; i < WARMUPS + RUNS; i++) {
      long t0 = System.nanoTime();
      RoutingFile file = read(numbers, routes);
      plan = PlanBuilder.build(file, account);
      double ms = (System.nanoTime() - t0) / 1e6;
      if (i >= WARMUPS) {
        times.add(ms);
      }
    }
    Collections.sort(times);
    double median = times.get(times.size() / 2);
    System.out.printf(
        Locale.ROOT,
        "%s: %,d changes, %,d errors, %,d new findings; read file + plan + lint: median %.0f ms"
            + " (min %.0f, max %.0f) = %.3fx the account read%n",
        label,
        plan.numberChanges().size(),
        plan.errors().size(),
        plan.newFindings().size(),
        median,
        times.getFirst(),
        times.getLast(),
        median / readMs);
  }

  /** A 100,000-row file (ten times the account, so most rows are "not on this account"). */
  private static void bigFile(AccountRouting account) throws IOException {
    StringBuilder csv = new StringBuilder("number,primary_route,failover_route\n");
    for (int i = 0; i < 100_000; i++) {
      String number =
          i < account.numbers().size()
              ? account.numbers().get(i).number()
              : Long.toString(19_000_000_000L + i);
      csv.append(number).append(",pbx-east,pbx-west\n");
    }
    byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
    csv = null;
    long heapBefore = usedHeap();
    long t0 = System.nanoTime();
    RoutingFile file = read(bytes, null);
    RoutingPlan plan = PlanBuilder.build(file, account);
    double ms = (System.nanoTime() - t0) / 1e6;
    long kept = usedHeap() - heapBefore;
    System.out.printf(
        Locale.ROOT,
        "100,000-row file (%,d bytes): read + plan in %.0f ms; %,d rows read, %,d errors;"
            + " heap kept by the file and plan: %.1f MB%n",
        bytes.length,
        ms,
        file.numbers().size(),
        plan.errors().size(),
        kept / 1e6);
  }

  private static RoutingFile read(byte[] numbers, byte[] routes) throws IOException {
    return RoutingCsv.read(
        "routing.csv",
        new ByteArrayInputStream(numbers),
        "routing.routes.csv",
        routes == null ? null : new ByteArrayInputStream(routes));
  }

  /** The account's file with the primary of the first {@code count} numbers re-pointed. */
  private static byte[] repointed(AccountRouting account, int count) {
    StringBuilder csv = new StringBuilder("number,primary_route_id,failover_route_id\n");
    List<String> routeIds =
        account.routes().stream().map(r -> r.id()).filter(id -> !id.equals("0")).toList();
    int i = 0;
    for (var entry : account.routing().entrySet()) {
      String primary = entry.getValue().primaryRouteId();
      String failover = entry.getValue().failoverRouteId();
      if (i < count) {
        int k = i;
        String other;
        do {
          other = routeIds.get(k++ % routeIds.size());
        } while (other.equals(primary) || other.equals(failover));
        primary = other;
      }
      csv.append(entry.getKey())
          .append(',')
          .append(primary == null ? "" : primary)
          .append(',')
          .append(failover == null ? "" : failover)
          .append('\n');
      i++;
    }
    return csv.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static long usedHeap() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }
}
