package io.routedesk.ui.account;

import io.routedesk.service.AccountSession;
import io.routedesk.service.KeyStorageStatus;
import io.routedesk.service.OpenOutcome;
import io.routedesk.service.SignInFailure;
import io.routedesk.service.SignInOutcome;
import io.routedesk.service.SignInService;
import io.routedesk.store.AccountProfile;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * State and commands of the "Connect a Flowroute account" dialog. Properties are read and written
 * on the UI thread only; service results come back through the injected UI executor.
 *
 * <p>The secret key is held in a {@link StringProperty} because JavaFX text controls hold their
 * text as a String; it is copied to a {@code char[]} only for the call to the service, which is
 * wiped right after, and the property is emptied once the keys are kept (or the dialog cancelled).
 * On a failed attempt everything typed is kept so the user can fix one field.
 */
public final class SignInViewModel {

  /** How to show {@link #messageProperty()}. */
  public enum MessageKind {
    NONE,
    /** Progress or a hint. */
    INFO,
    /** Something failed; the text says what to do. */
    ERROR
  }

  private final SignInService service;
  private final Executor ui;

  private final StringProperty displayName = new SimpleStringProperty(this, "displayName", "");
  private final StringProperty accessKey = new SimpleStringProperty(this, "accessKey", "");
  private final StringProperty secretKey = new SimpleStringProperty(this, "secretKey", "");
  private final StringProperty apiAddress =
      new SimpleStringProperty(this, "apiAddress", AccountProfile.FLOWROUTE_API);
  private final BooleanProperty secretVisible = new SimpleBooleanProperty(this, "secretVisible");

  private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
  private final ReadOnlyObjectWrapper<MessageKind> messageKind =
      new ReadOnlyObjectWrapper<>(this, "messageKind", MessageKind.NONE);
  private final ReadOnlyStringWrapper accessKeyError =
      new ReadOnlyStringWrapper(this, "accessKeyError", "");
  private final ReadOnlyStringWrapper secretKeyError =
      new ReadOnlyStringWrapper(this, "secretKeyError", "");
  private final ReadOnlyStringWrapper apiAddressError =
      new ReadOnlyStringWrapper(this, "apiAddressError", "");
  private final ReadOnlyStringWrapper sessionOnlyNotice =
      new ReadOnlyStringWrapper(this, "sessionOnlyNotice", "");
  private final ReadOnlyObjectWrapper<Field> focusRequest = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyStringWrapper keyStorageInfo =
      new ReadOnlyStringWrapper(this, "keyStorageInfo", "");
  private final ReadOnlyObjectWrapper<AccountSession> connectedSession =
      new ReadOnlyObjectWrapper<>(this, "connectedSession");
  private final ReadOnlyObjectWrapper<AccountProfile> connectedAccount =
      new ReadOnlyObjectWrapper<>(this, "connectedAccount");

  private String replacingAccountId;
  private boolean attempted;
  private CompletableFuture<SignInOutcome> pending;

  /**
   * Asks the service where keys will be kept (the keystore is probed off the UI thread) and shows
   * the session-only notice when it answers.
   *
   * @param ui runs a task on the UI thread ({@code Platform::runLater} in the app)
   */
  public SignInViewModel(SignInService service, Executor ui) {
    this.service = Objects.requireNonNull(service, "service");
    this.ui = Objects.requireNonNull(ui, "ui");
    accessKey.addListener((o, was, now) -> revalidateIfAttempted());
    secretKey.addListener((o, was, now) -> revalidateIfAttempted());
    apiAddress.addListener((o, was, now) -> revalidateIfAttempted());
    service
        .keyStorage()
        .thenAcceptAsync(this::showKeyStorage, ui)
        .exceptionally(
            e -> {
              // Unexpected: the service answers with a status, it does not fail.
              ui.execute(
                  () ->
                      sessionOnlyNotice.set(sessionOnlyText("the keystore could not be checked")));
              return null;
            });
  }

  /** The sentence shown when no keystore is available. */
  public static String sessionOnlyText(String reason) {
    return "Your keys are kept in memory for this session only because "
        + reason
        + ". RouteDesk will ask for them again next time.";
  }

  private void showKeyStorage(KeyStorageStatus status) {
    if (status.sessionOnly()) {
      sessionOnlyNotice.set(sessionOnlyText(status.reason().orElse("no keystore was found")));
      keyStorageInfo.set("");
    } else {
      sessionOnlyNotice.set("");
      keyStorageInfo.set(
          "RouteDesk keeps your keys in the " + status.storeName() + ", never in a file.");
    }
  }

  /**
   * Prefills the form to enter the keys of a known account again (its keys were lost or the
   * keystore is locked) and says why.
   */
  public void prepareForReentry(OpenOutcome.NeedsKeys needsKeys) {
    AccountProfile profile = needsKeys.profile();
    replacingAccountId = profile.id();
    displayName.set(profile.displayName());
    if (profile.apiBaseUrl() != null) {
      apiAddress.set(profile.apiBaseUrl());
    }
    accessKey.set("");
    secretKey.set("");
    showMessage(MessageKind.INFO, needsKeys.message());
  }

  /** Checks the form; sets the field errors. True when it can be sent. */
  public boolean validate() {
    accessKeyError.set(
        accessKey.get() == null || accessKey.get().isBlank() ? "Enter the access key." : "");
    secretKeyError.set(
        secretKey.get() == null || secretKey.get().isBlank() ? "Enter the secret key." : "");
    String address = apiAddress.get() == null ? "" : apiAddress.get().strip();
    apiAddressError.set(address.isEmpty() ? "" : AccountProfile.checkBaseUrl(address).orElse(""));
    return accessKeyError.get().isEmpty()
        && secretKeyError.get().isEmpty()
        && apiAddressError.get().isEmpty();
  }

  private void revalidateIfAttempted() {
    if (attempted) {
      validate();
    }
  }

  /**
   * Checks the keys with Flowroute and, if they work, keeps them. Completes (on the UI thread) with
   * true once connected; false when the form is invalid, the keys were refused or the attempt was
   * cancelled; the message says why. Calling it while busy returns the attempt in progress.
   */
  public CompletableFuture<Boolean> connect() {
    if (busy.get() && pending != null) {
      return pending.handleAsync((o, e) -> o instanceof SignInOutcome.Connected, ui);
    }
    attempted = true;
    if (!validate()) {
      showMessage(MessageKind.ERROR, "Fill in the fields marked above.");
      return CompletableFuture.completedFuture(false);
    }
    busy.set(true);
    showMessage(MessageKind.INFO, "Checking your keys with Flowroute…");
    char[] secret = secretKey.get().toCharArray();
    CompletableFuture<SignInOutcome> attempt;
    try {
      attempt =
          service.signIn(
              displayName.get(), accessKey.get(), secret, apiAddress.get(), replacingAccountId);
    } finally {
      // The service copied what it needs before returning.
      Arrays.fill(secret, '\0');
    }
    pending = attempt;
    CompletableFuture<Boolean> done = new CompletableFuture<>();
    attempt.whenCompleteAsync(
        (outcome, failure) -> {
          if (pending != attempt) {
            done.complete(false);
            return;
          }
          pending = null;
          busy.set(false);
          if (failure != null) {
            Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause()
                    : failure;
            if (cause instanceof CancellationException) {
              showMessage(MessageKind.NONE, "");
            } else {
              showMessage(
                  MessageKind.ERROR,
                  "Something went wrong while connecting ("
                      + cause.getClass().getSimpleName()
                      + "). Nothing was saved; please try again.");
            }
            done.complete(false);
          } else if (outcome instanceof SignInOutcome.Connected connected) {
            secretKey.set("");
            showMessage(MessageKind.NONE, "");
            connectedSession.set(connected.session());
            connectedAccount.set(connected.session().profile());
            done.complete(true);
          } else if (outcome instanceof SignInOutcome.Rejected rejected) {
            showMessage(MessageKind.ERROR, messageFor(rejected));
            if (rejected.failure() == SignInFailure.WRONG_KEYS) {
              focusRequest.set(null);
              focusRequest.set(Field.SECRET_KEY); // where the fix is typed, not the account name
            }
            done.complete(false);
          }
        },
        ui);
    return done;
  }

  /** Stops waiting for an attempt in progress (nothing is kept) and forgets the typed secret. */
  public void cancel() {
    CompletableFuture<SignInOutcome> attempt = pending;
    pending = null;
    if (attempt != null) {
      attempt.cancel(false);
    }
    busy.set(false);
    secretKey.set("");
    showMessage(MessageKind.NONE, "");
  }

  /** The advice shown for a refused sign-in, one per failure kind. */
  String messageFor(SignInOutcome.Rejected rejected) {
    return switch (rejected.failure()) {
      case WRONG_KEYS ->
          "Flowroute did not accept these keys. Check the access key and the secret key"
              + " (Flowroute portal: Preferences › API Control) and try again.";
      case NO_NETWORK ->
          "RouteDesk could not reach Flowroute at "
              + apiAddress.get().strip()
              + ". Check your network connection and try again.";
      case TIMEOUT ->
          "Flowroute did not answer in time, so your keys could not be checked."
              + " Try again in a moment.";
      case SERVER_ERROR ->
          "Flowroute had a problem of its own"
              + (rejected.httpStatus() > 0 ? " (HTTP " + rejected.httpStatus() + ")" : "")
              + ", so your keys could not be checked. Try again later.";
      case SAVE_FAILED ->
          "Your keys work, but " + lowerFirst(rejected.detail()) + " Nothing was kept.";
      case INVALID_INPUT -> rejected.detail();
      case OTHER -> "Your keys could not be checked: " + rejected.detail();
    };
  }

  private static String lowerFirst(String s) {
    return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }

  private void showMessage(MessageKind kind, String text) {
    messageKind.set(kind);
    message.set(text);
  }

  public StringProperty displayNameProperty() {
    return displayName;
  }

  public StringProperty accessKeyProperty() {
    return accessKey;
  }

  public StringProperty secretKeyProperty() {
    return secretKey;
  }

  public StringProperty apiAddressProperty() {
    return apiAddress;
  }

  /** True while the secret key is shown in clear text. */
  public BooleanProperty secretVisibleProperty() {
    return secretVisible;
  }

  /** The form's fields the view may be asked to focus. */
  public enum Field {
    SECRET_KEY
  }

  /**
   * Set when the cursor should move to a field (after Flowroute refused the keys: the secret key);
   * set again, through null, each time, so every request is seen.
   */
  public ReadOnlyObjectProperty<Field> focusRequestProperty() {
    return focusRequest.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty busyProperty() {
    return busy.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<MessageKind> messageKindProperty() {
    return messageKind.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty accessKeyErrorProperty() {
    return accessKeyError.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty secretKeyErrorProperty() {
    return secretKeyError.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty apiAddressErrorProperty() {
    return apiAddressError.getReadOnlyProperty();
  }

  /** Non-empty when no keystore can be used: the sentence to show, with the reason. */
  public ReadOnlyStringProperty sessionOnlyNoticeProperty() {
    return sessionOnlyNotice.getReadOnlyProperty();
  }

  /** Where keys go when a keystore is used ("…in the macOS Keychain, never in a file."). */
  public ReadOnlyStringProperty keyStorageInfoProperty() {
    return keyStorageInfo.getReadOnlyProperty();
  }

  /** The opened session once connected (its notice says if keys are session-only). */
  public ReadOnlyObjectProperty<AccountSession> connectedSessionProperty() {
    return connectedSession.getReadOnlyProperty();
  }

  /** The connected account's profile; null until connected. */
  public ReadOnlyObjectProperty<AccountProfile> connectedAccountProperty() {
    return connectedAccount.getReadOnlyProperty();
  }

  public AccountProfile getConnectedAccount() {
    return connectedAccount.get();
  }

  public boolean isBusy() {
    return busy.get();
  }

  public String getMessage() {
    return message.get();
  }
}
