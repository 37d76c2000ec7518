package io.routedesk.bench;

import static io.routedesk.bench.BenchSupport.clientOf;
import static io.routedesk.bench.BenchSupport.ms;
import static io.routedesk.bench.BenchSupport.onFx;
import static io.routedesk.bench.BenchSupport.showWindow;
import static io.routedesk.bench.BenchSupport.startSandbox;
import static io.routedesk.bench.BenchSupport.startToolkit;

import io.routedesk.app.AppWiring;
import io.routedesk.flowroute.FlowrouteClient;
import io.routedesk.flowroute.OkHttpFlowrouteClient;
import io.routedesk.flowroute.RetryPolicy;
import io.routedesk.sandbox.DemoSeed;
import io.routedesk.sandbox.FlowrouteSandbox;
import io.routedesk.service.AccountWorkspace;
import io.routedesk.service.ReachabilityWatcher;
import io.routedesk.store.AccountSnapshot;
import io.routedesk.store.LocalStore;
import io.routedesk.store.SnapshotFixtures;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.stage.Stage;
import org.slf4j.LoggerFactory;

/**
 * Start-up from the saved copy: a 10,000-number account (1,000 routes) saved in the account's
 * SQLite file, then the window opened on it as the app does at start (store opened off the FX
 * thread, window shown, then {@code AppWiring.start()}). Prints, per run and as medians: opening
 * the store, window shown → first rows in the table model, → first rows painted (the next pulse),
 * and the FX thread's busiest frame while filling the table. Target: first rows under 1 s after the
 * window shows.
 *
 * <p>Two situations: Flowroute unreachable (the saved copy is all there is; the refresh fails at
 * once) and a live 10,000-number sandbox with 80 ms latency (the refresh streams in behind the
 * copy). A main, not a test; run with the test classpath, headless (Monocle) unless {@code
 * -Dbench.display=true}. Knobs: {@code bench.numbers} (10000), {@code bench.routes} (1000), {@code
 * bench.runs} (5), {@code bench.latencyMs} (80).
 */
public final class CacheStartBenchmark {
  private CacheStartBenchmark() {}

  /** One start's figures, in milliseconds. */
  private record Run(
      double openStore, double firstRows, double firstPaint, long busiestFrame, boolean fromCopy) {}

  public static void main(String[] args) throws Exception {
    // The unreachable runs log every failed refresh; only the figures matter here.
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.routedesk"))
        .setLevel(ch.qos.logback.classic.Level.ERROR);
    int numbers = Integer.getInteger("bench.numbers", DemoSeed.LARGE_NUMBERS);
    int routes = Integer.getInteger("bench.routes", DemoSeed.LARGE_ROUTES);
    int runs = Integer.getInteger("bench.runs", 5);
    long latency = Long.getLong("bench.latencyMs", 80);

    Path dir = Files.createTempDirectory("routedesk-cache-bench");
    Path db = dir.resolve("bench.db");
    AccountSnapshot account =
        SnapshotFixtures.account(routes, numbers, 7, Instant.now().minusSeconds(3600));
    long saveStart = System.nanoTime();
    try (LocalStore store = LocalStore.open(db)) {
      SnapshotFixtures.save(store, account);
    }
    double saveMs = ms(System.nanoTime() - saveStart);
    long readStart = System.nanoTime();
    try (LocalStore store = LocalStore.open(db)) {
      store.loadSnapshot();
    }
    double coldReadMs = ms(System.nanoTime() - readStart);

    startToolkit();

    System.out.printf(
        Locale.ROOT,
        "Start from the saved copy: %,d numbers, %,d routes (SQLite file %,d KB)%n",
        numbers,
        routes,
        Files.size(db) / 1024);
    System.out.printf(
        Locale.ROOT,
        "  saving the copy (one transaction)        %8.1f ms%n  opening + reading it (first, cold JIT)   %8.1f ms%n",
        saveMs,
        coldReadMs);

    int deadPort;
    try (ServerSocket s = new ServerSocket(0)) {
      deadPort = s.getLocalPort(); // closed at once: nothing listens there
    }
    try (OkHttpFlowrouteClient unreachable =
        OkHttpFlowrouteClient.builder()
            .baseUrl("http://127.0.0.1:" + deadPort)
            .credentials("bench", "bench-secret")
            .retryPolicy(RetryPolicy.NO_RETRIES)
            .build()) {
      report("Flowroute unreachable", measure(unreachable, db, runs));
    }

    try (FlowrouteSandbox sandbox = startSandbox(numbers, routes, latency);
        OkHttpFlowrouteClient live = clientOf(sandbox).build()) {
      // Each run's refresh would replace the copy with the sandbox's account; restore it first.
      report(
          "live sandbox, " + latency + " ms latency, refresh streaming behind",
          measureRestoring(live, db, runs, account));
    }
    Platform.exit();
  }

  /** The first run (cold: nothing compiled yet, as at a real start), then {@code runs} more. */
  private static List<Run> measure(FlowrouteClient client, Path db, int runs) throws Exception {
    List<Run> out = new ArrayList<>();
    for (int i = 0; i <= runs; i++) {
      out.add(start(client, db));
    }
    return out;
  }

  private static List<Run> measureRestoring(
      FlowrouteClient client, Path db, int runs, AccountSnapshot account) throws Exception {
    List<Run> out = new ArrayList<>();
    for (int i = 0; i <= runs; i++) {
      try (LocalStore store = LocalStore.open(db)) {
        SnapshotFixtures.save(store, account);
      }
      out.add(start(client, db));
    }
    return out;
  }

  /**
   * Opens the workspace and the window as the app does, until the first cached rows are painted.
   */
  private static Run start(FlowrouteClient client, Path db) throws Exception {
    long t0 = System.nanoTime();
    AccountWorkspace workspace =
        AccountWorkspace.open(
                db,
                "bench",
                client,
                new ReachabilityWatcher.Schedule(Duration.ofSeconds(10), Duration.ofSeconds(30)))
            .get(1, TimeUnit.MINUTES);
    long opened = System.nanoTime();
    CountDownLatch painted = new CountDownLatch(1);
    long[] marks = new long[3]; // shown, first rows, first paint
    long[] busiest = new long[1];
    boolean[] fromCopy = new boolean[1];
    AppWiring app =
        onFx(
            () -> {
              AppWiring w = showWindow(client, workspace);
              marks[0] = System.nanoTime();
              FrameWatch frames = new FrameWatch(busiest);
              frames.start();
              w.account
                  .numbers()
                  .addListener(
                      (ListChangeListener<Object>)
                          c -> {
                            if (marks[1] == 0 && !w.account.numbers().isEmpty()) {
                              marks[1] = System.nanoTime();
                              fromCopy[0] = w.account.showingSavedCopyProperty().get();
                              new AnimationTimer() {
                                @Override
                                public void handle(long now) {
                                  marks[2] = System.nanoTime();
                                  stop();
                                  frames.stopSoon();
                                  painted.countDown();
                                }
                              }.start();
                            }
                          });
              w.start();
              return w;
            });
    if (!painted.await(1, TimeUnit.MINUTES)) {
      throw new IllegalStateException("No rows from the saved copy within a minute.");
    }
    Thread.sleep(300);
    onFx(
        () -> {
          Stage stage = (Stage) app.window.root().getScene().getWindow();
          stage.close();
          app.close();
          return null;
        });
    workspace.close();
    return new Run(
        ms(opened - t0), ms(marks[1] - marks[0]), ms(marks[2] - marks[0]), busiest[0], fromCopy[0]);
  }

  /** The FX thread's busiest frame (CPU ms between two pulses) while the table fills. */
  private static final class FrameWatch extends AnimationTimer {
    private final long[] busiest;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private long lastCpu = -1;
    private int framesLeft = -1;

    FrameWatch(long[] busiest) {
      this.busiest = busiest;
    }

    @Override
    public void handle(long now) {
      long cpu = threads.getCurrentThreadCpuTime();
      if (lastCpu >= 0) {
        busiest[0] = Math.max(busiest[0], (cpu - lastCpu) / 1_000_000);
      }
      lastCpu = cpu;
      if (framesLeft > 0 && --framesLeft == 0) {
        stop();
      }
    }

    /** Keeps watching a few more frames (the layout after the rows arrive), then stops. */
    void stopSoon() {
      framesLeft = 10;
    }
  }

  private static void report(String title, List<Run> all) {
    Run cold = all.getFirst();
    List<Run> runs = all.subList(1, all.size());
    System.out.printf(Locale.ROOT, "%n  %s%n", title);
    System.out.printf(
        Locale.ROOT,
        "    first start in this JVM (cold): store %.1f ms, shown → rows %.1f ms, → painted %.1f"
            + " ms, busiest frame %d ms%n",
        cold.openStore(),
        cold.firstRows(),
        cold.firstPaint(),
        cold.busiestFrame());
    System.out.printf(
        Locale.ROOT,
        "    then %d runs (first rows came from the saved copy in %d of %d), median [min–max]:%n",
        runs.size(),
        all.stream().filter(Run::fromCopy).count(),
        all.size());
    line("opening the store (off the FX thread)", runs.stream().map(Run::openStore).toList());
    line("window shown → first rows in the table", runs.stream().map(Run::firstRows).toList());
    line("window shown → first rows painted", runs.stream().map(Run::firstPaint).toList());
    line(
        "busiest FX frame while filling (CPU)",
        runs.stream().map(r -> (double) r.busiestFrame()).toList());
  }

  private static void line(String what, List<Double> values) {
    List<Double> s = new ArrayList<>(values);
    Collections.sort(s);
    System.out.printf(
        Locale.ROOT,
        "      %-40s %8.1f ms  [%.1f–%.1f]%n",
        what,
        s.get(s.size() / 2),
        s.getFirst(),
        s.getLast());
  }
}
