package io.routedesk.ui.history;

import io.routedesk.service.BatchReport;
import io.routedesk.service.ChangeEngine;
import io.routedesk.ui.model.BatchRunner;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The notice at start about changes a crash cut off: "A change to 600 numbers was interrupted at
 * 14:02: 268 done, 332 not done." with Resume (send only what has not landed), Undo what was done,
 * and Leave as is. One interrupted batch at a time, oldest first; until the user chooses, the batch
 * stays in the history as interrupted.
 */
public final class InterruptedChangesViewModel {
  private final ChangeEngine engine;
  private final BatchRunner runner;
  private final Executor ui;
  private final ZoneId zone;
  private final Deque<ChangeEngine.Interruption> waiting = new ArrayDeque<>();
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
  private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
  private Runnable afterChoice = () -> {};

  public InterruptedChangesViewModel(
      ChangeEngine engine, BatchRunner runner, Executor ui, ZoneId zone) {
    this.engine = engine;
    this.runner = runner;
    this.ui = ui;
    this.zone = zone;
  }

  /** Shows what {@code found} (the workspace's check at start) reports. */
  public CompletableFuture<Void> show(CompletableFuture<List<ChangeEngine.Interruption>> found) {
    return found.thenAcceptAsync(
        list -> {
          waiting.addAll(list);
          update();
        },
        ui);
  }

  /** Runs after each choice (e.g. to reload the history). */
  public void onChoice(Runnable action) {
    afterChoice = action;
  }

  /** The notice's sentence; empty when there is nothing to decide. */
  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  /** True while a choice is being carried out. */
  public ReadOnlyBooleanProperty busyProperty() {
    return busy.getReadOnlyProperty();
  }

  /** Sends what had not landed, in the batch panel. */
  public CompletableFuture<BatchReport> resume() {
    ChangeEngine.Interruption i = waiting.peekFirst();
    if (i == null) {
      return CompletableFuture.completedFuture(null);
    }
    List<String> numbers = new ArrayList<>(i.notDone());
    return choose(
        runner.run(
            "Resume: " + i.batch().description(),
            numbers,
            (listener, cancel) -> engine.resume(i, listener, cancel)));
  }

  /** Restores what had landed, in the batch panel. */
  public CompletableFuture<BatchReport> undoDone() {
    ChangeEngine.Interruption i = waiting.peekFirst();
    if (i == null) {
      return CompletableFuture.completedFuture(null);
    }
    List<String> numbers = new ArrayList<>(i.done());
    numbers.addAll(i.notDone());
    return choose(
        runner.run(
            "Undo: " + i.batch().description(),
            numbers,
            (listener, cancel) -> engine.undoDone(i, listener, cancel)));
  }

  /** Sends nothing; the history records each number as Flowroute shows it. */
  public CompletableFuture<Void> leaveAsIs() {
    ChangeEngine.Interruption i = waiting.peekFirst();
    if (i == null) {
      return CompletableFuture.completedFuture(null);
    }
    return choose(engine.leaveAsIs(i));
  }

  private <T> CompletableFuture<T> choose(CompletableFuture<T> work) {
    busy.set(true);
    return work.whenCompleteAsync(
        (r, e) -> {
          busy.set(false);
          if (e == null) {
            waiting.pollFirst();
          }
          update();
          afterChoice.run();
        },
        ui);
  }

  private void update() {
    ChangeEngine.Interruption i = waiting.peekFirst();
    message.set(
        i == null
            ? ""
            : i.summary(zone)
                + (waiting.size() > 1 ? " (" + (waiting.size() - 1) + " more after this.)" : ""));
  }
}
