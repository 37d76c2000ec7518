package io.routedesk.bench;

import static io.routedesk.bench.BenchSupport.clientOf;

import ch.qos.logback.classic.Level;
import io.routedesk.domain.NumberRouting;
import io.routedesk.domain.PhoneNumber;
import io.routedesk.domain.Route;
import io.routedesk.flowroute.CancellationToken;
import io.routedesk.flowroute.OkHttpFlowrouteClient;
import io.routedesk.sandbox.DemoSeed;
import io.routedesk.sandbox.FlowrouteSandbox;
import io.routedesk.service.AssignmentPlan;
import io.routedesk.service.BatchListener;
import io.routedesk.service.BatchReport;
import io.routedesk.service.ChangeEngine;
import io.routedesk.service.NumberChange;
import io.routedesk.store.BatchKind;
import io.routedesk.store.ChangeJournal;
import io.routedesk.store.ChangeOutcome;
import io.routedesk.store.EntryOutcome;
import io.routedesk.store.JournalBatch;
import io.routedesk.store.LocalStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.LoggerFactory;

/**
 * What the change journal costs, and how fast the history reads:
 *
 * <ol>
 *   <li>(a) a 10,000-number batch (primary of every number) through the change engine against the
 *       sandbox at 80 ms latency, with the journal (SQLite file, synchronous=FULL) and without it,
 *       alternating, in the same run; the ratio is the journal's overhead;
 *   <li>(b) a history of 100,000 recorded changes (1,000 batches of 100 numbers): listing every
 *       batch with its counts (what the History view shows when it opens) and filtering by a number
 *       and by a route id; the median of 7 runs each.
 * </ol>
 *
 * Not a test; run: {@code ./mvnw -q test-compile exec:exec@journal-bench}. System properties:
 * bench.latencyMs (80), bench.numbers (10000), bench.rounds (2), bench.parts ("batch,history").
 */
public final class JournalBenchmark {
  private JournalBenchmark() {}

  private static final long LATENCY_MS = Long.getLong("bench.latencyMs", 80);
  private static final int NUMBERS = Integer.getInteger("bench.numbers", 10_000);
  private static final int ROUNDS = Integer.getInteger("bench.rounds", 2);

  public static void main(String[] args) throws Exception {
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.routedesk")).setLevel(Level.WARN);
    System.out.printf(
        Locale.ROOT,
        "Change journal benchmark, %s, Java %s, %d CPUs visible%n%n",
        LocalDate.now(),
        System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors());
    Path dir = Files.createTempDirectory("journal-bench");
    String parts = System.getProperty("bench.parts", "batch,history");
    if (parts.contains("batch")) {
      batchOverhead(dir);
    }
    if (parts.contains("history")) {
      historyReads(dir);
    }
  }

  private static void batchOverhead(Path dir) throws Exception {
    try (FlowrouteSandbox sandbox =
            FlowrouteSandbox.builder()
                .seed(DemoSeed.of(NUMBERS, 4, DemoSeed.DEFAULT_SEED))
                .start();
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        LocalStore store = LocalStore.open(dir.resolve("batch.db"))) {
      List<String> numbers = sandbox.account().numbers().stream().map(PhoneNumber::number).toList();
      List<String> targets =
          sandbox.account().routes().stream()
              .filter(r -> !r.isSystemRoute())
              .map(Route::id)
              .limit(2)
              .toList();
      ChangeEngine journaled;
      ChangeEngine bare;
      int round = 0;
      // Warm-up at loopback speed: JIT, connections, SQLite.
      try (OkHttpFlowrouteClient client = clientOf(sandbox).build()) {
        journaled = new ChangeEngine(store, client, executor);
        run(journaled, sandbox, numbers, targets.get(round++ % 2));
      }
      sandbox.faults().latencyMillis(LATENCY_MS);
      double[] on = new double[ROUNDS];
      double[] off = new double[ROUNDS];
      for (int i = 0; i < ROUNDS; i++) {
        // A fresh client per run, so each starts its limiter from scratch.
        try (OkHttpFlowrouteClient client = clientOf(sandbox).build()) {
          bare = ChangeEngine.withoutJournalForMeasuring(store, client, executor);
          off[i] = run(bare, sandbox, numbers, targets.get(round++ % 2));
        }
        try (OkHttpFlowrouteClient client = clientOf(sandbox).build()) {
          journaled = new ChangeEngine(store, client, executor);
          on[i] = run(journaled, sandbox, numbers, targets.get(round++ % 2));
        }
        System.out.printf(
            Locale.ROOT,
            "(a) round %d: journal off %.2f s, on %.2f s (%.3f×)%n",
            i + 1,
            off[i],
            on[i],
            on[i] / off[i]);
      }
      double meanOn = Arrays.stream(on).average().orElseThrow();
      double meanOff = Arrays.stream(off).average().orElseThrow();
      System.out.printf(
          Locale.ROOT,
          "(a) %,d numbers at %d ms: journal off %.2f s, on %.2f s (means of %d): on ÷ off = %.3f"
              + " (target ≤ 1.05: %s)%n%n",
          numbers.size(),
          LATENCY_MS,
          meanOff,
          meanOn,
          ROUNDS,
          meanOn / meanOff,
          meanOn / meanOff <= 1.05 ? "MET" : "NOT MET");
    }
  }

  /** Points every number's primary at {@code target}; returns seconds, from plan to report. */
  private static double run(
      ChangeEngine engine, FlowrouteSandbox sandbox, List<String> numbers, String target) {
    List<NumberChange> changes = new ArrayList<>(numbers.size());
    for (String n : numbers) {
      NumberRouting now = sandbox.account().routing(n).orElseThrow();
      String failover = target.equals(now.failoverRouteId()) ? null : now.failoverRouteId();
      changes.add(new NumberChange(now, new NumberRouting(n, target, failover)));
    }
    AssignmentPlan plan = new AssignmentPlan("Primary of all numbers → " + target, changes);
    long start = System.nanoTime();
    BatchReport report =
        engine.apply(BatchKind.ASSIGN, plan, BatchListener.NONE, new CancellationToken()).join();
    double seconds = (System.nanoTime() - start) / 1e9;
    if (!report.allDone()) {
      throw new IllegalStateException(report.failed().size() + " numbers failed");
    }
    return seconds;
  }

  private static void historyReads(Path dir) {
    try (LocalStore store = LocalStore.open(dir.resolve("history.db"))) {
      ChangeJournal journal = ChangeJournal.of(store);
      long start = System.nanoTime();
      int batches = 1_000;
      int perBatch = 100;
      for (int b = 0; b < batches; b++) {
        UUID id = UUID.randomUUID();
        List<ChangeJournal.Planned> planned = new ArrayList<>(perBatch);
        List<EntryOutcome> outcomes = new ArrayList<>(perBatch);
        for (int i = 0; i < perBatch; i++) {
          String n = String.format(Locale.ROOT, "1206%07d", (b * perBatch + i) % 20_000);
          planned.add(
              new ChangeJournal.Planned(
                  new NumberRouting(n, String.valueOf(b % 50), null),
                  new NumberRouting(n, String.valueOf((b + 1) % 50), null)));
          outcomes.add(new EntryOutcome(n, ChangeOutcome.DONE, null));
        }
        journal.begin(
            new ChangeJournal.NewBatch(
                id, BatchKind.ASSIGN, "Primary of 100 numbers → route " + b, "bench", null),
            planned);
        journal.recordOutcomes(id, outcomes);
        journal.finish(id);
      }
      System.out.printf(
          Locale.ROOT,
          "(b) history of %,d changes written in %.1f s%n",
          batches * perBatch,
          (System.nanoTime() - start) / 1e9);
      double open = median(() -> journal.batches().size());
      double byNumber = median(() -> journal.batchesMatching("(206) 000-1234").size());
      double byRoute = median(() -> journal.batchesMatching("17").size());
      List<JournalBatch> all = journal.batches();
      UUID newest = all.getFirst().id();
      double oneBatch = median(() -> journal.entries(newest).size());
      System.out.printf(
          Locale.ROOT,
          "(b) %,d batches: open (list with counts) %.0f ms, filter by number %.0f ms, by route"
              + " %.0f ms, open one batch (its changes) %.0f ms; target < 300 ms: %s%n",
          all.size(),
          open,
          byNumber,
          byRoute,
          oneBatch,
          Math.max(open, Math.max(byNumber, byRoute)) < 300 ? "MET" : "NOT MET");
    }
  }

  private static double median(java.util.function.IntSupplier work) {
    double[] ms = new double[7];
    for (int i = 0; i < ms.length; i++) {
      long start = System.nanoTime();
      work.getAsInt();
      ms[i] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(ms);
    return ms[ms.length / 2];
  }
}
