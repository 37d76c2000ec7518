package io.routedesk.domain;

/** The two voice-route relationships of a phone number. */
public enum VoiceSlot {
  PRIMARY("primary_route", "Primary"),
  FAILOVER("failover_route", "Failover");

  private final String relationship;
  private final String displayName;

  VoiceSlot(String relationship, String displayName) {
    this.relationship = relationship;
    this.displayName = displayName;
  }

  /** The JSON:API relationship name used in paths and bodies. */
  public String relationship() {
    return relationship;
  }

  public String displayName() {
    return displayName;
  }
}
