package io.routedesk.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on one terminal line (me.tongfei progressbar: percentage, bar, count, elapsed and
 * remaining time), redrawn in place at most ten times a second. Prints nothing when the output is
 * not a terminal (piped, redirected, --json), so logs and scripts get no control characters.
 */
final class ProgressLine implements AutoCloseable {
  private static final int REDRAW_MILLIS = 100;
  private static final int MAX_WIDTH = 100;

  private final PrintWriter err;
  private final boolean enabled;
  private final String label;
  private ProgressBar bar;
  private LineConsumer line;

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
    if (bar == null) {
      // Built on the first report: a bar shown before then would start its clock too early.
      bar =
          new ProgressBarBuilder()
              .setTaskName(label)
              .setInitialMax(total)
              .setStyle(style())
              .setUpdateIntervalMillis(REDRAW_MILLIS)
              .setConsumer(line = new LineConsumer(err))
              .build();
    }
    bar.maxHint(total);
    bar.stepTo(done);
  }

  @Override
  public synchronized void close() {
    if (bar != null) {
      bar.close();
      // The library skips its consumer's close when the bar is closed before its first redraw
      // (a quick command): the line must still end.
      line.close();
    }
  }

  /** Block characters where the terminal takes UTF-8, plain ASCII otherwise (older consoles). */
  private static ProgressBarStyle style() {
    String encoding = System.getProperty("stderr.encoding", "");
    return encoding.equalsIgnoreCase(StandardCharsets.UTF_8.name())
        ? ProgressBarStyle.UNICODE_BLOCK
        : ProgressBarStyle.ASCII;
  }

  /**
   * Draws each frame over the last with a carriage return on the command's error stream (the
   * library's own console consumer writes to System.err directly, which tests cannot see).
   */
  private static final class LineConsumer implements ProgressBarConsumer {
    private final PrintWriter err;
    private boolean closed;

    LineConsumer(PrintWriter err) {
      this.err = err;
    }

    @Override
    public int getMaxRenderedLength() {
      return MAX_WIDTH;
    }

    @Override
    public synchronized void accept(String rendered) {
      err.print('\r');
      err.print(rendered);
      err.flush();
    }

    @Override
    public synchronized void close() {
      if (!closed) {
        closed = true;
        err.println();
        err.flush();
      }
    }
  }
}
