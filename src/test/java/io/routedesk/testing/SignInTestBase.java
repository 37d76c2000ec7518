package io.routedesk.testing;

import io.routedesk.secrets.InMemoryCredentialStore;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * For sign-in tests: a temporary folder for each test's {@link SignInFixture} (which the test makes
 * as it needs it: executors, keystore), closed after the test.
 */
public abstract class SignInTestBase {
  @TempDir protected Path root;
  protected SignInFixture fx;

  @AfterEach
  void closeTheFixture() {
    if (fx != null) {
      fx.close();
    }
  }

  /** The fixture's keystore, when the test made it with an in-memory one. */
  protected InMemoryCredentialStore keystore() {
    return (InMemoryCredentialStore) fx.keystore;
  }
}
