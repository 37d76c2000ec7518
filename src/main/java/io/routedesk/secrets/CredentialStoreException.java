package io.routedesk.secrets;

import java.util.Objects;

/**
 * A credential store could not do what was asked. The message is a sentence for the user and never
 * contains a key; the cause (for the log) is the backend's own exception.
 */
public final class CredentialStoreException extends Exception {

  /** Why the store failed; the UI picks its advice from this. */
  public enum Kind {
    /** No keystore is reachable (no backend on this system, service not running, bus gone). */
    UNAVAILABLE,
    /** The keystore exists but is locked and was not unlocked (prompt dismissed or impossible). */
    LOCKED,
    /** The user or the operating system refused this program access to the entry. */
    DENIED,
    /** Anything else: a malformed entry, an unexpected backend error. */
    FAILED
  }

  private final Kind kind;

  public CredentialStoreException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  public CredentialStoreException(Kind kind, String message) {
    this(kind, message, null);
  }

  public Kind kind() {
    return kind;
  }
}
