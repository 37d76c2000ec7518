package io.routedesk.secrets;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Copies of key pairs held in this process's memory; wiped on removal and on close. */
final class MemoryVault {
  private final Map<String, ApiCredentials> entries = new HashMap<>();
  private boolean closed;

  synchronized void put(String accountId, ApiCredentials credentials)
      throws CredentialStoreException {
    checkId(accountId);
    Objects.requireNonNull(credentials, "credentials");
    checkOpen();
    ApiCredentials previous = entries.put(accountId, credentials.copy());
    if (previous != null) {
      previous.clear();
    }
  }

  synchronized Optional<ApiCredentials> get(String accountId) throws CredentialStoreException {
    checkId(accountId);
    checkOpen();
    ApiCredentials kept = entries.get(accountId);
    return kept == null ? Optional.empty() : Optional.of(kept.copy());
  }

  synchronized void remove(String accountId) throws CredentialStoreException {
    checkId(accountId);
    checkOpen();
    ApiCredentials removed = entries.remove(accountId);
    if (removed != null) {
      removed.clear();
    }
  }

  synchronized boolean contains(String accountId) {
    return entries.containsKey(accountId);
  }

  synchronized int size() {
    return entries.size();
  }

  synchronized void close() {
    entries.values().forEach(ApiCredentials::clear);
    entries.clear();
    closed = true;
  }

  private void checkOpen() throws CredentialStoreException {
    if (closed) {
      throw new CredentialStoreException(
          CredentialStoreException.Kind.UNAVAILABLE, "The key store was already closed.");
    }
  }

  static void checkId(String accountId) {
    Objects.requireNonNull(accountId, "accountId");
    if (accountId.isBlank()) {
      throw new IllegalArgumentException("The account id is blank.");
    }
  }
}
