package io.routedesk.app;

import io.routedesk.flowroute.FlowrouteClient;
import io.routedesk.flowroute.OkHttpFlowrouteClient;
import io.routedesk.sandbox.DemoSeed;
import io.routedesk.sandbox.FlowrouteSandbox;
import io.routedesk.secrets.CredentialStoreSelector;
import io.routedesk.service.AccountSession;
import io.routedesk.service.OpenOutcome;
import io.routedesk.service.SignInService;
import io.routedesk.store.AccountProfile;
import io.routedesk.store.AccountSettingsStore;
import io.routedesk.store.AppDirs;
import io.routedesk.store.UiSettings;
import io.routedesk.store.UiSettingsFile;
import io.routedesk.ui.account.SignInDialog;
import io.routedesk.ui.account.SignInViewModel;
import io.routedesk.ui.common.Activity;
import io.routedesk.ui.common.AppIcons;
import io.routedesk.ui.common.ThemeMode;
import io.routedesk.ui.shell.ShellViewModel;
import io.routedesk.ui.shell.WindowLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JavaFX application: composition root for the window. It opens the account used last time;
 * with no account set up, the embedded sandbox, with a banner saying so and a "Connect account"
 * action (the sign-in dialog). After a sign-in the window reopens on that account.
 */
public final class RouteDeskApp extends Application {
  private static final Logger LOG = LoggerFactory.getLogger(RouteDeskApp.class);

  private UiSettings settings = UiSettings.DEFAULT;
  private SettingsSaver saver;
  private ExecutorService io;
  private SignInService signIn;
  private FlowrouteSandbox sandbox;
  private AccountSession session;
  private String startupNotice;
  private Stage stage;
  private AppWiring wiring;

  /**
   * Runs on the launcher thread, so reading files, the keystore and starting the sandbox never
   * block the UI.
   */
  @Override
  public void init() {
    AppDirs dirs = AppDirs.forCurrentUser();
    UiSettingsFile settingsFile = UiSettingsFile.in(dirs);
    settings = settingsFile.load();
    saver = new SettingsSaver(settingsFile);
    io =
        Executors.newFixedThreadPool(
            2, Thread.ofPlatform().daemon().name("routedesk-io-", 0).factory());
    signIn =
        new SignInService(
            CredentialStoreSelector.forThisSystem(),
            AccountSettingsStore.in(dirs),
            RouteDeskApp::clientFor,
            this::sandboxClient,
            io,
            Clock.systemUTC());
    OpenOutcome outcome = signIn.openLastUsed().join();
    if (!(outcome instanceof OpenOutcome.Opened)) {
      startupNotice = noticeOf(outcome);
      outcome = signIn.switchTo(AccountProfile.SANDBOX_ID).join();
    }
    if (outcome instanceof OpenOutcome.Opened opened) {
      session = opened.session();
      session.notice().ifPresent(n -> startupNotice = n);
    } else {
      throw new IllegalStateException(
          "Neither the last account nor the built-in sandbox could be opened: "
              + noticeOf(outcome));
    }
  }

  @Override
  public void start(Stage primary) {
    this.stage = primary;
    AppIcons.apply(stage);
    stage.addEventHandler(WindowEvent.WINDOW_SHOWN, e -> logReady());
    openWindow();
    if (startupNotice != null) {
      wiring.activity.notify(Activity.Severity.WARNING, startupNotice);
    }
  }

  /** Builds the window for the open session (again after a sign-in) on the same stage. */
  private void openWindow() {
    AppWiring previous = wiring;
    AccountProfile profile = session.profile();
    wiring =
        new AppWiring(
            session.client(),
            new ShellViewModel.AccountInfo(
                profile.isSandbox() ? "Sandbox account (simulated)" : profile.displayName(),
                profile.isSandbox()),
            this::connectAccount,
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
    wiring.window.show(
        stage,
        layoutOf(settings),
        layout -> {
          settings = withLayout(settings, layout);
          saver.save(settings);
        });
    wiring.account.refresh();
    if (previous != null) {
      previous.close();
    }
  }

  /** "Connect account…": the sign-in dialog; on success the window reopens on that account. */
  private void connectAccount() {
    SignInViewModel vm = new SignInViewModel(signIn, Platform::runLater);
    SignInDialog.show(stage, vm)
        .ifPresent(
            profile ->
                signIn
                    .current()
                    .ifPresent(
                        opened -> {
                          session = opened;
                          openWindow();
                          opened
                              .notice()
                              .ifPresent(n -> wiring.activity.notify(Activity.Severity.WARNING, n));
                        }));
  }

  @Override
  public void stop() {
    if (saver != null) {
      saver.close();
    }
    if (wiring != null) {
      wiring.close();
    }
    if (signIn != null) {
      signIn.close(); // closes the open session's client
    }
    if (io != null) {
      io.shutdownNow();
    }
    synchronized (this) {
      if (sandbox != null) {
        sandbox.close();
      }
    }
  }

  private static FlowrouteClient clientFor(
      String baseUrl, io.routedesk.secrets.ApiCredentials credentials) {
    char[] secret = credentials.secretKey();
    try {
      return OkHttpFlowrouteClient.builder()
          .baseUrl(baseUrl)
          .credentials(credentials.accessKey(), new String(secret))
          .build();
    } finally {
      Arrays.fill(secret, '\0');
    }
  }

  /** Starts the embedded sandbox on first use and returns a new client for it. */
  private synchronized FlowrouteClient sandboxClient() {
    if (sandbox == null) {
      try {
        sandbox = FlowrouteSandbox.builder().seed(sandboxSeed()).start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return OkHttpFlowrouteClient.builder()
        .baseUrl(sandbox.baseUrl())
        .credentials(sandbox.accessKey(), sandbox.secretKey())
        .build();
  }

  private static String noticeOf(OpenOutcome outcome) {
    if (outcome instanceof OpenOutcome.NeedsKeys k) {
      return k.message() + " Choose Connect account to enter the keys again.";
    }
    if (outcome instanceof OpenOutcome.Failed f) {
      return f.message();
    }
    if (outcome instanceof OpenOutcome.NoAccount n) {
      return n.notice().orElse(null);
    }
    return null;
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
  }
}
