package io.routedesk.flowroute;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FlowrouteErrorsTest {
  private static final Instant NOW = Instant.parse("2015-10-21T07:28:00Z");

  @Test
  void retryAfterInSeconds() {
    assertThat(FlowrouteErrors.parseRetryAfter("120", NOW)).isEqualTo(Duration.ofSeconds(120));
    assertThat(FlowrouteErrors.parseRetryAfter(" 0 ", NOW)).isEqualTo(Duration.ZERO);
  }

  @Test
  void retryAfterAsHttpDate() {
    assertThat(FlowrouteErrors.parseRetryAfter("Wed, 21 Oct 2015 07:28:30 GMT", NOW))
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(FlowrouteErrors.parseRetryAfter("Wed, 21 Oct 2015 07:00:00 GMT", NOW))
        .isEqualTo(Duration.ZERO);
  }

  @Test
  void unreadableRetryAfterIsIgnored() {
    assertThat(FlowrouteErrors.parseRetryAfter(null, NOW)).isNull();
    assertThat(FlowrouteErrors.parseRetryAfter("", NOW)).isNull();
    assertThat(FlowrouteErrors.parseRetryAfter("soon", NOW)).isNull();
    assertThat(FlowrouteErrors.parseRetryAfter("-5", NOW)).isNull();
    assertThat(FlowrouteErrors.parseRetryAfter("1.5", NOW)).isNull();
    assertThat(FlowrouteErrors.parseRetryAfter("99999999999999999999999", NOW)).isNull();
  }

  @Test
  void durationsReadNaturally() {
    assertThat(FlowrouteErrors.describe(Duration.ofMillis(250))).isEqualTo("250 ms");
    assertThat(FlowrouteErrors.describe(Duration.ofSeconds(3))).isEqualTo("3 s");
    assertThat(FlowrouteErrors.describe(Duration.ofMillis(1500))).isEqualTo("1.5 s");
    assertThat(FlowrouteErrors.describe(Duration.ofMinutes(5))).isEqualTo("5 min");
  }
}
