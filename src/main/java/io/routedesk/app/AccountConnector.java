package io.routedesk.app;

import javafx.stage.Window;

/**
 * What "Connect account…" does. The sign-in feature (io.routedesk.ui.account.SignInDialog) plugs in
 * here: it asks for the keys and, on success, opens the window on that account.
 */
@FunctionalInterface
interface AccountConnector {
  void connect(Window owner);
}
