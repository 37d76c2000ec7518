package io.routedesk.service;

import java.util.Objects;

/**
 * The result of {@link SignInService#signOut}.
 *
 * @param signedOut true when the keys and the profile are gone
 * @param message a sentence for the user: what happened, and what to do if it failed
 */
public record SignOutResult(boolean signedOut, String message) {
  public SignOutResult {
    Objects.requireNonNull(message, "message");
  }
}
