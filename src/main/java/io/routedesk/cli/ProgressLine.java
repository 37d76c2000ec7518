package io.routedesk.cli;

import java.io.PrintWriter;

/**
 * A progress bar on one terminal line ("Reading the account [######----] 3,200 / 10,000"), redrawn
 * in place with a carriage return, at most ten times a second. Prints nothing when the output is
 * not a terminal (piped, redirected, --json), so logs and scripts get no control characters.
 */
final class ProgressLine implements AutoCloseable {
  private static final int WIDTH = 30;
  private static final long REDRAW_NANOS = 100_000_000L;

  private final PrintWriter err;
  private final boolean enabled;
  private final String label;
  private long lastDraw = Long.MIN_VALUE;
  private boolean drawn;

  ProgressLine(PrintWriter err, boolean enabled, String label) {
    this.err = err;
    this.enabled = enabled;
    this.label = label;
  }

  /** Thread-safe: reads and writes report from client threads. */
  synchronized void update(long done, long total) {
    if (!enabled) {
      return;
    }
    long now = System.nanoTime();
    if (drawn && done < total && now - lastDraw < REDRAW_NANOS) {
      return;
    }
    lastDraw = now;
    drawn = true;
    err.print('\r');
    err.print(render(label, done, total));
    err.flush();
  }

  static String render(String label, long done, long total) {
    if (total <= 0) {
      return String.format("%s  %,d", label, done);
    }
    int filled = (int) Math.min(WIDTH, done * WIDTH / total);
    return String.format(
        "%s  [%s%s]  %,d / %,d",
        label, "#".repeat(filled), "-".repeat(WIDTH - filled), done, total);
  }

  @Override
  public synchronized void close() {
    if (enabled && drawn) {
      err.println();
      err.flush();
    }
  }
}
