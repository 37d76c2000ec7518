package io.routedesk.sandbox;

/** A failure the sandbox can inject into one request. */
public enum FaultType {
  /** The TCP connection is closed before any response byte: the client sees an IOException. */
  DROP_CONNECTION,
  /**
   * The request is processed (a mutation is applied), then the connection is closed with no
   * response: the client cannot tell whether its change landed. Mutating requests only.
   */
  DROP_AFTER_COMMIT,
  /** 500 Internal Server Error with the errors body; nothing is applied. */
  SERVER_ERROR,
  /** 503 Service Unavailable with the errors body; nothing is applied. */
  SERVICE_UNAVAILABLE,
  /** 429 Too Many Requests with the errors body (Retry-After when enabled); nothing applied. */
  RATE_LIMITED
}
