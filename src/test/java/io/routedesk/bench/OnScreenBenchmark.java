package io.routedesk.bench;

import static io.routedesk.bench.BenchSupport.clientOf;
import static io.routedesk.bench.BenchSupport.ms;
import static io.routedesk.bench.BenchSupport.onFx;
import static io.routedesk.bench.BenchSupport.showWindow;
import static io.routedesk.bench.BenchSupport.startSandbox;
import static io.routedesk.bench.BenchSupport.startToolkit;

import io.routedesk.app.AppWiring;
import io.routedesk.flowroute.OkHttpFlowrouteClient;
import io.routedesk.sandbox.DemoSeed;
import io.routedesk.sandbox.FlowrouteSandbox;
import io.routedesk.sandbox.SandboxOptions.MultiNumberDetails;
import io.routedesk.service.AccountWorkspace;
import io.routedesk.ui.model.LoadState;
import io.routedesk.ui.model.NumberRow;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.TableView;

/**
 * What is on screen first (issue 13, part 2): on a first load of a 10,000-number account (cold: no
 * saved copy) at 80 ms latency, how long after the first rows the routing of the first screenful is
 * shown, and, once every number is listed, how long after jumping to the end of the list the
 * routing of the rows then on screen is shown. Both paths of the routing read: the multi-number
 * call, and one request per number (accounts without it), where the reads take far longer than the
 * listing. Each figure comes with the time all routing took in the same load.
 *
 * <p>{@code ./mvnw -q test-compile exec:exec@onscreen-bench}; knobs: {@code bench.numbers} (10000),
 * {@code bench.routes} (1000), {@code bench.latencyMs} (80).
 */
public final class OnScreenBenchmark {
  private static final String TABLE = "#numbers-table";

  public static void main(String[] args) throws Exception {
    int numbers = Integer.getInteger("bench.numbers", DemoSeed.LARGE_NUMBERS);
    int routes = Integer.getInteger("bench.routes", DemoSeed.LARGE_ROUTES);
    long latency = Long.getLong("bench.latencyMs", 80);
    startToolkit();
    StringBuilder result = new StringBuilder("RESULT");
    for (MultiNumberDetails mode : List.of(MultiNumberDetails.ON, MultiNumberDetails.OFF)) {
      String path = mode == MultiNumberDetails.ON ? "multi" : "per_number";
      double[] f = load(numbers, routes, latency, mode);
      System.out.printf(
          Locale.ROOT,
          "%s: first screenful's routing %.0f ms after the first rows; end of the list's routing"
              + " %.0f ms after the jump (%d of its rows unread at the jump); all routing %.1f s%n",
          path,
          f[0],
          f[1],
          (int) f[3],
          f[2] / 1000);
      result.append(
          String.format(
              Locale.ROOT,
              " %s_first_screen_ms=%.0f %s_end_ms=%.0f %s_all_s=%.1f",
              path,
              f[0],
              path,
              f[1],
              path,
              f[2] / 1000));
    }
    System.out.println(result);
    System.exit(0);
  }

  /**
   * First screenful (ms after first rows), end (ms after jump), all routing (ms), unread at jump.
   */
  private static double[] load(int numbers, int routes, long latency, MultiNumberDetails mode)
      throws Exception {
    try (FlowrouteSandbox sandbox = startSandbox(numbers, routes, latency);
        OkHttpFlowrouteClient client = clientOf(sandbox).build()) {
      sandbox.options().multiNumberDetails(mode);
      AccountWorkspace workspace = AccountWorkspace.openInMemory("bench", client).join();
      long[] t = new long[5]; // start, first rows, first screenful routed, jump, end routed
      CountDownLatch firstScreen = new CountDownLatch(1);
      CountDownLatch endShown = new CountDownLatch(1);
      CountDownLatch allShown = new CountDownLatch(1);
      long[] allAt = new long[1];
      AppWiring app =
          onFx(
              () -> {
                AppWiring w = showWindow(client, workspace);
                Scene scene = w.window.root().getScene();
                scene.addPostLayoutPulseListener(
                    () -> {
                      long now = System.nanoTime();
                      if (t[1] == 0 && !w.account.numbers().isEmpty()) {
                        t[1] = now;
                      }
                      if (t[1] != 0 && t[2] == 0 && onScreenRouted(w) == 0) {
                        t[2] = now;
                        firstScreen.countDown();
                      }
                      if (t[3] != 0 && t[4] == 0 && onScreenRouted(w) == 0) {
                        t[4] = now;
                        endShown.countDown();
                      }
                    });
                w.account
                    .routingStateProperty()
                    .addListener(
                        (o, was, now) -> {
                          if (now != LoadState.LOADING && allAt[0] == 0) {
                            allAt[0] = System.nanoTime();
                            allShown.countDown();
                          }
                        });
                t[0] = System.nanoTime();
                w.account.refresh();
                return w;
              });
      await(firstScreen, "the first screenful's routing");
      // Jump to the end once every number is listed (its rows exist).
      while (onFx(() -> app.account.numbers().size()) < numbers) {
        Thread.sleep(20);
      }
      int unreadAtJump =
          onFx(
              () -> {
                TableView<?> table = (TableView<?>) app.window.root().lookup(TABLE);
                table.scrollTo(table.getItems().size() - 1);
                table.layout();
                t[3] = System.nanoTime();
                return onScreenRouted(app);
              });
      await(endShown, "the end's routing");
      await(allShown, "all routing");
      onFx(
          () -> {
            app.close();
            return null;
          });
      return new double[] {ms(t[2] - t[1]), ms(t[4] - t[3]), ms(allAt[0] - t[0]), unreadAtJump};
    }
  }

  /** How many rows on screen still wait for their routing (-1: no rows on screen yet). */
  private static int onScreenRouted(AppWiring w) {
    if (!(w.window.root().lookup(TABLE) instanceof TableView<?> table)) {
      return -1;
    }
    int rows = 0;
    int unread = 0;
    for (var node : table.lookupAll(".table-row-cell")) {
      if (node instanceof IndexedCell<?> cell
          && !cell.isEmpty()
          && cell.isVisible()
          && cell.getItem() instanceof NumberRow row) {
        rows++;
        if (row.routingStatus() == NumberRow.RoutingStatus.UNKNOWN) {
          unread++;
        }
      }
    }
    return rows == 0 ? -1 : unread;
  }

  private static void await(CountDownLatch latch, String what) throws InterruptedException {
    if (!latch.await(5, TimeUnit.MINUTES)) {
      throw new IllegalStateException(what + " was not shown within 5 minutes");
    }
  }
}
