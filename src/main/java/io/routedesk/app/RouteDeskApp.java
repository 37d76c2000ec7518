package io.routedesk.app;

import io.routedesk.store.AppDirs;
import io.routedesk.store.UiSettings;
import io.routedesk.store.UiSettingsFile;
import io.routedesk.ui.account.AccountsViewModel;
import io.routedesk.ui.controls.AppIcons;
import io.routedesk.ui.controls.Icons;
import io.routedesk.ui.model.ThemeMode;
import io.routedesk.ui.shell.AboutInfo;
import io.routedesk.ui.shell.ThemeController;
import io.routedesk.ui.shell.WindowLayout;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
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
  private AccountsViewModel.Startup firstAccount;

  /**
   * Runs on the launcher thread, so reading files never blocks the UI. Takes what the {@link
   * Launcher} began preparing while the toolkit started ({@link EarlyStart}): by now the last used
   * account is already opening.
   */
  @Override
  public void init() throws Exception {
    // The icon fonts load beside the FX thread's first work (its first icon would otherwise load
    // them): start() begins at once, with the theme and the window icons.
    Thread.ofPlatform().daemon().name("routedesk-icon-fonts").start(RouteDeskApp::loadIconFonts);
    EarlyStart.Prepared prepared = EarlyStart.take();
    dirs = prepared.dirs();
    accounts = prepared.accounts();
    firstAccount = prepared.firstAccount();
    settingsFile = prepared.settingsFile();
    settings = prepared.settings();
    saver = new SettingsSaver(settingsFile);
  }

  @Override
  public void start(Stage stage) {
    // First: before any control exists (see ThemeController.applyBeforeFirstControl).
    ThemeController.applyBeforeFirstControl(ThemeMode.parse(settings.theme()));
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
    host.useSandboxOf(accounts);
    Path logs =
        Path.of(System.getProperty(LoggingConfigurator.LOG_DIR_PROPERTY, dirs.logs().toString()));
    host.useAppServices(
        AboutInfo.of(dirs.data(), logs), getHostServices()::showDocument, Platform::exit);
    host.start(firstAccount);
    // A second start on the same data folder brings this window to the front instead.
    SingleInstance.current()
        .ifPresent(
            instance ->
                instance.onActivate(
                    () ->
                        Platform.runLater(
                            () -> {
                              stage.setIconified(false);
                              stage.show();
                              stage.toFront();
                              stage.requestFocus();
                            })));
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

  static WindowLayout layoutOf(UiSettings s) {
    return new WindowLayout(
        s.windowX(),
        s.windowY(),
        s.windowWidth(),
        s.windowHeight(),
        s.maximized(),
        s.routesDivider(),
        s.columnWidths());
  }

  static UiSettings withLayout(UiSettings s, WindowLayout l) {
    return new UiSettings(
        s.theme(),
        l.x(),
        l.y(),
        l.width(),
        l.height(),
        l.maximized(),
        l.routesDivider(),
        l.columnWidths());
  }

  static UiSettings withTheme(UiSettings s, ThemeMode mode) {
    return new UiSettings(
        mode.name(),
        s.windowX(),
        s.windowY(),
        s.windowWidth(),
        s.windowHeight(),
        s.maximized(),
        s.routesDivider(),
        s.columnWidths());
  }

  private static void loadIconFonts() {
    try {
      Icons.loadFonts();
    } catch (RuntimeException e) {
      // The first icon on the FX thread tries again, and reports what goes wrong there.
      LOG.debug("Loading the icon fonts ahead failed", e);
    }
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
   * (packaging/AotTrain.java): the cache is written when the JVM exits normally, and a killed
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
