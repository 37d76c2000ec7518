package io.routedesk.ui.model;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Collects updates produced on background threads and runs them on the UI executor in batches: at
 * most one drain is queued at a time, so a burst of updates costs one UI task, never one per item.
 */
public final class UiBatcher {
  private final Executor ui;
  private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean drainQueued = new AtomicBoolean();
  private final Runnable afterDrain;

  /**
   * @param afterDrain runs on the UI executor after each batch (e.g. to recount derived figures
   *     once instead of per update)
   */
  public UiBatcher(Executor ui, Runnable afterDrain) {
    this.ui = ui;
    this.afterDrain = afterDrain;
  }

  /** Queues an update to run on the UI executor with the next batch. Callable from any thread. */
  public void submit(Runnable update) {
    queue.add(update);
    wake();
  }

  /** Asks for a drain without adding an update (e.g. to publish a newer progress value). */
  public void wake() {
    if (drainQueued.compareAndSet(false, true)) {
      ui.execute(this::drain);
    }
  }

  private void drain() {
    // Cleared before polling: anything added while draining queues a fresh drain.
    drainQueued.set(false);
    Runnable r;
    while ((r = queue.poll()) != null) {
      r.run();
    }
    afterDrain.run();
  }
}
