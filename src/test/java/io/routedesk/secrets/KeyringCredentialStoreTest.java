package io.routedesk.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import io.routedesk.testing.OsKeystore;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Against the real operating-system keystore (on Linux: the Secret Service of the current D-Bus
 * session). Runs where one is available and is skipped otherwise, unless {@code
 * ROUTEDESK_REQUIRE_KEYRING=1} (CI), which turns "no keystore" into a failure. Locally: {@code
 * dbus-run-session -- bash .ci/with-keyring.sh ./mvnw -q test -Dtest='Keyring*'}.
 *
 * <p>Uses a unique account id per run and removes it afterwards; never touches other entries.
 */
@Timeout(120)
class KeyringCredentialStoreTest {
  private static final String SECRET = "it-secret-" + UUID.randomUUID();
  private static KeyringCredentialStore store;

  private final String accountId = "test-" + UUID.randomUUID();

  @BeforeAll
  static void openTheSystemKeystore() {
    store = new KeyringCredentialStore();
    long start = System.nanoTime();
    boolean supported = store.isSupported();
    System.out.printf(
        "keystore probe: supported=%s (%s) in %d ms%n",
        supported,
        supported ? store.displayName() : store.unsupportedReason().orElse(""),
        millisSince(start));
  }

  /** Per test (not in @BeforeAll) so each test is reported as skipped, with the reason. */
  @BeforeEach
  void requireAKeystore() {
    OsKeystore.requireUsable(store);
  }

  @AfterEach
  void removeTheTestEntry() throws Exception {
    if (store != null && store.isSupported()) {
      store.delete(accountId);
    }
  }

  @AfterAll
  static void close() {
    if (store != null) {
      store.close();
    }
  }

  @Test
  void storeReadBackReplaceAndDelete() throws Exception {
    long t = System.nanoTime();
    store.store(accountId, ApiCredentials.of("12345678", SECRET.toCharArray()));
    long storeMs = millisSince(t);

    t = System.nanoTime();
    ApiCredentials loaded = store.load(accountId).orElseThrow();
    long loadMs = millisSince(t);
    assertThat(loaded.accessKey()).isEqualTo("12345678");
    assertThat(loaded.secretKey()).containsExactly(SECRET.toCharArray());
    loaded.clear();

    store.store(accountId, ApiCredentials.of("87654321", (SECRET + "-new").toCharArray()));
    ApiCredentials replaced = store.load(accountId).orElseThrow();
    assertThat(replaced.accessKey()).isEqualTo("87654321");
    assertThat(replaced.secretKey()).containsExactly((SECRET + "-new").toCharArray());

    t = System.nanoTime();
    store.delete(accountId);
    long deleteMs = millisSince(t);
    assertThat(store.load(accountId)).isEmpty();
    store.delete(accountId); // deleting again is fine

    System.out.printf(
        "keystore %s: store+verify %d ms, load %d ms, delete %d ms%n",
        store.displayName(), storeMs, loadMs, deleteMs);
  }

  @Test
  void anotherConnectionSeesTheEntryAsOneItemWithBothKeys() throws Exception {
    store.store(accountId, ApiCredentials.of("12345678", SECRET.toCharArray()));

    try (KeyringCredentialStore fresh = new KeyringCredentialStore()) {
      assertThat(fresh.load(accountId).orElseThrow().secretKey())
          .containsExactly(SECRET.toCharArray());
    }

    // The same item seen through libsecret (checked where secret-tool is installed).
    OsKeystore.lookUpWithSecretTool(accountId)
        .ifPresent(item -> assertThat(item).isEqualTo("routedesk-api-keys/1\n12345678\n" + SECRET));
  }

  @Test
  void aMissingEntryLoadsAsEmpty() throws Exception {
    assertThat(store.load(accountId)).isEmpty();
  }

  private static long millisSince(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }
}
