package io.routedesk.app;

import io.routedesk.sandbox.DemoSeed;
import io.routedesk.store.AppDirs;
import io.routedesk.store.UiSettings;
import io.routedesk.store.UiSettingsFile;
import io.routedesk.ui.common.AppIcons;
import io.routedesk.ui.common.ThemeMode;
import io.routedesk.ui.shell.WindowLayout;
import java.lang.management.ManagementFactory;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JavaFX application: composition root. Opens the account used last time (its keys come from
 * the OS keystore, read off the FX thread); with none, or when its keys cannot be read, the window
 * opens on the built-in sandbox with a banner saying why and what to do.
 */
public final class RouteDeskApp extends Application {
  private static final Logger LOG = LoggerFactory.getLogger(RouteDeskApp.class);

  private UiSettingsFile settingsFile;
  private UiSettings settings = UiSettings.DEFAULT;
  private SettingsSaver saver;
  private AppDirs dirs;
  private AccountsWiring accounts;
  private MainWindowHost host;

  /** Runs on the launcher thread, so reading files never blocks the UI. */
  @Override
  public void init() throws Exception {
    dirs = AppDirs.forCurrentUser();
    settingsFile = UiSettingsFile.in(dirs);
    settings = settingsFile.load();
    saver = new SettingsSaver(settingsFile);
    // Nothing slow here: the keystore is probed, and the sandbox started, only when needed.
    accounts = AccountsWiring.forThisSystem(dirs, sandboxSeed());
  }

  @Override
  public void start(Stage stage) {
    AppIcons.apply(stage);
    host =
        new MainWindowHost(
            stage,
            accounts.signIn,
            dirs,
            ThemeMode.parse(settings.theme()),
            layoutOf(settings),
            layout -> {
              settings = withLayout(settings, layout);
              saver.save(settings);
            },
            mode -> {
              settings = withTheme(settings, mode);
              saver.save(settings);
            },
            RouteDeskApp::logReady);
    host.start();
  }

  @Override
  public void stop() {
    if (saver != null) {
      saver.close();
    }
    if (host != null) {
      host.close();
    }
    if (accounts != null) {
      accounts.close();
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
    exitLaterIfAsked();
  }

  /**
   * {@code -Droutedesk.exitAfterReadyMs=N}: quit normally N ms after the window shows. The
   * installer build uses it for the training run that records the JDK's AOT cache
   * (packaging/aot-train.sh): the cache is written when the JVM exits normally, and a killed
   * process writes none.
   */
  private static void exitLaterIfAsked() {
    Long delayMs = Long.getLong("routedesk.exitAfterReadyMs");
    if (delayMs != null) {
      LOG.info("Quitting in {} ms (routedesk.exitAfterReadyMs)", delayMs);
      PauseTransition delay = new PauseTransition(Duration.millis(delayMs));
      delay.setOnFinished(e -> Platform.exit());
      delay.play();
    }
  }
}
