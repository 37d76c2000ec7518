package io.routedesk.service;

import io.routedesk.flowroute.FlowrouteClient;
import io.routedesk.flowroute.FlowrouteException;
import io.routedesk.secrets.ApiCredentials;
import io.routedesk.secrets.CredentialStore;
import io.routedesk.secrets.CredentialStoreException;
import io.routedesk.secrets.CredentialStoreSelector;
import io.routedesk.secrets.SessionOnlyCredentialStore;
import io.routedesk.service.OpenOutcome.KeysProblem;
import io.routedesk.store.AccountProfile;
import io.routedesk.store.AccountSettings;
import io.routedesk.store.AccountSettingsStore;
import java.io.IOException;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connecting Flowroute accounts: sign in (keys checked with Flowroute before anything is kept),
 * open the last used account at start-up, switch between accounts, sign out.
 *
 * <p><b>Threads.</b> Every method returns at once. Keystore calls and file I/O run on the injected
 * {@code io} executor, HTTP on the client's threads; the returned futures complete on one of those
 * threads, never on the caller's. The UI hops back to its thread itself. Expected failures (wrong
 * keys, a locked keystore…) complete the future normally with an outcome value; a future completes
 * exceptionally only on a programming error.
 *
 * <p><b>Secrets.</b> Keys go to the operating-system keystore, or to memory for this run when there
 * is none (or it refuses the entry); never to a file or a log line. The service clears every copy
 * of a key it makes; callers clear the {@code char[]} they pass in.
 *
 * <p><b>Sessions.</b> The service owns the client of the open account: opening another account,
 * signing out of this one, and {@link #close()} close it.
 */
public final class SignInService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SignInService.class);

  private final CredentialStoreSelector keys;
  private final AccountSettingsStore settings;
  private final FlowrouteClientFactory clients;
  private final Supplier<FlowrouteClient> sandbox;
  private final Executor io;
  private final Clock clock;

  private AccountSession current; // guarded by this

  /**
   * @param keys where keys are kept (OS keystore or session-only)
   * @param settings the non-secret account list
   * @param clients builds a client from an API address and keys
   * @param sandbox starts (or reuses) the built-in sandbox and returns a client for it; called on
   *     {@code io}; null when this build has no sandbox
   * @param io a bounded background executor for keystore and disk work
   */
  public SignInService(
      CredentialStoreSelector keys,
      AccountSettingsStore settings,
      FlowrouteClientFactory clients,
      Supplier<FlowrouteClient> sandbox,
      Executor io,
      Clock clock) {
    this.keys = Objects.requireNonNull(keys, "keys");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clients = Objects.requireNonNull(clients, "clients");
    this.sandbox = sandbox;
    this.io = Objects.requireNonNull(io, "io");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Where new keys will be kept, and why when it is memory only. Probes the keystore once. */
  public CompletableFuture<KeyStorageStatus> keyStorage() {
    return CompletableFuture.supplyAsync(
        () -> {
          CredentialStoreSelector.Selection s = keys.select();
          return new KeyStorageStatus(s.sessionOnly(), s.storeName(), s.reason());
        },
        io);
  }

  /** The known accounts (sandbox included) and the last used one. */
  public CompletableFuture<AccountSettings> accounts() {
    return CompletableFuture.supplyAsync(settings::current, io);
  }

  /** The open account, if any. Never blocks. */
  public synchronized Optional<AccountSession> current() {
    return Optional.ofNullable(current);
  }

  /** Signs in as a new account (or the existing profile with the same keys). */
  public CompletableFuture<SignInOutcome> signIn(
      String displayName, String accessKey, char[] secretKey, String baseUrl) {
    return signIn(displayName, accessKey, secretKey, baseUrl, null);
  }

  /**
   * Checks the keys with a cheap authenticated call (one route), and only if Flowroute accepts them
   * keeps the keys and the profile, marks the account last used and opens it.
   *
   * <p>The arguments are checked and copied before this returns; the caller may then clear {@code
   * secretKey}. Cancelling the returned future before the keys are kept means nothing is kept.
   *
   * @param displayName a name for the account; blank picks "Flowroute ••••1234"
   * @param baseUrl the API address; blank means {@link AccountProfile#FLOWROUTE_API}
   * @param replacingAccountId the profile whose keys are being entered again (after {@link
   *     OpenOutcome.NeedsKeys}), or null
   */
  public CompletableFuture<SignInOutcome> signIn(
      String displayName,
      String accessKey,
      char[] secretKey,
      String baseUrl,
      String replacingAccountId) {
    String url = baseUrl == null || baseUrl.isBlank() ? AccountProfile.FLOWROUTE_API : baseUrl;
    url = stripTrailingSlashes(url.strip());
    Optional<String> badUrl = AccountProfile.checkBaseUrl(url);
    if (badUrl.isPresent()) {
      return CompletableFuture.completedFuture(
          new SignInOutcome.Rejected(SignInFailure.INVALID_INPUT, badUrl.get(), 0));
    }
    ApiCredentials credentials;
    try {
      credentials = ApiCredentials.of(accessKey == null ? "" : accessKey, orEmpty(secretKey));
    } catch (IllegalArgumentException e) {
      return CompletableFuture.completedFuture(
          new SignInOutcome.Rejected(SignInFailure.INVALID_INPUT, e.getMessage(), 0));
    }
    String name =
        displayName == null || displayName.isBlank()
            ? "Flowroute " + credentials.maskedAccessKey()
            : displayName.strip();
    String apiUrl = url;

    CompletableFuture<SignInOutcome> result = new CompletableFuture<>();
    CompletableFuture.runAsync(
        () -> {
          FlowrouteClient client;
          try {
            client = clients.create(apiUrl, credentials);
          } catch (RuntimeException e) {
            LOG.warn("Could not create a Flowroute client for {}", apiUrl, e);
            credentials.clear();
            result.complete(
                new SignInOutcome.Rejected(
                    SignInFailure.OTHER,
                    "RouteDesk could not prepare a connection to " + apiUrl + ".",
                    0));
            return;
          }
          verify(client)
              .whenCompleteAsync(
                  (ignored, failure) -> {
                    if (failure != null || result.isDone()) {
                      credentials.clear();
                      client.close();
                      if (failure != null) {
                        result.complete(rejection(failure, apiUrl));
                      }
                      return;
                    }
                    try {
                      result.complete(keep(name, apiUrl, credentials, client, replacingAccountId));
                    } catch (RuntimeException e) {
                      client.close();
                      result.completeExceptionally(e);
                    } finally {
                      credentials.clear();
                    }
                  },
                  io);
        },
        io);
    return result;
  }

  /** One route: the cheapest call that needs valid keys. */
  private static CompletableFuture<?> verify(FlowrouteClient client) {
    try {
      return client.listRoutes(null, 1, 0);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Keys accepted: keep keys, then the profile, then open. Runs on io. */
  private SignInOutcome keep(
      String name,
      String apiUrl,
      ApiCredentials credentials,
      FlowrouteClient client,
      String replacingAccountId) {
    AccountSettings known = settings.current();
    String accountId = chooseAccountId(known, credentials, apiUrl, replacingAccountId);
    Stored stored = storeKeys(accountId, credentials);

    AccountProfile profile =
        new AccountProfile(
            accountId,
            name,
            AccountProfile.Kind.REAL,
            credentials.accessKeyHint(),
            apiUrl,
            clock.instant());
    try {
      settings.update(s -> s.withAccount(profile).markUsed(accountId, profile.lastUsed()));
    } catch (IOException e) {
      LOG.warn("Could not save the account list; undoing the sign-in of {}", accountId, e);
      if (!known.find(accountId).isPresent()) {
        forgetKeys(accountId);
      }
      client.close();
      return new SignInOutcome.Rejected(
          SignInFailure.SAVE_FAILED,
          "RouteDesk could not save its account list ("
              + settings.file()
              + "): "
              + e.getClass().getSimpleName()
              + ".",
          0);
    }
    LOG.info("Signed in to account {} (keys: {})", accountId, stored.location());
    AccountSession session =
        new AccountSession(profile, client, stored.location(), stored.notice());
    activate(session);
    return new SignInOutcome.Connected(session);
  }

  /**
   * The profile id for these keys: the one being replaced, else an existing profile holding the
   * same keys (signing in twice must not duplicate an account), else a new id.
   */
  private String chooseAccountId(
      AccountSettings known, ApiCredentials credentials, String apiUrl, String replacing) {
    if (replacing != null && known.find(replacing).filter(p -> !p.isSandbox()).isPresent()) {
      return replacing;
    }
    for (AccountProfile candidate : known.realAccounts()) {
      if (!candidate.accessKeyLast4().equals(credentials.accessKeyHint())
          || !candidate.apiBaseUrl().equals(apiUrl)) {
        continue;
      }
      Optional<ApiCredentials> existing = readKeysQuietly(candidate.id());
      if (existing.isPresent()) {
        boolean sameAccessKey = existing.get().accessKey().equals(credentials.accessKey());
        existing.get().clear();
        if (sameAccessKey) {
          return candidate.id();
        }
      }
    }
    return "fr-" + UUID.randomUUID();
  }

  private record Stored(KeyLocation location, Optional<String> notice) {}

  /** Keystore if it can be used for this entry, else memory for this run. Never a file. */
  private Stored storeKeys(String accountId, ApiCredentials credentials) {
    CredentialStoreSelector.Selection selection = keys.select();
    SessionOnlyCredentialStore session = keys.sessionStore();
    if (!selection.sessionOnly()) {
      try {
        selection.store().store(accountId, credentials);
        // A copy kept for an earlier session must not shadow the newer keys in the keystore.
        session.delete(accountId);
        return new Stored(KeyLocation.KEYSTORE, Optional.empty());
      } catch (CredentialStoreException e) {
        LOG.warn(
            "Keystore refused the keys of {} ({}); keeping them for this session",
            accountId,
            e.kind());
        putInSession(session, accountId, credentials);
        return new Stored(KeyLocation.SESSION_ONLY, Optional.of(sessionOnlyNotice(e.getMessage())));
      }
    }
    putInSession(session, accountId, credentials);
    return new Stored(
        KeyLocation.SESSION_ONLY,
        Optional.of(
            sessionOnlyNotice(
                "No keystore is available because "
                    + selection.reason().orElse("none was found")
                    + ".")));
  }

  private static String sessionOnlyNotice(String why) {
    return why
        + " Your keys are kept in memory for this session only; RouteDesk will ask for them"
        + " again next time.";
  }

  private static void putInSession(
      SessionOnlyCredentialStore session, String accountId, ApiCredentials credentials) {
    try {
      session.store(accountId, credentials);
    } catch (CredentialStoreException e) {
      // Only after close(): the app is shutting down.
      throw new CompletionException(e);
    }
  }

  /** Opens the account used last time; {@link OpenOutcome.NoAccount} on first run. */
  public CompletableFuture<OpenOutcome> openLastUsed() {
    return CompletableFuture.supplyAsync(
        () -> {
          AccountSettingsStore.LoadReport report = settings.load();
          Optional<AccountProfile> last = report.settings().lastUsed();
          if (last.isEmpty()) {
            return new OpenOutcome.NoAccount(report.problem());
          }
          return open(last.get(), true);
        },
        io);
  }

  /** Opens another known account (the sandbox included) and makes it the last used one. */
  public CompletableFuture<OpenOutcome> switchTo(String accountId) {
    return openKnown(accountId, true);
  }

  /**
   * Opens a known account without making it the last used one: for the command line, which must not
   * change the account the window opens next.
   */
  public CompletableFuture<OpenOutcome> openWithoutRemembering(String accountId) {
    return openKnown(accountId, false);
  }

  private CompletableFuture<OpenOutcome> openKnown(String accountId, boolean remember) {
    Objects.requireNonNull(accountId, "accountId");
    return CompletableFuture.supplyAsync(
        () ->
            settings
                .current()
                .find(accountId)
                .map(profile -> open(profile, remember))
                .orElseGet(
                    () ->
                        new OpenOutcome.Failed(
                            accountId, "RouteDesk does not know this account any more.")),
        io);
  }

  /**
   * Opens the built-in sandbox without making it the last used account: for when the account used
   * last cannot be opened now (its keys are missing, the keystore is locked…) or there is none yet.
   * The window shows the sandbox meanwhile, and the next start tries the last used account again.
   */
  public CompletableFuture<OpenOutcome> openSandboxMeanwhile() {
    return CompletableFuture.supplyAsync(
        () ->
            openSandbox(
                settings.current().find(AccountProfile.SANDBOX_ID).orElse(AccountProfile.sandbox()),
                false),
        io);
  }

  /** Runs on io. */
  private OpenOutcome open(AccountProfile profile, boolean remember) {
    if (profile.isSandbox()) {
      return openSandbox(profile, remember);
    }
    SessionOnlyCredentialStore session = keys.sessionStore();
    ApiCredentials credentials;
    KeyLocation location;
    Optional<String> notice = Optional.empty();
    try {
      Optional<ApiCredentials> inMemory = session.load(profile.id());
      if (inMemory.isPresent()) {
        credentials = inMemory.get();
        location = KeyLocation.SESSION_ONLY;
        notice = Optional.of(sessionOnlyNotice(whyInMemory(profile)));
      } else {
        CredentialStoreSelector.Selection selection = keys.select();
        if (selection.sessionOnly()) {
          return new OpenOutcome.NeedsKeys(
              profile,
              KeysProblem.UNAVAILABLE,
              "No keystore is available because "
                  + selection.reason().orElse("none was found")
                  + ", so RouteDesk could not keep the keys of "
                  + profile.displayName()
                  + ". Enter them again.");
        }
        Optional<ApiCredentials> stored = selection.store().load(profile.id());
        if (stored.isEmpty()) {
          return new OpenOutcome.NeedsKeys(
              profile,
              KeysProblem.MISSING,
              "The keys of "
                  + profile.displayName()
                  + " are not in the "
                  + selection.storeName()
                  + " (they were removed, or kept for one session only). Enter them again.");
        }
        credentials = stored.get();
        location = KeyLocation.KEYSTORE;
      }
    } catch (CredentialStoreException e) {
      LOG.warn("Could not read the keys of {}: {}", profile.id(), e.kind());
      return new OpenOutcome.NeedsKeys(
          profile, problemOf(e.kind()), e.getMessage() + " You can also enter the keys again.");
    }

    FlowrouteClient client;
    try {
      client = clients.create(profile.apiBaseUrl(), credentials);
    } catch (RuntimeException e) {
      LOG.warn("Could not create a Flowroute client for {}", profile.id(), e);
      return new OpenOutcome.Failed(
          profile.id(),
          "RouteDesk could not prepare a connection to " + profile.apiBaseUrl() + ".");
    } finally {
      credentials.clear();
    }
    AccountProfile used = remember ? markUsed(profile) : profile;
    AccountSession opened = new AccountSession(used, client, location, notice);
    activate(opened);
    return new OpenOutcome.Opened(opened);
  }

  /** Why keys found in the session store are there, as the first sentence of the notice. */
  private String whyInMemory(AccountProfile profile) {
    Optional<CredentialStoreSelector.Selection> selection = keys.selectedSoFar();
    if (selection.isPresent() && selection.get().sessionOnly()) {
      return "No keystore is available because "
          + selection.get().reason().orElse("none was found")
          + ".";
    }
    return "The keystore did not take the keys of "
        + profile.displayName()
        + " when you signed in (it was locked or refused them).";
  }

  private OpenOutcome openSandbox(AccountProfile profile, boolean remember) {
    if (sandbox == null) {
      return new OpenOutcome.Failed(
          profile.id(), "The built-in sandbox is not available in this build.");
    }
    FlowrouteClient client;
    try {
      client = sandbox.get();
    } catch (RuntimeException e) {
      LOG.warn("Could not start the built-in sandbox", e);
      return new OpenOutcome.Failed(
          profile.id(), "The built-in sandbox could not be started: " + e.getMessage());
    }
    AccountSession opened =
        new AccountSession(
            remember ? markUsed(profile) : profile, client, KeyLocation.NONE, Optional.empty());
    activate(opened);
    return new OpenOutcome.Opened(opened);
  }

  /** Best effort: failing to remember the last account must not stop the user from working. */
  private AccountProfile markUsed(AccountProfile profile) {
    try {
      return settings
          .update(s -> s.markUsed(profile.id(), clock.instant()))
          .find(profile.id())
          .orElse(profile);
    } catch (IOException e) {
      LOG.warn("Could not record {} as the last used account", profile.id(), e);
      return profile;
    }
  }

  /**
   * Removes the account's keys (keystore and memory) and then its profile. If the keys cannot be
   * removed, the profile is kept so the user can try again: a sign-out never leaves keys behind
   * without a visible account to remove them from. The built-in sandbox cannot be signed out of.
   */
  public CompletableFuture<SignOutResult> signOut(String accountId) {
    Objects.requireNonNull(accountId, "accountId");
    return CompletableFuture.supplyAsync(
        () -> {
          if (AccountProfile.SANDBOX_ID.equals(accountId)) {
            return new SignOutResult(false, "The built-in sandbox has no keys to remove.");
          }
          String name =
              settings.current().find(accountId).map(AccountProfile::displayName).orElse(accountId);
          try {
            keys.sessionStore().delete(accountId);
            CredentialStore system = keys.systemStore();
            if (system.isSupported()) {
              system.delete(accountId);
            }
          } catch (CredentialStoreException e) {
            LOG.warn("Could not remove the keys of {}: {}", accountId, e.kind());
            return new SignOutResult(
                false, e.getMessage() + " " + name + " was kept so you can try again.");
          }
          closeIfCurrent(accountId);
          try {
            settings.update(s -> s.withoutAccount(accountId));
          } catch (IOException e) {
            LOG.warn("Could not save the account list after removing {}", accountId, e);
            return new SignOutResult(
                false,
                "The keys of "
                    + name
                    + " were removed, but the account list could not be saved ("
                    + e.getClass().getSimpleName()
                    + "). Try again.");
          }
          LOG.info("Signed out of account {}", accountId);
          return new SignOutResult(true, "Signed out of " + name + "; its keys were removed.");
        },
        io);
  }

  private synchronized void activate(AccountSession next) {
    AccountSession previous = current;
    current = next;
    if (previous != null && previous.client() != next.client()) {
      previous.client().close();
    }
  }

  private synchronized void closeIfCurrent(String accountId) {
    if (current != null && current.profile().id().equals(accountId)) {
      current.client().close();
      current = null;
    }
  }

  /** Closes the open account's client. The credential stores belong to whoever created them. */
  @Override
  public synchronized void close() {
    if (current != null) {
      current.client().close();
      current = null;
    }
  }

  private Optional<ApiCredentials> readKeysQuietly(String accountId) {
    try {
      Optional<ApiCredentials> inMemory = keys.sessionStore().load(accountId);
      if (inMemory.isPresent()) {
        return inMemory;
      }
      CredentialStoreSelector.Selection selection = keys.select();
      return selection.sessionOnly() ? Optional.empty() : selection.store().load(accountId);
    } catch (CredentialStoreException e) {
      return Optional.empty();
    }
  }

  private void forgetKeys(String accountId) {
    try {
      keys.sessionStore().delete(accountId);
      if (keys.systemStore().isSupported()) {
        keys.systemStore().delete(accountId);
      }
    } catch (CredentialStoreException e) {
      LOG.warn("Could not remove the keys of {} while undoing a sign-in", accountId, e);
    }
  }

  private static KeysProblem problemOf(CredentialStoreException.Kind kind) {
    return switch (kind) {
      case LOCKED -> KeysProblem.LOCKED;
      case DENIED -> KeysProblem.DENIED;
      case UNAVAILABLE -> KeysProblem.UNAVAILABLE;
      case FAILED -> KeysProblem.FAILED;
    };
  }

  /** Maps a failed check call to an outcome. Flowroute's messages never contain the keys. */
  static SignInOutcome.Rejected rejection(Throwable failure, String apiUrl) {
    FlowrouteException fe = FlowrouteException.unwrap(failure);
    if (fe == null) {
      LOG.warn("Checking the keys failed unexpectedly", failure);
      return new SignInOutcome.Rejected(
          SignInFailure.OTHER,
          "Checking the keys failed unexpectedly ("
              + rootCause(failure).getClass().getSimpleName()
              + ").",
          0);
    }
    LOG.info("Checking the keys with {} failed: {} (HTTP {})", apiUrl, fe.kind(), fe.status());
    SignInFailure kind =
        switch (fe.kind()) {
          case UNAUTHORIZED -> SignInFailure.WRONG_KEYS;
          case NETWORK -> SignInFailure.NO_NETWORK;
          case TIMEOUT -> SignInFailure.TIMEOUT;
          case SERVER -> SignInFailure.SERVER_ERROR;
          default -> SignInFailure.OTHER;
        };
    String detail = fe.getMessage() == null ? fe.kind().name() : fe.getMessage();
    return new SignInOutcome.Rejected(kind, detail, fe.status());
  }

  private static Throwable rootCause(Throwable t) {
    Throwable c = t;
    while ((c instanceof CompletionException || c instanceof ExecutionException)
        && c.getCause() != null) {
      c = c.getCause();
    }
    return c;
  }

  private static char[] orEmpty(char[] chars) {
    return chars == null ? new char[0] : chars;
  }

  private static String stripTrailingSlashes(String url) {
    String u = url;
    while (u.endsWith("/")) {
      u = u.substring(0, u.length() - 1);
    }
    return u;
  }
}
