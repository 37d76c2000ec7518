package io.routedesk.store;

/** What kind of change a journal batch made to live routing. */
public enum BatchKind {
  /** Numbers given a primary or failover route, or a failover removed (drag, menu, keyboard). */
  ASSIGN("Assignment"),
  /** The restoring of an earlier batch. */
  UNDO("Undo"),
  /** The rest of an interrupted batch, sent after a restart. */
  RESUME("Resume"),
  /** The pending assignments of published drafts. */
  PUBLISH("Publish"),
  /** Numbers changed by applying a routing file (the command line's apply). */
  ROUTING_FILE("Routing file"),
  /** Numbers moved off a route, then the route deleted. */
  MOVE_AND_DELETE("Move and delete"),
  ROUTE_CREATE("New route"),
  ROUTE_UPDATE("Route edit"),
  ROUTE_DELETE("Route deletion");

  private final String displayName;

  BatchKind(String displayName) {
    this.displayName = displayName;
  }

  public String displayName() {
    return displayName;
  }
}
