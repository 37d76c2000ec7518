package io.routedesk.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.routedesk.secrets.KeyringCredentialStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** For tests against the real OS keystore (on Linux the Secret Service of the D-Bus session). */
public final class OsKeystore {
  private static final Path SECRET_TOOL = Path.of("/usr/bin/secret-tool");

  private OsKeystore() {}

  /**
   * Where no keystore can be used the test is skipped with the reason, unless {@code
   * ROUTEDESK_REQUIRE_KEYRING=1} (CI), which makes that a failure. Call it per test (not once per
   * class), so each skipped test is reported with the reason.
   */
  public static void requireUsable(KeyringCredentialStore keystore) {
    boolean supported = keystore.isSupported();
    String reason = keystore.unsupportedReason().orElse("");
    if ("1".equals(System.getenv("ROUTEDESK_REQUIRE_KEYRING"))) {
      assertTrue(
          supported,
          () -> "ROUTEDESK_REQUIRE_KEYRING=1 but no OS keystore can be used because " + reason);
    } else {
      assumeTrue(
          supported,
          () ->
              "No OS keystore here ("
                  + reason
                  + "). Run inside `dbus-run-session -- bash .ci/with-keyring.sh`,"
                  + " or set ROUTEDESK_REQUIRE_KEYRING=1 to fail instead of skipping.");
    }
  }

  /**
   * RouteDesk's entry for this account as libsecret's own tool prints it (service "RouteDesk",
   * account = the profile id; "" when absent), so a check need not go through our code. Empty when
   * secret-tool is not installed.
   */
  public static Optional<String> lookUpWithSecretTool(String accountId)
      throws IOException, InterruptedException {
    if (!Files.isExecutable(SECRET_TOOL)) {
      return Optional.empty();
    }
    Process process =
        new ProcessBuilder(
                SECRET_TOOL.toString(), "lookup", "service", "RouteDesk", "account", accountId)
            .redirectErrorStream(false)
            .start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return Optional.of(out);
  }
}
