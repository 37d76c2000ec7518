package io.routedesk.flowroute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private final RetryPolicy policy =
      new RetryPolicy(6, Duration.ofMillis(250), Duration.ofSeconds(2), Duration.ofSeconds(30));

  @Test
  void ceilingDoublesPerRetryUpToTheMaximum() {
    assertThat(policy.backoffCeiling(1)).isEqualTo(Duration.ofMillis(250));
    assertThat(policy.backoffCeiling(2)).isEqualTo(Duration.ofMillis(500));
    assertThat(policy.backoffCeiling(3)).isEqualTo(Duration.ofSeconds(1));
    assertThat(policy.backoffCeiling(4)).isEqualTo(Duration.ofSeconds(2));
    assertThat(policy.backoffCeiling(5)).isEqualTo(Duration.ofSeconds(2));
    assertThat(policy.backoffCeiling(1_000)).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void fullJitterIsAUniformShareOfTheCeiling() {
    assertThat(policy.backoff(3, 0.0)).isEqualTo(Duration.ZERO);
    assertThat(policy.backoff(3, 0.25)).isEqualTo(Duration.ofMillis(250));
    assertThat(policy.backoff(3, Math.nextDown(1.0))).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void rejectsNonsense() {
    assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new RetryPolicy(3, Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ZERO))
        .hasMessageContaining("must not exceed maxBackoff");
    assertThatThrownBy(
            () -> new RetryPolicy(3, Duration.ofSeconds(-1), Duration.ofSeconds(1), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> policy.backoff(1, 1.0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> policy.backoffCeiling(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void noRetriesMeansOneAttempt() {
    assertThat(RetryPolicy.NO_RETRIES.maxAttempts()).isEqualTo(1);
    assertThat(RetryPolicy.DEFAULT.maxAttempts()).isGreaterThan(1);
  }
}
