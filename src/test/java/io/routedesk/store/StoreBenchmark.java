package io.routedesk.store;

import io.routedesk.domain.NewRoute;
import io.routedesk.domain.RouteType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Prints how long the local store takes for an account of 10,000 numbers and 1,000 routes. Not a
 * test (speed depends on the machine and its disk); run it with:
 *
 * <pre>
 * ./mvnw -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java --enable-native-access=ALL-UNNAMED \
 *   -cp target/classes:target/test-classes:$(cat target/cp.txt) io.routedesk.store.StoreBenchmark
 * </pre>
 *
 * Optional args: numbers, routes, rounds. The database goes in a temporary folder (deleted after).
 */
public final class StoreBenchmark {
  private StoreBenchmark() {}

  public static void main(String[] args) throws IOException {
    int numbers = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int routes = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    Path dir = Files.createTempDirectory("routedesk-bench");
    Path file = dir.resolve("accounts").resolve("bench.db");
    try {
      AccountSnapshot a = SnapshotFixtures.account(routes, numbers, 1, Instant.ofEpochSecond(1));
      AccountSnapshot b = SnapshotFixtures.account(routes, numbers, 2, Instant.ofEpochSecond(2));
      System.out.printf(
          "RouteDesk local store, %,d numbers / %,d routes, %d rounds (after %d warm-up)%n",
          numbers, routes, rounds, rounds);

      // Start-up as the app sees it: the first open and load in this JVM (cold code paths).
      try (LocalStore store = LocalStore.open(file)) {
        SnapshotFixtures.save(store, a);
      }
      long c0 = System.nanoTime();
      try (LocalStore store = LocalStore.open(file)) {
        long c1 = System.nanoTime();
        int loaded = store.loadSnapshot().numbers().size();
        long c2 = System.nanoTime();
        System.out.printf(
            "cold start: open %.1f ms, loadSnapshot %.1f ms (%,d numbers)%n",
            ms(c1 - c0), ms(c2 - c1), loaded);
      }

      double[] save = new double[rounds];
      double[] load = new double[rounds];
      double[] diff = new double[rounds];
      try (LocalStore store = LocalStore.open(file)) {
        for (int warm = 0; warm < rounds; warm++) {
          SnapshotFixtures.save(store, warm % 2 == 0 ? a : b);
          SnapshotDiff.diff(a, store.loadSnapshot());
        }
        for (int i = 0; i < rounds; i++) {
          AccountSnapshot next = i % 2 == 0 ? a : b;
          long t0 = System.nanoTime();
          SnapshotFixtures.save(store, next);
          long t1 = System.nanoTime();
          AccountSnapshot loaded = store.loadSnapshot();
          long t2 = System.nanoTime();
          SnapshotDiff d = SnapshotDiff.diff(i % 2 == 0 ? b : a, loaded);
          long t3 = System.nanoTime();
          if (d.routingsChanged().isEmpty()) {
            throw new IllegalStateException("fixtures should differ");
          }
          save[i] = ms(t1 - t0);
          load[i] = ms(t2 - t1);
          diff[i] = ms(t3 - t2);
        }
      }
      print("replaceSnapshot (one transaction)", save);
      print("loadSnapshot", load);
      print("SnapshotDiff.diff", diff);

      double[] open = new double[rounds];
      for (int i = 0; i < rounds; i++) {
        long t0 = System.nanoTime();
        LocalStore store = LocalStore.open(file);
        open[i] = ms(System.nanoTime() - t0);
        store.close();
      }
      print("open existing (quick_check + migrations)", open);

      int drafts = 200;
      double[] createDraft = new double[drafts];
      try (LocalStore store = LocalStore.open(file)) {
        for (int i = 0; i < drafts; i++) {
          long t0 = System.nanoTime();
          store.createDraft(new NewRoute(RouteType.HOST, "pbx.example.com", "bench-" + i, null));
          createDraft[i] = ms(System.nanoTime() - t0);
        }
      }
      print("createDraft (durable, fsync)", createDraft);
      System.out.printf("database file: %,d KB%n", Files.size(file) / 1024);
    } finally {
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static double ms(long nanos) {
    return nanos / 1_000_000.0;
  }

  private static void print(String what, double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    System.out.printf(
        "%-42s median %8.2f ms   min %8.2f ms   max %8.2f ms%n",
        what, sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1]);
  }
}
