package io.routedesk.bench;

import static io.routedesk.bench.BenchSupport.clientOf;

import ch.qos.logback.classic.Level;
import io.routedesk.domain.NumberDetails;
import io.routedesk.domain.PhoneNumber;
import io.routedesk.domain.Route;
import io.routedesk.flowroute.BulkResult;
import io.routedesk.flowroute.CancellationToken;
import io.routedesk.flowroute.NumberFilter;
import io.routedesk.flowroute.OkHttpFlowrouteClient;
import io.routedesk.sandbox.DemoSeed;
import io.routedesk.sandbox.Endpoint;
import io.routedesk.sandbox.FlowrouteSandbox;
import io.routedesk.sandbox.RequestStats;
import io.routedesk.sandbox.SandboxOptions.MultiNumberDetails;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import org.slf4j.LoggerFactory;

/**
 * How fast the Flowroute client is against the embedded sandbox with a fixed latency per request
 * (80 ms by default, roughly a round trip to Flowroute from Europe), compared with one request at a
 * time as Flowroute's SDKs work:
 *
 * <ol>
 *   <li>(a) listing all 10,000 numbers and 1,000 routes (page size 200);
 *   <li>(b) reading the primary and failover route of every number: one details call per number
 *       (API v2.0 has no bulk read; the sandbox's multi-number call is switched off here, and
 *       {@link RefreshBenchmark} measures it);
 *   <li>(c) (b) again under a sandbox rate limit of 100 requests/s, with and without Retry-After,
 *       on a subset, which must finish with no failed request.
 * </ol>
 *
 * The sequential (b) is timed on a 1,000-number sample and scaled to 10,000 (a full run takes over
 * 13 minutes at 80 ms); the output says so. "Floor" is requests ÷ concurrency × latency: the time
 * no client can beat at that concurrency. Not a test; surefire does not run it. Run:
 *
 * <pre>
 * ./mvnw -q test-compile exec:exec@bench
 * </pre>
 *
 * System properties (add to the exec arguments, or run the class directly): bench.latencyMs (80),
 * bench.sequentialSample (1000), bench.rateLimitNumbers (2000), bench.rateLimitRps (100).
 */
public final class ClientBenchmark {
  private ClientBenchmark() {}

  private static final long LATENCY_MS = Long.getLong("bench.latencyMs", 80);
  private static final int SEQUENTIAL_SAMPLE = Integer.getInteger("bench.sequentialSample", 1_000);
  private static final int RATE_LIMIT_NUMBERS = Integer.getInteger("bench.rateLimitNumbers", 2_000);
  private static final int RATE_LIMIT_RPS = Integer.getInteger("bench.rateLimitRps", 100);

  /** Elapsed time, requests the sandbox received, and the most it served at once. */
  private record Run(Duration elapsed, long requests, int maxInFlight) {
    double seconds() {
      return elapsed.toNanos() / 1e9;
    }

    /** requests ÷ concurrency × latency, in seconds. */
    double floorSeconds() {
      return (double) requests / maxInFlight * LATENCY_MS / 1000.0;
    }
  }

  public static void main(String[] args) throws Exception {
    // Retries under the rate limit log at INFO; the figures are what matters here.
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.routedesk")).setLevel(Level.WARN);

    System.out.printf(
        Locale.ROOT,
        "Flowroute client benchmark, %s, Java %s, %d CPUs visible, sandbox latency %d ms%n%n",
        LocalDate.now(),
        System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors(),
        LATENCY_MS);

    try (FlowrouteSandbox sandbox = FlowrouteSandbox.builder().seed(DemoSeed.large()).start()) {
      List<String> numbers = sandbox.account().numbers().stream().map(PhoneNumber::number).toList();
      // (b) and (c) measure one details request per number; RefreshBenchmark measures the
      // multi-number call.
      sandbox.options().multiNumberDetails(MultiNumberDetails.OFF);
      warmUp(sandbox, numbers);
      sandbox.faults().latencyMillis(LATENCY_MS);

      // (a) listing
      Run listSequential = measure(sandbox, c -> sequential(c), client -> listBoth(client, false));
      Run listOurs = measure(sandbox, c -> c, client -> listBoth(client, true));

      // (b) details of every number
      List<String> sample = numbers.subList(0, Math.min(SEQUENTIAL_SAMPLE, numbers.size()));
      Run detailsSample =
          measure(sandbox, c -> sequential(c), client -> readDetails(client, sample, 0));
      double scale = (double) numbers.size() / sample.size();
      Run detailsSequential =
          new Run(
              Duration.ofNanos((long) (detailsSample.elapsed().toNanos() * scale)),
              Math.round(detailsSample.requests() * scale),
              detailsSample.maxInFlight());
      int[] ourLimit = new int[1];
      Run detailsOurs =
          measure(
              sandbox,
              c -> c,
              client -> {
                readDetails(client, numbers, 0);
                ourLimit[0] = client.concurrencyLimit();
              });

      System.out.println(
          "| run | one at a time | ours | speed-up | ours: requests, max in flight | floor | ours ÷ floor |");
      System.out.println("|---|---:|---:|---:|---:|---:|---:|");
      row("(a) list 10,000 numbers + 1,000 routes", listSequential, listOurs, "");
      row(
          "(b) details of 10,000 numbers",
          detailsSequential,
          detailsOurs,
          String.format(
              Locale.ROOT, " (one at a time: %,d-number sample × %.0f)", sample.size(), scale));
      System.out.printf(
          Locale.ROOT,
          "%n(b) one at a time, measured: %,d requests in %.1f s; scaled to %,d numbers: %.1f s."
              + " Our limiter ended at %d.%n",
          detailsSample.requests(),
          detailsSample.seconds(),
          numbers.size(),
          detailsSequential.seconds(),
          ourLimit[0]);
      double speedUp = detailsSequential.seconds() / detailsOurs.seconds();
      double overFloor = detailsOurs.seconds() / detailsOurs.floorSeconds();
      System.out.printf(
          Locale.ROOT,
          "(b) targets: ≥ 10× faster than one at a time: %.1f× %s; within 1.5× of the floor: %.2f× %s%n%n",
          speedUp,
          speedUp >= 10 ? "MET" : "NOT MET",
          overFloor,
          overFloor <= 1.5 ? "MET" : "NOT MET");

      // (c) rate limited
      for (boolean retryAfter : new boolean[] {false, true}) {
        rateLimited(
            sandbox, numbers.subList(0, Math.min(RATE_LIMIT_NUMBERS, numbers.size())), retryAfter);
      }
    }
  }

  /** Client settings for "one request at a time". */
  private static OkHttpFlowrouteClient.Builder sequential(OkHttpFlowrouteClient.Builder b) {
    return b.concurrency(1, 1);
  }

  @FunctionalInterface
  private interface Work {
    void run(OkHttpFlowrouteClient client) throws Exception;
  }

  /** Runs {@code work} with a fresh client (its limiter starts from scratch) and measures it. */
  private static Run measure(
      FlowrouteSandbox sandbox, UnaryOperator<OkHttpFlowrouteClient.Builder> settings, Work work)
      throws Exception {
    try (OkHttpFlowrouteClient client = settings.apply(clientOf(sandbox)).build()) {
      RequestStats stats = sandbox.requests();
      stats.reset();
      long start = System.nanoTime();
      work.run(client);
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      return new Run(elapsed, stats.total(), stats.maxInFlight());
    }
  }

  /** Lists numbers and routes: one after the other, or both at once as the app's refresh does. */
  private static void listBoth(OkHttpFlowrouteClient client, boolean together) throws Exception {
    CompletableFuture<List<PhoneNumber>> numbers = client.listAllNumbers(NumberFilter.NONE, null);
    if (!together) {
      numbers.get();
    }
    CompletableFuture<List<Route>> routes = client.listAllRoutes(null, null);
    require(numbers.get().size() == 10_000, "listed " + numbers.get().size() + " numbers");
    require(routes.get().size() == 1_001, "listed " + routes.get().size() + " routes");
  }

  /** Reads details; returns how many failed (and insists on none when failuresAllowed is 0). */
  private static int readDetails(OkHttpFlowrouteClient client, List<String> numbers, int allowed)
      throws Exception {
    BulkResult<NumberDetails> result =
        client.numberDetails(numbers, null, CancellationToken.NONE).get();
    int failed = result.failed().size() + result.skipped().size();
    require(failed <= allowed, failed + " of " + numbers.size() + " details failed");
    require(
        result.succeeded().size() + failed == numbers.size(),
        "details: " + result.succeeded().size() + " of " + numbers.size());
    return failed;
  }

  private static void rateLimited(
      FlowrouteSandbox sandbox, List<String> numbers, boolean retryAfter) throws Exception {
    sandbox.faults().rateLimit(RATE_LIMIT_RPS).retryAfterHeader(retryAfter);
    int[] failed = new int[1];
    Run run =
        measure(
            sandbox, c -> c, client -> failed[0] = readDetails(client, numbers, numbers.size()));
    sandbox.faults().rateLimit(0).retryAfterHeader(false);
    // Only the rate limit is switched on, so every request beyond one per number was a 429.
    long tooMany =
        sandbox.requests().received(Endpoint.NUMBER_DETAILS) - numbers.size() + failed[0];
    // The sandbox's token bucket starts full (a burst of one second's worth), then refills.
    double floor = Math.max(0, numbers.size() - RATE_LIMIT_RPS) / (double) RATE_LIMIT_RPS;
    System.out.printf(
        Locale.ROOT,
        "(c) details of %,d numbers at a sandbox limit of %d requests/s, Retry-After %s: %.1f s"
            + " (rate floor after the %d-request burst %.1f s, %.2f×), %d failed, %,d answered 429, max in flight %d%n",
        numbers.size(),
        RATE_LIMIT_RPS,
        retryAfter ? "sent" : "not sent",
        run.seconds(),
        RATE_LIMIT_RPS,
        floor,
        run.seconds() / floor,
        failed[0],
        tooMany,
        run.maxInFlight());
  }

  private static void row(String name, Run sequential, Run ours, String note) {
    System.out.printf(
        Locale.ROOT,
        "| %s%s | %.2f s | %.2f s | %.1f× | %,d, %d | %.2f s | %.2f× |%n",
        name,
        note,
        sequential.seconds(),
        ours.seconds(),
        sequential.seconds() / ours.seconds(),
        ours.requests(),
        ours.maxInFlight(),
        ours.floorSeconds(),
        ours.seconds() / ours.floorSeconds());
  }

  /** Class loading, JIT and connections, without latency; not measured. */
  private static void warmUp(FlowrouteSandbox sandbox, List<String> numbers) throws Exception {
    try (OkHttpFlowrouteClient client = clientOf(sandbox).build()) {
      listBoth(client, true);
      readDetails(client, numbers.subList(0, 2_000), 0);
    }
  }

  private static void require(boolean condition, String problem) {
    if (!condition) {
      throw new IllegalStateException("Benchmark run went wrong: " + problem);
    }
  }
}
