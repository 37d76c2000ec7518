package io.routedesk.domain;

import static org.assertj.core.api.Assertions.assertThat;

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
}
