package io.routedesk.bench;

import static io.routedesk.bench.BenchSupport.clientOf;

import ch.qos.logback.classic.Level;
import io.routedesk.flowroute.CancellationToken;
import io.routedesk.flowroute.FlowrouteClient;
import io.routedesk.flowroute.OkHttpFlowrouteClient;
import io.routedesk.sandbox.DemoSeed;
import io.routedesk.sandbox.Endpoint;
import io.routedesk.sandbox.FlowrouteSandbox;
import io.routedesk.sandbox.RequestStats;
import io.routedesk.sandbox.SandboxOptions.MultiNumberDetails;
import io.routedesk.service.AccountSnapshotService;
import io.routedesk.service.RefreshResult;
import io.routedesk.store.LocalStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.LoggerFactory;

/**
 * A full refresh of a 10,000-number account ({@link AccountSnapshotService#refresh}: the window's
 * and the command line's streaming read, {@link io.routedesk.service.AccountService#loadNumbers},
 * with routes and edge strategies, then the window's save, in SQLite) against the embedded sandbox
 * at 80 ms per request, twice in the same run: with the multi-number details call (POST
 * /v2/numbers/details, 100 numbers per request) and with one details request per number (the
 * sandbox switched to answer the multi-number call 405, as a v2.0-only account would).
 *
 * <p>The multi-number refresh is measured twice per account, each by a new session: the first on
 * this computer (nothing saved; the client tries one batch alone and slow-starts) and a later one,
 * as at every later start (the saved copy is read, then replaced; it remembers that the call
 * worked). RESULT's refresh_multi_s and floor_ratio are the later refresh's, first_refresh_s and
 * first_floor_ratio the first's.
 *
 * <p>"Floor" is the time the multi-number refresh cannot beat at that latency with the client's
 * maximum concurrency: the first page of numbers must arrive before anything else of the number
 * list is known (one round trip), and the other pages and all details batches must then pass
 * through at most that many requests in flight (each page's details are read as soon as the page is
 * in). Routes and edge strategies are read meanwhile and add nothing. Neither the limiter's slow
 * start from 8 nor saving is in the floor. Before each page's details were read as it came in, the
 * floor was 1 + ⌈49/32⌉ + ⌈100/32⌉ = 7 round trips (the whole list first); it is printed too.
 *
 * <p>Not a test; surefire does not run it. Run: {@code ./mvnw -q test-compile
 * exec:exec@refresh-bench}. System properties: bench.latencyMs (80), bench.multiRuns (3; the median
 * is reported).
 */
public final class RefreshBenchmark {
  private RefreshBenchmark() {}

  private static final long LATENCY_MS = Long.getLong("bench.latencyMs", 80);
  private static final int MULTI_RUNS = Integer.getInteger("bench.multiRuns", 3);
  private static final int MAX_CONCURRENCY = 32; // the client's default maximum
  private static final int PAGE_SIZE = FlowrouteClient.MAX_PAGE_SIZE;
  private static final int BATCH_SIZE = 100;

  /** One refresh: total time, when the last routing arrived, and what the sandbox saw. */
  private record Run(
      double seconds, double networkSeconds, long requests, long detailRequests, int maxInFlight) {}

  public static void main(String[] args) throws Exception {
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.routedesk")).setLevel(Level.WARN);
    System.out.printf(
        Locale.ROOT,
        "Refresh benchmark, %s, Java %s, %d CPUs visible, sandbox latency %d ms%n%n",
        LocalDate.now(),
        System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors(),
        LATENCY_MS);
    Path dir = Files.createTempDirectory("refresh-bench");
    ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    try (FlowrouteSandbox sandbox = FlowrouteSandbox.builder().seed(DemoSeed.large()).start()) {
      int numbers = sandbox.account().numbers().size();
      // Class loading, JIT, SQLite: both paths once at loopback speed, not measured.
      sandbox.options().multiNumberDetails(MultiNumberDetails.ON);
      refresh(sandbox, dir, executor, "warm-multi");
      sandbox.options().multiNumberDetails(MultiNumberDetails.OFF);
      refresh(sandbox, dir, executor, "warm-single");
      // What a refresh costs besides waiting: CPU (both ends) and saving, at 0 ms latency.
      sandbox.options().multiNumberDetails(MultiNumberDetails.ON);
      Run noLatency = refresh(sandbox, dir, executor, "no-latency");
      sandbox.faults().latencyMillis(LATENCY_MS);

      // Each account refreshed twice, each time by a new session (client and services): first on
      // this computer (nothing saved), then as on every later start (its saved copy replaced,
      // and what it remembers of how details are read used).
      sandbox.options().multiNumberDetails(MultiNumberDetails.ON);
      List<Run> firstRuns = new ArrayList<>();
      List<Run> laterRuns = new ArrayList<>();
      for (int i = 0; i < MULTI_RUNS; i++) {
        firstRuns.add(refresh(sandbox, dir, executor, "multi-" + i));
        laterRuns.add(refresh(sandbox, dir, executor, "multi-" + i));
      }
      Run first = median(firstRuns);
      Run multi = median(laterRuns);
      sandbox.options().multiNumberDetails(MultiNumberDetails.OFF);
      Run single = refresh(sandbox, dir, executor, "single");

      int pages = (numbers + PAGE_SIZE - 1) / PAGE_SIZE;
      int batches = (numbers + BATCH_SIZE - 1) / BATCH_SIZE;
      int roundTrips = 1 + ceilDiv(pages - 1 + batches, MAX_CONCURRENCY);
      double floor = roundTrips * LATENCY_MS / 1000.0;
      int listFirstRoundTrips =
          1 + ceilDiv(pages - 1, MAX_CONCURRENCY) + ceilDiv(batches, MAX_CONCURRENCY);
      double listFirstFloor = listFirstRoundTrips * LATENCY_MS / 1000.0;

      System.out.println(
          "| refresh of 10,000 numbers | total | until the last routing | requests (details) |"
              + " max in flight |");
      System.out.println("|---|---:|---:|---:|---:|");
      row("multi-number details, a later refresh (median of " + MULTI_RUNS + ")", multi);
      row("multi-number details, the first on this computer (median of " + MULTI_RUNS + ")", first);
      row("one details request per number", single);
      row("multi-number details at 0 ms latency (CPU and saving only)", noLatency);
      System.out.printf(
          Locale.ROOT,
          "%nmulti-number runs: later %s s, first %s s%n",
          seconds(laterRuns),
          seconds(firstRuns));
      System.out.printf(
          Locale.ROOT,
          "floor: %d pages, %d batches at %d in flight: 1 + ⌈(%d + %d) / %d⌉ round trips × %d ms"
              + " = %.2f s (the whole list before any details: %d round trips, %.2f s; ratio"
              + " against it %.2fx)%n",
          pages,
          batches,
          MAX_CONCURRENCY,
          pages - 1,
          batches,
          MAX_CONCURRENCY,
          LATENCY_MS,
          floor,
          listFirstRoundTrips,
          listFirstFloor,
          multi.seconds() / listFirstFloor);
      double speedup = single.seconds() / multi.seconds();
      double floorRatio = multi.seconds() / floor;
      System.out.printf(
          Locale.ROOT,
          "targets: >= 10x faster: %.1fx %s; within 1.5x of the floor: %.2fx %s"
              + " (network part alone: %.2fx)%n",
          speedup,
          speedup >= 10 ? "MET" : "NOT MET",
          floorRatio,
          floorRatio <= 1.5 ? "MET" : "NOT MET",
          multi.networkSeconds() / floor);
      System.out.printf(
          Locale.ROOT,
          "waiting part (multi-number refresh minus the same refresh at 0 ms latency): %.2f s,"
              + " %.2fx the floor%n",
          multi.seconds() - noLatency.seconds(),
          (multi.seconds() - noLatency.seconds()) / floor);
      double firstRatio = first.seconds() / floor;
      System.out.printf(
          Locale.ROOT,
          "the first refresh on this computer: %.2fx the floor (the limiter's slow start and one"
              + " batch alone before the others)%n",
          firstRatio);
      System.out.printf(
          Locale.ROOT,
          "RESULT refresh_multi_s=%.2f refresh_per_number_s=%.2f speedup=%.1f floor_ratio=%.2f"
              + " first_refresh_s=%.2f first_floor_ratio=%.2f%n",
          multi.seconds(),
          single.seconds(),
          speedup,
          floorRatio,
          first.seconds(),
          firstRatio);
    } finally {
      executor.shutdownNow();
    }
  }

  /** A refresh with a fresh client (its limiter and remembered path start from scratch). */
  private static Run refresh(
      FlowrouteSandbox sandbox, Path dir, ExecutorService executor, String name) throws Exception {
    try (LocalStore store = LocalStore.open(dir.resolve(name + ".db"));
        OkHttpFlowrouteClient client = clientOf(sandbox).build()) {
      AccountSnapshotService service = new AccountSnapshotService(store, client, executor);
      service.loadCached().get(); // as the window does: the saved copy is shown first
      RequestStats stats = sandbox.requests();
      stats.reset();
      AtomicLong lastRouting = new AtomicLong();
      long start = System.nanoTime();
      RefreshResult result =
          service
              .refresh(
                  // The last call comes with the last routing read.
                  (done, total) -> lastRouting.set(System.nanoTime()), CancellationToken.NONE)
              .get();
      long end = System.nanoTime();
      int expected = sandbox.account().numbers().size();
      if (result.snapshot().numbers().size() != expected
          || !result.routingNotRefreshed().isEmpty()) {
        throw new IllegalStateException(
            "Benchmark run went wrong: "
                + result.snapshot().numbers().size()
                + " numbers, "
                + result.routingNotRefreshed().size()
                + " without routing");
      }
      long details =
          stats.received(Endpoint.MULTI_NUMBER_DETAILS) + stats.received(Endpoint.NUMBER_DETAILS);
      return new Run(
          (end - start) / 1e9,
          (lastRouting.get() - start) / 1e9,
          stats.total(),
          details,
          stats.maxInFlight());
    }
  }

  private static Run median(List<Run> runs) {
    List<Run> sorted = new ArrayList<>(runs);
    sorted.sort((a, b) -> Double.compare(a.seconds(), b.seconds()));
    return sorted.get(sorted.size() / 2);
  }

  private static List<String> seconds(List<Run> runs) {
    return runs.stream().map(r -> String.format(Locale.ROOT, "%.2f", r.seconds())).toList();
  }

  private static void row(String name, Run run) {
    System.out.printf(
        Locale.ROOT,
        "| %s | %.2f s | %.2f s | %,d (%,d) | %d |%n",
        name,
        run.seconds(),
        run.networkSeconds(),
        run.requests(),
        run.detailRequests(),
        run.maxInFlight());
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }
}
