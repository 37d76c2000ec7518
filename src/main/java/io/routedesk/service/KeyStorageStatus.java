package io.routedesk.service;

import java.util.Objects;
import java.util.Optional;

/**
 * Where new API keys will be kept, for the UI.
 *
 * @param sessionOnly true when no keystore can be used and keys stay in memory for this run
 * @param storeName "Windows Credential Manager", "macOS Keychain", "memory (this session only)"…
 * @param reason why keys are session-only, as a clause after "because"; empty when not
 */
public record KeyStorageStatus(boolean sessionOnly, String storeName, Optional<String> reason) {
  public KeyStorageStatus {
    Objects.requireNonNull(storeName, "storeName");
    Objects.requireNonNull(reason, "reason");
  }
}
