package io.routedesk.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.routedesk.flowroute.FlowrouteException;
import io.routedesk.flowroute.OkHttpFlowrouteClient;
import io.routedesk.flowroute.RetryPolicy;
import io.routedesk.sandbox.FlowrouteSandbox;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;

/** The real client pointed at an embedded sandbox, and helpers to wait for its futures. */
final class SandboxClients {
  private SandboxClients() {}

  /** No future of these tests should take longer; a hang fails the test instead of the build. */
  static final Duration MAX_WAIT = Duration.ofSeconds(90);

  /**
   * Retries fast (the sandbox answers in milliseconds) and often enough that a run of injected
   * faults at 20% to 40% per attempt cannot exhaust them by chance (0.4^15 ≈ 1e-6 per request).
   */
  static final RetryPolicy FAST_RETRIES =
      new RetryPolicy(15, Duration.ofMillis(5), Duration.ofMillis(100), Duration.ofSeconds(60));

  static OkHttpFlowrouteClient client(FlowrouteSandbox sandbox) {
    return client(sandbox, b -> b);
  }

  static OkHttpFlowrouteClient client(
      FlowrouteSandbox sandbox, UnaryOperator<OkHttpFlowrouteClient.Builder> tweak) {
    OkHttpFlowrouteClient.Builder builder =
        OkHttpFlowrouteClient.builder()
            .baseUrl(sandbox.baseUrl())
            .credentials(sandbox.accessKey(), sandbox.secretKey())
            .connectTimeout(Duration.ofSeconds(5))
            .readTimeout(Duration.ofSeconds(20))
            .callTimeout(Duration.ofSeconds(30))
            .retryPolicy(FAST_RETRIES);
    return tweak.apply(builder).build();
  }

  static <T> T await(CompletableFuture<T> future) {
    try {
      return future.get(MAX_WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    } catch (ExecutionException e) {
      throw new AssertionError("the call failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new AssertionError("no answer within " + MAX_WAIT, e);
    }
  }

  /** The FlowrouteException the future failed with (fails the test if it succeeded). */
  static FlowrouteException failure(CompletableFuture<?> future) {
    Throwable thrown = catchThrowable(() -> future.get(MAX_WAIT.toSeconds(), TimeUnit.SECONDS));
    assertThat(thrown).as("the call should have failed").isInstanceOf(ExecutionException.class);
    FlowrouteException error = FlowrouteException.unwrap(thrown);
    assertThat(error).as("cause of " + thrown).isNotNull();
    return error;
  }
}
