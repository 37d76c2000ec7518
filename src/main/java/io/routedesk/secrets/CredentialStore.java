package io.routedesk.secrets;

import java.util.Optional;

/**
 * Keeps one Flowroute API key pair per account, outside of any file RouteDesk writes. In the style
 * of Cryptomator's {@code KeychainAccessProvider}.
 *
 * <p><b>Threading.</b> Methods marked <em>blocking</em> may talk to an operating-system service
 * over IPC and may wait for the user to answer an unlock prompt (minutes, in the worst case): never
 * call them on the JavaFX application thread; run them on a background executor. Implementations
 * are thread-safe (calls are serialised where the backend needs it).
 *
 * <p><b>Nulls.</b> No parameter may be null ({@link NullPointerException}); no method returns null.
 *
 * <p><b>Secrets.</b> A store copies the credentials it is given and never clears or keeps the
 * caller's instance: the caller clears its own {@link ApiCredentials}. Each {@link #load} returns a
 * fresh instance that the caller owns and must {@link ApiCredentials#clear() clear}. Exception
 * messages and log lines never contain a key.
 */
public interface CredentialStore extends AutoCloseable {

  /**
   * A short name of where keys go, for the UI: "GNOME Keyring (Secret Service)", "Windows
   * Credential Manager", "memory (this session only)". Never blocks; never null.
   */
  String displayName();

  /** True when stored keys survive a restart of RouteDesk. Never blocks. */
  boolean isPersistent();

  /**
   * Whether this store can be used on this machine. Never throws. The first call may probe the
   * system (bounded by a timeout, and it never writes a test entry); the answer is cached, so later
   * calls return at once. Blocking on the first call only.
   */
  boolean isSupported();

  /**
   * Why {@link #isSupported()} is false, as a clause that reads after "because" (for example "no
   * keystore service is running in this desktop session"); empty when supported. Same threading as
   * {@link #isSupported()}.
   */
  Optional<String> unsupportedReason();

  /**
   * Saves (or replaces) the key pair of an account. Blocking. The caller keeps ownership of {@code
   * credentials}.
   *
   * @param accountId a stable, non-secret id (a profile id), not blank
   * @throws CredentialStoreException when the keys could not be saved; nothing is half-written
   */
  void store(String accountId, ApiCredentials credentials) throws CredentialStoreException;

  /**
   * Reads the key pair of an account. Blocking.
   *
   * @return a fresh instance the caller must clear, or empty when this store has no entry for the
   *     account
   * @throws CredentialStoreException when the store could not be read (locked, denied, gone)
   */
  Optional<ApiCredentials> load(String accountId) throws CredentialStoreException;

  /**
   * Removes the key pair of an account. Deleting an entry that does not exist succeeds. Blocking.
   *
   * @throws CredentialStoreException when an existing entry could not be removed
   */
  void delete(String accountId) throws CredentialStoreException;

  /**
   * Releases connections to the backend (a D-Bus connection, for example) and wipes keys held in
   * memory. Blocking; never throws. Further calls fail with {@link
   * CredentialStoreException.Kind#UNAVAILABLE}.
   */
  @Override
  void close();
}
