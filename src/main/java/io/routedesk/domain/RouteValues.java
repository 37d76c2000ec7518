package io.routedesk.domain;

import java.net.InetAddress;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Client-side rules for a route's value, per type, from Flowroute's "create an inbound route" docs:
 * host = IP or host name with optional :port; number = 11-digit E.164 without "+"; uri = sip:/sips:
 * user@host with optional :port. Any of them may carry ";transport=udp|tcp|tls" (host and uri) and
 * ";weight=0..1000" (weight-based routing).
 *
 * <p>{@link #validate} is the rule for what is sent to Flowroute. What a person types goes through
 * {@link #normalize} first, which accepts the forms the app itself displays (a number as "+1 (206)
 * 555-1234") and turns them into what is sent.
 *
 * <p>Flowroute documents no length limit for a route's alias or value. The bounds here are generous
 * (a 64-character alias, as Flowroute allows for a number's alias filter; a value fits the longest
 * host name, 253 characters, with a long SIP user part and every parameter) and keep a pasted
 * megabyte out of the account and the saved copy.
 */
public final class RouteValues {
  private RouteValues() {}

  public static final int MAX_ALIAS_LENGTH = 64;
  public static final int MAX_VALUE_LENGTH = 512;

  /** The rule for an alias, for the form to show under the field. */
  public static final String ALIAS_HINT =
      "A unique name you will recognise in lists, up to " + MAX_ALIAS_LENGTH + " characters.";

  /**
   * How a number is written for people: "+1 (206) 555-1234", "1-206-555-1234", "1.206.555.1234".
   */
  private static final Pattern DISPLAYED_NUMBER = Pattern.compile("\\+?[0-9(][0-9 ()./-]*");

  private static final Pattern LABEL =
      Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern URI_USER = Pattern.compile("[A-Za-z0-9._~+!$&'()*,=%-]+");
  private static final Pattern URI =
      Pattern.compile("(?<scheme>[A-Za-z]+):(?<user>[^@;]*)@(?<host>[^;]*)(?<params>;.*)?");

  /** The hint shown under the value field for a type. */
  public static String hint(RouteType type) {
    return switch (type) {
      case HOST ->
          "IP address or host name, optional :port — e.g. 24.239.23.40:5060 or pbx.example.com";
      case NUMBER -> "11-digit number with country code — e.g. 16476998778 or +1 (647) 699-8778";
      case URI -> "sip: or sips: URI, optional ;transport=udp|tcp|tls — e.g. sip:alice@atlanta.com";
      case SIP_REG -> "Calls ring the SIP devices registered to your account";
      case OTHER -> "";
    };
  }

  /** An example value for a type, used as the field's prompt text. */
  public static String example(RouteType type) {
    return switch (type) {
      case HOST -> "24.239.23.40:5060";
      case NUMBER -> "16476998778";
      case URI -> "sip:alice@atlanta.com;transport=tls";
      case SIP_REG, OTHER -> "";
    };
  }

  /**
   * What a person typed, in the form sent to Flowroute: trimmed, and a number written as the app
   * displays it ("+1 (206) 555-1234") reduced to its digits, parameters kept. Anything else is
   * returned trimmed, for {@link #validate} to explain.
   */
  public static String normalize(RouteType type, String typed) {
    String value = typed == null ? "" : typed.strip();
    if (type != RouteType.NUMBER || value.length() > MAX_VALUE_LENGTH) {
      return value;
    }
    int semicolon = value.indexOf(';');
    String number = semicolon < 0 ? value : value.substring(0, semicolon);
    String params = semicolon < 0 ? "" : value.substring(semicolon).replace(" ", "");
    if (!DISPLAYED_NUMBER.matcher(number).matches()) {
      return value;
    }
    StringBuilder digits = new StringBuilder();
    number.chars().filter(c -> c >= '0' && c <= '9').forEach(c -> digits.append((char) c));
    return digits + params;
  }

  public static Validation validate(RouteType type, String rawValue) {
    if (type == null) {
      return Validation.error("Choose a route type.");
    }
    if (!type.isCreatable()) {
      return Validation.error(
          type == RouteType.SIP_REG
              ? "sip-reg is the system route; it cannot be created."
              : "Choose a route type: host, number or uri.");
    }
    String value = rawValue == null ? "" : rawValue.trim();
    if (value.isEmpty()) {
      return Validation.error("Enter a value. " + hint(type));
    }
    if (value.length() > MAX_VALUE_LENGTH) {
      return tooLong("A value", MAX_VALUE_LENGTH, value);
    }
    if (value.chars().anyMatch(Character::isWhitespace)) {
      return Validation.error("The value must not contain spaces.");
    }
    return switch (type) {
      case HOST -> validateHostValue(value);
      case NUMBER -> validateNumberValue(value);
      case URI -> validateUriValue(value);
      default -> Validation.error("Unsupported route type.");
    };
  }

  public static Validation validateAlias(String alias) {
    String a = alias == null ? "" : alias.strip();
    if (a.isEmpty()) {
      return Validation.error("Enter an alias: a unique name for this route.");
    }
    if (a.length() > MAX_ALIAS_LENGTH) {
      return tooLong("The alias", MAX_ALIAS_LENGTH, a);
    }
    if (a.chars().anyMatch(Character::isISOControl)) {
      return Validation.error("The alias must not contain control characters.");
    }
    return Validation.ok();
  }

  /**
   * Whether two aliases name the same route: the uniqueness rule, the same in the form and when a
   * draft is published. Surrounding whitespace never counts; case does not either, because
   * Flowroute does not document whether its rule is case-sensitive, so the strict reading wins.
   */
  public static boolean sameAlias(String a, String b) {
    return a != null && b != null && a.strip().equalsIgnoreCase(b.strip());
  }

  private static Validation tooLong(String what, int max, String text) {
    return Validation.error(
        String.format(
            Locale.ROOT,
            "%s can have at most %d characters; this has %,d.",
            what,
            max,
            text.length()));
  }

  private static Validation validateHostValue(String value) {
    int scheme = value.indexOf("://");
    if (scheme >= 0) {
      return Validation.error(
          "A host is not a URL: leave out \""
              + value.substring(0, scheme + 3)
              + "\" and enter the host name or IP address with an optional :port, e.g."
              + " pbx.example.com:5060.");
    }
    String lower = value.toLowerCase(Locale.ROOT);
    if (lower.startsWith("sip:") || lower.startsWith("sips:")) {
      return Validation.error(
          "A host route takes no "
              + value.substring(0, value.indexOf(':') + 1)
              + " prefix: enter the host alone (e.g. pbx.example.com:5060), or choose the SIP URI"
              + " type for a sip: or sips: address.");
    }
    String[] parts = value.split(";", -1);
    Validation params = validateParams(parts, true);
    if (!params.valid()) {
      return params;
    }
    String hostPort = parts[0];
    return validateHostPort(hostPort, "Host");
  }

  private static Validation validateNumberValue(String value) {
    String[] parts = value.split(";", -1);
    Validation params = validateParams(parts, false);
    if (!params.valid()) {
      return params;
    }
    String digits = parts[0];
    if (digits.startsWith("+")) {
      return Validation.error("Leave out the +: enter 11 digits, e.g. 16476998778.");
    }
    if (!PhoneNumbers.isDigits(digits)) {
      return Validation.error("A number route is digits only: 11 digits, e.g. 16476998778.");
    }
    if (digits.length() != 11) {
      return Validation.error(
          "A number route has 11 digits (country code + number); this has "
              + digits.length()
              + ".");
    }
    return Validation.ok();
  }

  private static Validation validateUriValue(String value) {
    Matcher m = URI.matcher(value);
    if (!m.matches()) {
      return Validation.error("A URI has the form sip:user@host, e.g. sip:alice@atlanta.com.");
    }
    String scheme = m.group("scheme").toLowerCase(Locale.ROOT);
    if (!scheme.equals("sip") && !scheme.equals("sips")) {
      return Validation.error("A URI starts with sip: or sips: (not " + m.group("scheme") + ":).");
    }
    String user = m.group("user");
    if (user.isEmpty() || !URI_USER.matcher(user).matches()) {
      return Validation.error("The URI needs a user part before @, e.g. sip:alice@atlanta.com.");
    }
    String params = m.group("params");
    if (params != null) {
      Validation p = validateParams(("x" + params).split(";", -1), true);
      if (!p.valid()) {
        return p;
      }
    }
    return validateHostPort(m.group("host"), "The URI's host");
  }

  /** parts[0] is the main value; parts[1..] are "name=value" parameters. */
  private static Validation validateParams(String[] parts, boolean transportAllowed) {
    boolean sawWeight = false;
    boolean sawTransport = false;
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i];
      int eq = p.indexOf('=');
      String name = (eq < 0 ? p : p.substring(0, eq)).toLowerCase(Locale.ROOT);
      String v = eq < 0 ? "" : p.substring(eq + 1);
      switch (name) {
        case "weight" -> {
          if (sawWeight) {
            return Validation.error("Give ;weight only once.");
          }
          sawWeight = true;
          if (!PhoneNumbers.isDigits(v) || v.length() > 4 || Integer.parseInt(v) > 1000) {
            return Validation.error(";weight must be a whole number from 0 to 1000.");
          }
        }
        case "transport" -> {
          if (!transportAllowed) {
            return Validation.error("A number route takes no ;transport parameter.");
          }
          if (sawTransport) {
            return Validation.error("Give ;transport only once.");
          }
          sawTransport = true;
          String t = v.toLowerCase(Locale.ROOT);
          if (!t.equals("udp") && !t.equals("tcp") && !t.equals("tls")) {
            return Validation.error(";transport must be udp, tcp or tls.");
          }
        }
        default -> {
          return Validation.error(
              transportAllowed
                  ? "Unknown parameter \";"
                      + p
                      + "\": only ;transport=udp|tcp|tls and ;weight=0..1000."
                  : "Unknown parameter \";" + p + "\": only ;weight=0..1000.");
        }
      }
    }
    return Validation.ok();
  }

  private static Validation validateHostPort(String hostPort, String what) {
    if (hostPort.isEmpty()) {
      return Validation.error(what + " is missing.");
    }
    String host = hostPort;
    String port = null;
    if (hostPort.startsWith("[")) {
      int close = hostPort.indexOf(']');
      if (close < 0) {
        return Validation.error(what + ": an IPv6 address needs a closing ].");
      }
      host = hostPort.substring(1, close);
      String rest = hostPort.substring(close + 1);
      if (!rest.isEmpty()) {
        if (!rest.startsWith(":")) {
          return Validation.error(what + ": unexpected text after the IPv6 address.");
        }
        port = rest.substring(1);
      }
      if (!isIpv6(host)) {
        return Validation.error(what + ": \"" + host + "\" is not a valid IPv6 address.");
      }
    } else {
      if (hostPort.indexOf(':') != hostPort.lastIndexOf(':')) {
        return Validation.error(
            isIpv6(hostPort)
                ? what
                    + ": an IPv6 address goes in square brackets: ["
                    + hostPort
                    + "], or ["
                    + hostPort
                    + "]:5060 with a port."
                : what + " has more than one colon: give at most one :port.");
      }
      int colon = hostPort.lastIndexOf(':');
      if (colon >= 0) {
        host = hostPort.substring(0, colon);
        port = hostPort.substring(colon + 1);
      }
      if (host.isEmpty()) {
        return Validation.error(what + " is missing before the :port.");
      }
      if (IPV4.matcher(host).matches()) {
        for (String octet : host.split("\\.")) {
          if (Integer.parseInt(octet) > 255) {
            return Validation.error(what + ": \"" + host + "\" is not a valid IPv4 address.");
          }
        }
      } else if (!isHostName(host)) {
        return Validation.error(
            what
                + ": \""
                + host
                + "\" is not a valid host name (letters, digits, hyphens and dots) or IP address.");
      }
    }
    if (port != null) {
      if (!PhoneNumbers.isDigits(port) || port.length() > 5) {
        return Validation.error("The port must be a number from 1 to 65535.");
      }
      int p = Integer.parseInt(port);
      if (p < 1 || p > 65535) {
        return Validation.error("The port must be a number from 1 to 65535.");
      }
    }
    return Validation.ok();
  }

  private static boolean isHostName(String host) {
    String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    if (h.isEmpty() || h.length() > 253) {
      return false;
    }
    String[] labels = h.split("\\.", -1);
    for (String label : labels) {
      if (!LABEL.matcher(label).matches()) {
        return false;
      }
    }
    // A dotted name whose last label is all digits is a malformed IP, not a host name.
    return !(labels.length > 1 && PhoneNumbers.isDigits(labels[labels.length - 1]));
  }

  private static boolean isIpv6(String s) {
    if (s.isEmpty() || !s.matches("[0-9A-Fa-f:.]+")) {
      return false;
    }
    try {
      // An IPv4-mapped address (::ffff:192.0.2.1) parses to an Inet4Address: still IPv6 syntax.
      InetAddress.ofLiteral(s);
      return s.contains(":");
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
