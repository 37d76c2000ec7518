package io.routedesk.ui.model;

import io.routedesk.flowroute.CancellationToken;
import io.routedesk.service.BatchListener;
import io.routedesk.service.BatchReport;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Runs a batch of per-number changes made by another feature (applying the pending assignments of
 * published drafts; moving the numbers off a route, then deleting it) in the numbers panel's batch
 * panel: the same progress, Cancel and per-number results as a bulk assignment.
 */
@FunctionalInterface
public interface BatchRunner {
  /**
   * @param description the panel's title ("Publish 3 drafts")
   * @param numbers the numbers the batch may change (marked as busy while it runs)
   * @param call starts the work; its report's server state is shown and saved when it completes
   */
  CompletableFuture<BatchReport> run(String description, List<String> numbers, Call call);

  /** The work of the batch, reporting progress to the panel and honouring its Cancel. */
  @FunctionalInterface
  interface Call {
    CompletableFuture<BatchReport> start(BatchListener listener, CancellationToken cancel);
  }
}
