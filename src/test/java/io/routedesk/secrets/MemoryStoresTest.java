package io.routedesk.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class MemoryStoresTest {

  @Test
  void sessionStoreKeepsACopyAndHandsOutFreshOnes() throws Exception {
    SessionOnlyCredentialStore store = new SessionOnlyCredentialStore();
    ApiCredentials given = ApiCredentials.of("12345678", "secret-one".toCharArray());

    store.store("a1", given);
    given.clear(); // the caller clears its own instance; the store kept a copy

    ApiCredentials loaded = store.load("a1").orElseThrow();
    assertThat(loaded.secretKey()).containsExactly("secret-one".toCharArray());
    loaded.clear();
    assertThat(store.load("a1").orElseThrow().secretKey())
        .containsExactly("secret-one".toCharArray());
    assertThat(store.isPersistent()).isFalse();
    assertThat(store.isSupported()).isTrue();
  }

  @Test
  void replaceDeleteAndCloseWipe() throws Exception {
    SessionOnlyCredentialStore store = new SessionOnlyCredentialStore();
    store.store("a1", ApiCredentials.of("12345678", "first".toCharArray()));
    store.store("a1", ApiCredentials.of("12345678", "second".toCharArray()));
    assertThat(store.load("a1").orElseThrow().secretKey()).containsExactly("second".toCharArray());

    store.delete("a1");
    store.delete("a1"); // deleting a missing entry succeeds
    assertThat(store.load("a1")).isEqualTo(Optional.empty());

    store.store("a2", ApiCredentials.of("12345678", "third".toCharArray()));
    store.close();
    assertThatThrownBy(() -> store.load("a2"))
        .isInstanceOfSatisfying(
            CredentialStoreException.class,
            e -> assertThat(e.kind()).isEqualTo(CredentialStoreException.Kind.UNAVAILABLE));
  }

  @Test
  void inMemoryKeystoreCanPlayUnsupportedAndLocked() throws Exception {
    InMemoryCredentialStore unsupported = InMemoryCredentialStore.unsupported("tests say so");
    assertThat(unsupported.isSupported()).isFalse();
    assertThat(unsupported.unsupportedReason()).contains("tests say so");

    InMemoryCredentialStore store = InMemoryCredentialStore.working();
    store.failWith(CredentialStoreException.Kind.LOCKED);
    assertThatThrownBy(() -> store.load("a1"))
        .isInstanceOfSatisfying(
            CredentialStoreException.class,
            e -> assertThat(e.kind()).isEqualTo(CredentialStoreException.Kind.LOCKED));
  }

  @Test
  void selectorPrefersTheKeystoreAndFallsBackToSessionOnlyWithTheReason() {
    CredentialStoreSelector good =
        new CredentialStoreSelector(
            InMemoryCredentialStore.working(), new SessionOnlyCredentialStore());
    assertThat(good.select().sessionOnly()).isFalse();
    assertThat(good.select().store()).isSameAs(good.systemStore());
    assertThat(good.select().reason()).isEmpty();

    CredentialStoreSelector none =
        new CredentialStoreSelector(
            InMemoryCredentialStore.unsupported("no keyring service is running"),
            new SessionOnlyCredentialStore());
    CredentialStoreSelector.Selection selection = none.select();
    assertThat(selection.sessionOnly()).isTrue();
    assertThat(selection.store()).isSameAs(none.sessionStore());
    assertThat(selection.reason()).contains("no keyring service is running");
    assertThat(none.selectedSoFar()).contains(selection);
  }
}
