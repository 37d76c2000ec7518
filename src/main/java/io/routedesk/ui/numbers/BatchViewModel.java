package io.routedesk.ui.numbers;

import io.routedesk.domain.PhoneNumbers;
import io.routedesk.domain.VoiceSlot;
import io.routedesk.flowroute.CancellationToken;
import io.routedesk.service.BatchListener;
import io.routedesk.service.BatchReport;
import io.routedesk.service.NumberChange;
import io.routedesk.service.NumberOutcome;
import io.routedesk.ui.model.NumberRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The running or last finished batch, as the result panel shows it: progress while running, then
 * every number as done, failed (with the reason) or skipped. UI-thread only.
 */
public final class BatchViewModel {
  /** How the last batch ended, for the panel's colour and icon. */
  public enum Result {
    RUNNING,
    SUCCESS,
    PARTIAL,
    FAILED,
    CANCELLED
  }

  private final BooleanProperty visible = new SimpleBooleanProperty();
  private final BooleanProperty running = new SimpleBooleanProperty();
  private final StringProperty title = new SimpleStringProperty("");
  private final StringProperty summary = new SimpleStringProperty("");
  private final DoubleProperty progress = new SimpleDoubleProperty(-1);
  private final ObjectProperty<Result> result = new SimpleObjectProperty<>(Result.RUNNING);
  private final BooleanProperty canRetry = new SimpleBooleanProperty();
  private final ObservableList<OutcomeRow> outcomes = FXCollections.observableArrayList();
  private final BooleanBinding anyDetails =
      Bindings.createBooleanBinding(
          () -> outcomes.stream().anyMatch(o -> !o.reason().isBlank()), outcomes);
  private CancellationToken cancel = CancellationToken.NONE;
  private BatchReport report;

  void started(String description, int numbers, CancellationToken token) {
    cancel = token;
    report = null;
    outcomes.clear();
    title.set(description);
    summary.set("Sending changes for " + numbers + (numbers == 1 ? " number…" : " numbers…"));
    progress.set(0);
    result.set(Result.RUNNING);
    canRetry.set(false);
    running.set(true);
    visible.set(true);
  }

  void progress(BatchListener.Phase phase, long done, long total) {
    if (!running.get()) {
      return;
    }
    progress.set(total > 0 ? (double) done / total : -1);
    summary.set(
        phase == BatchListener.Phase.APPLYING
            ? "Sending " + done + " of " + total + " changes…"
            : "Reading back " + done + " of " + total + " numbers from Flowroute…");
  }

  void finished(BatchReport r, Function<String, String> routeLabel) {
    report = r;
    running.set(false);
    progress.set(1);
    List<OutcomeRow> rows = new ArrayList<>();
    for (NumberOutcome o : r.outcomes()) {
      NumberChange c = o.change();
      rows.add(
          new OutcomeRow(
              o.number(),
              PhoneNumbers.format(o.number()),
              changeText(c, VoiceSlot.PRIMARY, routeLabel),
              changeText(c, VoiceSlot.FAILOVER, routeLabel),
              o.status(),
              o.reason()));
    }
    // Failures first: they are what the user has to act on.
    rows.sort(Comparator.comparing(OutcomeRow::status, BatchViewModel::statusOrder));
    outcomes.setAll(rows);
    long done = r.count(NumberOutcome.Status.DONE);
    long failed = r.count(NumberOutcome.Status.FAILED);
    long skipped = r.count(NumberOutcome.Status.SKIPPED);
    summary.set(summaryText(done, failed, skipped));
    if (failed == 0 && skipped == 0) {
      result.set(Result.SUCCESS);
    } else if (done == 0 && failed > 0) {
      result.set(Result.FAILED);
    } else if (r.cancelled() && failed == 0) {
      result.set(Result.CANCELLED);
    } else {
      result.set(Result.PARTIAL);
    }
    // Numbers left alone on purpose (changed since, or waiting on an unpublished draft) are not
    // retried: sending them would overwrite a newer change or could never succeed.
    canRetry.set(r.notDone().stream().anyMatch(o -> !o.conflict()));
  }

  void crashed(String message) {
    running.set(false);
    summary.set(message);
    result.set(Result.FAILED);
    canRetry.set(false);
  }

  static String summaryText(long done, long failed, long skipped) {
    List<String> parts = new ArrayList<>();
    parts.add(done + " done");
    if (failed > 0) {
      parts.add(failed + " failed");
    }
    if (skipped > 0) {
      parts.add(skipped + " skipped");
    }
    return String.join(" · ", parts);
  }

  private static int statusOrder(NumberOutcome.Status a, NumberOutcome.Status b) {
    return Integer.compare(rank(a), rank(b));
  }

  private static int rank(NumberOutcome.Status s) {
    return switch (s) {
      case FAILED -> 0;
      case SKIPPED -> 1;
      case DONE -> 2;
    };
  }

  private static String changeText(
      NumberChange c, VoiceSlot slot, Function<String, String> routeLabel) {
    String before = c.before().routeId(slot);
    String after = c.after().routeId(slot);
    String b = before == null ? NumberRow.NO_ROUTE : routeLabel.apply(before);
    if (!c.changes(slot)) {
      return b;
    }
    return b + " → " + (after == null ? NumberRow.NO_ROUTE : routeLabel.apply(after));
  }

  /** Asks the running batch to stop: requests not yet sent are skipped. */
  public void cancel() {
    cancel.cancel();
  }

  public void dismiss() {
    if (!running.get()) {
      visible.set(false);
    }
  }

  BatchReport report() {
    return report;
  }

  public ReadOnlyBooleanProperty visibleProperty() {
    return visible;
  }

  public ReadOnlyBooleanProperty runningProperty() {
    return running;
  }

  public ReadOnlyStringProperty titleProperty() {
    return title;
  }

  public ReadOnlyStringProperty summaryProperty() {
    return summary;
  }

  public ReadOnlyDoubleProperty progressProperty() {
    return progress;
  }

  public ReadOnlyObjectProperty<Result> resultProperty() {
    return result;
  }

  public ReadOnlyBooleanProperty canRetryProperty() {
    return canRetry;
  }

  public ObservableList<OutcomeRow> outcomes() {
    return outcomes;
  }

  /**
   * True when some number's outcome has a reason to show: the result list has a Details column only
   * then (an empty one took the room the numbers needed).
   */
  public BooleanBinding anyDetailsProperty() {
    return anyDetails;
  }
}
