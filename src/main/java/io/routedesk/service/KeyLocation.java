package io.routedesk.service;

/** Where the keys of an open account are kept. */
public enum KeyLocation {
  /** In the operating system's keystore: RouteDesk finds them again next time. */
  KEYSTORE,
  /** In memory for this run only: RouteDesk asks for them again next time. */
  SESSION_ONLY,
  /** No keys: the built-in sandbox. */
  NONE
}
