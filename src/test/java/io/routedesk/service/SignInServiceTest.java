package io.routedesk.service;

import static io.routedesk.testing.SignInFixture.ACCESS_KEY;
import static io.routedesk.testing.SignInFixture.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import io.routedesk.flowroute.FlowrouteException;
import io.routedesk.secrets.ApiCredentials;
import io.routedesk.secrets.CredentialStore;
import io.routedesk.secrets.CredentialStoreException;
import io.routedesk.secrets.InMemoryCredentialStore;
import io.routedesk.service.OpenOutcome.KeysProblem;
import io.routedesk.store.AccountProfile;
import io.routedesk.testing.FakeFlowrouteClient;
import io.routedesk.testing.SignInFixture;
import io.routedesk.testing.SignInTestBase;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SignInServiceTest extends SignInTestBase {

  private SignInOutcome signIn(String name, String access, String secret) throws Exception {
    return fx.service.signIn(name, access, secret.toCharArray(), "").get(5, TimeUnit.SECONDS);
  }

  private SignInOutcome.Connected connect(String name) throws Exception {
    SignInOutcome outcome = signIn(name, ACCESS_KEY, SECRET);
    assertThat(outcome).isInstanceOf(SignInOutcome.Connected.class);
    return (SignInOutcome.Connected) outcome;
  }

  @Test
  void wrongKeysAreRefusedAndNothingIsKept() throws Exception {
    fx = SignInFixture.sameThread(root);

    SignInOutcome outcome = signIn("Main", ACCESS_KEY, "not-the-secret");

    assertThat(outcome)
        .isEqualTo(
            new SignInOutcome.Rejected(
                SignInFailure.WRONG_KEYS, "Flowroute did not accept the API keys (401).", 401));
    assertThat(fx.flowroute.listRoutesCalls()).isEqualTo(1);
    assertThat(keystore().calls()).isZero();
    assertThat(fx.sessionStore.holds("anything")).isFalse();
    assertThat(fx.settings.current().realAccounts()).isEmpty();
    assertThat(fx.settings.file()).doesNotExist();
    assertThat(fx.service.current()).isEmpty();
    assertThat(fx.flowroute.clients()).allMatch(FakeFlowrouteClient::isClosed);
  }

  @ParameterizedTest
  @CsvSource({
    "NETWORK, 0, NO_NETWORK",
    "TIMEOUT, 0, TIMEOUT",
    "SERVER, 503, SERVER_ERROR",
    "RATE_LIMITED, 429, OTHER",
    "FORBIDDEN, 403, OTHER"
  })
  void eachFailureHasItsOwnOutcomeAndKeepsNothing(
      FlowrouteException.Kind kind, int status, SignInFailure expected) throws Exception {
    fx = SignInFixture.sameThread(root);
    fx.flowroute.failWith(kind, status);

    SignInOutcome outcome = signIn("Main", ACCESS_KEY, SECRET);

    assertThat(outcome).isInstanceOf(SignInOutcome.Rejected.class);
    SignInOutcome.Rejected rejected = (SignInOutcome.Rejected) outcome;
    assertThat(rejected.failure()).isEqualTo(expected);
    assertThat(rejected.httpStatus()).isEqualTo(status);
    assertThat(rejected.detail()).doesNotContain(SECRET);
    assertThat(keystore().size()).isZero();
    assertThat(fx.settings.current().realAccounts()).isEmpty();
  }

  @Test
  void badInputIsRefusedBeforeAnythingIsSent() throws Exception {
    fx = SignInFixture.sameThread(root);

    SignInOutcome noAccessKey = signIn("Main", "   ", SECRET);
    SignInOutcome plainHttp =
        fx.service
            .signIn("Main", ACCESS_KEY, SECRET.toCharArray(), "http://api.flowroute.com")
            .get();

    assertThat(((SignInOutcome.Rejected) noAccessKey).failure())
        .isEqualTo(SignInFailure.INVALID_INPUT);
    assertThat(((SignInOutcome.Rejected) plainHttp).detail()).contains("https://");
    assertThat(fx.flowroute.clients()).isEmpty();
  }

  @Test
  void successKeepsTheKeysInTheKeystoreAndTheProfileInTheFile() throws Exception {
    fx = SignInFixture.sameThread(root);

    AccountSession session = connect("  Main office ").session();

    AccountProfile profile = session.profile();
    assertThat(profile.displayName()).isEqualTo("Main office");
    assertThat(profile.maskedAccessKey()).isEqualTo("••••5926");
    assertThat(profile.apiBaseUrl()).isEqualTo(AccountProfile.FLOWROUTE_API);
    assertThat(profile.lastUsed()).isEqualTo(fx.clock.instant());
    assertThat(session.keys()).isEqualTo(KeyLocation.KEYSTORE);
    assertThat(session.notice()).isEmpty();
    ApiCredentials kept = keystore().load(profile.id()).orElseThrow();
    assertThat(kept.sameKeysAs(ApiCredentials.of(ACCESS_KEY, SECRET.toCharArray()))).isTrue();
    assertThat(fx.sessionStore.holds(profile.id())).isFalse();
    assertThat(fx.settings.current().lastUsed()).contains(profile);
    assertThat(Files.readString(fx.settings.file())).contains(profile.id()).doesNotContain(SECRET);
    assertThat(fx.service.current()).contains(session);
    assertThat(((FakeFlowrouteClient) session.client()).isClosed()).isFalse();
  }

  @Test
  void aBlankNameGetsOneFromTheAccessKey() throws Exception {
    fx = SignInFixture.sameThread(root);
    assertThat(connect(" ").session().profile().displayName()).isEqualTo("Flowroute ••••5926");
  }

  @Test
  void signingInTwiceWithTheSameKeysReusesTheAccount() throws Exception {
    fx = SignInFixture.sameThread(root);
    String first = connect("Main").session().profile().id();

    String second = connect("Main, renamed").session().profile().id();

    assertThat(second).isEqualTo(first);
    assertThat(fx.settings.current().realAccounts())
        .singleElement()
        .extracting(AccountProfile::displayName)
        .isEqualTo("Main, renamed");
    assertThat(keystore().size()).isEqualTo(1);
  }

  @Test
  void signOutDeletesTheKeysAndTheProfileAndClosesTheSession() throws Exception {
    fx = SignInFixture.sameThread(root);
    AccountSession session = connect("Main").session();
    String id = session.profile().id();

    SignOutResult result = fx.service.signOut(id).get();

    assertThat(result.signedOut()).isTrue();
    assertThat(keystore().holds(id)).isFalse();
    assertThat(fx.settings.current().find(id)).isEmpty();
    assertThat(fx.service.current()).isEmpty();
    assertThat(((FakeFlowrouteClient) session.client()).isClosed()).isTrue();
    fx.restart();
    assertThat(fx.service.openLastUsed().get()).isInstanceOf(OpenOutcome.NoAccount.class);
  }

  @Test
  void signOutKeepsTheAccountWhenTheKeysCannotBeRemoved() throws Exception {
    fx = SignInFixture.sameThread(root);
    String id = connect("Main").session().profile().id();
    keystore().failWith(CredentialStoreException.Kind.LOCKED);

    SignOutResult result = fx.service.signOut(id).get();

    assertThat(result.signedOut()).isFalse();
    assertThat(result.message()).contains("kept so you can try again");
    assertThat(fx.settings.current().find(id)).isPresent();
    keystore().failWith(null);
    assertThat(keystore().holds(id)).isTrue();
  }

  @Test
  void withoutAKeystoreKeysAreKeptForThisSessionOnlyAndAskedForAgainAfterARestart()
      throws Exception {
    fx =
        new SignInFixture(
            root,
            InMemoryCredentialStore.unsupported("no keyring service is running in this session"),
            Runnable::run);
    assertThat(fx.service.keyStorage().get())
        .isEqualTo(
            new KeyStorageStatus(
                true,
                "memory (this session only)",
                Optional.of("no keyring service is running in this session")));

    AccountSession session = connect("Main").session();
    String id = session.profile().id();

    assertThat(session.keys()).isEqualTo(KeyLocation.SESSION_ONLY);
    assertThat(session.notice().orElseThrow())
        .contains("because no keyring service is running")
        .contains("this session only");
    assertThat(fx.sessionStore.holds(id)).isTrue();
    assertThat(keystore().size()).isZero();
    // Same run: opening it again works from memory, and the notice still says why.
    OpenOutcome reopened = fx.service.switchTo(id).get();
    assertThat(reopened).isInstanceOf(OpenOutcome.Opened.class);
    assertThat(((OpenOutcome.Opened) reopened).session().notice().orElseThrow())
        .contains("because no keyring service is running")
        .contains("this session only");

    fx.restart();
    OpenOutcome next = fx.service.openLastUsed().get();
    assertThat(next).isInstanceOf(OpenOutcome.NeedsKeys.class);
    OpenOutcome.NeedsKeys needsKeys = (OpenOutcome.NeedsKeys) next;
    assertThat(needsKeys.problem()).isEqualTo(KeysProblem.UNAVAILABLE);
    assertThat(needsKeys.message()).contains("no keyring service is running");

    // Entering the keys again updates the same account instead of adding one.
    SignInOutcome again =
        fx.service.signIn("Main", ACCESS_KEY, SECRET.toCharArray(), null, id).get();
    assertThat(((SignInOutcome.Connected) again).session().profile().id()).isEqualTo(id);
    assertThat(fx.settings.current().realAccounts()).hasSize(1);
  }

  @Test
  void aKeystoreThatRefusesTheEntryFallsBackToThisSessionWithTheReason() throws Exception {
    fx = SignInFixture.sameThread(root);
    keystore().failWith(CredentialStoreException.Kind.LOCKED);

    AccountSession session = connect("Main").session();

    assertThat(session.keys()).isEqualTo(KeyLocation.SESSION_ONLY);
    assertThat(session.notice().orElseThrow()).contains("LOCKED").contains("this session only");
    assertThat(fx.sessionStore.holds(session.profile().id())).isTrue();
  }

  @Test
  void openLastUsedLoadsTheKeysAndBuildsAClient() throws Exception {
    fx = SignInFixture.sameThread(root);
    assertThat(fx.service.openLastUsed().get())
        .isEqualTo(new OpenOutcome.NoAccount(Optional.empty()));
    String id = connect("Main").session().profile().id();

    fx.restart();
    OpenOutcome outcome = fx.service.openLastUsed().get();

    assertThat(outcome).isInstanceOf(OpenOutcome.Opened.class);
    AccountSession session = ((OpenOutcome.Opened) outcome).session();
    assertThat(session.profile().id()).isEqualTo(id);
    assertThat(session.keys()).isEqualTo(KeyLocation.KEYSTORE);
    FakeFlowrouteClient client = (FakeFlowrouteClient) session.client();
    assertThat(client.accessKey()).isEqualTo(ACCESS_KEY);
    assertThat(client.baseUrl()).isEqualTo(AccountProfile.FLOWROUTE_API);
    assertThat(client.listRoutes(null, 1, 0).get().items()).isEmpty();
  }

  @Test
  void aLostOrLockedEntryAsksForTheKeysAgainWithTheReason() throws Exception {
    fx = SignInFixture.sameThread(root);
    String id = connect("Main").session().profile().id();

    fx.restart();
    keystore().failWith(CredentialStoreException.Kind.LOCKED);
    OpenOutcome locked = fx.service.openLastUsed().get();
    keystore().failWith(null);
    keystore().delete(id);
    OpenOutcome missing = fx.service.openLastUsed().get();

    assertThat(locked).isInstanceOf(OpenOutcome.NeedsKeys.class);
    assertThat(((OpenOutcome.NeedsKeys) locked).problem()).isEqualTo(KeysProblem.LOCKED);
    assertThat(((OpenOutcome.NeedsKeys) locked).profile().id()).isEqualTo(id);
    assertThat(missing).isInstanceOf(OpenOutcome.NeedsKeys.class);
    assertThat(((OpenOutcome.NeedsKeys) missing).problem()).isEqualTo(KeysProblem.MISSING);
    assertThat(((OpenOutcome.NeedsKeys) missing).message()).contains("Enter them again");
  }

  @Test
  void theSandboxOpenedMeanwhileIsNotRememberedSoTheNextStartAsksForTheKeysAgain()
      throws Exception {
    fx = SignInFixture.sameThread(root);
    AccountSession main = connect("Main").session();
    String id = main.profile().id();
    fx.restart();
    keystore().delete(id);
    assertThat(fx.service.openLastUsed().get()).isInstanceOf(OpenOutcome.NeedsKeys.class);

    OpenOutcome sandbox = fx.service.openSandboxMeanwhile().get();

    assertThat(sandbox).isInstanceOf(OpenOutcome.Opened.class);
    AccountSession session = ((OpenOutcome.Opened) sandbox).session();
    assertThat(session.profile().isSandbox()).isTrue();
    assertThat(session.keys()).isEqualTo(KeyLocation.NONE);
    assertThat(fx.service.current()).contains(session);
    assertThat(fx.settings.current().lastUsedAccountId()).isEqualTo(id);
    fx.restart();
    assertThat(fx.service.openLastUsed().get()).isInstanceOf(OpenOutcome.NeedsKeys.class);
  }

  @Test
  void aDamagedAccountListIsReportedAtStartUp() throws Exception {
    Files.createDirectories(root.resolve("config"));
    Files.writeString(root.resolve("config/accounts.json"), "not json at all");
    fx = SignInFixture.sameThread(root);

    OpenOutcome outcome = fx.service.openLastUsed().get();

    assertThat(outcome).isInstanceOf(OpenOutcome.NoAccount.class);
    assertThat(((OpenOutcome.NoAccount) outcome).notice().orElseThrow()).contains("moved to");
  }

  @Test
  void switchingBetweenAccountsClosesThePreviousClientAndRemembersTheChoice() throws Exception {
    fx = SignInFixture.sameThread(root);
    AccountSession first = connect("Main").session();

    OpenOutcome sandbox = fx.service.switchTo(AccountProfile.SANDBOX_ID).get();

    assertThat(sandbox).isInstanceOf(OpenOutcome.Opened.class);
    assertThat(((OpenOutcome.Opened) sandbox).session().keys()).isEqualTo(KeyLocation.NONE);
    assertThat(((FakeFlowrouteClient) first.client()).isClosed()).isTrue();
    assertThat(fx.settings.current().lastUsedAccountId()).isEqualTo(AccountProfile.SANDBOX_ID);

    OpenOutcome back = fx.service.switchTo(first.profile().id()).get();
    assertThat(((OpenOutcome.Opened) back).session().profile().id())
        .isEqualTo(first.profile().id());
    assertThat(fx.service.switchTo("fr-unknown").get()).isInstanceOf(OpenOutcome.Failed.class);
  }

  @Test
  void cancellingWhileTheKeysAreCheckedKeepsNothing() throws Exception {
    fx = SignInFixture.sameThread(root);
    fx.flowroute.hold();

    CompletableFuture<SignInOutcome> attempt =
        fx.service.signIn("Main", ACCESS_KEY, SECRET.toCharArray(), "");
    attempt.cancel(false);
    fx.flowroute.release();

    assertThat(keystore().size()).isZero();
    assertThat(fx.settings.current().realAccounts()).isEmpty();
    assertThat(fx.flowroute.clients()).allMatch(FakeFlowrouteClient::isClosed);
  }

  @Test
  void keystoreAndFileWorkRunOnTheInjectedExecutorNotTheCallersThread() throws Exception {
    List<String> threads = new CopyOnWriteArrayList<>();
    CredentialStore recording =
        new ThreadRecordingStore(InMemoryCredentialStore.working(), threads);
    ExecutorService io = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-io"));
    try {
      fx = new SignInFixture(root, recording, io);
      connect("Main");
      fx.service.openLastUsed().get(5, TimeUnit.SECONDS);
      String id = fx.settings.current().realAccounts().getFirst().id();
      fx.service.signOut(id).get(5, TimeUnit.SECONDS);
    } finally {
      io.shutdownNow();
    }
    assertThat(threads).isNotEmpty().allMatch("test-io"::equals);
  }

  /** Records on which thread each keystore call ran. */
  private record ThreadRecordingStore(CredentialStore delegate, List<String> threads)
      implements CredentialStore {
    @Override
    public String displayName() {
      return delegate.displayName();
    }

    @Override
    public boolean isPersistent() {
      return true;
    }

    @Override
    public boolean isSupported() {
      threads.add(Thread.currentThread().getName());
      return delegate.isSupported();
    }

    @Override
    public Optional<String> unsupportedReason() {
      return delegate.unsupportedReason();
    }

    @Override
    public void store(String accountId, ApiCredentials credentials)
        throws CredentialStoreException {
      threads.add(Thread.currentThread().getName());
      delegate.store(accountId, credentials);
    }

    @Override
    public Optional<ApiCredentials> load(String accountId) throws CredentialStoreException {
      threads.add(Thread.currentThread().getName());
      return delegate.load(accountId);
    }

    @Override
    public void delete(String accountId) throws CredentialStoreException {
      threads.add(Thread.currentThread().getName());
      delegate.delete(accountId);
    }

    @Override
    public void close() {
      delegate.close();
    }
  }
}
