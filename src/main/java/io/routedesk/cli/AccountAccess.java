package io.routedesk.cli;

import io.routedesk.service.SignInService;
import io.routedesk.store.AppDirs;
import io.routedesk.store.LocalStore;
import java.util.Objects;

/**
 * The window's accounts, as the app wires them (account list, OS keystore, built-in sandbox), for
 * {@code --account}. Made only when a command needs it, so {@code --api-url} never touches the
 * keystore.
 *
 * @param dirs the window's folders: an account's database (its change journal) is found there
 * @param onClose closes the wiring (the open account's client, the keystore, the sandbox)
 */
public record AccountAccess(SignInService signIn, AppDirs dirs, Runnable onClose)
    implements AutoCloseable {
  public AccountAccess {
    Objects.requireNonNull(signIn, "signIn");
    Objects.requireNonNull(dirs, "dirs");
    Objects.requireNonNull(onClose, "onClose");
  }

  /** The account's own database, as the window opens it: changes sent are journaled there. */
  LocalStore openStore(String accountId) {
    return LocalStore.open(dirs, accountId);
  }

  @Override
  public void close() {
    onClose.run();
  }
}
