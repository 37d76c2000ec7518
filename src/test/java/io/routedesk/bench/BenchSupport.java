package io.routedesk.bench;

import io.routedesk.app.AppWiring;
import io.routedesk.flowroute.FlowrouteClient;
import io.routedesk.flowroute.OkHttpFlowrouteClient;
import io.routedesk.sandbox.DemoSeed;
import io.routedesk.sandbox.FlowrouteSandbox;
import io.routedesk.service.AccountWorkspace;
import io.routedesk.ui.model.ThemeMode;
import io.routedesk.ui.shell.ShellViewModel;
import io.routedesk.ui.shell.WindowLayout;
import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.stage.Stage;

/** What the benchmarks share: the toolkit, the sandbox account and its client, the window. */
final class BenchSupport {
  private BenchSupport() {}

  /**
   * Starts JavaFX, headless (Monocle, software rendering) unless {@code -Dbench.display=true}, and
   * keeps it running when a window closes, so one run can open several.
   */
  static void startToolkit() throws InterruptedException {
    if (!Boolean.getBoolean("bench.display")) {
      System.setProperty("glass.platform", "Monocle");
      System.setProperty("monocle.platform", "Headless");
      System.setProperty("prism.order", "sw");
      System.setProperty("headless.geometry", "1440x900-32");
    }
    CountDownLatch started = new CountDownLatch(1);
    Platform.startup(started::countDown);
    started.await();
    Platform.setImplicitExit(false);
  }

  /** A sandbox account of this size, answering after {@code latencyMs} (0: loopback speed). */
  static FlowrouteSandbox startSandbox(int numbers, int routes, long latencyMs) throws IOException {
    FlowrouteSandbox sandbox =
        FlowrouteSandbox.builder()
            .seed(DemoSeed.of(numbers, routes, DemoSeed.DEFAULT_SEED))
            .start();
    sandbox.faults().latencyMillis(latencyMs);
    return sandbox;
  }

  /** A client of the sandbox with its keys; the caller may tune it before building. */
  static OkHttpFlowrouteClient.Builder clientOf(FlowrouteSandbox sandbox) {
    return OkHttpFlowrouteClient.builder()
        .baseUrl(sandbox.baseUrl())
        .credentials(sandbox.accessKey(), sandbox.secretKey());
  }

  /** The main window on {@code workspace}, shown in a new stage. Call on the FX thread. */
  static AppWiring showWindow(FlowrouteClient client, AccountWorkspace workspace) {
    AppWiring w =
        new AppWiring(
            client,
            new ShellViewModel.AccountInfo("Benchmark", true),
            () -> {},
            ThemeMode.LIGHT,
            workspace);
    w.window.show(new Stage(), new WindowLayout(0.0, 0.0, 1400.0, 880.0, false, 0.4), l -> {});
    return w;
  }

  /** Runs {@code work} on the FX thread and waits (two minutes at most) for its result. */
  static <T> T onFx(Callable<T> work) throws Exception {
    FutureTask<T> task = new FutureTask<>(work);
    Platform.runLater(task);
    return task.get(2, TimeUnit.MINUTES);
  }

  static double ms(long nanos) {
    return nanos / 1e6;
  }
}
