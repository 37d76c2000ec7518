package io.routedesk.secrets;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A stand-in for an operating-system keystore, for tests: it claims to be persistent and can be
 * told to be unsupported or to fail the way a real keystore fails (locked, denied, gone), so the
 * code above it can be tested without D-Bus. Keys live in memory and are wiped on delete and close.
 */
public final class InMemoryCredentialStore implements CredentialStore {
  private final MemoryVault vault = new MemoryVault();
  private final String unsupportedReason;
  private final AtomicReference<CredentialStoreException.Kind> failure = new AtomicReference<>();
  private final AtomicInteger calls = new AtomicInteger();

  private InMemoryCredentialStore(String unsupportedReason) {
    this.unsupportedReason = unsupportedReason;
  }

  /** A working store. */
  public static InMemoryCredentialStore working() {
    return new InMemoryCredentialStore(null);
  }

  /** A store that reports itself unsupported for the given reason (a clause after "because"). */
  public static InMemoryCredentialStore unsupported(String reason) {
    return new InMemoryCredentialStore(Objects.requireNonNull(reason, "reason"));
  }

  /** From now on every store/load/delete fails with this kind; null makes it work again. */
  public void failWith(CredentialStoreException.Kind kind) {
    failure.set(kind);
  }

  /** How many store, load and delete calls were made (failed ones included). */
  public int calls() {
    return calls.get();
  }

  /** True when an entry exists for the account. Fast. */
  public boolean holds(String accountId) {
    return vault.contains(accountId);
  }

  /** Number of entries. Fast. */
  public int size() {
    return vault.size();
  }

  @Override
  public String displayName() {
    return "test keystore";
  }

  @Override
  public boolean isPersistent() {
    return true;
  }

  @Override
  public boolean isSupported() {
    return unsupportedReason == null;
  }

  @Override
  public Optional<String> unsupportedReason() {
    return Optional.ofNullable(unsupportedReason);
  }

  @Override
  public void store(String accountId, ApiCredentials credentials) throws CredentialStoreException {
    enter();
    vault.put(accountId, credentials);
  }

  @Override
  public Optional<ApiCredentials> load(String accountId) throws CredentialStoreException {
    enter();
    return vault.get(accountId);
  }

  @Override
  public void delete(String accountId) throws CredentialStoreException {
    enter();
    vault.remove(accountId);
  }

  private void enter() throws CredentialStoreException {
    calls.incrementAndGet();
    if (unsupportedReason != null) {
      throw new CredentialStoreException(
          CredentialStoreException.Kind.UNAVAILABLE,
          "No keystore is available because " + unsupportedReason + ".");
    }
    CredentialStoreException.Kind kind = failure.get();
    if (kind != null) {
      throw new CredentialStoreException(
          kind, "The test keystore was told to fail (" + kind + ").");
    }
  }

  @Override
  public void close() {
    vault.close();
  }
}
