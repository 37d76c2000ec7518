package io.routedesk.app;

import io.routedesk.flowroute.FlowrouteClient;
import io.routedesk.flowroute.OkHttpFlowrouteClient;
import io.routedesk.sandbox.DemoSeed;
import io.routedesk.sandbox.FlowrouteSandbox;
import io.routedesk.sandbox.SandboxAccount;
import io.routedesk.sandbox.SandboxAutosave;
import io.routedesk.sandbox.SandboxStateFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The built-in sandbox, started the first time it is opened (someone with a real account never pays
 * for it) and kept running until the app stops. Its account is kept in the data folder, so changes
 * made in it survive switching away and back, and restarts; {@link #reset()} puts the demo account
 * back. Thread-safe.
 */
final class EmbeddedSandbox implements AutoCloseable {
  private final DemoSeed seed;
  private final SandboxStateFile stateFile;
  private FlowrouteSandbox running; // guarded by this
  private SandboxAutosave autosave; // guarded by this
  private String startProblem; // guarded by this
  private boolean closed; // guarded by this

  /**
   * @param dataFolder where the sandbox account is kept between runs
   */
  EmbeddedSandbox(DemoSeed seed, Path dataFolder) {
    this.seed = Objects.requireNonNull(seed, "seed");
    this.stateFile = new SandboxStateFile(dataFolder.resolve(fileName(seed)), seed);
  }

  /** The small demo in "sandbox-account.json"; other demos (benchmarks) each in their own file. */
  static String fileName(DemoSeed seed) {
    return seed.equals(DemoSeed.small())
        ? "sandbox-account.json"
        : "sandbox-account-" + seed.numbers() + "-" + seed.routes() + "-" + seed.seed() + ".json";
  }

  /**
   * Starts the sandbox if needed and returns a new client for it; whoever opens the sandbox account
   * owns (and closes) that client. Blocking (reads the saved account, binds a loopback port): call
   * it off the FX thread.
   *
   * @throws UncheckedIOException when the sandbox could not start
   */
  synchronized FlowrouteClient newClient() {
    if (closed) {
      throw new IllegalStateException("RouteDesk is shutting down.");
    }
    if (running == null) {
      SandboxStateFile.Loaded loaded = stateFile.load();
      try {
        running = FlowrouteSandbox.builder().seed(seed).account(loaded.account()).start();
      } catch (IOException e) {
        throw new UncheckedIOException(
            "no loopback port could be opened (" + e.getMessage() + ")", e);
      }
      startProblem = loaded.problem();
      autosave = new SandboxAutosave(loaded.account(), stateFile);
    }
    return OkHttpFlowrouteClient.builder()
        .baseUrl(running.baseUrl())
        .credentials(running.accessKey(), running.secretKey())
        .build();
  }

  /**
   * What the user should know about how the sandbox account was loaded (a damaged file moved
   * aside), once; null when there is nothing to say.
   */
  synchronized String takeStartProblem() {
    String problem = startProblem;
    startProblem = null;
    return problem;
  }

  /**
   * Puts the demo account back in place of the sandbox's routes and routing and waits until that is
   * saved. Blocking: call it off the FX thread.
   */
  synchronized void reset() throws InterruptedException {
    if (running == null) {
      throw new IllegalStateException("The built-in sandbox is not running.");
    }
    SandboxAccount account = running.account();
    account.replaceWith(stateFile.demoAfter(account.state()));
    autosave.flush();
  }

  synchronized boolean isRunning() {
    return running != null && running.isRunning();
  }

  /** Stops the sandbox, then writes its last changes. */
  @Override
  public synchronized void close() {
    closed = true;
    if (running != null) {
      running.close();
      autosave.close();
    }
  }
}
