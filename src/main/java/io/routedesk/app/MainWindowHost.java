package io.routedesk.app;

import io.routedesk.service.AccountSession;
import io.routedesk.service.AccountWorkspace;
import io.routedesk.service.SignInService;
import io.routedesk.store.AccountProfile;
import io.routedesk.store.AppDirs;
import io.routedesk.ui.account.AccountControls;
import io.routedesk.ui.account.AccountsViewModel;
import io.routedesk.ui.model.Activity;
import io.routedesk.ui.model.ThemeMode;
import io.routedesk.ui.shell.AboutInfo;
import io.routedesk.ui.shell.MainWindow;
import io.routedesk.ui.shell.ShellViewModel;
import io.routedesk.ui.shell.ThemeController;
import io.routedesk.ui.shell.WindowLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the main window on the stage showing the open account. Each account that opens gets a fresh
 * {@link AppWiring} (services, view-models and views over that account's client), which takes the
 * previous one's place on the stage; the previous one is then closed. So nothing of one account
 * (undo history, an open form, loads still arriving) can reach another.
 *
 * <p>Until the first account is open (the keystore is read off the FX thread), the stage shows a
 * small "Opening your account…" pane. The account menu and banner are built once and move into each
 * new window. FX thread only.
 *
 * <p>Each account's local side (its SQLite store with drafts and the saved copy) is an {@link
 * AccountWorkspace}, opened off the FX thread before the account's window is built, and closed (off
 * the FX thread too) when another account takes its place.
 */
public final class MainWindowHost implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MainWindowHost.class);

  private final Stage stage;
  private final SignInService signIn;
  private final AppDirs dirs;
  private AboutInfo about;
  private Consumer<String> openLink = url -> {};
  private Runnable quit = Platform::exit;
  private final AccountsViewModel accounts;
  private final AccountControls controls;
  // Where the window was last time, until the opening pane has put the stage on a screen; then
  // where it put it.
  private WindowLayout layout;
  private final Consumer<WindowLayout> onLayoutChanged;
  private final Consumer<ThemeMode> onThemeChanged;
  private final Runnable onFirstWindowShown;
  private final ObjectProperty<ThemeMode> theme;
  private AppWiring current;
  private AccountsWiring sandboxOwner;
  private AccountWorkspace currentWorkspace;
  private long openings;
  // True while the next account's window waits for its local data: notices wait for that window.
  private final BooleanProperty windowPending = new SimpleBooleanProperty();
  private BorderPane opening;
  private boolean openingPainted;
  private final List<Runnable> afterOpeningPainted = new ArrayList<>();
  private ThemeController openingTheme;
  private Activity.Task accountTask;
  private Activity.Notice pendingNotice;
  private AccountsViewModel.Startup firstAccount;
  // The first account's workspace, opened ahead at start-up until that account's window takes it.
  private CompletableFuture<Prepared> firstWorkspace;

  private record Prepared(AccountSession session, AccountWorkspace workspace) {}

  /**
   * @param dirs where each account's local data lives
   * @param layout where the window was last time
   * @param onLayoutChanged remembers the window's place and split (called on every change)
   * @param onThemeChanged remembers the theme the user picked
   * @param onFirstWindowShown called once the first account's window is on screen
   */
  public MainWindowHost(
      Stage stage,
      SignInService signIn,
      AppDirs dirs,
      ThemeMode theme,
      WindowLayout layout,
      Consumer<WindowLayout> onLayoutChanged,
      Consumer<ThemeMode> onThemeChanged,
      Runnable onFirstWindowShown) {
    this.stage = Objects.requireNonNull(stage, "stage");
    this.signIn = Objects.requireNonNull(signIn, "signIn");
    this.dirs = Objects.requireNonNull(dirs, "dirs");
    this.about = AboutInfo.of(dirs.data(), dirs.logs());
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
    start(AccountsViewModel.beginStart(signIn));
  }

  /**
   * Shows the stage, then the account whose opening the app began before the window existed ({@link
   * AccountsViewModel#beginStart} over the same sign-in service).
   */
  public void start(AccountsViewModel.Startup firstAccount) {
    this.firstAccount = firstAccount;
    // Its local data opens as soon as the account is open, on background threads: the FX thread
    // is busy with the opening pane meanwhile, and the window needs both.
    firstWorkspace =
        firstAccount
            .opened()
            .thenCompose(
                session ->
                    session == null
                        ? CompletableFuture.completedFuture(null)
                        : openWorkspace(session).thenApply(w -> new Prepared(session, w)));
    showOpening();
    accounts.start(firstAccount);
  }

  /**
   * The built-in sandbox's window offers "Reset sandbox" through {@code accounts}, and tells what
   * went wrong loading its saved account. Call before {@link #start}.
   */
  void useSandboxOf(AccountsWiring accounts) {
    this.sandboxOwner = Objects.requireNonNull(accounts, "accounts");
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
    openings++; // a workspace still opening is closed when it arrives
    if (firstWorkspace != null) {
      firstWorkspace.thenAccept(p -> closeInBackground(p == null ? null : p.workspace()));
      firstWorkspace = null;
    }
    if (current != null) {
      current.close(); // also lets go of the stage
      current = null;
    }
    if (currentWorkspace != null) {
      // At exit: the store is closed (its last writes committed) before the JVM ends.
      currentWorkspace.close();
      currentWorkspace = null;
    }
  }

  // ---- internals ----------------------------------------------------------------------------

  /**
   * Opens the account's local data off the FX thread, then its window. When another account opens
   * meanwhile, this one's workspace is closed unused.
   */
  private void open(AccountSession session) {
    long opening = ++openings;
    windowPending.set(true);
    workspaceFor(session)
        .thenAcceptAsync(
            workspace -> {
              if (opening != openings) {
                closeInBackground(workspace);
                return;
              }
              // Building a window takes the FX thread for a while: not before the opening pane is
              // on screen, or the stage stays black meanwhile.
              whenOpeningPainted(
                  () -> {
                    if (opening != openings) {
                      closeInBackground(workspace);
                      return;
                    }
                    show(session, workspace);
                  });
            },
            Platform::runLater);
  }

  /** Runs the action once the opening pane has been painted (at once when it was, or is gone). */
  private void whenOpeningPainted(Runnable action) {
    if (opening == null || openingPainted) {
      action.run();
    } else {
      afterOpeningPainted.add(action);
    }
  }

  /** The workspace opened ahead for this session at start-up, else a new one. FX thread. */
  private CompletableFuture<AccountWorkspace> workspaceFor(AccountSession session) {
    CompletableFuture<Prepared> prepared = firstWorkspace;
    if (prepared == null || !firstAccount.isDone()) {
      // Until start-up has opened its account, any other one (signed in meanwhile) opens apart.
      return openWorkspace(session);
    }
    firstWorkspace = null;
    return prepared
        .exceptionally(e -> null) // opened again below, which reports what goes wrong
        .thenCompose(
            p -> {
              if (p != null && p.session() == session) {
                return CompletableFuture.completedFuture(p.workspace());
              }
              // Start-up's account was replaced before its window came: not this one's data.
              if (p != null) {
                closeInBackground(p.workspace());
              }
              return openWorkspace(session);
            });
  }

  /** Opens the account's local data off the FX thread; in memory if SQLite cannot run at all. */
  private CompletableFuture<AccountWorkspace> openWorkspace(AccountSession session) {
    String id = session.profile().id();
    return AccountWorkspace.open(dirs, id, session.client())
        .exceptionallyCompose(
            e -> {
              // Only a broken SQLite engine gets here (a bad file is moved aside and replaced):
              // the window still opens, with drafts kept for this session only.
              LOG.error("The local data of {} could not be opened; working in memory", id, e);
              return AccountWorkspace.openInMemory(id, session.client());
            });
  }

  /**
   * Runs the action after the first pulse that styled and laid out the scene, when its first frame
   * goes to the screen: a window just shown has not been painted yet, and building its first frame
   * (CSS, layout) is a large part of start-up, so "shown" is timed from here.
   */
  private static void afterFirstLayout(Scene scene, Runnable action) {
    scene.addPostLayoutPulseListener(
        new Runnable() {
          private boolean done;

          @Override
          public void run() {
            if (!done) {
              done = true;
              // Removed after this pulse: the scene is going through its listeners right now.
              Platform.runLater(() -> scene.removePostLayoutPulseListener(this));
              action.run();
            }
          }
        });
  }

  private static void closeInBackground(AccountWorkspace workspace) {
    if (workspace != null) {
      Thread.ofVirtual().name("routedesk-close-workspace").start(workspace::close);
    }
  }

  /**
   * A new window for the account that just opened. It takes the previous one's place once its saved
   * copy is in its lists, so its first frame shows all of it (or, with none, the lists'
   * placeholders), never tables filling in row by row; the previous window or the opening pane
   * stays on screen meanwhile.
   */
  private void show(AccountSession session, AccountWorkspace workspace) {
    AccountProfile profile = session.profile();
    ShellViewModel.AccountInfo info =
        new ShellViewModel.AccountInfo(
            AccountsViewModel.describe(profile),
            profile.isSandbox(),
            AccountsViewModel.keysNote(session));
    AppWiring next =
        new AppWiring(session.client(), info, controls::connect, theme.get(), workspace);
    next.window.useAppServices(about, openLink, quit, this::workInProgress);
    next.shell
        .themeModeProperty()
        .addListener(
            (o, was, mode) -> {
              theme.set(mode);
              onThemeChanged.accept(mode);
            });
    if (profile.isSandbox() && sandboxOwner != null) {
      next.shell.allowSandboxReset(sandboxOwner::resetSandbox, Platform::runLater);
      String problem = sandboxOwner.takeSandboxStartProblem();
      if (problem != null) {
        next.activity.notify(Activity.Severity.WARNING, problem);
      }
    }
    long opening = openings;
    next.account
        .showCached()
        .handle((snapshot, e) -> null) // a copy that cannot be read shows nothing; it said why
        .thenRunAsync(
            () -> {
              if (opening != openings) {
                // Another account (or the end of the app) came first.
                next.close();
                closeInBackground(workspace);
                return;
              }
              putOnStage(next, workspace);
            },
            Platform::runLater);
    // The drafts, then a refresh from Flowroute behind the saved copy.
    next.start();
  }

  private void putOnStage(AppWiring next, AccountWorkspace workspace) {
    windowPending.set(false);
    next.window.setAccountControls(controls.menuButton(), controls.banner());
    AppWiring previous = current;
    AccountWorkspace previousWorkspace = currentWorkspace;
    current = next;
    currentWorkspace = workspace;
    if (previous == null) {
      closeOpeningPane();
      next.window.show(stage, layout, onLayoutChanged);
      afterFirstLayout(stage.getScene(), onFirstWindowShown);
    } else {
      next.window.replace(previous.window, onLayoutChanged);
      // Its client was closed by the sign-in service when this account opened.
      previous.close();
    }
    closeInBackground(previousWorkspace);
    accountTask = null;
    followBusy();
    if (pendingNotice != null && !accounts.busyProperty().get()) {
      deliver(pendingNotice);
    }
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
    if (current == null || accounts.busyProperty().get() || windowPending.get()) {
      pendingNotice = notice;
      return;
    }
    pendingNotice = null;
    current.activity.notify(notice.severity(), notice.text());
  }

  /** What the open window is still sending to Flowroute, for the "leave anyway?" question. */
  /**
   * What each account's window gets for Help → About, Help → Documentation and File → Quit (the
   * application's details, its HostServices, Platform.exit).
   */
  void useAppServices(AboutInfo about, Consumer<String> openLink, Runnable quit) {
    this.about = Objects.requireNonNull(about, "about");
    this.openLink = Objects.requireNonNull(openLink, "openLink");
    this.quit = Objects.requireNonNull(quit, "quit");
  }

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
    if (current.routingFile.applyingProperty().get() > 0) {
      return "A routing file is still being applied.";
    }
    return null;
  }

  private void showOpening() {
    ProgressIndicator progress = new ProgressIndicator();
    progress.setPrefSize(36, 36);
    progress.visibleProperty().bind(accounts.busyProperty().or(windowPending));
    Label text = new Label();
    text.setId("opening-text");
    text.textProperty()
        .bind(
            Bindings.when(accounts.busyProperty())
                .then(accounts.busyTextProperty())
                .otherwise(
                    Bindings.when(windowPending)
                        .then("Opening your account…")
                        .otherwise("No account is open.")));
    VBox center = new VBox(14, progress, text);
    center.setAlignment(Pos.CENTER);
    opening = new BorderPane(center);
    opening.setId("opening-pane");
    opening.setTop(controls.banner());
    // Entirely on a screen of the ones there are now; the main window keeps this place.
    layout = MainWindow.layoutOnScreen(layout);
    Scene scene = new Scene(opening, layout.width(), layout.height());
    scene.getStylesheets().add(MainWindow.STYLESHEET);
    openingTheme = new ThemeController(theme, opening);
    stage.setScene(scene);
    stage.setTitle("RouteDesk");
    MainWindow.place(stage, layout);
    stage.show();
    // After the pulse that laid it out: that pulse's frame is on its way to the screen.
    afterFirstLayout(scene, () -> Platform.runLater(this::openingPainted));
  }

  private void openingPainted() {
    openingPainted = true;
    List<Runnable> waiting = List.copyOf(afterOpeningPainted);
    afterOpeningPainted.clear();
    waiting.forEach(Runnable::run);
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
