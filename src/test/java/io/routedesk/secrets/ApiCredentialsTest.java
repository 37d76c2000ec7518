package io.routedesk.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ApiCredentialsTest {
  private static final String SECRET = "Very-Secret-9911";

  @Test
  void trimsBothKeysAndLeavesTheCallersArrayAlone() {
    char[] typed = ("  " + SECRET + "\t ").toCharArray();
    ApiCredentials keys = ApiCredentials.of("  12345678 ", typed);

    assertThat(keys.accessKey()).isEqualTo("12345678");
    assertThat(keys.secretKey()).containsExactly(SECRET.toCharArray());
    assertThat(typed).containsExactly(("  " + SECRET + "\t ").toCharArray());
  }

  @Test
  void refusesEmptyKeysAndControlCharactersWithoutEchoingThem() {
    assertThatThrownBy(() -> ApiCredentials.of("   ", SECRET.toCharArray()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("The access key is empty.");
    assertThatThrownBy(() -> ApiCredentials.of("12345678", " \n ".toCharArray()))
        .hasMessage("The secret key is empty.");
    assertThatThrownBy(() -> ApiCredentials.of("12345678", "ab\ncd-hidden".toCharArray()))
        .hasMessageContaining("secret key contains a line break")
        .hasMessageNotContaining("hidden");
  }

  @Test
  void toStringShowsOnlyTheLastFourOfTheAccessKey() {
    ApiCredentials keys = ApiCredentials.of("12345678", SECRET.toCharArray());

    assertThat(keys.toString())
        .doesNotContain(SECRET)
        .doesNotContain("12345678")
        .contains("••••5678");
    assertThat(keys.maskedAccessKey()).isEqualTo("••••5678");
    assertThat(keys.accessKeyHint()).isEqualTo("5678");
    assertThat(ApiCredentials.mask("1234")).isEqualTo("••••");
  }

  @Test
  void clearWipesTheSecretAndLaterUseFails() {
    ApiCredentials keys = ApiCredentials.of("12345678", SECRET.toCharArray());
    ApiCredentials copy = keys.copy();
    char[] handedOut = keys.secretKey();

    keys.clear();

    assertThat(keys.isCleared()).isTrue();
    assertThatThrownBy(keys::secretKey).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(keys::accessKey).isInstanceOf(IllegalStateException.class);
    // Copies are independent: the copy and the array handed out before are untouched.
    assertThat(copy.secretKey()).containsExactly(SECRET.toCharArray());
    assertThat(handedOut).containsExactly(SECRET.toCharArray());
    assertThat(keys.toString()).doesNotContain(SECRET);
  }

  @Test
  void comparesKeys() {
    ApiCredentials a = ApiCredentials.of("12345678", SECRET.toCharArray());
    assertThat(a.sameKeysAs(ApiCredentials.of("12345678", SECRET.toCharArray()))).isTrue();
    assertThat(a.sameKeysAs(ApiCredentials.of("12345678", "other".toCharArray()))).isFalse();
    assertThat(a.sameKeysAs(ApiCredentials.of("87654321", SECRET.toCharArray()))).isFalse();
  }
}
