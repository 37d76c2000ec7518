package io.routedesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.routedesk.domain.NewRoute;
import io.routedesk.domain.RouteType;
import io.routedesk.secrets.InMemoryCredentialStore;
import io.routedesk.testing.SecretScan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole account flow in the real window with the real OkHttp client, logging everything at
 * DEBUG into the AppDirs log folder: a wrong key, the right one, using the account (load, create a
 * route, switch away and back), keys lost at the next start and entered again, sign-out. Then no
 * file under the AppDirs root (config, data, logs) may hold the secret or the full access key.
 */
class AccountFlowSecretLeakTest extends AccountWindowTestBase {
  private static final String WRONG_SECRET = "wrong-Secret-Pelican-0934";
  private SecretScan scan;

  @BeforeEach
  void logEverything() {
    scan = new SecretScan(root.resolve("logs").resolve("routedesk.log"));
  }

  @AfterEach
  void stopLogging() {
    scan.close();
  }

  @Test
  void signInUseAndSignOutLeaveNoKeyInAnyFile() throws Exception {
    InMemoryCredentialStore keystore = InMemoryCredentialStore.working();
    openWindow(wiring(keystore));
    waitForRoutes(DEMO_ROUTE);

    // Sign in: wrong secret first, then the right one.
    robot.clickOn("#connect-account");
    fillSignInDialog(OFFICE, OFFICE_ACCESS, WRONG_SECRET);
    waitUntil(() -> text("#message").startsWith("Flowroute did not accept these keys"), 15);
    retypeSecret(OFFICE_SECRET);
    waitForRoutes(OFFICE_ROUTE);
    String id = current().id();

    // Use it: a new route, a switch to the sandbox and back.
    host.current()
        .routeService
        .create(new NewRoute(RouteType.HOST, "leak-check.acme.example:5060", "leak-check", null))
        .get(20, TimeUnit.SECONDS);
    chooseFromAccountMenu(SANDBOX_ITEM);
    waitForRoutes(DEMO_ROUTE);
    chooseFromAccountMenu(OFFICE_ITEM);
    waitForRoutes("leak-check");

    // Next start: the keystore lost the entry (a fresh one), the keys are entered again.
    robot.interact(host::close);
    host = null;
    accounts.close();
    keystore = InMemoryCredentialStore.working();
    openWindow(wiring(keystore));
    waitForRoutes(DEMO_ROUTE);
    robot.clickOn("#enter-keys");
    fillSignInDialog(null, OFFICE_ACCESS, OFFICE_SECRET);
    waitForRoutes(OFFICE_ROUTE);

    // Sign out.
    chooseFromAccountMenu("Sign out of Main office…");
    robot.clickOn("#confirm-sign-out");
    waitForRoutes(DEMO_ROUTE);
    assertThat(keystore.size()).isZero();

    robot.interact(host::close);
    host = null;
    accounts.close();
    accounts = null;
    scan.close();

    Path log = root.resolve("logs").resolve("routedesk.log");
    assertThat(SecretScan.allFiles(root))
        .as("the flow must have written the account list and a log")
        .anyMatch(p -> p.getFileName().toString().equals("accounts.json"))
        .contains(log);
    assertThat(Files.readString(log)).contains("Signed in to account " + id).contains(" DEBUG ");
    SecretScan.assertNoKeyUnder(root, OFFICE_ACCESS, OFFICE_SECRET, WRONG_SECRET);
  }
}
