package io.routedesk.app;

import io.routedesk.flowroute.FlowrouteClient;
import io.routedesk.flowroute.OkHttpFlowrouteClient;
import io.routedesk.sandbox.DemoSeed;
import io.routedesk.sandbox.FlowrouteSandbox;
import io.routedesk.store.AppDirs;
import io.routedesk.store.UiSettings;
import io.routedesk.store.UiSettingsFile;
import io.routedesk.ui.common.AppIcons;
import io.routedesk.ui.common.Dialogs;
import io.routedesk.ui.common.ThemeMode;
import io.routedesk.ui.shell.ShellViewModel;
import io.routedesk.ui.shell.WindowLayout;
import java.lang.management.ManagementFactory;
import javafx.application.Application;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JavaFX application: composition root for the window. With no Flowroute account set up it
 * opens the window on the embedded sandbox, with a banner saying so and a "Connect account" action.
 */
public final class RouteDeskApp extends Application {
  private static final Logger LOG = LoggerFactory.getLogger(RouteDeskApp.class);

  private UiSettingsFile settingsFile;
  private UiSettings settings = UiSettings.DEFAULT;
  private SettingsSaver saver;
  private FlowrouteSandbox sandbox;
  private FlowrouteClient client;
  private AppWiring wiring;

  /** Runs on the launcher thread, so reading files and starting the sandbox never block the UI. */
  @Override
  public void init() throws Exception {
    settingsFile = UiSettingsFile.in(AppDirs.forCurrentUser());
    settings = settingsFile.load();
    saver = new SettingsSaver(settingsFile);
    sandbox = FlowrouteSandbox.builder().seed(sandboxSeed()).start();
    client =
        OkHttpFlowrouteClient.builder()
            .baseUrl(sandbox.baseUrl())
            .credentials(sandbox.accessKey(), sandbox.secretKey())
            .build();
  }

  @Override
  public void start(Stage stage) {
    AppIcons.apply(stage);
    AccountConnector connector = RouteDeskApp::signInNotInThisBuild;
    wiring =
        new AppWiring(
            client,
            new ShellViewModel.AccountInfo("Sandbox account (simulated)", true),
            () -> connector.connect(stage),
            ThemeMode.parse(settings.theme()),
            null);
    wiring
        .shell
        .themeModeProperty()
        .addListener(
            (o, a, mode) -> {
              settings = withTheme(settings, mode);
              saver.save(settings);
            });
    stage.addEventHandler(WindowEvent.WINDOW_SHOWN, e -> logReady());
    wiring.window.show(
        stage,
        layoutOf(settings),
        layout -> {
          settings = withLayout(settings, layout);
          saver.save(settings);
        });
    wiring.account.refresh();
  }

  @Override
  public void stop() {
    if (saver != null) {
      saver.close();
    }
    if (wiring != null) {
      wiring.close();
    }
    if (client != null) {
      client.close();
    }
    if (sandbox != null) {
      sandbox.close();
    }
  }

  /** The demo account's size: small unless -Droutedesk.sandbox.numbers asks for more. */
  private static DemoSeed sandboxSeed() {
    Integer numbers = Integer.getInteger("routedesk.sandbox.numbers");
    if (numbers == null) {
      return DemoSeed.small();
    }
    int routes = Integer.getInteger("routedesk.sandbox.routes", Math.max(8, numbers / 10));
    return DemoSeed.of(numbers, routes, DemoSeed.DEFAULT_SEED);
  }

  /**
   * Until the sign-in dialog is wired in, says so instead of silently doing nothing. Replaced by
   * SignInDialog when the account feature lands.
   */
  private static void signInNotInThisBuild(javafx.stage.Window owner) {
    Alert a =
        new Alert(
            Alert.AlertType.INFORMATION,
            "Signing in with your Flowroute API keys is not part of this build yet. The sandbox"
                + " keeps working in the meantime.",
            ButtonType.OK);
    Dialogs.adopt(a, owner);
    a.setTitle("Connect account");
    a.setHeaderText("Connect your Flowroute account");
    a.showAndWait();
  }

  static WindowLayout layoutOf(UiSettings s) {
    return new WindowLayout(
        s.windowX(),
        s.windowY(),
        s.windowWidth(),
        s.windowHeight(),
        s.maximized(),
        s.routesDivider());
  }

  static UiSettings withLayout(UiSettings s, WindowLayout l) {
    return new UiSettings(
        s.theme(), l.x(), l.y(), l.width(), l.height(), l.maximized(), l.routesDivider());
  }

  static UiSettings withTheme(UiSettings s, ThemeMode mode) {
    return new UiSettings(
        mode.name(),
        s.windowX(),
        s.windowY(),
        s.windowWidth(),
        s.windowHeight(),
        s.maximized(),
        s.routesDivider());
  }

  /** The readiness line that installer smoke tests and start-up benchmarks wait for. */
  private static void logReady() {
    long sinceJvmStart =
        System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    LOG.info("READY main window shown {} ms after JVM start", sinceJvmStart);
  }
}
