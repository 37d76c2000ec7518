package io.routedesk.domain;

import java.util.Locale;

/** Inbound voice route types as Flowroute names them on the wire (lowercase). */
public enum RouteType {
  HOST("host", "Host", "IP address or host name, optional :port"),
  NUMBER("number", "Number", "11-digit phone number (PSTN forward)"),
  URI("uri", "SIP URI", "sip: or sips: URI"),
  SIP_REG("sip-reg", "SIP registration", "Devices registered to the account"),
  /** A type this client does not know yet; kept so an unknown value never breaks a listing. */
  OTHER("other", "Other", "Unknown route type");

  private final String wireName;
  private final String displayName;
  private final String summary;

  RouteType(String wireName, String displayName, String summary) {
    this.wireName = wireName;
    this.displayName = displayName;
    this.summary = summary;
  }

  public String wireName() {
    return wireName;
  }

  public String displayName() {
    return displayName;
  }

  public String summary() {
    return summary;
  }

  /** Types a user may create; sip-reg is the system route "0" and cannot be created. */
  public boolean isCreatable() {
    return this == HOST || this == NUMBER || this == URI;
  }

  public static RouteType fromWire(String name) {
    if (name == null) {
      return OTHER;
    }
    String n = name.trim().toLowerCase(Locale.ROOT);
    for (RouteType t : values()) {
      if (t != OTHER && t.wireName.equals(n)) {
        return t;
      }
    }
    return OTHER;
  }
}
