package io.routedesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.routedesk.secrets.InMemoryCredentialStore;
import io.routedesk.service.AccountSession;
import io.routedesk.service.OpenOutcome;
import io.routedesk.store.AccountProfile;
import io.routedesk.store.AppDirs;
import io.routedesk.store.LocalStore;
import io.routedesk.ui.account.AccountsViewModel;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The app's start-up order: the last used account begins opening before the window exists
 * (EarlyStart), and its local data opens as soon as the account is open, without waiting for the FX
 * thread; an account that opens some other way meanwhile gets its own.
 */
class StartupWindowTest extends AccountWindowTestBase {

  @Test
  void anAccountOpenedBeforeTheWindowShowsWithItsOwnLocalData() throws Exception {
    AccountsWiring wiring = wiring(InMemoryCredentialStore.working());
    String id = signInDirectly(wiring);
    wiring.signIn.close(); // as at the end of the previous run

    AccountsViewModel.Startup firstAccount = AccountsViewModel.beginStart(wiring.signIn);
    AccountSession opened = firstAccount.opened().get(20, TimeUnit.SECONDS);
    assertThat(opened.profile().id()).isEqualTo(id);
    showWindow(wiring, firstAccount);
    waitForRoutes(OFFICE_ROUTE);

    assertThat(current().id()).isEqualTo(id);
    assertThat(host.current().workspace.accountId()).isEqualTo(id);
    assertThat(host.current().workspace.store().file())
        .contains(LocalStore.databaseFile(AppDirs.under(root), id));
    assertThat(host.accounts().busyProperty().get()).isFalse();
    assertThat(wiring.isSandboxRunning()).isFalse();
  }

  @Test
  void anAccountShownWhileStartUpWaitsOnTheKeystoreOpensAtOnceAndStartUpFollows() throws Exception {
    GatedStore keystore = new GatedStore();
    AccountsWiring wiring = wiring(keystore);
    String id = signInDirectly(wiring);
    CountDownLatch release = keystore.holdLoads();

    showWindow(wiring, null);
    waitUntil(() -> keystore.loadsWaiting() > 0, 10);
    AccountSession sandbox =
        ((OpenOutcome.Opened) wiring.signIn.openSandboxMeanwhile().get(20, TimeUnit.SECONDS))
            .session();
    robot.interact(() -> host.accounts().connected(sandbox));

    // Its window does not wait for start-up, which still waits on the keystore.
    waitForRoutes(DEMO_ROUTE);
    assertThat(host.current().workspace.accountId()).isEqualTo(AccountProfile.SANDBOX_ID);
    assertThat(host.accounts().busyProperty().get()).isTrue();

    release.countDown();
    waitForRoutes(OFFICE_ROUTE);
    waitUntil(() -> !host.accounts().busyProperty().get(), 10);
    assertThat(current().id()).isEqualTo(id);
    assertThat(host.current().workspace.accountId()).isEqualTo(id);
  }
}
