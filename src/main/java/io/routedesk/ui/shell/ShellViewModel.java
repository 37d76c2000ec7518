package io.routedesk.ui.shell;

import io.routedesk.ui.model.AccountState;
import io.routedesk.ui.model.Activity;
import io.routedesk.ui.model.Connectivity;
import io.routedesk.ui.model.ThemeMode;
import io.routedesk.ui.text.ErrorMessages;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ListChangeListener;

/**
 * The window around the panels: which account it shows (or the sandbox), the status bar, the theme
 * choice and window-level commands.
 */
public final class ShellViewModel {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

  /**
   * Who the window is connected to.
   *
   * @param keysNote why the account's keys are kept for this session only, for the status bar; ""
   *     when they are in the keystore (or there are none: the sandbox)
   */
  public record AccountInfo(String label, boolean sandbox, String keysNote) {
    public AccountInfo {
      keysNote = keysNote == null ? "" : keysNote;
    }

    public AccountInfo(String label, boolean sandbox) {
      this(label, sandbox, "");
    }
  }

  private final AccountState account;
  private final Activity activity;
  private final AccountInfo info;
  private final Runnable connectAccount;
  private final ObjectProperty<ThemeMode> themeMode = new SimpleObjectProperty<>(ThemeMode.SYSTEM);
  private final ObjectProperty<Activity.Task> currentTask = new SimpleObjectProperty<>();
  private final StringBinding connectivityText;
  private final StringBinding lastRefreshText;
  private final StringProperty workText = new SimpleStringProperty("");
  private final DoubleProperty workProgress = new SimpleDoubleProperty();
  private final ReadOnlyBooleanWrapper canResetSandbox = new ReadOnlyBooleanWrapper();
  private Supplier<CompletableFuture<Void>> resetSandbox;
  private Executor ui;

  /**
   * @param connectAccount opens the sign-in flow; injected because sign-in lives in its own feature
   */
  public ShellViewModel(
      AccountState account, Activity activity, AccountInfo info, Runnable connectAccount) {
    this.account = account;
    this.activity = activity;
    this.info = info;
    this.connectAccount = connectAccount;
    activity
        .tasks()
        .addListener(
            (ListChangeListener<Activity.Task>)
                c ->
                    currentTask.set(
                        activity.tasks().isEmpty() ? null : activity.tasks().getLast()));
    connectivityText =
        Bindings.createStringBinding(
            () ->
                switch (account.connectivityProperty().get()) {
                  case ONLINE -> "Online";
                  case OFFLINE -> "Offline";
                  case UNKNOWN -> "Connecting…";
                },
            account.connectivityProperty());
    lastRefreshText =
        Bindings.createStringBinding(
            () -> {
              Instant t = account.lastRefreshProperty().get();
              return t == null ? "Not refreshed yet" : "Refreshed " + TIME.format(t);
            },
            account.lastRefreshProperty());
    currentTask.addListener((o, old, task) -> followTask(task));
  }

  private void followTask(Activity.Task task) {
    workText.unbind();
    workProgress.unbind();
    if (task == null) {
      workText.set("");
      workProgress.set(0);
      return;
    }
    workText.bind(
        Bindings.createStringBinding(
            () -> {
              int others = activity.tasks().size() - 1;
              return task.messageProperty().get() + (others > 0 ? "  (+" + others + " more)" : "");
            },
            task.messageProperty(),
            activity.tasks()));
    workProgress.bind(task.progressProperty());
  }

  public AccountInfo accountInfo() {
    return info;
  }

  public boolean isSandbox() {
    return info.sandbox();
  }

  public void connectAccount() {
    connectAccount.run();
  }

  public CompletableFuture<Void> refresh() {
    return account.refresh();
  }

  /** The confirmation question of {@link #resetSandbox()}. */
  public static final String RESET_SANDBOX_QUESTION =
      "The sandbox's routes and numbers go back to the demo account; what you changed in it is"
          + " lost. Drafts on this computer are kept.";

  /**
   * Offers "Reset sandbox" in this window (the built-in sandbox's window only).
   *
   * @param reset puts the demo account back in the sandbox, off the UI thread
   * @param ui runs the follow-up (refresh, notice) on the UI thread
   */
  public void allowSandboxReset(Supplier<CompletableFuture<Void>> reset, Executor ui) {
    if (!isSandbox()) {
      throw new IllegalStateException("only the sandbox's window can reset the sandbox");
    }
    this.resetSandbox = reset;
    this.ui = ui;
    canResetSandbox.set(true);
  }

  public ReadOnlyBooleanProperty canResetSandboxProperty() {
    return canResetSandbox.getReadOnlyProperty();
  }

  /**
   * Puts the demo account back in the sandbox, then refreshes. The notice says it was reset, in
   * place of the refresh's "what changed" count (the user asked for every change it would list).
   * Ask {@link #RESET_SANDBOX_QUESTION} first.
   */
  public CompletableFuture<Void> resetSandbox() {
    if (!canResetSandbox.get()) {
      return CompletableFuture.failedFuture(
          new IllegalStateException("this window cannot reset the sandbox"));
    }
    canResetSandbox.set(false); // one at a time
    CompletableFuture<Void> done = new CompletableFuture<>();
    resetSandbox
        .get()
        .whenCompleteAsync(
            (v, e) -> {
              if (e != null) {
                canResetSandbox.set(true);
                activity.notify(
                    Activity.Severity.ERROR,
                    "The sandbox could not be reset: " + ErrorMessages.describe(e));
                done.completeExceptionally(e);
                return;
              }
              // A failed refresh says so itself; the reset is done either way.
              account
                  .refresh()
                  .whenCompleteAsync(
                      (r, refreshError) -> {
                        canResetSandbox.set(true);
                        activity.notify(
                            Activity.Severity.SUCCESS, "The sandbox is back to the demo account.");
                        done.complete(null);
                      },
                      ui);
            },
            ui);
    return done;
  }

  public ObjectProperty<ThemeMode> themeModeProperty() {
    return themeMode;
  }

  public ReadOnlyObjectProperty<Connectivity> connectivityProperty() {
    return account.connectivityProperty();
  }

  public AccountState account() {
    return account;
  }

  public Activity activity() {
    return activity;
  }

  public StringBinding connectivityTextProperty() {
    return connectivityText;
  }

  public StringBinding lastRefreshTextProperty() {
    return lastRefreshText;
  }

  /** The running task's message, "" when idle. */
  public ReadOnlyStringProperty workTextProperty() {
    return workText;
  }

  /** The running task's progress (-1 indeterminate). */
  public ReadOnlyDoubleProperty workProgressProperty() {
    return workProgress;
  }
}
