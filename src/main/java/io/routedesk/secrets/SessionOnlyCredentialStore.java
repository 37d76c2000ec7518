package io.routedesk.secrets;

import java.util.Optional;

/**
 * Keeps keys in this process's memory only, for as long as RouteDesk runs: the fallback when no
 * operating-system keystore can be used. Never writes anything anywhere; the keys are wiped on
 * {@link #delete} and {@link #close()}, and the user is asked for them again next time.
 *
 * <p>Every method is fast and non-blocking in practice; it is still meant for the same background
 * executor as the other stores so callers need not care which one is active.
 */
public final class SessionOnlyCredentialStore implements CredentialStore {
  private final MemoryVault vault = new MemoryVault();

  @Override
  public String displayName() {
    return "memory (this session only)";
  }

  @Override
  public boolean isPersistent() {
    return false;
  }

  /** Always true: memory is always there. */
  @Override
  public boolean isSupported() {
    return true;
  }

  @Override
  public Optional<String> unsupportedReason() {
    return Optional.empty();
  }

  @Override
  public void store(String accountId, ApiCredentials credentials) throws CredentialStoreException {
    vault.put(accountId, credentials);
  }

  @Override
  public Optional<ApiCredentials> load(String accountId) throws CredentialStoreException {
    return vault.get(accountId);
  }

  @Override
  public void delete(String accountId) throws CredentialStoreException {
    vault.remove(accountId);
  }

  /** True when keys of this account are held for this session. Fast; never blocks. */
  public boolean holds(String accountId) {
    return vault.contains(accountId);
  }

  @Override
  public void close() {
    vault.close();
  }
}
