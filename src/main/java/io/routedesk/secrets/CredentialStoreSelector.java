package io.routedesk.secrets;

import java.util.Objects;
import java.util.Optional;

/**
 * Picks where API keys go: the operating system's keystore when it can be used, otherwise memory
 * for this session only. Never a file. Also hands out the session store itself, which is used for
 * single accounts when the keystore works in general but refuses one entry (locked, say).
 *
 * <p>{@link #select()} is blocking on its first call (it probes the keystore): call it on a
 * background executor. Thread-safe.
 */
public final class CredentialStoreSelector implements AutoCloseable {

  /**
   * The store in use and why.
   *
   * @param store where new keys are saved
   * @param sessionOnly true when keys are kept in memory for this run only
   * @param storeName where keys go, for the UI ("Windows Credential Manager")
   * @param reason why keys are session-only, as a clause that reads after "because"; empty when the
   *     system keystore is used
   */
  public record Selection(
      CredentialStore store, boolean sessionOnly, String storeName, Optional<String> reason) {
    public Selection {
      Objects.requireNonNull(store, "store");
      Objects.requireNonNull(storeName, "storeName");
      Objects.requireNonNull(reason, "reason");
    }
  }

  private final CredentialStore systemStore;
  private final SessionOnlyCredentialStore sessionStore;
  private volatile Selection selection;

  public CredentialStoreSelector(
      CredentialStore systemStore, SessionOnlyCredentialStore sessionStore) {
    this.systemStore = Objects.requireNonNull(systemStore, "systemStore");
    this.sessionStore = Objects.requireNonNull(sessionStore, "sessionStore");
  }

  /** The real thing: the OS keystore through java-keyring, with a fresh session-only fallback. */
  public static CredentialStoreSelector forThisSystem() {
    return new CredentialStoreSelector(
        new KeyringCredentialStore(), new SessionOnlyCredentialStore());
  }

  /** Blocking on the first call (probes the system keystore); cached afterwards. Never throws. */
  public Selection select() {
    Selection known = selection;
    if (known != null) {
      return known;
    }
    synchronized (this) {
      if (selection == null) {
        if (systemStore.isSupported()) {
          selection =
              new Selection(systemStore, false, systemStore.displayName(), Optional.empty());
        } else {
          String reason =
              systemStore.unsupportedReason().orElse("no system keystore could be used");
          selection =
              new Selection(sessionStore, true, sessionStore.displayName(), Optional.of(reason));
        }
      }
      return selection;
    }
  }

  /** The selection if {@link #select()} already ran; never blocks. */
  public Optional<Selection> selectedSoFar() {
    return Optional.ofNullable(selection);
  }

  /** The memory store of this run (also used per account when the keystore refuses an entry). */
  public SessionOnlyCredentialStore sessionStore() {
    return sessionStore;
  }

  /** The operating-system store, whether supported or not. */
  public CredentialStore systemStore() {
    return systemStore;
  }

  /** Closes both stores (wipes session keys, drops the keystore connection). Blocking. */
  @Override
  public void close() {
    sessionStore.close();
    systemStore.close();
  }
}
