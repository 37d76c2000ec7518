package io.routedesk.app;

import io.routedesk.service.AccountSession;
import io.routedesk.service.SignInService;
import io.routedesk.store.AccountProfile;
import io.routedesk.ui.account.AccountControls;
import io.routedesk.ui.account.AccountsViewModel;
import io.routedesk.ui.common.Activity;
import io.routedesk.ui.common.ThemeMode;
import io.routedesk.ui.shell.MainWindow;
import io.routedesk.ui.shell.ShellViewModel;
import io.routedesk.ui.shell.ThemeController;
import io.routedesk.ui.shell.WindowLayout;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Pos;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * Keeps the main window on the stage showing the open account. Each account that opens gets a fresh
 * {@link AppWiring} (services, view-models and views over that account's client), which takes the
 * previous one's place on the stage; the previous one is then closed. So nothing of one account
 * (undo history, an open form, loads still arriving) can reach another.
 *
 * <p>Until the first account is open (the keystore is read off the FX thread), the stage shows a
 * small "Opening your account…" pane. The account menu and banner are built once and move into each
 * new window. FX thread only.
 */
public final class MainWindowHost implements AutoCloseable {
  private final Stage stage;
  private final AccountsViewModel accounts;
  private final AccountControls controls;
  private final WindowLayout layout;
  private final Consumer<WindowLayout> onLayoutChanged;
  private final Consumer<ThemeMode> onThemeChanged;
  private final Runnable onFirstWindowShown;
  private final ObjectProperty<ThemeMode> theme;
  private AppWiring current;
  private BorderPane opening;
  private ThemeController openingTheme;
  private Activity.Task accountTask;
  private Activity.Notice pendingNotice;

  /**
   * @param layout where the window was last time
   * @param onLayoutChanged remembers the window's place and split (called on every change)
   * @param onThemeChanged remembers the theme the user picked
   * @param onFirstWindowShown called once the first account's window is on screen
   */
  public MainWindowHost(
      Stage stage,
      SignInService signIn,
      ThemeMode theme,
      WindowLayout layout,
      Consumer<WindowLayout> onLayoutChanged,
      Consumer<ThemeMode> onThemeChanged,
      Runnable onFirstWindowShown) {
    this.stage = Objects.requireNonNull(stage, "stage");
    this.theme = new SimpleObjectProperty<>(Objects.requireNonNull(theme, "theme"));
    this.layout = Objects.requireNonNull(layout, "layout");
    this.onLayoutChanged = Objects.requireNonNull(onLayoutChanged, "onLayoutChanged");
    this.onThemeChanged = Objects.requireNonNull(onThemeChanged, "onThemeChanged");
    this.onFirstWindowShown = Objects.requireNonNull(onFirstWindowShown, "onFirstWindowShown");
    this.accounts = new AccountsViewModel(signIn, Platform::runLater);
    this.controls = new AccountControls(accounts, this::workInProgress);
    accounts
        .sessionProperty()
        .addListener(
            (o, was, now) -> {
              if (now != null) {
                open(now);
              }
            });
    accounts.busyProperty().addListener((o, was, now) -> followBusy());
    accounts.noticeProperty().addListener((o, was, notice) -> deliver(notice));
  }

  /** Shows the stage and opens the account used last time (off the FX thread). */
  public void start() {
    showOpening();
    accounts.start();
  }

  /** The window of the open account; null until the first account is open. */
  public AppWiring current() {
    return current;
  }

  public AccountsViewModel accounts() {
    return accounts;
  }

  public AccountControls controls() {
    return controls;
  }

  /** Closes the open window's wiring (the account back end belongs to the app). */
  @Override
  public void close() {
    if (openingTheme != null) {
      openingTheme.dispose();
      openingTheme = null;
    }
    if (current != null) {
      current.close(); // also lets go of the stage
      current = null;
    }
  }

  // ---- internals ----------------------------------------------------------------------------

  /** A new window for the account that just opened, in place of the previous one. */
  private void open(AccountSession session) {
    AccountProfile profile = session.profile();
    ShellViewModel.AccountInfo info =
        new ShellViewModel.AccountInfo(
            AccountsViewModel.describe(profile),
            profile.isSandbox(),
            AccountsViewModel.keysNote(session));
    AppWiring next = new AppWiring(session.client(), info, controls::connect, theme.get(), null);
    next.shell
        .themeModeProperty()
        .addListener(
            (o, was, mode) -> {
              theme.set(mode);
              onThemeChanged.accept(mode);
            });
    next.window.setAccountControls(controls.menuButton(), controls.banner());
    AppWiring previous = current;
    current = next;
    if (previous == null) {
      closeOpeningPane();
      next.window.show(stage, layout, onLayoutChanged);
      onFirstWindowShown.run();
    } else {
      next.window.replace(previous.window, onLayoutChanged);
      // Its client was closed by the sign-in service when this account opened.
      previous.close();
    }
    accountTask = null;
    followBusy();
    if (pendingNotice != null && !accounts.busyProperty().get()) {
      deliver(pendingNotice);
    }
    next.account.refresh();
  }

  /** While an account opens or signs out, the status bar of the open window says so. */
  private void followBusy() {
    if (accountTask != null) {
      accountTask.finish();
      accountTask = null;
    }
    if (current != null && accounts.busyProperty().get()) {
      accountTask = current.activity.start(accounts.busyTextProperty().get());
    }
    if (!accounts.busyProperty().get() && pendingNotice != null) {
      deliver(pendingNotice);
    }
  }

  /** Toasts go to the window that stays: while an account is opening, they wait for it. */
  private void deliver(Activity.Notice notice) {
    if (notice == null) {
      return;
    }
    if (current == null || accounts.busyProperty().get()) {
      pendingNotice = notice;
      return;
    }
    pendingNotice = null;
    current.activity.notify(notice.severity(), notice.text());
  }

  /** What the open window is still sending to Flowroute, for the "leave anyway?" question. */
  private String workInProgress() {
    if (current == null) {
      return null;
    }
    if (current.numbers.batch().runningProperty().get()) {
      return "\""
          + current.numbers.batch().titleProperty().get()
          + "\" is still running: "
          + current.numbers.batch().summaryProperty().get();
    }
    if (current.routeForm.busyProperty().get()) {
      return "A route is still being saved.";
    }
    return null;
  }

  private void showOpening() {
    ProgressIndicator progress = new ProgressIndicator();
    progress.setPrefSize(36, 36);
    progress.visibleProperty().bind(accounts.busyProperty());
    Label text = new Label();
    text.setId("opening-text");
    text.textProperty()
        .bind(
            Bindings.when(accounts.busyProperty())
                .then(accounts.busyTextProperty())
                .otherwise("No account is open."));
    VBox center = new VBox(14, progress, text);
    center.setAlignment(Pos.CENTER);
    opening = new BorderPane(center);
    opening.setId("opening-pane");
    opening.setTop(controls.banner());
    double w = layout.width() != null ? layout.width() : 1320;
    double h = layout.height() != null ? layout.height() : 820;
    Scene scene = new Scene(opening, w, h);
    scene.getStylesheets().add(MainWindow.STYLESHEET);
    openingTheme = new ThemeController(theme, opening);
    stage.setScene(scene);
    stage.setTitle("RouteDesk");
    stage.setMinWidth(1080);
    stage.setMinHeight(560);
    if (layout.x() != null
        && layout.y() != null
        // Where MainWindow.show will put it too: only where some screen shows its top.
        && !Screen.getScreensForRectangle(
                new Rectangle2D(layout.x(), layout.y(), Math.max(100, w / 3), 40))
            .isEmpty()) {
      stage.setX(layout.x());
      stage.setY(layout.y());
    } else {
      stage.centerOnScreen();
    }
    stage.setMaximized(layout.maximized());
    stage.show();
  }

  private void closeOpeningPane() {
    if (opening != null) {
      // The banner moves into the main window; a BorderPane must let go of it first.
      opening.setTop(null);
      opening = null;
    }
    if (openingTheme != null) {
      openingTheme.dispose();
      openingTheme = null;
    }
  }
}
