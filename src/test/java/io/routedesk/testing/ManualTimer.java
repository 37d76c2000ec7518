package io.routedesk.testing;

import io.routedesk.service.ReachabilityWatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A {@link ReachabilityWatcher.Timer} on fake time: nothing runs until the test advances the clock,
 * and then what is due runs on the test's thread, in order (including tasks scheduled meanwhile).
 */
public final class ManualTimer implements ReachabilityWatcher.Timer {
  private record Task(long dueNanos, long seq, Runnable run) {}

  private final List<Task> waiting = new ArrayList<>();
  private long nowNanos;
  private long seq;
  private boolean closed;

  @Override
  public synchronized Scheduled after(Duration delay, Runnable run) {
    Task task = new Task(nowNanos + delay.toNanos(), seq++, run);
    if (!closed) {
      waiting.add(task);
    }
    return () -> {
      synchronized (this) {
        waiting.remove(task);
      }
    };
  }

  @Override
  public synchronized long nanoTime() {
    return nowNanos;
  }

  /** Moves fake time forward, running every task that falls due, in time order. */
  public void advance(Duration by) {
    long until;
    synchronized (this) {
      until = nowNanos + by.toNanos();
    }
    while (true) {
      Task next;
      synchronized (this) {
        next =
            waiting.stream()
                .filter(t -> t.dueNanos() <= until)
                .min(Comparator.comparingLong(Task::dueNanos).thenComparingLong(Task::seq))
                .orElse(null);
        if (next == null) {
          nowNanos = until;
          return;
        }
        waiting.remove(next);
        nowNanos = next.dueNanos();
      }
      next.run().run();
    }
  }

  /** How long until the next task is due, or null when none waits. */
  public synchronized Duration nextDue() {
    return waiting.stream().mapToLong(Task::dueNanos).min().stream()
        .mapToObj(due -> Duration.ofNanos(due - nowNanos))
        .findFirst()
        .orElse(null);
  }

  @Override
  public synchronized void close() {
    closed = true;
    waiting.clear();
  }
}
