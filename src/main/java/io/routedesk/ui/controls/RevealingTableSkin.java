package io.routedesk.ui.controls;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.Scene;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.TableViewSkin;
import javafx.scene.control.skin.VirtualFlow;

/**
 * A table skin that builds its first screenful of rows over several frames when they arrive in a
 * window already on screen, instead of in one.
 *
 * <p>Why: the first rows are a table's most expensive frame. Each row builds its cells, their skins
 * and text nodes, and every node is matched against the theme's CSS for the first time, in code the
 * JIT has not compiled yet: about 8–10 ms per row on a 2-vCPU machine. A table fills its whole
 * viewport at once (real rows, then empty striped ones), so the numbers and route tables filling in
 * the same pulse froze the window for 300–450 ms. Here the flow's viewport starts a few rows high
 * and grows each frame by as many rows as fit in {@link #FRAME_BUDGET_NANOS}, judged by what the
 * previous rows cost; tables share that budget ({@link Pacer}). The rows appear from the top within
 * about a dozen frames, and the window keeps answering meanwhile.
 *
 * <p>Only rows that arrive in a table already on screen, shown empty (loading), are paced: rows
 * there before the table's first layout (the saved copy when the window is built) are laid out with
 * the window's first frame, which is not on screen yet. Nothing else changes: items, indexes,
 * selection, sorting and scrolling are the table's own. The table needs a fixed cell size (both of
 * the window's tables have one).
 */
public final class RevealingTableSkin<S> extends TableViewSkin<S> {
  /** Rows in a table's first paced frame, the one that also pays its first-time costs. */
  static final int FIRST_ROWS = 1;

  /** FX time one frame may spend on new rows (a frame at 60 Hz is 16.7 ms; the target is 100). */
  static final long FRAME_BUDGET_NANOS = 40_000_000;

  /** At most this many rows join in one frame, whatever the estimate says. */
  static final int MAX_STEP = 16;

  /** Frames to wait for the first rows' layout before giving up pacing. */
  static final int MAX_FRAMES_WAITED = 30;

  private final Pacer pacer;
  private boolean revealed;
  private boolean queued;
  private int rowsShown;
  private int framesWaited;
  private boolean laidOutEmpty;
  private boolean shownEmpty;
  private ObservableList<S> watched;
  private final ListChangeListener<S> itemsListener = c -> itemsChanged();
  // An invalidation listener: a change listener compares the lists with equals(), and the table's
  // first (empty) list equals any other empty one, so replacing it would go unnoticed.
  private final InvalidationListener itemsReplaced =
      o -> {
        watch(getSkinnable().getItems());
        itemsChanged();
      };

  public RevealingTableSkin(TableView<S> table) {
    this(table, Pacer.SHARED);
  }

  RevealingTableSkin(TableView<S> table, Pacer pacer) {
    super(table);
    this.pacer = pacer;
    revealed = table.getItems() != null && !table.getItems().isEmpty();
    if (!revealed) {
      watch(table.getItems());
      table.itemsProperty().addListener(itemsReplaced);
    }
  }

  /** True once the table shows every row its viewport holds, and nothing is paced any more. */
  public boolean isRevealed() {
    return revealed;
  }

  @Override
  protected void layoutChildren(double x, double y, double w, double h) {
    super.layoutChildren(x, y, w, h);
    Scene scene = getSkinnable().getScene();
    if (!laidOutEmpty && w > 0 && h > 0 && scene != null && getSkinnable().getItems().isEmpty()) {
      laidOutEmpty = true;
      // A window lays its scene out when it is shown, before any frame: shown empty means a pulse
      // went by after that (the rows a window is built with are laid out in its first frame).
      scene.addPostLayoutPulseListener(
          new Runnable() {
            @Override
            public void run() {
              shownEmpty = true;
              // Not during this pulse: the scene is going through its listeners right now.
              Platform.runLater(() -> scene.removePostLayoutPulseListener(this));
            }
          });
    }
  }

  @Override
  protected VirtualFlow<TableRow<S>> createVirtualFlow() {
    return new Flow<>();
  }

  private Flow<S> flow() {
    return (Flow<S>) getVirtualFlow();
  }

  private void watch(ObservableList<S> items) {
    if (watched != null) {
      watched.removeListener(itemsListener);
    }
    watched = items;
    if (items != null) {
      items.addListener(itemsListener);
    }
  }

  /** Stops watching the items: the reveal is done (or never needed), and the table may be too. */
  private void stopWatching() {
    watch(null);
    if (getSkinnable() != null) {
      getSkinnable().itemsProperty().removeListener(itemsReplaced);
    }
  }

  private void itemsChanged() {
    TableView<S> table = getSkinnable();
    if (revealed || queued || table == null || table.getItems() == null) {
      return;
    }
    if (table.getItems().isEmpty()) {
      return;
    }
    boolean onScreen =
        shownEmpty
            && table.getScene() != null
            && table.getScene().getWindow() != null
            && table.getScene().getWindow().isShowing();
    stopWatching();
    if (!onScreen || table.getFixedCellSize() <= 0) {
      revealed = true;
      return;
    }
    // Nothing is built until this table's turn: two tables whose rows arrive together must not
    // build their first rows, the costliest, in the same frame.
    flow().hold();
    requeue();
  }

  /**
   * This table's part of a frame: more rows, as many as {@code budgetNanos} of FX time allows by
   * what the last rows cost, or all once the viewport is full.
   *
   * @return the FX time the rows added will cost in this frame's layout, as estimated
   */
  long step(long budgetNanos) {
    queued = false;
    Flow<S> flow = flow();
    if (revealed || getSkinnable() == null) {
      return 0;
    }
    if (rowsShown == 0) {
      if (budgetNanos < FRAME_BUDGET_NANOS) {
        requeue(); // the first rows wait for a frame of their own
        return 0;
      }
      rowsShown = FIRST_ROWS;
      flow.limitRows(rowsShown);
      requeue();
      // Their cost is unknown and the highest (first-time costs): they take the frame alone.
      return FRAME_BUDGET_NANOS;
    }
    if (!flow.laidOut() && ++framesWaited < MAX_FRAMES_WAITED) {
      // Timers run before the pulse's layout, so the first rows may not be laid out yet; a table
      // that stays without a size (hidden) is left to fill the usual way.
      requeue();
      return 0;
    }
    int fitting = (int) Math.ceil(flow.fullViewportLength() / getSkinnable().getFixedCellSize());
    int rows = flow.affordableRows(budgetNanos);
    rowsShown += rows;
    if (rowsShown >= fitting) {
      revealed = true;
      flow.limitRows(-1);
    } else {
      flow.limitRows(rowsShown);
      requeue();
    }
    return rows * flow.costPerRow();
  }

  private void requeue() {
    queued = true;
    pacer.enqueue(this);
  }

  @Override
  public void dispose() {
    revealed = true;
    stopWatching();
    super.dispose();
  }

  /**
   * The table's flow, with a viewport that can be held to a number of rows. Its layout code asks
   * {@link #getViewportLength()} how far to fill; the clip and scroll bars follow it, and the
   * length bar is kept transparent meanwhile, so it does not grow along with the rows.
   */
  static final class Flow<S> extends VirtualFlow<TableRow<S>> {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private boolean held;
    private double limit = -1;
    private long lastLayoutNanos;
    private int lastNewCells;

    /** Lays nothing out until {@link #limitRows} is called: the table shows no rows meanwhile. */
    void hold() {
      held = true;
      getVbar().setOpacity(0);
    }

    void limitRows(int rows) {
      held = false;
      limit = rows < 0 ? -1 : rows * getFixedCellSize();
      getVbar().setOpacity(rows < 0 ? 1 : 0);
      // A plain layout request takes the flow's fast path, which adds no cells for a viewport
      // that only looks longer; reconfiguring lays the existing cells out again and adds the rest.
      reconfigureCells();
    }

    /** True once the flow has a size and shows rows. */
    boolean laidOut() {
      return super.getViewportLength() > 0 && !getCells().isEmpty();
    }

    double fullViewportLength() {
      return super.getViewportLength();
    }

    /** FX time the last new rows took each (the whole budget before any was measured). */
    long costPerRow() {
      return lastNewCells == 0 ? FRAME_BUDGET_NANOS : Math.max(1, lastLayoutNanos / lastNewCells);
    }

    /** Rows that can be built within {@code budgetNanos}: at least one, at most a step. */
    int affordableRows(long budgetNanos) {
      return (int) Math.max(1, Math.min(MAX_STEP, budgetNanos / costPerRow()));
    }

    @Override
    public double getViewportLength() {
      double full = super.getViewportLength();
      return limit < 0 ? full : Math.min(full, limit);
    }

    @Override
    protected void layoutChildren() {
      if (held) {
        return;
      }
      if (limit < 0) {
        // Not pacing (any more): nothing to measure, so scrolling and updates pay nothing extra.
        super.layoutChildren();
        return;
      }
      int before = getCells().size();
      long start = fxTime();
      super.layoutChildren();
      int added = getCells().size() - before;
      if (added > 0) {
        lastLayoutNanos = fxTime() - start;
        lastNewCells = added;
      }
    }

    /**
     * The FX thread's CPU time where the platform has it: on a busy machine the wall clock would
     * also count the time other processes had the CPU, and the steps would shrink to one row.
     */
    private static long fxTime() {
      return THREADS.isCurrentThreadCpuTimeSupported()
          ? THREADS.getCurrentThreadCpuTime()
          : System.nanoTime();
    }
  }

  /**
   * Shares each frame's budget among the tables waiting to grow, in turn: a table's first rows take
   * a frame alone, and later steps share one while their estimated cost fits.
   */
  static class Pacer {
    static final Pacer SHARED = new Pacer();

    private final Deque<RevealingTableSkin<?>> waiting = new ArrayDeque<>();
    private AnimationTimer timer;

    void enqueue(RevealingTableSkin<?> skin) {
      waiting.add(skin);
      wake();
    }

    /** Starts calling {@link #frame()} once per frame. */
    void wake() {
      if (timer == null) {
        timer =
            new AnimationTimer() {
              @Override
              public void handle(long now) {
                frame();
              }
            };
      }
      timer.start();
    }

    /** One frame: steps for the tables waiting, each at most once, while budget is left. */
    void frame() {
      long left = FRAME_BUDGET_NANOS;
      for (int turns = waiting.size(); turns > 0 && left > 0; turns--) {
        left -= waiting.poll().step(left);
      }
      if (waiting.isEmpty() && timer != null) {
        timer.stop();
      }
    }

    List<RevealingTableSkin<?>> waiting() {
      return List.copyOf(waiting);
    }
  }
}
