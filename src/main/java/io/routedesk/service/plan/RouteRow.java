package io.routedesk.service.plan;

/**
 * One row of the routes file, as written (trimmed): an existing route (with its id) as it should
 * be, or a new route (no id) to create.
 */
public record RouteRow(
    int row, String alias, String id, String type, String value, String edgeStrategy) {
  public RouteRow {
    alias = alias == null ? "" : alias.strip();
    id = id == null ? "" : id.strip();
    type = type == null ? "" : type.strip();
    value = value == null ? "" : value.strip();
    edgeStrategy = edgeStrategy == null ? "" : edgeStrategy.strip();
  }
}
