package io.routedesk.service;

import static io.routedesk.testing.SignInFixture.ACCESS_KEY;
import static io.routedesk.testing.SignInFixture.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import io.routedesk.flowroute.FlowrouteException;
import io.routedesk.secrets.CredentialStoreException;
import io.routedesk.secrets.InMemoryCredentialStore;
import io.routedesk.testing.SecretScan;
import io.routedesk.testing.SignInFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Signs in, uses, fails and signs out with distinctive keys, logging everything at DEBUG into the
 * AppDirs log folder, then searches every file under the AppDirs root (config, data, logs) for the
 * secret and the full access key, in the encodings a leak could take.
 */
class SecretLeakTest {
  private static final String WRONG_SECRET = "wrong-Walrus-Pelican-0934";

  @TempDir Path root;
  private SecretScan scan;

  @BeforeEach
  void logEverythingIntoTheAppDirsLogFolder() {
    scan = new SecretScan(root.resolve("logs").resolve("routedesk.log"));
  }

  @AfterEach
  void restoreLogging() {
    scan.close();
  }

  @Test
  void noFileUnderTheAppFoldersEverHoldsAKey() throws Exception {
    InMemoryCredentialStore keystore = InMemoryCredentialStore.working();
    try (SignInFixture fx = new SignInFixture(root, keystore, Runnable::run)) {
      SignInService service = fx.service;
      // A wrong secret, then every kind of failed check.
      service.signIn("Leak test", ACCESS_KEY, WRONG_SECRET.toCharArray(), "").get();
      for (FlowrouteException.Kind kind : FlowrouteException.Kind.values()) {
        fx.flowroute.failWith(kind, 500);
        service.signIn("Leak test", ACCESS_KEY, SECRET.toCharArray(), "").get();
      }
      fx.flowroute.failWith(null, 0);
      // Sign in with the keystore refusing the entry (session-only), then for real.
      keystore.failWith(CredentialStoreException.Kind.LOCKED);
      service.signIn("Leak test", ACCESS_KEY, SECRET.toCharArray(), "").get();
      keystore.failWith(null);
      SignInOutcome.Connected connected =
          (SignInOutcome.Connected)
              service.signIn("Leak test", ACCESS_KEY, SECRET.toCharArray(), "").get();
      String id = connected.session().profile().id();
      LoggerFactory.getLogger(SecretLeakTest.class).debug("session {}", connected.session());

      // Use: restart, open with keys from the keystore, make a call; a locked keystore once.
      fx.restart();
      keystore.failWith(CredentialStoreException.Kind.LOCKED);
      fx.service.openLastUsed().get();
      keystore.failWith(null);
      OpenOutcome.Opened opened = (OpenOutcome.Opened) fx.service.openLastUsed().get();
      opened.session().client().listRoutes(null, 1, 0).get();
      fx.service.switchTo("sandbox").get();
      fx.service.switchTo(id).get();

      // Sign out: the keys leave the keystore too.
      assertThat(fx.service.signOut(id).get().signedOut()).isTrue();
      assertThat(keystore.size()).isZero();
    }
    scan.close(); // flush

    List<Path> files = SecretScan.allFiles(root);
    assertThat(files)
        .as("the test must have written the account list and a log")
        .anyMatch(p -> p.getFileName().toString().equals("accounts.json"))
        .anyMatch(p -> p.getFileName().toString().equals("routedesk.log"));
    assertThat(Files.size(root.resolve("logs/routedesk.log"))).isPositive();
    SecretScan.assertNoKeyUnder(root, ACCESS_KEY, SECRET, WRONG_SECRET);
  }
}
