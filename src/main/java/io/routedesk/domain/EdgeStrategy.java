package io.routedesk.domain;

/** A Flowroute point of presence a route's calls are sent from ("edge strategy"). */
public record EdgeStrategy(
    int id, String name, String description, String naptr, String firewallRules) {

  public String label() {
    return name != null && !name.isBlank() ? name : "Edge strategy " + id;
  }
}
