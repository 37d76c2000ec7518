package io.routedesk.app;

import io.routedesk.domain.PhoneNumber;
import io.routedesk.domain.Route;
import io.routedesk.domain.RouteType;
import io.routedesk.sandbox.DemoSeed;
import io.routedesk.sandbox.FlowrouteSandbox;
import io.routedesk.sandbox.SandboxAccount;
import io.routedesk.secrets.ApiCredentials;
import io.routedesk.secrets.CredentialStore;
import io.routedesk.secrets.CredentialStoreException;
import io.routedesk.secrets.CredentialStoreSelector;
import io.routedesk.secrets.InMemoryCredentialStore;
import io.routedesk.secrets.SessionOnlyCredentialStore;
import io.routedesk.service.SignInOutcome;
import io.routedesk.store.AccountProfile;
import io.routedesk.store.AppDirs;
import io.routedesk.ui.account.AccountsViewModel;
import io.routedesk.ui.model.LoadState;
import io.routedesk.ui.model.RouteRow;
import io.routedesk.ui.model.ThemeMode;
import io.routedesk.ui.shell.WindowLayout;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The app's real window and account wiring ({@link AccountsWiring}, {@link MainWindowHost}) over a
 * temporary AppDirs root, headless under Monocle. Besides the built-in sandbox (the small demo
 * account, started by the wiring when opened) there is an "office" Flowroute account: another
 * sandbox on loopback with its own keys and its own routes ("acme-…"), so the two can be told apart
 * on screen.
 */
@ExtendWith(ApplicationExtension.class)
abstract class AccountWindowTestBase {
  static final String OFFICE_ACCESS = "27182818";
  static final String OFFICE_SECRET = "office-Secret-Otter-5521";
  static final String OFFICE = "Main office";
  static final String OFFICE_ITEM = "Main office · Flowroute ••••2818";
  static final String SANDBOX_ITEM = "Built-in sandbox · Simulated account";

  /** A route only the office account has, and one only the demo sandbox has. */
  static final String OFFICE_ROUTE = "acme-hq-pbx";

  static final String DEMO_ROUTE = "pbx-east";

  @TempDir Path root;
  protected Stage stage;
  protected FxRobot robot;
  protected FlowrouteSandbox office;
  protected AccountsWiring accounts;
  protected MainWindowHost host;

  @BeforeEach
  void startTheOfficeAccount(FxRobot robot) throws Exception {
    this.robot = robot;
    // ApplicationExtension looks for @Start on the test class only, not on this base class.
    stage = FxToolkit.registerPrimaryStage();
    office =
        FlowrouteSandbox.builder()
            .accessKey(OFFICE_ACCESS)
            .secretKey(OFFICE_SECRET)
            .account(officeAccount())
            .start();
  }

  @AfterEach
  void closeEverything() {
    if (host != null) {
      robot.interact(host::close);
    }
    if (accounts != null) {
      accounts.close();
    }
    if (office != null) {
      office.close();
    }
  }

  /** Three routes and three numbers, none of them in the demo account. */
  private static SandboxAccount officeAccount() {
    SandboxAccount a = new SandboxAccount();
    Route hq = a.addRoute(RouteType.HOST, "pbx.acme.example:5060", OFFICE_ROUTE, 4);
    Route support = a.addRoute(RouteType.URI, "sip:support@acme.example", "acme-support", null);
    Route oncall = a.addRoute(RouteType.NUMBER, "12065550199", "acme-oncall", null);
    a.addNumber(number("12065550101", "Acme reception"), hq.id(), oncall.id());
    a.addNumber(number("12065550102", "Acme support line"), support.id(), null);
    a.addNumber(number("13125550103", null), hq.id(), null);
    return a;
  }

  private static PhoneNumber number(String digits, String alias) {
    return new PhoneNumber(digits, alias, "seattle", "wa", "standard", false);
  }

  // ---- wiring -------------------------------------------------------------------------------

  /** The app's account wiring over this test's folders, with the given "keystore". */
  protected AccountsWiring wiring(CredentialStore keystore) {
    return new AccountsWiring(
        AppDirs.under(root),
        new CredentialStoreSelector(keystore, new SessionOnlyCredentialStore()),
        DemoSeed.small());
  }

  /** Shows the window as the app does: the last used account opens off the FX thread. */
  protected void openWindow(AccountsWiring wiring) throws Exception {
    showWindow(wiring, null);
    waitUntil(() -> host.current() != null && !host.accounts().busyProperty().get(), 20);
  }

  /**
   * Shows the window without waiting for an account to open in it.
   *
   * @param firstAccount an opening begun before the window (as the app's early start does), or null
   *     to let the window begin it
   */
  protected void showWindow(AccountsWiring wiring, AccountsViewModel.Startup firstAccount) {
    accounts = wiring;
    robot.interact(
        () -> {
          host =
              new MainWindowHost(
                  stage,
                  wiring.signIn,
                  AppDirs.under(root),
                  ThemeMode.LIGHT,
                  // Fits Monocle's default 1280x800 screen.
                  new WindowLayout(0.0, 0.0, 1270.0, 790.0, false, 0.4),
                  layout -> {},
                  mode -> {},
                  () -> {});
          host.useSandboxOf(wiring);
          if (firstAccount == null) {
            host.start();
          } else {
            host.start(firstAccount);
          }
        });
  }

  /** Signs in through the service (as a previous run of the app would have). */
  protected String signInDirectly(AccountsWiring wiring) throws Exception {
    SignInOutcome outcome =
        wiring
            .signIn
            .signIn(OFFICE, OFFICE_ACCESS, OFFICE_SECRET.toCharArray(), office.baseUrl())
            .get(20, TimeUnit.SECONDS);
    return ((SignInOutcome.Connected) outcome).session().profile().id();
  }

  // ---- the window ---------------------------------------------------------------------------

  /** Waits until the window shows the account's routes (loaded, one of them {@code alias}). */
  protected void waitForRoutes(String alias) throws Exception {
    waitUntil(
        () ->
            host.current() != null
                && host.current().account.routesStateProperty().get() == LoadState.LOADED
                && routeAliases().contains(alias),
        20);
  }

  protected List<String> routeAliases() {
    return host.current().window.routesView().tableView().getItems().stream()
        .map(RouteRow::label)
        .toList();
  }

  protected AccountProfile current() {
    return host.accounts().current();
  }

  protected String text(String query) {
    return robot.lookup(query).queryAs(Label.class).getText();
  }

  /** Picks an entry of the account menu by its text. */
  protected void chooseFromAccountMenu(String itemText) {
    robot.clickOn("#account-menu");
    robot.clickOn(itemText);
  }

  /** Fills the open sign-in dialog (the office API address under "Advanced") and presses Enter. */
  protected void fillSignInDialog(String name, String access, String secret) throws Exception {
    waitUntil(() -> robot.lookup("#accessKey").tryQuery().isPresent(), 10);
    if (name != null) {
      robot.clickOn("#displayName").write(name);
    }
    robot.clickOn("#accessKey").write(access);
    robot.clickOn("#secretKeyMasked").write(secret);
    TextField api = robot.lookup("#apiAddress").queryAs(TextField.class);
    if (!api.getText().equals(office.baseUrl())) {
      robot.clickOn("#advanced");
      robot.interact(api::clear);
      robot.clickOn(api).write(office.baseUrl());
    }
    robot.type(KeyCode.ENTER);
  }

  /** Replaces the secret typed in the open sign-in dialog and presses Enter. */
  protected void retypeSecret(String secret) {
    PasswordField masked = robot.lookup("#secretKeyMasked").queryAs(PasswordField.class);
    robot.interact(masked::clear);
    robot.clickOn(masked).write(secret);
    robot.type(KeyCode.ENTER);
  }

  protected boolean signInDialogShowing() {
    return robot.lookup("#accessKey").tryQuery().filter(n -> n.getScene() != null).isPresent()
        && robot.lookup("#accessKey").query().getScene().getWindow().isShowing();
  }

  protected static void waitUntil(Callable<Boolean> condition, int seconds) throws Exception {
    WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
    WaitForAsyncUtils.waitForFxEvents();
  }

  /**
   * A working in-memory keystore whose loads can be held back, as a slow keystore (an unlock
   * prompt) would.
   */
  protected static final class GatedStore implements CredentialStore {
    private final InMemoryCredentialStore inner = InMemoryCredentialStore.working();
    private final AtomicInteger waiting = new AtomicInteger();
    private volatile CountDownLatch gate = new CountDownLatch(0);

    CountDownLatch holdLoads() {
      gate = new CountDownLatch(1);
      return gate;
    }

    /** How many loads are being held now. */
    int loadsWaiting() {
      return waiting.get();
    }

    @Override
    public String displayName() {
      return inner.displayName();
    }

    @Override
    public boolean isPersistent() {
      return true;
    }

    @Override
    public boolean isSupported() {
      return true;
    }

    @Override
    public Optional<String> unsupportedReason() {
      return Optional.empty();
    }

    @Override
    public void store(String accountId, ApiCredentials credentials)
        throws CredentialStoreException {
      inner.store(accountId, credentials);
    }

    @Override
    public Optional<ApiCredentials> load(String accountId) throws CredentialStoreException {
      waiting.incrementAndGet();
      try {
        if (!gate.await(20, TimeUnit.SECONDS)) {
          throw new CredentialStoreException(
              CredentialStoreException.Kind.LOCKED, "The test held the keystore too long.");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CredentialStoreException(
            CredentialStoreException.Kind.FAILED, "Interrupted while waiting.", e);
      } finally {
        waiting.decrementAndGet();
      }
      return inner.load(accountId);
    }

    @Override
    public void delete(String accountId) throws CredentialStoreException {
      inner.delete(accountId);
    }

    @Override
    public void close() {
      inner.close();
    }
  }
}
