package io.routedesk.app;

import io.routedesk.flowroute.FlowrouteClient;
import io.routedesk.flowroute.OkHttpFlowrouteClient;
import io.routedesk.sandbox.DemoSeed;
import io.routedesk.sandbox.FlowrouteSandbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * The built-in sandbox, started the first time it is opened (someone with a real account never pays
 * for it) and kept running until the app stops, so changes made in it survive switching away and
 * back. Thread-safe.
 */
final class EmbeddedSandbox implements AutoCloseable {
  private final DemoSeed seed;
  private FlowrouteSandbox running; // guarded by this
  private boolean closed; // guarded by this

  EmbeddedSandbox(DemoSeed seed) {
    this.seed = Objects.requireNonNull(seed, "seed");
  }

  /**
   * Starts the sandbox if needed and returns a new client for it; whoever opens the sandbox account
   * owns (and closes) that client. Blocking (binds a loopback port): call it off the FX thread.
   *
   * @throws UncheckedIOException when the sandbox could not start
   */
  synchronized FlowrouteClient newClient() {
    if (closed) {
      throw new IllegalStateException("RouteDesk is shutting down.");
    }
    if (running == null) {
      try {
        running = FlowrouteSandbox.builder().seed(seed).start();
      } catch (IOException e) {
        throw new UncheckedIOException(
            "no loopback port could be opened (" + e.getMessage() + ")", e);
      }
    }
    return OkHttpFlowrouteClient.builder()
        .baseUrl(running.baseUrl())
        .credentials(running.accessKey(), running.secretKey())
        .build();
  }

  synchronized boolean isRunning() {
    return running != null && running.isRunning();
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (running != null) {
      running.close();
    }
  }
}
