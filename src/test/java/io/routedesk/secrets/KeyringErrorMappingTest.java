package io.routedesk.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.javakeyring.BackendNotSupportedException;
import com.github.javakeyring.PasswordAccessException;
import io.routedesk.secrets.CredentialStoreException.Kind;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * How {@link KeyringCredentialStore} copes with java-keyring's behaviour, reproduced from what a
 * real Secret Service did (see the class comment there) without needing one.
 */
@Timeout(20)
class KeyringErrorMappingTest {
  private static final String SECRET = "Hush-Hush-4242-Kiwi";

  /** A keystore in a map that can act locked, like gnome-keyring with a locked collection. */
  static final class FakeKeyring implements KeyringAccess {
    final Map<String, String> entries = new HashMap<>();
    final String notFound;
    boolean locked;
    RuntimeException failEverything;
    int writes;
    boolean closed;

    FakeKeyring(String notFoundMessage) {
      this.notFound = notFoundMessage;
    }

    @Override
    public String backendName() {
      return "fake keyring";
    }

    @Override
    public String getPassword(String service, String account) throws PasswordAccessException {
      check();
      if (locked) {
        throw new NullPointerException("Cannot read the array length because \"value\" is null");
      }
      String value = entries.get(service + "|" + account);
      if (value == null) {
        throw new PasswordAccessException(notFound);
      }
      return value;
    }

    @Override
    public void setPassword(String service, String account, String password) {
      check();
      writes++;
      if (!locked) { // a locked collection swallows the write and reports success
        entries.put(service + "|" + account, password);
      }
    }

    @Override
    public void deletePassword(String service, String account) throws PasswordAccessException {
      check();
      if (locked) {
        throw new NullPointerException("path is null");
      }
      if (entries.remove(service + "|" + account) == null) {
        throw new PasswordAccessException(notFound);
      }
    }

    private void check() {
      if (failEverything != null) {
        throw failEverything;
      }
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  private static ApiCredentials keys() {
    return ApiCredentials.of("12345678", SECRET.toCharArray());
  }

  @Test
  void probesOnceAndNeverWritesATestEntry() {
    FakeKeyring fake = new FakeKeyring("No stored credentials match RouteDesk account: x");
    AtomicInteger opened = new AtomicInteger();
    KeyringCredentialStore store =
        new KeyringCredentialStore(
            "RouteDesk",
            Duration.ofSeconds(5),
            () -> {
              opened.incrementAndGet();
              return fake;
            });

    assertThat(store.isSupported()).isTrue();
    assertThat(store.isSupported()).isTrue();
    assertThat(store.unsupportedReason()).isEmpty();
    assertThat(store.displayName()).isEqualTo("fake keyring");
    assertThat(opened).hasValue(1);
    assertThat(fake.writes).isZero();
    assertThat(fake.entries).isEmpty();
  }

  @Test
  void storesOneEntryPerAccountAndReadsItBack() throws Exception {
    FakeKeyring fake = new FakeKeyring("Error code 1168"); // Windows' "not found"
    KeyringCredentialStore store =
        new KeyringCredentialStore("RouteDesk", Duration.ofSeconds(5), () -> fake);

    store.store("acct-1", keys());
    assertThat(fake.entries).containsOnlyKeys("RouteDesk|acct-1");
    assertThat(fake.entries.get("RouteDesk|acct-1")).startsWith("routedesk-api-keys/1\n12345678\n");
    ApiCredentials loaded = store.load("acct-1").orElseThrow();
    assertThat(loaded.accessKey()).isEqualTo("12345678");
    assertThat(loaded.secretKey()).containsExactly(SECRET.toCharArray());

    store.store("acct-1", ApiCredentials.of("12345678", "replaced".toCharArray()));
    assertThat(store.load("acct-1").orElseThrow().secretKey())
        .containsExactly("replaced".toCharArray());

    store.delete("acct-1");
    assertThat(store.load("acct-1")).isEmpty();
    store.delete("acct-1"); // missing: still fine
  }

  @Test
  void aLockedCollectionIsReportedAsLockedNotSilentlyIgnored() throws Exception {
    FakeKeyring fake = new FakeKeyring("No stored credentials match RouteDesk account: acct-1");
    KeyringCredentialStore store =
        new KeyringCredentialStore("RouteDesk", Duration.ofSeconds(5), () -> fake);
    store.store("acct-1", keys());
    fake.locked = true;

    assertThatThrownBy(() -> store.store("acct-2", keys()))
        .isInstanceOfSatisfying(
            CredentialStoreException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.LOCKED);
              assertThat(e.getMessage()).doesNotContain(SECRET).contains("locked");
            });
    assertThatThrownBy(() -> store.load("acct-1"))
        .isInstanceOfSatisfying(
            CredentialStoreException.class, e -> assertThat(e.kind()).isEqualTo(Kind.LOCKED));
    assertThatThrownBy(() -> store.delete("acct-1"))
        .isInstanceOfSatisfying(
            CredentialStoreException.class, e -> assertThat(e.kind()).isEqualTo(Kind.LOCKED));
  }

  @Test
  void noBackendMeansUnsupportedWithAReason() {
    KeyringCredentialStore store =
        new KeyringCredentialStore(
            "RouteDesk",
            Duration.ofSeconds(5),
            () -> {
              throw new BackendNotSupportedException("No available keyring backend found");
            });

    assertThat(store.isSupported()).isFalse();
    assertThat(store.unsupportedReason()).isPresent();
    assertThatThrownBy(() -> store.store("acct-1", keys()))
        .isInstanceOfSatisfying(
            CredentialStoreException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE));
  }

  @Test
  void aKeystoreThatNeverAnswersTimesOut() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    KeyringCredentialStore store =
        new KeyringCredentialStore(
            "RouteDesk",
            Duration.ofMillis(200),
            () -> {
              never.await();
              return new FakeKeyring("x");
            });

    assertThat(store.isSupported()).isFalse();
    assertThat(store.unsupportedReason().orElseThrow()).contains("did not answer");
    never.countDown();
  }

  @Test
  void aLostBusIsUnavailableAndTheNextCallReconnects() throws Exception {
    FakeKeyring first = new FakeKeyring("No stored credentials match");
    FakeKeyring second = new FakeKeyring("No stored credentials match");
    AtomicInteger opened = new AtomicInteger();
    KeyringCredentialStore store =
        new KeyringCredentialStore(
            "RouteDesk",
            Duration.ofSeconds(5),
            () -> opened.incrementAndGet() == 1 ? first : second);
    assertThat(store.isSupported()).isTrue();
    first.failEverything = new DBusExecutionException("Disconnected");

    assertThatThrownBy(() -> store.load("acct-1"))
        .isInstanceOfSatisfying(
            CredentialStoreException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE));
    assertThat(first.closed).isTrue();

    store.store("acct-1", keys());
    assertThat(opened).hasValue(2);
    assertThat(second.entries).hasSize(1);
  }

  @Test
  void anEntryInAnUnknownFormIsAFailureNotAKey() throws Exception {
    FakeKeyring fake = new FakeKeyring("No stored credentials match");
    fake.entries.put("RouteDesk|acct-1", "just-a-password");
    KeyringCredentialStore store =
        new KeyringCredentialStore("RouteDesk", Duration.ofSeconds(5), () -> fake);

    assertThatThrownBy(() -> store.load("acct-1"))
        .isInstanceOfSatisfying(
            CredentialStoreException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.FAILED);
              assertThat(e.getMessage()).doesNotContain("just-a-password");
            });
  }

  @Test
  void classifiesBackendMessages() {
    assertThat(KeyringCredentialStore.classify(new PasswordAccessException("Error code 5")))
        .isEqualTo(Kind.DENIED);
    assertThat(
            KeyringCredentialStore.classify(
                new PasswordAccessException(
                    "Failed to get credential. User canceled the operation.")))
        .isEqualTo(Kind.DENIED);
    assertThat(
            KeyringCredentialStore.classify(
                new PasswordAccessException(
                    "Failed to get credential. User interaction is not allowed.")))
        .isEqualTo(Kind.LOCKED);
    assertThat(
            KeyringCredentialStore.classify(
                new PasswordAccessException("Cannot connect to KWallet")))
        .isEqualTo(Kind.UNAVAILABLE);
    assertThat(
            KeyringCredentialStore.classify(
                new PasswordAccessException("Too many stored credentials")))
        .isEqualTo(Kind.FAILED);
  }
}
