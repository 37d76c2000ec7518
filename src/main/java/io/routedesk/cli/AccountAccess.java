package io.routedesk.cli;

import io.routedesk.service.SignInService;
import java.util.Objects;

/**
 * The window's accounts, as the app wires them (account list, OS keystore, built-in sandbox), for
 * {@code --account}. Made only when a command needs it, so {@code --api-url} never touches the
 * keystore.
 *
 * @param onClose closes the wiring (the open account's client, the keystore, the sandbox)
 */
public record AccountAccess(SignInService signIn, Runnable onClose) implements AutoCloseable {
  public AccountAccess {
    Objects.requireNonNull(signIn, "signIn");
    Objects.requireNonNull(onClose, "onClose");
  }

  @Override
  public void close() {
    onClose.run();
  }
}
