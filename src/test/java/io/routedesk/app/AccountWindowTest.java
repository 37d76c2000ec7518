package io.routedesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.routedesk.domain.VoiceSlot;
import io.routedesk.secrets.InMemoryCredentialStore;
import io.routedesk.ui.account.AccountsViewModel.BannerKind;
import java.lang.ref.WeakReference;
import java.lang.reflect.Field;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.api.FxToolkitContext;
import org.testfx.service.support.FiredEvents;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Connecting a Flowroute account in the real window: wrong and right keys, switching, signing out,
 * lost keys at start-up, no keystore, and the window staying usable while an account opens.
 */
class AccountWindowTest extends AccountWindowTestBase {

  @Test
  void aWrongKeyKeepsTheDialogOpenAndTheRightOneConnectsTheAccount() throws Exception {
    InMemoryCredentialStore keystore = InMemoryCredentialStore.working();
    openWindow(wiring(keystore));
    waitForRoutes(DEMO_ROUTE);
    assertThat(current().isSandbox()).isTrue();
    assertThat(text("#account-banner-title")).isEqualTo("Exploring the built-in sandbox");
    assertThat(text("#account-menu-name")).isEqualTo("Built-in sandbox");
    assertThat(text("#account-menu-kind")).isEqualTo("Simulated account");

    robot.clickOn("#connect-account");
    fillSignInDialog(OFFICE, OFFICE_ACCESS, "wrong-Secret-Walrus-0934");
    waitUntil(() -> text("#message").startsWith("Flowroute did not accept these keys"), 15);

    assertThat(signInDialogShowing()).isTrue();
    assertThat(keystore.size()).isZero();
    assertThat(current().isSandbox()).isTrue();
    assertThat(robot.lookup("#displayName").queryAs(TextField.class).getText()).isEqualTo(OFFICE);

    retypeSecret(OFFICE_SECRET);
    waitForRoutes(OFFICE_ROUTE);

    assertThat(signInDialogShowing()).isFalse();
    String id = current().id();
    assertThat(current().displayName()).isEqualTo(OFFICE);
    assertThat(keystore.holds(id)).isTrue();
    assertThat(routeAliases())
        .containsExactlyInAnyOrder("sip-reg", OFFICE_ROUTE, "acme-support", "acme-oncall");
    assertThat(host.current().account.numbers()).hasSize(3);
    // The toolbar, the status bar and the title name the account; no banner is left.
    assertThat(text("#account-menu-name")).isEqualTo(OFFICE);
    assertThat(text("#account-menu-kind")).isEqualTo("Flowroute ••••2818");
    assertThat(text("#status-account")).isEqualTo(OFFICE_ITEM);
    assertThat(stage.getTitle()).isEqualTo("RouteDesk — " + OFFICE_ITEM);
    assertThat(robot.lookup("#account-banner").query().isVisible()).isFalse();
    assertThat(robot.lookup("#status-keys").query().isVisible()).isFalse();

    // Back to the sandbox, and to the office again (its keys come from the keystore).
    chooseFromAccountMenu(SANDBOX_ITEM);
    waitForRoutes(DEMO_ROUTE);
    assertThat(current().isSandbox()).isTrue();
    assertThat(routeAliases()).doesNotContain(OFFICE_ROUTE);
    assertThat(text("#account-banner-title")).isEqualTo("Exploring the built-in sandbox");
    assertThat(text("#status-account")).isEqualTo(SANDBOX_ITEM);

    chooseFromAccountMenu(OFFICE_ITEM);
    waitForRoutes(OFFICE_ROUTE);
    assertThat(current().id()).isEqualTo(id);
    assertThat(routeAliases()).doesNotContain(DEMO_ROUTE);
    assertThat(accounts.settings.current().lastUsedAccountId()).isEqualTo(id);
  }

  @Test
  void theLastUsedAccountOpensAtStartAndSigningOutDeletesItsKeys() throws Exception {
    InMemoryCredentialStore keystore = InMemoryCredentialStore.working();
    AccountsWiring wiring = wiring(keystore);
    String id = signInDirectly(wiring);
    openWindow(wiring);
    waitForRoutes(OFFICE_ROUTE);
    assertThat(current().id()).isEqualTo(id);
    // Someone with a real account never pays for the demo sandbox.
    assertThat(wiring.isSandboxRunning()).isFalse();

    // Enter on the confirmation cancels: nothing is removed.
    chooseFromAccountMenu("Sign out of Main office…");
    waitUntil(() -> robot.lookup("#confirm-sign-out").tryQuery().isPresent(), 5);
    robot.type(KeyCode.ENTER);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(keystore.holds(id)).isTrue();
    assertThat(current().id()).isEqualTo(id);

    chooseFromAccountMenu("Sign out of Main office…");
    robot.clickOn("#confirm-sign-out");
    waitForRoutes(DEMO_ROUTE);

    assertThat(keystore.holds(id)).isFalse();
    assertThat(keystore.size()).isZero();
    assertThat(accounts.settings.current().realAccounts()).isEmpty();
    assertThat(current().isSandbox()).isTrue();
    assertThat(text("#account-banner-title")).isEqualTo("Exploring the built-in sandbox");
    waitUntil(() -> robot.lookup("#toast").tryQuery().isPresent(), 5);
    assertThat(robot.lookup("#toast").query().getAccessibleText())
        .isEqualTo("Signed out of Main office; its keys were removed.");
    robot.clickOn("#account-menu");
    assertThat(robot.lookup(OFFICE_ITEM).tryQuery()).isEmpty();
    robot.type(KeyCode.ESCAPE);
  }

  @Test
  void lostKeysOpenTheSandboxWithABannerAndEnteringThemReconnects() throws Exception {
    InMemoryCredentialStore keystore = InMemoryCredentialStore.working();
    AccountsWiring wiring = wiring(keystore);
    String id = signInDirectly(wiring);
    keystore.delete(id); // someone removed the entry from the keystore

    openWindow(wiring);
    waitForRoutes(DEMO_ROUTE);

    assertThat(current().isSandbox()).isTrue();
    assertThat(text("#account-banner-title")).isEqualTo("Enter the keys of Main office again");
    assertThat(text("#account-banner-message"))
        .contains("The keys of Main office are not in the test keystore")
        .contains("Meanwhile the window shows the built-in sandbox.");

    robot.clickOn("#enter-keys");
    waitUntil(() -> robot.lookup("#accessKey").tryQuery().isPresent(), 10);
    // Prepared for re-entry: the name and the address are known, the reason is shown.
    assertThat(robot.lookup("#displayName").queryAs(TextField.class).getText()).isEqualTo(OFFICE);
    assertThat(robot.lookup("#apiAddress").queryAs(TextField.class).getText())
        .isEqualTo(office.baseUrl());
    assertThat(text("#message")).contains("are not in the test keystore");
    fillSignInDialog(null, OFFICE_ACCESS, OFFICE_SECRET);
    waitForRoutes(OFFICE_ROUTE);

    assertThat(current().id()).isEqualTo(id);
    assertThat(keystore.holds(id)).isTrue();
    assertThat(accounts.settings.current().realAccounts()).hasSize(1);
    assertThat(robot.lookup("#account-banner").query().isVisible()).isFalse();
  }

  @Test
  void withoutAKeystoreTheSessionOnlyNoticeShowsAndTheAccountStillWorks() throws Exception {
    InMemoryCredentialStore keystore =
        InMemoryCredentialStore.unsupported("no keyring service is running in this session");
    openWindow(wiring(keystore));
    waitForRoutes(DEMO_ROUTE);

    robot.clickOn("#account-menu");
    robot.clickOn("Connect a Flowroute account…");
    fillSignInDialog(OFFICE, OFFICE_ACCESS, OFFICE_SECRET);
    waitForRoutes(OFFICE_ROUTE);

    assertThat(host.accounts().bannerProperty().get().kind()).isEqualTo(BannerKind.SESSION_ONLY);
    assertThat(text("#account-banner-title")).isEqualTo("Keys kept for this session only");
    assertThat(text("#account-banner-message"))
        .contains("because no keyring service is running in this session")
        .contains("kept in memory for this session only")
        .contains("will ask for them again next time");
    Label statusNote = robot.lookup("#status-keys").queryAs(Label.class);
    assertThat(statusNote.isVisible()).isTrue();
    assertThat(statusNote.getText()).isEqualTo("Keys for this session only");
    assertThat(statusNote.getAccessibleText()).contains("no keyring service is running");
    assertThat(keystore.size()).isZero();

    // Closing the notice keeps the status bar's; switching away and back works from memory.
    robot.clickOn("#dismiss-banner");
    assertThat(robot.lookup("#account-banner").query().isVisible()).isFalse();
    chooseFromAccountMenu(SANDBOX_ITEM);
    waitForRoutes(DEMO_ROUTE);
    chooseFromAccountMenu(OFFICE_ITEM);
    waitForRoutes(OFFICE_ROUTE);
    assertThat(robot.lookup("#status-keys").query().isVisible()).isTrue();
  }

  @Test
  void whileAnAccountOpensTheWindowShowsProgressAndStaysUsable() throws Exception {
    GatedStore keystore = new GatedStore();
    AccountsWiring wiring = wiring(keystore);
    String id = signInDirectly(wiring);
    openWindow(wiring);
    waitForRoutes(OFFICE_ROUTE);
    chooseFromAccountMenu(SANDBOX_ITEM);
    waitForRoutes(DEMO_ROUTE);
    AppWiring sandboxWindow = host.current();

    CountDownLatch release = keystore.holdLoads();
    chooseFromAccountMenu(OFFICE_ITEM);
    waitUntil(() -> host.accounts().busyProperty().get(), 5);

    // Progress in the account menu and the status bar; the old window keeps working.
    MenuButton menu = robot.lookup("#account-menu").queryAs(MenuButton.class);
    assertThat(menu.isDisabled()).isTrue();
    assertThat(menu.getAccessibleText()).isEqualTo("Opening Main office…");
    waitUntil(() -> text("#status-work").equals("Opening Main office…"), 5);
    robot.clickOn("#route-search").write("voice");
    waitUntil(() -> routeAliases().equals(List.of("voicemail")), 5);
    assertThat(host.current()).isSameAs(sandboxWindow);

    release.countDown();
    waitForRoutes(OFFICE_ROUTE);
    assertThat(current().id()).isEqualTo(id);
    assertThat(menu.isDisabled()).isFalse();
    assertThat(text("#status-work")).doesNotContain("Opening");
  }

  @Test
  void leavingWhileChangesAreSentAsksFirst() throws Exception {
    AccountsWiring wiring = wiring(InMemoryCredentialStore.working());
    String id = signInDirectly(wiring);
    openWindow(wiring);
    waitForRoutes(OFFICE_ROUTE);
    String support =
        office.account().routes().stream()
            .filter(r -> "acme-support".equals(r.alias()))
            .findFirst()
            .orElseThrow()
            .id();
    office.faults().latencyMillis(1500);
    robot.interact(
        () -> {
          AppWiring w = host.current();
          w.numbers.apply(
              w.numbers.propose(support, List.copyOf(w.account.numbers()), VoiceSlot.PRIMARY));
        });
    waitUntil(() -> host.current().numbers.batch().runningProperty().get(), 5);

    chooseFromAccountMenu(SANDBOX_ITEM);
    waitUntil(() -> robot.lookup("Keep working").tryQuery().isPresent(), 5);
    assertThat(robot.lookup(".dialog-pane .content").queryAs(Label.class).getText())
        .contains("is still running")
        .contains("the rest is not sent");
    robot.clickOn("Keep working");

    // Nothing was cut off: the account stays open and the change completes.
    assertThat(current().id()).isEqualTo(id);
    waitUntil(() -> !host.current().numbers.batch().runningProperty().get(), 30);
    assertThat(office.account().numbersUsing(support)).hasSize(3);
    office.faults().latencyMillis(0);
    chooseFromAccountMenu(SANDBOX_ITEM);
    waitForRoutes(DEMO_ROUTE);
  }

  @Test
  void aReplacedWindowIsLetGoOf() throws Exception {
    openWindow(wiring(InMemoryCredentialStore.working()));
    waitForRoutes(DEMO_ROUTE);
    // Its scene graph, and the account data behind it.
    WeakReference<Object> root = new WeakReference<>(host.current().window.root());
    WeakReference<Object> data = new WeakReference<>(host.current().account);

    robot.clickOn("#connect-account");
    fillSignInDialog(OFFICE, OFFICE_ACCESS, OFFICE_SECRET);
    waitForRoutes(OFFICE_ROUTE);

    // Nothing long-lived (stage, OS colour scheme, account controls) keeps the old window.
    forgetEventsRecordedByTestFx();
    for (int i = 0; i < 50 && (root.get() != null || data.get() != null); i++) {
      System.gc();
      WaitForAsyncUtils.waitForFxEvents();
      Thread.sleep(100);
    }
    assertThat(root.get()).as("the sandbox window's scene graph after switching away").isNull();
    assertThat(data.get()).as("the sandbox window's account data after switching away").isNull();
  }

  /**
   * TestFX records every event fired on the stage, with its target node, for its own error reports:
   * that log (not the app) would keep the old window. Found by walking references from the
   * toolkit's static fields to the old root.
   */
  private static void forgetEventsRecordedByTestFx() throws ReflectiveOperationException {
    Field log = FxToolkitContext.class.getDeclaredField("firedEvents");
    log.setAccessible(true);
    FiredEvents events = (FiredEvents) log.get(FxToolkit.toolkitContext());
    if (events != null) {
      events.clearEvents();
    }
  }
}
