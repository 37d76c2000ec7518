package io.routedesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.routedesk.flowroute.FlowrouteClient;
import io.routedesk.flowroute.OkHttpFlowrouteClient;
import io.routedesk.flowroute.RetryPolicy;
import io.routedesk.sandbox.DemoSeed;
import io.routedesk.sandbox.FlowrouteSandbox;
import io.routedesk.service.AccountWorkspace;
import io.routedesk.service.ReachabilityWatcher;
import io.routedesk.ui.model.LoadState;
import io.routedesk.ui.model.NumberRow;
import io.routedesk.ui.model.RouteRow;
import io.routedesk.ui.model.ThemeMode;
import io.routedesk.ui.shell.ShellViewModel;
import io.routedesk.ui.shell.WindowLayout;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import javafx.scene.Node;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Opens the real window (same wiring as the app) on an embedded sandbox reached over loopback HTTP
 * by the real OkHttp client, headless under Monocle.
 */
abstract class WindowTestBase extends FxRobot {
  // The window fits Monocle's default headless screen (1280x800): another test class may have
  // started the toolkit first, so a bigger screen cannot be counted on.

  protected FlowrouteSandbox sandbox;
  protected FlowrouteClient client;
  protected AppWiring app;
  protected Stage stage;

  /** The demo account to open; the small one (25 numbers, 8 routes) unless overridden. */
  protected DemoSeed seed() {
    return DemoSeed.small();
  }

  /** Lets a test use a client with another retry policy, or a decorated one. */
  protected FlowrouteClient client(FlowrouteSandbox s) {
    return OkHttpFlowrouteClient.builder()
        .baseUrl(s.baseUrl())
        .credentials(s.accessKey(), s.secretKey())
        .retryPolicy(
            new RetryPolicy(
                3, Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofSeconds(5)))
        .build();
  }

  protected UnaryOperator<FlowrouteClient> decorate() {
    return UnaryOperator.identity();
  }

  /** The account's local data (drafts, saved copy) lives here, one folder per test. */
  @TempDir protected Path localData;

  protected AccountWorkspace workspace;

  /**
   * How often the app probes Flowroute while offline: quickly, so tests need not wait. Not while
   * online (an hour): these tests say themselves when Flowroute goes away and what notices it.
   */
  protected ReachabilityWatcher.Schedule probeSchedule() {
    return new ReachabilityWatcher.Schedule(
        Duration.ofMillis(300), Duration.ofMillis(600), Duration.ofHours(1));
  }

  protected Path databaseFile() {
    return localData.resolve("sandbox.db");
  }

  @BeforeEach
  void openWindow() throws Exception {
    sandbox = FlowrouteSandbox.builder().seed(seed()).start();
    client = decorate().apply(client(sandbox));
    openApp();
    waitUntil(
        () ->
            app.account.routingStateProperty().get() == LoadState.LOADED
                && app.account.numbers().size() == sandbox.account().numberCount(),
        20);
  }

  /** Opens the window (and its workspace) on {@link #client}, as the app does at start. */
  protected void openApp() throws Exception {
    workspace =
        AccountWorkspace.open(databaseFile(), "sandbox", client, probeSchedule())
            .get(20, TimeUnit.SECONDS);
    stage = FxToolkit.registerPrimaryStage();
    FxToolkit.setupFixture(
        () -> {
          app =
              new AppWiring(
                  client,
                  new ShellViewModel.AccountInfo("Sandbox account (simulated)", true),
                  () -> {},
                  ThemeMode.LIGHT,
                  workspace);
          app.window.show(stage, new WindowLayout(0.0, 0.0, 1270.0, 790.0, false, 0.4), l -> {});
          app.start();
        });
  }

  /** Closes the window and its workspace, as quitting the app does (the sandbox keeps running). */
  protected void closeApp() throws Exception {
    FxToolkit.cleanupStages();
    if (app != null) {
      app.close();
      app = null;
    }
    if (workspace != null) {
      workspace.close();
      workspace = null;
    }
  }

  @AfterEach
  void closeWindow() throws Exception {
    closeApp();
    if (client != null) {
      client.close();
    }
    if (sandbox != null) {
      sandbox.close();
    }
  }

  // ---- helpers ------------------------------------------------------------------------------

  protected static void waitUntil(Callable<Boolean> condition, int seconds) throws Exception {
    WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
    WaitForAsyncUtils.waitForFxEvents();
  }

  protected TableView<NumberRow> numbersTable() {
    return app.window.numbersView().tableView();
  }

  protected TableView<RouteRow> routesTable() {
    return app.window.routesView().tableView();
  }

  /** The visible table row showing a number (scrolled into view first). */
  @SuppressWarnings("unchecked")
  protected TableRow<NumberRow> numberRow(String number) {
    NumberRow item = app.account.number(number);
    interact(() -> numbersTable().scrollTo(item));
    WaitForAsyncUtils.waitForFxEvents();
    return (TableRow<NumberRow>)
        from(numbersTable()).lookup(".table-row-cell").queryAll().stream()
            .filter(n -> n instanceof TableRow<?> r && r.getItem() == item)
            .findFirst()
            .orElseThrow(() -> new AssertionError("row of " + number + " not visible"));
  }

  @SuppressWarnings("unchecked")
  protected TableRow<RouteRow> routeRow(String routeId) {
    RouteRow item = app.account.route(routeId);
    interact(() -> routesTable().scrollTo(item));
    WaitForAsyncUtils.waitForFxEvents();
    return (TableRow<RouteRow>)
        from(routesTable()).lookup(".table-row-cell").queryAll().stream()
            .filter(n -> n instanceof TableRow<?> r && r.getItem() == item)
            .findFirst()
            .orElseThrow(() -> new AssertionError("route row " + routeId + " not visible"));
  }

  /** The cell of a row in the column with the given id ("col-primary", "col-failover"). */
  protected Node cell(TableRow<?> row, String columnId) {
    return from(row).lookup(".table-cell").queryAll().stream()
        .filter(n -> n instanceof TableCell<?, ?> c && columnId.equals(c.getTableColumn().getId()))
        .findFirst()
        .orElseThrow();
  }

  /** The id of a route by alias, as the sandbox knows it. */
  protected String routeId(String alias) {
    return sandbox.account().routes().stream()
        .filter(r -> alias.equals(r.alias()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no route " + alias))
        .id();
  }

  /** Numbers of the account in table order (first rows are visible without scrolling). */
  protected String number(int index) {
    return numbersTable().getItems().get(index).number();
  }

  protected void select(String... numbers) {
    interact(
        () -> {
          numbersTable().getSelectionModel().clearSelection();
          for (String n : numbers) {
            numbersTable().getSelectionModel().select(app.account.number(n));
          }
        });
    assertThat(app.numbers.selection()).hasSize(numbers.length);
  }

  /** Waits for the route picker, types into its filter and picks the first match with Enter. */
  protected void pickRoute(String text) throws Exception {
    waitUntil(
        () -> lookup(".route-picker .text-field").tryQuery().map(Node::isFocused).orElse(false), 5);
    // Key presses, not write(): TestFX's write() sends characters to the first window that
    // claims focus, which under Monocle is the main window rather than the dialog.
    for (char c : text.toCharArray()) {
      type(keyOf(c));
    }
    assertThat(lookup(".route-picker .text-field").queryAs(TextField.class).getText())
        .isEqualTo(text);
    type(KeyCode.ENTER);
  }

  protected static KeyCode keyOf(char c) {
    if (c == '-') {
      return KeyCode.MINUS;
    }
    if (Character.isDigit(c)) {
      return KeyCode.valueOf("DIGIT" + c);
    }
    return KeyCode.valueOf(String.valueOf(Character.toUpperCase(c)));
  }
}
