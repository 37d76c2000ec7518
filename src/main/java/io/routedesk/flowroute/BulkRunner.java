package io.routedesk.flowroute;

import io.routedesk.flowroute.AdaptiveConcurrencyLimiter.Permit;
import io.routedesk.flowroute.FlowrouteClient.ProgressListener;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one operation per key (a number's details, a number's route) with the adaptive limiter's
 * concurrency, and reports each key as succeeded, failed or skipped.
 */
final class BulkRunner {
  private static final Logger LOG = LoggerFactory.getLogger(BulkRunner.class);

  private final AdaptiveConcurrencyLimiter limiter;
  private final Executor executor;
  private final BooleanSupplier closed;

  BulkRunner(AdaptiveConcurrencyLimiter limiter, Executor executor, BooleanSupplier closed) {
    this.limiter = limiter;
    this.executor = executor;
    this.closed = closed;
  }

  @FunctionalInterface
  interface BulkItem<T> {
    T run(String key, Permit firstPermit) throws InterruptedException;
  }

  private record Outcome<T>(T value, FlowrouteException error, boolean skipped) {}

  /**
   * Runs one item per key with the adaptive limiter's concurrency: an item starts only once the
   * limiter grants it a permit (which its first request uses), so "not started" is exact and a
   * cancellation skips every item still waiting. Each key ends succeeded, failed or skipped.
   */
  <T> BulkResult<T> run(
      List<String> keys, BulkItem<T> item, ProgressListener progress, CancellationToken cancel)
      throws InterruptedException {
    Map<String, Outcome<T>> outcomes = new ConcurrentHashMap<>();
    long total = keys.size();
    long[] done = {0};
    Runnable reportOne =
        () -> {
          synchronized (done) {
            done[0]++;
            progress.progress(done[0], total);
          }
        };
    List<CompletableFuture<Void>> running = new ArrayList<>();
    for (String key : keys) {
      Permit permit = cancel.isCancelled() ? null : limiter.acquire();
      if (permit != null && cancel.isCancelled()) {
        permit.release();
        permit = null;
      }
      if (permit == null) {
        outcomes.put(key, new Outcome<>(null, null, true));
        reportOne.run();
        continue;
      }
      Permit first = permit;
      CompletableFuture<Void> finished = new CompletableFuture<>();
      Runnable work =
          () -> {
            Outcome<T> outcome;
            try {
              outcome = new Outcome<>(item.run(key, first), null, false);
            } catch (FlowrouteException e) {
              outcome = new Outcome<>(null, e, false);
            } catch (InterruptedException e) {
              outcome =
                  new Outcome<>(
                      null,
                      closed.getAsBoolean()
                          ? FlowrouteErrors.clientClosed()
                          : FlowrouteErrors.requestCancelled(),
                      false);
            } catch (RuntimeException e) {
              LOG.error("Unexpected failure in a bulk Flowroute operation", e);
              outcome = new Outcome<>(null, FlowrouteErrors.unexpected(e), false);
            } finally {
              first.release(); // no-op when the request already released it
            }
            outcomes.put(key, outcome);
            reportOne.run();
            finished.complete(null);
          };
      try {
        executor.execute(work);
        running.add(finished);
      } catch (RejectedExecutionException e) {
        first.release();
        outcomes.put(key, new Outcome<>(null, FlowrouteErrors.clientClosed(), false));
        reportOne.run();
      }
    }
    try {
      CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).get();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause()); // items never complete exceptionally
    }
    Map<String, T> succeeded = new LinkedHashMap<>();
    Map<String, FlowrouteException> failed = new LinkedHashMap<>();
    List<String> skipped = new ArrayList<>();
    for (String key : keys) {
      Outcome<T> outcome = outcomes.get(key);
      if (outcome.skipped()) {
        skipped.add(key);
      } else if (outcome.error() != null) {
        failed.put(key, outcome.error());
      } else {
        succeeded.put(key, outcome.value());
      }
    }
    return new BulkResult<>(succeeded, failed, skipped);
  }
}
