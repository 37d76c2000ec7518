package io.routedesk.ui.account;

import static io.routedesk.testing.SignInFixture.ACCESS_KEY;
import static io.routedesk.testing.SignInFixture.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import io.routedesk.flowroute.FlowrouteException;
import io.routedesk.secrets.InMemoryCredentialStore;
import io.routedesk.service.KeyLocation;
import io.routedesk.service.OpenOutcome;
import io.routedesk.service.SignInFailure;
import io.routedesk.service.SignInOutcome;
import io.routedesk.store.AccountProfile;
import io.routedesk.testing.SignInFixture;
import io.routedesk.testing.SignInTestBase;
import io.routedesk.ui.account.SignInViewModel.MessageKind;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Same-thread executors: every service call has completed when connect() returns. */
class SignInViewModelTest extends SignInTestBase {

  private SignInViewModel vm() {
    return new SignInViewModel(fx.service, Runnable::run);
  }

  private static void type(SignInViewModel vm, String name, String access, String secret) {
    vm.displayNameProperty().set(name);
    vm.accessKeyProperty().set(access);
    vm.secretKeyProperty().set(secret);
  }

  @Test
  void withAKeystoreThereIsNoSessionOnlyNoticeButItSaysWhereKeysGo() {
    fx = SignInFixture.sameThread(root);
    SignInViewModel vm = vm();

    assertThat(vm.sessionOnlyNoticeProperty().get()).isEmpty();
    assertThat(vm.keyStorageInfoProperty().get())
        .isEqualTo("RouteDesk keeps your keys in the test keystore, never in a file.");
  }

  @Test
  void withoutAKeystoreTheSessionOnlyNoticeGivesTheReason() {
    fx =
        new SignInFixture(
            root,
            InMemoryCredentialStore.unsupported("no keyring service is running in this session"),
            Runnable::run);
    SignInViewModel vm = vm();

    assertThat(vm.sessionOnlyNoticeProperty().get())
        .isEqualTo(
            "Your keys are kept in memory for this session only because no keyring service is"
                + " running in this session. RouteDesk will ask for them again next time.");
    assertThat(vm.keyStorageInfoProperty().get()).isEmpty();

    type(vm, "Main", ACCESS_KEY, SECRET);
    assertThat(vm.connect()).isCompletedWithValue(true);
    assertThat(vm.connectedSessionProperty().get().keys()).isEqualTo(KeyLocation.SESSION_ONLY);
  }

  @Test
  void bothKeysAreRequiredAfterTrimmingAndNothingIsSentOtherwise() {
    fx = SignInFixture.sameThread(root);
    SignInViewModel vm = vm();
    type(vm, "Main", "   ", " \t ");

    assertThat(vm.connect()).isCompletedWithValue(false);

    assertThat(vm.accessKeyErrorProperty().get()).isEqualTo("Enter the access key.");
    assertThat(vm.secretKeyErrorProperty().get()).isEqualTo("Enter the secret key.");
    assertThat(vm.messageKindProperty().get()).isEqualTo(MessageKind.ERROR);
    assertThat(fx.flowroute.clients()).isEmpty();

    // Errors clear as the user fixes the fields.
    vm.accessKeyProperty().set(ACCESS_KEY);
    assertThat(vm.accessKeyErrorProperty().get()).isEmpty();
    assertThat(vm.secretKeyErrorProperty().get()).isNotEmpty();
  }

  @Test
  void aWrongKeyKeepsEverythingTypedAndStoresNothing() {
    fx = SignInFixture.sameThread(root);
    SignInViewModel vm = vm();
    type(vm, "Main office", ACCESS_KEY, "wrong-secret");
    vm.secretVisibleProperty().set(true);

    assertThat(vm.connect()).isCompletedWithValue(false);

    assertThat(vm.messageKindProperty().get()).isEqualTo(MessageKind.ERROR);
    assertThat(vm.getMessage()).startsWith("Flowroute did not accept these keys.");
    assertThat(vm.displayNameProperty().get()).isEqualTo("Main office");
    assertThat(vm.accessKeyProperty().get()).isEqualTo(ACCESS_KEY);
    assertThat(vm.secretKeyProperty().get()).isEqualTo("wrong-secret");
    assertThat(vm.secretVisibleProperty().get()).isTrue();
    assertThat(vm.isBusy()).isFalse();
    assertThat(vm.getConnectedAccount()).isNull();
    assertThat(vm.focusRequestProperty().get()).isEqualTo(SignInViewModel.Field.SECRET_KEY);
    assertThat(((InMemoryCredentialStore) fx.keystore).size()).isZero();
    assertThat(fx.settings.current().realAccounts()).isEmpty();
  }

  @Test
  void everyFailureKindHasItsOwnMessage() {
    fx = SignInFixture.sameThread(root);
    SignInViewModel vm = vm();
    Set<String> messages = new HashSet<>();
    for (SignInFailure failure : EnumSet.allOf(SignInFailure.class)) {
      messages.add(
          vm.messageFor(new SignInOutcome.Rejected(failure, "Detail of " + failure + ".", 503)));
    }
    assertThat(messages).hasSize(SignInFailure.values().length);

    // And the service's outcomes reach the message: no network, timeout, server error.
    type(vm, "Main", ACCESS_KEY, SECRET);
    fx.flowroute.failWith(FlowrouteException.Kind.NETWORK, 0);
    vm.connect();
    assertThat(vm.getMessage()).contains("could not reach Flowroute at https://api.flowroute.com");
    fx.flowroute.failWith(FlowrouteException.Kind.TIMEOUT, 0);
    vm.connect();
    assertThat(vm.getMessage()).contains("did not answer in time");
    fx.flowroute.failWith(FlowrouteException.Kind.SERVER, 503);
    vm.connect();
    assertThat(vm.getMessage()).contains("(HTTP 503)");
    assertThat(vm.secretKeyProperty().get()).isEqualTo(SECRET);
  }

  @Test
  void successPublishesTheAccountAndForgetsTheTypedSecret() {
    fx = SignInFixture.sameThread(root);
    SignInViewModel vm = vm();
    type(vm, "Main office", " " + ACCESS_KEY + " ", SECRET);

    assertThat(vm.connect()).isCompletedWithValue(true);

    AccountProfile profile = vm.getConnectedAccount();
    assertThat(profile.displayName()).isEqualTo("Main office");
    assertThat(profile.maskedAccessKey()).isEqualTo("••••5926");
    assertThat(vm.secretKeyProperty().get()).isEmpty();
    assertThat(vm.getMessage()).isEmpty();
    assertThat(vm.isBusy()).isFalse();
    assertThat(fx.service.current().orElseThrow().profile()).isEqualTo(profile);
  }

  @Test
  void busyWhileCheckingAndCancelKeepsNothing() {
    fx = SignInFixture.sameThread(root);
    SignInViewModel vm = vm();
    type(vm, "Main", ACCESS_KEY, SECRET);
    fx.flowroute.hold();

    var attempt = vm.connect();
    assertThat(vm.isBusy()).isTrue();
    assertThat(vm.messageKindProperty().get()).isEqualTo(MessageKind.INFO);
    vm.cancel();
    fx.flowroute.release();

    assertThat(attempt).isCompletedWithValue(false);
    assertThat(vm.isBusy()).isFalse();
    assertThat(vm.secretKeyProperty().get()).isEmpty();
    assertThat(((InMemoryCredentialStore) fx.keystore).size()).isZero();
    assertThat(fx.settings.current().realAccounts()).isEmpty();
  }

  @Test
  void reentryPrefillsTheAccountAndReplacesItsKeys() throws Exception {
    fx = SignInFixture.sameThread(root);
    SignInViewModel first = vm();
    type(first, "Main office", ACCESS_KEY, SECRET);
    first.connect();
    AccountProfile profile = first.getConnectedAccount();
    fx.restart();
    fx.keystore.delete(profile.id());
    OpenOutcome.NeedsKeys needsKeys = (OpenOutcome.NeedsKeys) fx.service.openLastUsed().get();

    SignInViewModel vm = vm();
    vm.prepareForReentry(needsKeys);

    assertThat(vm.displayNameProperty().get()).isEqualTo("Main office");
    assertThat(vm.messageKindProperty().get()).isEqualTo(MessageKind.INFO);
    assertThat(vm.getMessage()).isEqualTo(needsKeys.message());
    vm.accessKeyProperty().set(ACCESS_KEY);
    vm.secretKeyProperty().set(SECRET);
    assertThat(vm.connect()).isCompletedWithValue(true);
    assertThat(vm.getConnectedAccount().id()).isEqualTo(profile.id());
  }
}
