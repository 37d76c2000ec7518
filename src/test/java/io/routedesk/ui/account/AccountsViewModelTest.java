package io.routedesk.ui.account;

import static io.routedesk.testing.SignInFixture.ACCESS_KEY;
import static io.routedesk.testing.SignInFixture.SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.routedesk.secrets.CredentialStoreException;
import io.routedesk.secrets.InMemoryCredentialStore;
import io.routedesk.service.AccountSession;
import io.routedesk.service.KeyLocation;
import io.routedesk.service.OpenOutcome;
import io.routedesk.service.SignInOutcome;
import io.routedesk.service.SignOutResult;
import io.routedesk.store.AccountProfile;
import io.routedesk.testing.SignInFixture;
import io.routedesk.testing.SignInTestBase;
import io.routedesk.ui.account.AccountsViewModel.BannerKind;
import io.routedesk.ui.model.Activity;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/**
 * The account switcher's state on the sign-in service over an in-memory keystore and a fake
 * Flowroute. Same-thread executors (every command has finished when it returns), except where a
 * test steps the IO executor by hand to see the state in between.
 */
class AccountsViewModelTest extends SignInTestBase {

  private AccountsViewModel vm() {
    return new AccountsViewModel(fx.service, Runnable::run);
  }

  /** Signs in through the service (as the dialog does) and tells the view-model. */
  private AccountSession connect(AccountsViewModel vm, String name, String access)
      throws Exception {
    SignInOutcome outcome = fx.service.signIn(name, access, SECRET.toCharArray(), "").get();
    AccountSession session = ((SignInOutcome.Connected) outcome).session();
    vm.connected(session);
    return session;
  }

  @Test
  void firstRunOpensTheSandboxWithItsBannerAndRemembersNothing() throws Exception {
    fx = SignInFixture.sameThread(root);
    AccountsViewModel vm = vm();

    OpenOutcome outcome = vm.start().get();

    assertThat(outcome).isInstanceOf(OpenOutcome.NoAccount.class);
    assertThat(vm.current().isSandbox()).isTrue();
    assertThat(vm.session().keys()).isEqualTo(KeyLocation.NONE);
    assertThat(vm.bannerProperty().get().kind()).isEqualTo(BannerKind.SANDBOX);
    assertThat(vm.bannerProperty().get().title()).isEqualTo("Exploring the built-in sandbox");
    assertThat(vm.bannerProperty().get().dismissible()).isFalse();
    assertThat(vm.accounts()).extracting(AccountProfile::id).containsExactly("sandbox");
    assertThat(vm.busyProperty().get()).isFalse();
    assertThat(fx.settings.current().lastUsedAccountId()).isNull();
  }

  @Test
  void theLastUsedAccountOpensAtStart() throws Exception {
    fx = SignInFixture.sameThread(root);
    String id = connect(vm(), "Main office", ACCESS_KEY).profile().id();
    fx.restart();
    AccountsViewModel vm = vm();

    vm.start().get();

    assertThat(vm.current().id()).isEqualTo(id);
    assertThat(vm.session().keys()).isEqualTo(KeyLocation.KEYSTORE);
    assertThat(vm.bannerProperty().get().kind()).isEqualTo(BannerKind.NONE);
    assertThat(vm.accounts())
        .extracting(AccountsViewModel::describe)
        .containsExactly(
            "Built-in sandbox · Simulated account",
            "Main office · Flowroute ••••" + ACCESS_KEY.substring(4));
  }

  @Test
  void lostKeysOpenTheSandboxMeanwhileWithABannerToEnterThemAgain() throws Exception {
    fx = SignInFixture.sameThread(root);
    String id = connect(vm(), "Main office", ACCESS_KEY).profile().id();
    fx.restart();
    keystore().delete(id);
    AccountsViewModel vm = vm();

    OpenOutcome outcome = vm.start().get();

    assertThat(outcome).isInstanceOf(OpenOutcome.NeedsKeys.class);
    assertThat(vm.current().isSandbox()).isTrue();
    AccountsViewModel.Banner banner = vm.bannerProperty().get();
    assertThat(banner.kind()).isEqualTo(BannerKind.NEEDS_KEYS);
    assertThat(banner.title()).isEqualTo("Enter the keys of Main office again");
    assertThat(banner.message())
        .contains("are not in the test keystore")
        .endsWith("Meanwhile the window shows the built-in sandbox.");
    assertThat(banner.needsKeys().profile().id()).isEqualTo(id);
    // The next start tries the account again.
    assertThat(fx.settings.current().lastUsedAccountId()).isEqualTo(id);

    // Closing the banner leaves the sandbox banner (the window still shows the sandbox).
    vm.dismissBanner();
    assertThat(vm.bannerProperty().get().kind()).isEqualTo(BannerKind.SANDBOX);

    // Re-entry is prepared for that account; entering the keys opens it.
    SignInViewModel signIn = vm.newSignIn(banner.needsKeys());
    assertThat(signIn.displayNameProperty().get()).isEqualTo("Main office");
    signIn.accessKeyProperty().set(ACCESS_KEY);
    signIn.secretKeyProperty().set(SECRET);
    assertThat(signIn.connect().get()).isTrue();
    vm.connected(signIn.connectedSessionProperty().get());
    assertThat(vm.current().id()).isEqualTo(id);
    assertThat(vm.bannerProperty().get().kind()).isEqualTo(BannerKind.NONE);
    assertThat(vm.noticeProperty().get().text()).isEqualTo("Connected to Main office.");
  }

  @Test
  void switchingToAnAccountWithoutKeysKeepsTheOpenOneAndSaysWhy() throws Exception {
    fx = SignInFixture.sameThread(root);
    AccountsViewModel vm = vm();
    vm.start().get();
    String id = connect(vm, "Main office", ACCESS_KEY).profile().id();
    vm.switchTo("sandbox").get();
    keystore().failWith(CredentialStoreException.Kind.LOCKED);

    OpenOutcome outcome = vm.switchTo(id).get();

    assertThat(outcome).isInstanceOf(OpenOutcome.NeedsKeys.class);
    assertThat(vm.current().isSandbox()).isTrue();
    assertThat(vm.bannerProperty().get().kind()).isEqualTo(BannerKind.NEEDS_KEYS);
    assertThat(vm.bannerProperty().get().message()).doesNotContain("Meanwhile");
    assertThat(vm.busyProperty().get()).isFalse();
  }

  @Test
  void sessionOnlyKeysShowTheNoticeWithTheReason() throws Exception {
    fx =
        new SignInFixture(
            root,
            InMemoryCredentialStore.unsupported("no keyring service is running in this session"),
            Runnable::run);
    AccountsViewModel vm = vm();
    vm.start().get();

    AccountSession session = connect(vm, "Main office", ACCESS_KEY);

    AccountsViewModel.Banner banner = vm.bannerProperty().get();
    assertThat(banner.kind()).isEqualTo(BannerKind.SESSION_ONLY);
    assertThat(banner.title()).isEqualTo("Keys kept for this session only");
    assertThat(banner.message())
        .contains("because no keyring service is running in this session")
        .contains("kept in memory for this session only")
        .contains("ask for them again next time");
    assertThat(AccountsViewModel.keysNote(session)).isEqualTo(banner.message());
    vm.dismissBanner();
    assertThat(vm.bannerProperty().get().kind()).isEqualTo(BannerKind.NONE);
  }

  @Test
  void signingOutOfTheOpenAccountRemovesItsKeysAndOpensTheMostRecentOtherOne() throws Exception {
    fx = SignInFixture.sameThread(root);
    AccountsViewModel vm = vm();
    vm.start().get();
    String first = connect(vm, "Main office", ACCESS_KEY).profile().id();
    // The fake accepts one access key: a second account reuses it under another API address.
    SignInOutcome other =
        fx.service
            .signIn("Branch", ACCESS_KEY, SECRET.toCharArray(), "https://eu.example.net")
            .get();
    vm.connected(((SignInOutcome.Connected) other).session());
    String branch = vm.current().id();
    vm.switchTo(first).get();

    SignOutResult result = vm.signOut(first).get();

    assertThat(result.signedOut()).isTrue();
    assertThat(keystore().holds(first)).isFalse();
    assertThat(keystore().holds(branch)).isTrue();
    assertThat(vm.current().id()).isEqualTo(branch);
    assertThat(vm.accounts()).extracting(AccountProfile::id).containsExactly("sandbox", branch);
    assertThat(vm.noticeProperty().get().severity()).isEqualTo(Activity.Severity.SUCCESS);
    assertThat(vm.noticeProperty().get().text())
        .isEqualTo("Signed out of Main office; its keys were removed.");

    // The last one: back to the sandbox.
    vm.signOut(branch).get();
    assertThat(vm.current().isSandbox()).isTrue();
    assertThat(vm.bannerProperty().get().kind()).isEqualTo(BannerKind.SANDBOX);
    assertThat(keystore().size()).isZero();
    assertThat(vm.accounts()).extracting(AccountProfile::id).containsExactly("sandbox");
  }

  @Test
  void aSignOutTheKeystoreRefusesKeepsTheAccountAndSaysSo() throws Exception {
    fx = SignInFixture.sameThread(root);
    AccountsViewModel vm = vm();
    vm.start().get();
    String id = connect(vm, "Main office", ACCESS_KEY).profile().id();
    keystore().failWith(CredentialStoreException.Kind.DENIED);

    SignOutResult result = vm.signOut(id).get();

    assertThat(result.signedOut()).isFalse();
    assertThat(vm.current().id()).isEqualTo(id);
    assertThat(vm.bannerProperty().get().kind()).isEqualTo(BannerKind.PROBLEM);
    assertThat(vm.bannerProperty().get().title()).isEqualTo("Could not sign out of Main office");
    assertThat(vm.bannerProperty().get().message()).contains("was kept so you can try again");
    keystore().failWith(null);
    assertThat(keystore().holds(id)).isTrue();
  }

  @Test
  void whileAnAccountOpensTheViewModelIsBusyAndRefusesASecondSwitch() throws Exception {
    Queue<Runnable> io = new ArrayDeque<>();
    Executor stepped = io::add;
    fx = new SignInFixture(root, InMemoryCredentialStore.working(), stepped);
    AccountsViewModel vm = new AccountsViewModel(fx.service, Runnable::run);

    var starting = vm.start();

    assertThat(vm.busyProperty().get()).isTrue();
    assertThat(vm.busyTextProperty().get()).isEqualTo("Opening your account…");
    assertThat(vm.switchTo("sandbox").get()).isInstanceOf(OpenOutcome.Failed.class);
    while (!io.isEmpty()) {
      io.poll().run();
    }
    assertThat(starting).isDone();
    assertThat(vm.busyProperty().get()).isFalse();
    assertThat(vm.busyTextProperty().get()).isEmpty();
    assertThat(vm.current().isSandbox()).isTrue();
  }

  @Test
  void startUpBegunBeforeTheViewModelOpensTheSandboxWithoutTheUiThread() throws Exception {
    fx = SignInFixture.sameThread(root);
    Queue<Runnable> uiTasks = new ArrayDeque<>();

    // As the app does before its window exists: no UI thread runs anything yet.
    AccountsViewModel.Startup startup = AccountsViewModel.beginStart(fx.service);
    AccountSession opened = startup.opened().get();
    assertThat(startup.isDone()).isTrue();
    assertThat(opened.profile().isSandbox()).isTrue();

    AccountsViewModel vm = new AccountsViewModel(fx.service, uiTasks::add);
    var outcome = vm.start(startup);
    assertThat(vm.busyProperty().get()).isTrue();
    assertThat(vm.session()).isNull();
    while (!uiTasks.isEmpty()) {
      uiTasks.poll().run();
    }

    assertThat(outcome.get()).isInstanceOf(OpenOutcome.NoAccount.class);
    assertThat(vm.session()).isSameAs(opened);
    assertThat(vm.bannerProperty().get().kind()).isEqualTo(BannerKind.SANDBOX);
    assertThat(vm.busyProperty().get()).isFalse();
  }

  @Test
  void startUpReportsTheLastUsedAccountWhenItOpens() throws Exception {
    fx = SignInFixture.sameThread(root);
    String id = connect(vm(), "Main office", ACCESS_KEY).profile().id();
    fx.restart();

    AccountsViewModel.Startup startup = AccountsViewModel.beginStart(fx.service);

    assertThat(startup.opened().get().profile().id()).isEqualTo(id);
  }

  @Test
  void aStartUpBegunOnAnotherServiceIsRefused() throws Exception {
    fx = SignInFixture.sameThread(root);
    AccountsViewModel.Startup startup = AccountsViewModel.beginStart(fx.service);
    fx.restart(); // a new service

    assertThatThrownBy(() -> vm().start(startup)).isInstanceOf(IllegalArgumentException.class);
  }
}
