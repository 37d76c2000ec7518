package io.routedesk.service.plan;

/**
 * What a row of the numbers file says about one slot (primary or failover): the route's alias, id,
 * type and value as written, trimmed, empty when blank. All four blank means "no route".
 */
public record RouteCell(String alias, String id, String type, String value) {
  public static final RouteCell NONE = new RouteCell("", "", "", "");

  public RouteCell {
    alias = alias == null ? "" : alias.strip();
    id = id == null ? "" : id.strip();
    type = type == null ? "" : type.strip();
    value = value == null ? "" : value.strip();
  }

  public boolean isBlank() {
    return alias.isEmpty() && id.isEmpty() && type.isEmpty() && value.isEmpty();
  }
}
