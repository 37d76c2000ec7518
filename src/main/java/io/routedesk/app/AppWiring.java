package io.routedesk.app;

import io.routedesk.flowroute.FlowrouteClient;
import io.routedesk.service.AccountService;
import io.routedesk.service.AssignmentService;
import io.routedesk.service.RouteService;
import io.routedesk.ui.common.AccountState;
import io.routedesk.ui.common.Activity;
import io.routedesk.ui.common.ThemeMode;
import io.routedesk.ui.newroute.RouteFormViewModel;
import io.routedesk.ui.numbers.NumbersViewModel;
import io.routedesk.ui.routes.RoutesViewModel;
import io.routedesk.ui.shell.MainWindow;
import io.routedesk.ui.shell.ShellViewModel;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;

/**
 * The hand-written composition of one main window: services on a background executor, view-models
 * on the FX thread, views. Used by the app and by the end-to-end tests, so both run the same
 * wiring.
 */
public final class AppWiring implements AutoCloseable {
  public final ExecutorService background;
  public final Activity activity;
  public final AccountService accountService;
  public final RouteService routeService;
  public final AssignmentService assignmentService;
  public final AccountState account;
  public final ShellViewModel shell;
  public final NumbersViewModel numbers;
  public final RoutesViewModel routes;
  public final RouteFormViewModel routeForm;
  public final MainWindow window;

  /**
   * Must run on the FX thread (it builds views).
   *
   * @param connectAccount opens the sign-in flow (owned by the account feature)
   * @param draftSaver "Save as draft" in the route form, or null while drafts are not wired
   */
  public AppWiring(
      FlowrouteClient client,
      ShellViewModel.AccountInfo accountInfo,
      Runnable connectAccount,
      ThemeMode theme,
      RouteFormViewModel.DraftSaver draftSaver) {
    // Virtual threads: service callbacks are short and mostly wait on the client.
    this.background =
        Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("routedesk-service-", 0).factory());
    this.activity = new Activity();
    this.accountService = new AccountService(client, background);
    this.routeService = new RouteService(client);
    this.assignmentService = new AssignmentService(client, background);
    this.account = new AccountState(accountService, Platform::runLater, activity);
    this.shell = new ShellViewModel(account, activity, accountInfo, connectAccount);
    shell.themeModeProperty().set(theme);
    this.numbers = new NumbersViewModel(account, assignmentService, activity, Platform::runLater);
    this.routes =
        new RoutesViewModel(
            account, routeService, numbers::runWithoutUndo, activity, Platform::runLater);
    this.routeForm =
        new RouteFormViewModel(account, routeService, activity, Platform::runLater, draftSaver);
    this.window = new MainWindow(shell, routes, numbers, routeForm);
  }

  @Override
  public void close() {
    window.dispose();
    background.shutdownNow();
  }
}
