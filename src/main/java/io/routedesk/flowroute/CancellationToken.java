package io.routedesk.flowroute;

import java.util.concurrent.atomic.AtomicBoolean;

/** Cooperative cancellation for long bulk operations: work not yet started is skipped. */
public final class CancellationToken {
  public static final CancellationToken NONE = new CancellationToken();

  private final AtomicBoolean cancelled = new AtomicBoolean();

  public void cancel() {
    if (this != NONE) {
      cancelled.set(true);
    }
  }

  public boolean isCancelled() {
    return cancelled.get();
  }
}
