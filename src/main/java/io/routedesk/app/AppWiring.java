package io.routedesk.app;

import io.routedesk.flowroute.FlowrouteClient;
import io.routedesk.service.AccountService;
import io.routedesk.service.AccountWorkspace;
import io.routedesk.service.AssignmentService;
import io.routedesk.service.BatchReport;
import io.routedesk.service.RouteService;
import io.routedesk.service.plan.AccountReader;
import io.routedesk.service.plan.PlanApplier;
import io.routedesk.ui.drafts.DraftsViewModel;
import io.routedesk.ui.drafts.LocalCopyBanner;
import io.routedesk.ui.drafts.LocalCopyViewModel;
import io.routedesk.ui.history.HistoryMenu;
import io.routedesk.ui.history.HistoryView;
import io.routedesk.ui.history.HistoryViewModel;
import io.routedesk.ui.history.InterruptedBanner;
import io.routedesk.ui.history.InterruptedChangesViewModel;
import io.routedesk.ui.model.AccountState;
import io.routedesk.ui.model.Activity;
import io.routedesk.ui.model.BatchRunner;
import io.routedesk.ui.model.RouteRow;
import io.routedesk.ui.model.ThemeMode;
import io.routedesk.ui.newroute.RouteFormViewModel;
import io.routedesk.ui.numbers.NumbersViewModel;
import io.routedesk.ui.picker.RoutePickerDialog;
import io.routedesk.ui.routes.DeleteRouteFlow;
import io.routedesk.ui.routes.RoutesViewModel;
import io.routedesk.ui.routingfile.AccountCheckView;
import io.routedesk.ui.routingfile.AccountCheckViewModel;
import io.routedesk.ui.routingfile.PlanReviewView;
import io.routedesk.ui.routingfile.RoutingFileDialogs;
import io.routedesk.ui.routingfile.RoutingFileMenus;
import io.routedesk.ui.routingfile.RoutingFileViewModel;
import io.routedesk.ui.shell.DialogPrompts;
import io.routedesk.ui.shell.MainWindow;
import io.routedesk.ui.shell.ShellViewModel;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The hand-written composition of one main window: services on a background executor, view-models
 * on the FX thread, views. Used by the app and by the end-to-end tests, so both run the same
 * wiring.
 *
 * <p>The account's local side (store, drafts, saved copy, reachability) comes in as an {@link
 * AccountWorkspace}, opened beforehand off the FX thread; the window does not own it.
 */
public final class AppWiring implements AutoCloseable {
  public final ExecutorService background;
  public final Activity activity;
  public final AccountWorkspace workspace;
  public final AccountService accountService;
  public final RouteService routeService;
  public final AssignmentService assignmentService;
  public final AccountState account;
  public final ShellViewModel shell;
  public final DraftsViewModel drafts;
  public final NumbersViewModel numbers;
  public final RoutesViewModel routes;
  public final RouteFormViewModel routeForm;
  public final LocalCopyViewModel localCopy;
  public final HistoryViewModel history;
  public final InterruptedChangesViewModel interrupted;
  public final MainWindow window;
  private HistoryView historyView;
  public final RoutingFileViewModel routingFile;
  public final AccountCheckViewModel accountCheck;
  private AccountCheckView accountCheckView;
  private final List<PlanReviewView> planReviews = new ArrayList<>();
  private Function<Window, Optional<Path>> exportRoutingChooser =
      RoutingFileDialogs::chooseExportFile;
  private Function<Window, Optional<Path>> planFileChooser = RoutingFileDialogs::choosePlanFile;
  private BiFunction<Window, String, Optional<Path>> exportFileChooser = HistoryView::saveCsvDialog;

  /**
   * Must run on the FX thread (it builds views).
   *
   * @param connectAccount opens the sign-in flow (owned by the account feature)
   * @param workspace the account's local side (see {@link AccountWorkspace#open})
   */
  public AppWiring(
      FlowrouteClient client,
      ShellViewModel.AccountInfo accountInfo,
      Runnable connectAccount,
      ThemeMode theme,
      AccountWorkspace workspace) {
    // Virtual threads: service callbacks are short and mostly wait on the client.
    this.background =
        Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("routedesk-service-", 0).factory());
    this.activity = new Activity();
    this.workspace = workspace;
    this.accountService = new AccountService(client, background);
    this.routeService = new RouteService(workspace.changes());
    this.assignmentService = new AssignmentService(workspace.changes());
    this.account =
        new AccountState(accountService, workspace.snapshots(), Platform::runLater, activity);
    this.shell = new ShellViewModel(account, activity, accountInfo, connectAccount);
    shell.themeModeProperty().set(theme);
    this.drafts =
        new DraftsViewModel(
            workspace.drafts(), account, activity, Platform::runLater, this::runInBatchPanel);
    this.numbers =
        new NumbersViewModel(account, assignmentService, drafts, activity, Platform::runLater);
    DialogPrompts prompts = new DialogPrompts();
    this.routes =
        new RoutesViewModel(
            account,
            routeService,
            this::runInBatchPanel,
            drafts,
            activity,
            prompts,
            Platform::runLater);
    this.routeForm =
        new RouteFormViewModel(account, routeService, activity, Platform::runLater, drafts);
    this.localCopy =
        new LocalCopyViewModel(
            account,
            drafts,
            workspace.reachability(),
            workspace.openReport(),
            activity,
            Platform::runLater,
            LocalCopyViewModel.systemClock());
    this.window = new MainWindow(shell, routes, numbers, routeForm, prompts);
    window.addBanner(new LocalCopyBanner(localCopy));
    this.history =
        new HistoryViewModel(
            workspace.changes(),
            background,
            Platform::runLater,
            account::routeLabel,
            this::runInBatchPanel,
            ZoneId.systemDefault());
    this.interrupted =
        new InterruptedChangesViewModel(
            workspace.changes(), this::runInBatchPanel, Platform::runLater, ZoneId.systemDefault());
    interrupted.onChoice(history::load);
    window.addBanner(new InterruptedBanner(interrupted));
    HistoryMenu.install(window.root(), this::showHistory);

    PlanApplier applier =
        new PlanApplier(PlanApplier.through(routeService, workspace.changes()), background);
    this.routingFile =
        new RoutingFileViewModel(
            new AccountReader(accountService),
            applier,
            account,
            activity,
            background,
            Platform::runLater,
            history::load);
    DeleteRouteFlow deleteFlow = new DeleteRouteFlow(routes, this::ownerWindow);
    this.accountCheck =
        new AccountCheckViewModel(
            account,
            request -> RoutePickerDialog.pick(ownerWindow(), request),
            this::runInBatchPanel,
            assignmentService,
            routeId -> {
              RouteRow row = account.route(routeId);
              if (row != null) {
                deleteFlow.start(row);
              }
            },
            numbers::select);
    RoutingFileMenus.install(
        window.root(), this::exportRouting, this::importPlan, this::showAccountCheck);
  }

  private Window ownerWindow() {
    return window.root().getScene() == null ? null : window.root().getScene().getWindow();
  }

  /** Where File → Export… and File → Import plan… go instead of asking (tests). */
  public void chooseRoutingFilesWith(
      Function<Window, Optional<Path>> exportTo, Function<Window, Optional<Path>> planFrom) {
    this.exportRoutingChooser = exportTo;
    this.planFileChooser = planFrom;
  }

  /** File → Export…: asks where, then exports in the background (a toast says how it went). */
  public void exportRouting() {
    exportRoutingChooser.apply(ownerWindow()).ifPresent(routingFile::export);
  }

  /** File → Import plan…: asks for the file, makes the plan, then shows it for review. */
  public void importPlan() {
    planFileChooser
        .apply(ownerWindow())
        .ifPresent(
            file ->
                routingFile
                    .importPlan(file)
                    .thenAccept(
                        review -> {
                          PlanReviewView view = new PlanReviewView(review, ownerWindow());
                          planReviews.add(view);
                          view.stage().setOnHidden(e -> planReviews.remove(view));
                          view.show();
                        }));
  }

  /** The plan review windows open now (tests). */
  public List<PlanReviewView> planReviews() {
    return List.copyOf(planReviews);
  }

  /** View → Account check…: checks the account and shows the findings. */
  public AccountCheckView showAccountCheck() {
    if (accountCheckView == null) {
      accountCheckView = new AccountCheckView(accountCheck, ownerWindow());
    }
    accountCheckView.show();
    return accountCheckView;
  }

  /** Where History's exports go instead of asking with a file dialog (tests). */
  public void chooseExportFilesWith(BiFunction<Window, String, Optional<Path>> chooser) {
    this.exportFileChooser = chooser;
  }

  /** Opens (or brings to the front) the account's History window. */
  public HistoryView showHistory() {
    if (historyView == null) {
      historyView =
          new HistoryView(
              history,
              window.root().getScene() == null ? null : window.root().getScene().getWindow(),
              exportFileChooser);
    }
    historyView.show();
    return historyView;
  }

  /**
   * Shows the saved copy and the drafts at once, then refreshes from Flowroute in the background.
   * Call on the FX thread once the window is shown.
   */
  public CompletableFuture<Void> start() {
    // A change a crash cut off is offered for a decision once its numbers have been re-read.
    interrupted.show(workspace.interrupted());
    return localCopy.start(workspace.resumed());
  }

  /**
   * Publishing drafts, and moving numbers off a route before deleting it, show their per-number
   * results in the numbers panel's batch panel.
   */
  private CompletableFuture<BatchReport> runInBatchPanel(
      String description, List<String> numberIds, BatchRunner.Call call) {
    return numbers.runElsewhere(description, numberIds, call);
  }

  @Override
  public void close() {
    // They show this account: none may outlive the window (switching accounts).
    planReviews.forEach(v -> closeStage(v.stage()));
    if (accountCheckView != null) {
      closeStage(accountCheckView.stage());
    }
    if (historyView != null) {
      closeStage(historyView.stage());
    }
    account.cancelLoading();
    window.dispose();
    background.shutdownNow();
  }

  private static void closeStage(Stage stage) {
    if (Platform.isFxApplicationThread()) {
      stage.close();
    } else {
      Platform.runLater(stage::close);
    }
  }
}
