package io.routedesk.ui.model;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Background work the user should see (status bar progress) and short notices about finished work
 * (shown as toasts). UI-thread only.
 */
public final class Activity {
  private final ObservableList<Task> tasks = FXCollections.observableArrayList();
  private final ObjectProperty<Notice> lastNotice = new SimpleObjectProperty<>();
  private final BooleanBinding busy = Bindings.isNotEmpty(tasks);

  /** A running piece of work; {@link #finish()} removes it from the status bar. */
  public final class Task {
    private final StringProperty message;
    private final DoubleProperty progress = new SimpleDoubleProperty(-1);

    private Task(String message) {
      this.message = new SimpleStringProperty(message);
    }

    public ReadOnlyStringProperty messageProperty() {
      return message;
    }

    /** -1 while indeterminate, else 0..1. */
    public ReadOnlyDoubleProperty progressProperty() {
      return progress;
    }

    public void update(String text, long done, long total) {
      message.set(text);
      progress.set(total > 0 ? Math.min(1.0, (double) done / total) : -1);
    }

    public void finish() {
      tasks.remove(this);
    }
  }

  public enum Severity {
    INFO,
    SUCCESS,
    WARNING,
    ERROR
  }

  /** A one-line message about something that finished; {@code id} makes repeated texts distinct. */
  public record Notice(Severity severity, String text, long id) {}

  private long noticeIds;

  public Task start(String message) {
    Task t = new Task(message);
    tasks.add(t);
    return t;
  }

  public ObservableList<Task> tasks() {
    return tasks;
  }

  public BooleanBinding busyProperty() {
    return busy;
  }

  public void notify(Severity severity, String text) {
    lastNotice.set(new Notice(severity, text, ++noticeIds));
  }

  public ReadOnlyObjectProperty<Notice> lastNoticeProperty() {
    return lastNotice;
  }
}
