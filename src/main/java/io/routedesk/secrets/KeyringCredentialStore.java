package io.routedesk.secrets;

import com.github.javakeyring.BackendNotSupportedException;
import com.github.javakeyring.PasswordAccessException;
import io.routedesk.secrets.CredentialStoreException.Kind;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps key pairs in the operating system's keystore through java-keyring 1.0.4: Windows Credential
 * Manager, macOS Keychain, or a Secret Service keyring on Linux (GNOME Keyring, KWallet,
 * KeePassXC). One entry per account: service {@value #SERVICE_NAME}, account = the profile id, and
 * a small versioned text payload holding both the access key and the secret key.
 *
 * <p>What this class adds over java-keyring, learnt on a real Secret Service:
 *
 * <ul>
 *   <li>The probe ({@link #isSupported()}) only opens the keystore, never writes a test entry, runs
 *       once, and is bounded by a timeout (an unanswered unlock prompt cannot hang the caller).
 *   <li>With a locked collection java-keyring's {@code setPassword} reports success without saving,
 *       and get/delete fail with a NullPointerException. Every store is therefore read back, and
 *       those failures are reported as {@link Kind#LOCKED}.
 *   <li>"Not found" is an exception whose text differs per backend; it is mapped to an empty load
 *       and to a successful delete.
 *   <li>The Secret Service backend is not safe for concurrent use, so calls are serialised.
 * </ul>
 *
 * <p>Caveats to tell users: the library's API takes the payload as a {@link String}, so a copy of
 * the secret lives on the heap until garbage collection. On Linux, any program running in the
 * unlocked desktop session may read Secret Service items (CVE-2018-19358); the keyring protects the
 * keys at rest, not from other programs of the same user.
 */
public final class KeyringCredentialStore implements CredentialStore {
  static final Logger LOG = LoggerFactory.getLogger(KeyringCredentialStore.class);

  /** The service (Windows: target prefix; Secret Service: "service" attribute) of every entry. */
  public static final String SERVICE_NAME = "RouteDesk";

  /** How long the first {@link #isSupported()} waits for the keystore, unlock prompt included. */
  public static final Duration DEFAULT_PROBE_TIMEOUT = Duration.ofSeconds(30);

  private static final String PAYLOAD_HEADER = "routedesk-api-keys/1";
  private static final char SEPARATOR = '\n';

  /** Opens a connection to the keystore. Blocking; may throw anything the backend throws. */
  @FunctionalInterface
  interface Connector {
    KeyringAccess open() throws Exception;
  }

  private record Probe(boolean supported, String reason, String backendName) {}

  private final String serviceName;
  private final Duration probeTimeout;
  private final Connector connector;
  private final Object probeLock = new Object();
  private final Object callLock = new Object();
  private volatile Probe probe;

  // Guarded by callLock.
  private KeyringAccess keyring;
  private boolean closed;

  /** The system keystore with service name {@value #SERVICE_NAME} and the default timeout. */
  public KeyringCredentialStore() {
    this(SERVICE_NAME, DEFAULT_PROBE_TIMEOUT, KeyringAccess::openSystemKeyring);
  }

  KeyringCredentialStore(String serviceName, Duration probeTimeout, Connector connector) {
    this.serviceName = Objects.requireNonNull(serviceName, "serviceName");
    this.probeTimeout = Objects.requireNonNull(probeTimeout, "probeTimeout");
    this.connector = Objects.requireNonNull(connector, "connector");
  }

  @Override
  public String displayName() {
    Probe known = probe;
    if (known != null && known.supported()) {
      return known.backendName();
    }
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    if (os.startsWith("windows")) {
      return "Windows Credential Manager";
    }
    if (os.startsWith("mac")) {
      return "macOS Keychain";
    }
    return "desktop keyring (Secret Service)";
  }

  @Override
  public boolean isPersistent() {
    return true;
  }

  @Override
  public boolean isSupported() {
    return probe().supported();
  }

  @Override
  public Optional<String> unsupportedReason() {
    Probe known = probe();
    return known.supported() ? Optional.empty() : Optional.of(known.reason());
  }

  private Probe probe() {
    Probe known = probe;
    if (known != null) {
      return known;
    }
    synchronized (probeLock) {
      if (probe == null) {
        Probe answer = runProbe();
        if (answer == null) {
          // Interrupted: answer "no" this time without caching, so a later call may still probe.
          return new Probe(false, "checking for a keystore was interrupted", null);
        }
        probe = answer;
        LOG.info(
            answer.supported()
                ? "Keystore available: {}"
                : "No keystore: RouteDesk keeps API keys in memory for this session ({})",
            answer.supported() ? answer.backendName() : answer.reason());
      }
      return probe;
    }
  }

  /** Opens the keystore on a daemon thread and waits at most the timeout; null if interrupted. */
  private Probe runProbe() {
    CompletableFuture<KeyringAccess> opening = openInBackground();
    try {
      KeyringAccess access = opening.get(probeTimeout.toMillis(), TimeUnit.MILLISECONDS);
      synchronized (callLock) {
        if (closed) {
          access.close();
          return new Probe(false, "RouteDesk is shutting down", null);
        }
        keyring = access;
      }
      return new Probe(true, null, access.backendName());
    } catch (TimeoutException e) {
      // A late answer (an unlock prompt answered after the timeout) is closed, not leaked.
      opening.thenAccept(KeyringAccess::close);
      return new Probe(
          false, "the system keystore did not answer within " + describe(probeTimeout), null);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      LOG.debug("Opening the system keystore failed", cause);
      if (cause instanceof BackendNotSupportedException) {
        return new Probe(false, noBackendReason(), null);
      }
      return new Probe(
          false,
          "the system keystore could not be opened (" + cause.getClass().getSimpleName() + ")",
          null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private static String describe(Duration timeout) {
    return timeout.toSeconds() >= 1
        ? timeout.toSeconds() + " seconds"
        : timeout.toMillis() + " milliseconds";
  }

  private CompletableFuture<KeyringAccess> openInBackground() {
    CompletableFuture<KeyringAccess> opening = new CompletableFuture<>();
    Thread.ofPlatform()
        .daemon()
        .name("routedesk-keystore-open")
        .start(
            () -> {
              try {
                opening.complete(connector.open());
              } catch (Throwable t) {
                opening.completeExceptionally(t);
              }
            });
    return opening;
  }

  private static String noBackendReason() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    if (os.startsWith("windows") || os.startsWith("mac")) {
      return "the system keystore could not be reached";
    }
    return "no keyring service (such as GNOME Keyring or KDE Wallet) is running in this session";
  }

  @Override
  public void store(String accountId, ApiCredentials credentials) throws CredentialStoreException {
    MemoryVault.checkId(accountId);
    Objects.requireNonNull(credentials, "credentials");
    String payload = encode(credentials);
    Probe known = probe();
    synchronized (callLock) {
      KeyringAccess access = connected(known);
      try {
        access.setPassword(serviceName, accountId, payload);
      } catch (PasswordAccessException | RuntimeException e) {
        throw failure(e, "save the keys in the " + access.backendName());
      }
      // Read back: a locked Secret Service collection makes setPassword "succeed" without saving.
      String readBack;
      try {
        readBack = access.getPassword(serviceName, accountId);
      } catch (PasswordAccessException e) {
        throw isNotFound(e)
            ? new CredentialStoreException(
                Kind.LOCKED,
                "The "
                    + access.backendName()
                    + " accepted the keys but did not keep them; it is probably locked."
                    + " Unlock it and try again.",
                e)
            : failure(e, "check the keys saved in the " + access.backendName());
      } catch (RuntimeException e) {
        throw failure(e, "check the keys saved in the " + access.backendName());
      }
      if (!payload.equals(readBack)) {
        throw new CredentialStoreException(
            Kind.FAILED,
            "The " + access.backendName() + " did not keep the keys as they were given.");
      }
    }
  }

  @Override
  public Optional<ApiCredentials> load(String accountId) throws CredentialStoreException {
    MemoryVault.checkId(accountId);
    String payload;
    String backend;
    Probe known = probe();
    synchronized (callLock) {
      KeyringAccess access = connected(known);
      backend = access.backendName();
      try {
        payload = access.getPassword(serviceName, accountId);
      } catch (PasswordAccessException e) {
        if (isNotFound(e)) {
          return Optional.empty();
        }
        throw failure(e, "read the keys from the " + backend);
      } catch (RuntimeException e) {
        throw failure(e, "read the keys from the " + backend);
      }
    }
    if (payload == null) {
      return Optional.empty();
    }
    return Optional.of(decode(payload, backend));
  }

  @Override
  public void delete(String accountId) throws CredentialStoreException {
    MemoryVault.checkId(accountId);
    Probe known = probe();
    synchronized (callLock) {
      KeyringAccess access = connected(known);
      try {
        access.deletePassword(serviceName, accountId);
      } catch (PasswordAccessException e) {
        if (!isNotFound(e)) {
          throw failure(e, "remove the keys from the " + access.backendName());
        }
      } catch (RuntimeException e) {
        throw failure(e, "remove the keys from the " + access.backendName());
      }
    }
  }

  @Override
  public void close() {
    synchronized (callLock) {
      closed = true;
      if (keyring != null) {
        keyring.close();
        keyring = null;
      }
    }
  }

  /**
   * The open connection; reconnects after a lost connection. Caller holds callLock and has called
   * {@link #probe()} before taking it (the probe takes callLock too, so the order matters).
   */
  private KeyringAccess connected(Probe known) throws CredentialStoreException {
    if (closed) {
      throw new CredentialStoreException(Kind.UNAVAILABLE, "The keystore was already closed.");
    }
    if (keyring != null) {
      return keyring;
    }
    if (!known.supported()) {
      throw new CredentialStoreException(
          Kind.UNAVAILABLE, "No keystore is available because " + known.reason() + ".");
    }
    // The probe's connection was dropped after a failure: open a fresh one, bounded as well.
    CompletableFuture<KeyringAccess> opening = openInBackground();
    try {
      keyring = opening.get(probeTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      opening.thenAccept(KeyringAccess::close);
      throw new CredentialStoreException(
          Kind.UNAVAILABLE, "The " + known.backendName() + " did not answer in time.", e);
    } catch (ExecutionException e) {
      throw new CredentialStoreException(
          Kind.UNAVAILABLE, "The " + known.backendName() + " cannot be reached.", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CredentialStoreException(
          Kind.UNAVAILABLE, "Waiting for the " + known.backendName() + " was interrupted.", e);
    }
    return keyring;
  }

  /**
   * Maps a backend failure to a kind and a message. The backend's own text is only inspected, never
   * copied into the message. Caller holds callLock.
   */
  private CredentialStoreException failure(Exception e, String whatFailed) {
    Kind kind = classify(e);
    LOG.warn("Keystore call failed ({}): could not {}", kind, whatFailed, e);
    if (kind == Kind.UNAVAILABLE && keyring != null) {
      // The connection (D-Bus, usually) is gone; drop it so the next call reconnects.
      keyring.close();
      keyring = null;
    }
    // whatFailed already names the backend ("save the keys in the macOS Keychain"): the advice
    // says "it" rather than naming it a second time in the same banner.
    String advice =
        switch (kind) {
          case LOCKED -> " It is locked. Unlock it and try again.";
          case DENIED -> " Access was refused. Allow RouteDesk to use it.";
          case UNAVAILABLE -> " It is not reachable right now.";
          case FAILED -> "";
        };
    return new CredentialStoreException(
        kind, "RouteDesk could not " + whatFailed + "." + advice, e);
  }

  static Kind classify(Throwable e) {
    if (e instanceof NullPointerException
        || e.getClass().getName().equals("java.security.AccessControlException")) {
      // Secret Service with a locked collection: java-keyring gets null replies (IsLocked) and
      // trips over them; its delete throws AccessControlException "not unlocked".
      return Kind.LOCKED;
    }
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c.getClass().getName().startsWith("org.freedesktop.dbus.")) {
        return Kind.UNAVAILABLE;
      }
    }
    String text = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
    if (text.contains("interaction is not allowed") || text.contains("locked")) {
      // macOS errSecInteractionNotAllowed: the keychain is locked and may not prompt.
      return Kind.LOCKED;
    }
    if (text.contains("denied")
        || text.contains("canceled")
        || text.contains("cancelled")
        || text.contains("not allowed")
        || text.equals("error code 5")) {
      // Windows ERROR_ACCESS_DENIED is "Error code 5"; macOS reports user cancellation.
      return Kind.DENIED;
    }
    if (text.contains("cannot connect") || text.equals("error code 1312")) {
      // KDE Wallet daemon gone; Windows ERROR_NO_SUCH_LOGON_SESSION (no credential store).
      return Kind.UNAVAILABLE;
    }
    return Kind.FAILED;
  }

  /** "No such entry" as each java-keyring backend words it. */
  static boolean isNotFound(PasswordAccessException e) {
    String text = String.valueOf(e.getMessage());
    return text.startsWith("No stored credentials match") // Secret Service, macOS get
        || text.startsWith("No password to delete") // macOS delete
        || text.equals("Error code 1168") // Windows ERROR_NOT_FOUND
        || text.equals("Password not Found") // Windows, empty blob
        || text.startsWith("Password is not in wallet") // KDE get
        || text.startsWith("Password cannot be deleted, it is not in wallet"); // KDE delete
  }

  private static String encode(ApiCredentials credentials) {
    char[] secret = credentials.secretKey();
    try {
      StringBuilder payload =
          new StringBuilder(PAYLOAD_HEADER.length() + 64)
              .append(PAYLOAD_HEADER)
              .append(SEPARATOR)
              .append(credentials.accessKey())
              .append(SEPARATOR)
              .append(secret);
      return payload.toString();
    } finally {
      Arrays.fill(secret, '\0');
    }
  }

  private static ApiCredentials decode(String payload, String backend)
      throws CredentialStoreException {
    int first = payload.indexOf(SEPARATOR);
    int second = first < 0 ? -1 : payload.indexOf(SEPARATOR, first + 1);
    if (first < 0
        || second < 0
        || !PAYLOAD_HEADER.equals(payload.substring(0, first))
        || payload.indexOf(SEPARATOR, second + 1) >= 0) {
      throw new CredentialStoreException(
          Kind.FAILED, "The entry in the " + backend + " is not in a form RouteDesk understands.");
    }
    char[] secret = payload.substring(second + 1).toCharArray();
    try {
      return ApiCredentials.of(payload.substring(first + 1, second), secret);
    } catch (IllegalArgumentException e) {
      throw new CredentialStoreException(
          Kind.FAILED, "The entry in the " + backend + " holds an empty or invalid key.");
    } finally {
      Arrays.fill(secret, '\0');
    }
  }
}
