package io.routedesk.ui.numbers;

/** Which numbers the table shows besides the search text. */
public record NumberScope(Kind kind, String routeId, String label) {
  public enum Kind {
    ALL,
    NO_FAILOVER,
    ROUTING_UNKNOWN,
    USES_ROUTE
  }

  public static final NumberScope ALL = new NumberScope(Kind.ALL, null, "All numbers");
  public static final NumberScope NO_FAILOVER =
      new NumberScope(Kind.NO_FAILOVER, null, "No failover");
  public static final NumberScope ROUTING_UNKNOWN =
      new NumberScope(Kind.ROUTING_UNKNOWN, null, "Routing not loaded");

  public static NumberScope usesRoute(String routeId, String routeLabel) {
    return new NumberScope(Kind.USES_ROUTE, routeId, "Uses " + routeLabel);
  }

  /** Numbers a draft becomes the primary or failover of when it is published. */
  public static NumberScope waitingForDraft(String draftRowId, String draftLabel) {
    return new NumberScope(Kind.USES_ROUTE, draftRowId, "Waiting for draft " + draftLabel);
  }

  /** True when membership depends on routing, so it must be re-checked as routing arrives. */
  public boolean dependsOnRouting() {
    return kind != Kind.ALL;
  }

  @Override
  public String toString() {
    return label;
  }
}
