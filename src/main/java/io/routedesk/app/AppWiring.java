package io.routedesk.app;

import io.routedesk.flowroute.FlowrouteClient;
import io.routedesk.service.AccountService;
import io.routedesk.service.AccountWorkspace;
import io.routedesk.service.AssignmentService;
import io.routedesk.service.BatchReport;
import io.routedesk.service.RouteService;
import io.routedesk.ui.drafts.DraftsViewModel;
import io.routedesk.ui.drafts.LocalCopyBanner;
import io.routedesk.ui.drafts.LocalCopyViewModel;
import io.routedesk.ui.model.AccountState;
import io.routedesk.ui.model.Activity;
import io.routedesk.ui.model.BatchRunner;
import io.routedesk.ui.model.ThemeMode;
import io.routedesk.ui.newroute.RouteFormViewModel;
import io.routedesk.ui.numbers.NumbersViewModel;
import io.routedesk.ui.routes.RoutesViewModel;
import io.routedesk.ui.shell.DialogPrompts;
import io.routedesk.ui.shell.MainWindow;
import io.routedesk.ui.shell.ShellViewModel;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;

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
  public final MainWindow window;

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
    this.routeService = new RouteService(client);
    this.assignmentService = new AssignmentService(client, background);
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
            numbers::runWithoutUndo,
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
  }

  /**
   * Shows the saved copy and the drafts at once, then refreshes from Flowroute in the background.
   * Call on the FX thread once the window is shown.
   */
  public CompletableFuture<Void> start() {
    return localCopy.start(workspace.resumed());
  }

  /** Publishing drafts shows its per-number results in the numbers panel's batch panel. */
  private CompletableFuture<BatchReport> runInBatchPanel(
      String description, List<String> numberIds, BatchRunner.Call call) {
    return numbers.runElsewhere(description, numberIds, call);
  }

  @Override
  public void close() {
    account.cancelLoading();
    window.dispose();
    background.shutdownNow();
  }
}
