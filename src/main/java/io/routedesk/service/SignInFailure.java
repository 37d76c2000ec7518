package io.routedesk.service;

/** Why a sign-in did not connect. Each has its own advice in the UI. */
public enum SignInFailure {
  /** A key is missing or malformed, or the API address is not acceptable. Nothing was sent. */
  INVALID_INPUT,
  /** Flowroute answered 401: the access key or secret key is wrong. */
  WRONG_KEYS,
  /** No connection: no network, DNS failure, connection refused or reset. */
  NO_NETWORK,
  /** Flowroute did not answer in time. */
  TIMEOUT,
  /** Flowroute answered with a 5xx error; the keys could not be checked. */
  SERVER_ERROR,
  /** The keys are good but the account list could not be written; nothing was kept. */
  SAVE_FAILED,
  /** Anything else (403, 429, an unexpected answer…); the detail says what. */
  OTHER
}
