package io.routedesk.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RouteValuesTest {

  @ParameterizedTest(name = "{0} {1} is valid")
  @CsvSource({
    "HOST, 24.239.23.40:5060",
    "HOST, 24.239.23.40",
    "HOST, myphone.com",
    "HOST, www.getouttahere.com",
    "HOST, pbx-east.example.net:5080;transport=tls",
    "HOST, 10.0.0.1:5060;weight=500",
    "HOST, '[2001:db8::1]:5060'",
    "HOST, '[::ffff:192.0.2.1]:5060'",
    "HOST, '[::ffff:192.0.2.1]'",
    "NUMBER, 16476998778",
    "NUMBER, 12065551212;weight=0",
    "URI, sip:alice@atlanta.com",
    "URI, sip:16476998778@215.122.69.152:5060;transport=tcp",
    "URI, sips:securecall@securedserver.com",
    "URI, sip:bob@pbx.example.com;transport=udp;weight=1000",
  })
  void acceptsDocumentedValues(RouteType type, String value) {
    assertThat(RouteValues.validate(type, value).valid()).isTrue();
  }

  @ParameterizedTest(name = "{0} {1} is refused: {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "HOST | '' | Enter a value",
        "HOST | bad_host!.com | not a valid host name",
        "HOST | 300.1.1.1 | not a valid IPv4 address",
        "HOST | pbx.example.com:70000 | port must be a number from 1 to 65535",
        "HOST | pbx.example.com:0 | port must be a number from 1 to 65535",
        "HOST | pbx.example.com;weight=1001 | weight must be a whole number from 0 to 1000",
        "HOST | pbx.example.com;transport=sctp | transport must be udp, tcp or tls",
        "HOST | pbx.example.com;foo=1 | Unknown parameter",
        "HOST | pbx example.com | must not contain spaces",
        "HOST | http://x | A host is not a URL: leave out \"http://\"",
        "HOST | https://pbx.example.com:5061/ | A host is not a URL",
        "HOST | sips:pbx.example.com:5061 | A host route takes no sips: prefix",
        "HOST | SIP:pbx.example.com | A host route takes no SIP: prefix",
        "HOST | 2001:db8::1 | an IPv6 address goes in square brackets: [2001:db8::1]",
        "HOST | a.example.com:50:60 | more than one colon",
        "HOST | '[1.2.3.4]:5060' | not a valid IPv6 address",
        "URI | sip:alice@2001:db8::1 | an IPv6 address goes in square brackets",
        "NUMBER | +16476998778 | Leave out the +",
        "NUMBER | 6476998778 | 11 digits",
        "NUMBER | 1647699877a | digits only",
        "NUMBER | 16476998778;transport=tls | takes no ;transport",
        "URI | alice@atlanta.com | form sip:user@host",
        "URI | http:alice@atlanta.com | starts with sip: or sips:",
        "URI | sip:@atlanta.com | needs a user part",
        "URI | sip:alice@ | host is missing",
        "URI | sip:alice@atlanta.com;transport=ws | transport must be udp, tcp or tls",
        "SIP_REG | anything | system route",
      })
  void refusesMalformedValuesNamingTheRule(RouteType type, String value, String rule) {
    Validation v = RouteValues.validate(type, value);
    assertThat(v.valid()).isFalse();
    assertThat(v.message()).contains(rule);
  }

  @ParameterizedTest
  @CsvSource({"'', Enter an alias", "'   ', Enter an alias"})
  void aliasIsRequired(String alias, String rule) {
    assertThat(RouteValues.validateAlias(alias).message()).contains(rule);
  }

  @ParameterizedTest(name = "a number typed as {0} is sent as {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "+1 (206) 555-1234 | 12065551234",
        "  +1 (206) 555-1234   | 12065551234",
        "+12065551234 | 12065551234",
        "1-206-555-1234 | 12065551234",
        "1.206.555.1234 | 12065551234",
        "+1 (206) 555-1234;weight=10 | 12065551234;weight=10",
        "12065551234 | 12065551234",
      })
  void aNumberInTheFormsTheAppDisplaysIsAcceptedAndNormalised(String typed, String sent) {
    String normalised = RouteValues.normalize(RouteType.NUMBER, typed);
    assertThat(normalised).isEqualTo(sent);
    assertThat(RouteValues.validate(RouteType.NUMBER, normalised).valid()).isTrue();
  }

  @ParameterizedTest(name = "{0} {1} is left for validation to explain")
  @CsvSource(
      delimiter = '|',
      value = {
        "NUMBER | +1 (206) 555-123 | 11 digits",
        "NUMBER | 1206555123a | digits only",
        "NUMBER | call 12065551234 | must not contain spaces",
        "HOST | ' pbx.example.com ' | ''",
      })
  void normaliseChangesOnlyWhatItUnderstands(RouteType type, String typed, String rule) {
    Validation v = RouteValues.validate(type, RouteValues.normalize(type, typed));
    if (rule.isEmpty()) {
      assertThat(v.valid()).isTrue();
    } else {
      assertThat(v.message()).contains(rule);
    }
  }

  @Test
  void theNormalisedNumberIsWhatValidationChecksOnTheWire() {
    // The wire rule stays strict: only what normalize() produces is sent.
    assertThat(RouteValues.validate(RouteType.NUMBER, "+1 (206) 555-1234").valid()).isFalse();
  }

  @Test
  void aValueIsBoundedAndTheMessageSaysByHowMuch() {
    String huge = "a".repeat(1_048_576) + ".example.com";
    Validation v = RouteValues.validate(RouteType.HOST, huge);
    assertThat(v.valid()).isFalse();
    assertThat(v.message())
        .isEqualTo("A value can have at most 512 characters; this has 1,048,588.");
    String longest = "sip:" + "u".repeat(200) + "@" + "h".repeat(60) + ".example.com";
    assertThat(longest.length()).isLessThan(RouteValues.MAX_VALUE_LENGTH);
    assertThat(RouteValues.validate(RouteType.URI, longest).valid()).isTrue();
    assertThat(RouteValues.normalize(RouteType.NUMBER, "1".repeat(600))).hasSize(600);
  }

  @Test
  void anAliasIsBoundedWithARuleTheFormShows() {
    assertThat(RouteValues.validateAlias("a".repeat(RouteValues.MAX_ALIAS_LENGTH)).valid())
        .isTrue();
    assertThat(RouteValues.validateAlias("a".repeat(65)).message())
        .isEqualTo("The alias can have at most 64 characters; this has 65.");
    assertThat(RouteValues.ALIAS_HINT).contains("up to 64 characters");
  }
}
