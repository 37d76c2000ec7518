package io.routedesk.ui.routes;

import io.routedesk.domain.Draft;
import io.routedesk.domain.Plural;
import io.routedesk.domain.RouteValues;
import io.routedesk.domain.Validation;
import io.routedesk.ui.model.RouteRow;

/** The words the route list uses for a draft: its badge and its full description. */
final class DraftTexts {
  private DraftTexts() {}

  /**
   * The short badge next to the alias: "Draft" (red after a failed publish), "Publishing…",
   * "Published". Short, so the alias keeps the room in a narrow column.
   */
  static String badge(RouteRow row) {
    return switch (row.draft().state()) {
      case PUBLISHING -> "Publishing…";
      case PUBLISHED -> "Published";
      case DRAFT, FAILED -> "Draft";
    };
  }

  /** The state in words for the details: "Not published" after a failed publish. */
  static String status(RouteRow row) {
    Draft d = row.draft();
    return d.state().isEditable() && d.lastError() != null ? "Not published" : badge(row);
  }

  /**
   * The details' heading: "Draft “x”", with the state only when it adds something ("Draft “x” ·
   * Publishing…"), never "Draft “x” · Draft".
   */
  static String title(RouteRow row) {
    String title = "Draft “" + row.label() + "”";
    String status = status(row);
    return status.equals("Draft") ? title : title + " · " + status;
  }

  /** Where the draft stands and what happens next, with the reason its last publish failed. */
  static String describe(RouteRow row) {
    Draft d = row.draft();
    StringBuilder text = new StringBuilder();
    switch (d.state()) {
      case PUBLISHING ->
          text.append(
              "Being published. If an earlier publish was interrupted, RouteDesk checks with"
                  + " Flowroute before sending anything again, so it is never created twice.");
      case PUBLISHED ->
          text.append("Published as route ")
              .append(d.serverRouteId())
              .append(". Some of its pending assignments were not applied yet: publish again to")
              .append(" retry them.");
      case DRAFT, FAILED -> {
        text.append("Saved on this computer only; not on Flowroute yet.");
        if (d.lastError() != null) {
          text.append(" Not published: ").append(d.lastError());
        } else {
          String problem = problem(d);
          if (problem != null) {
            text.append(" Before it can be published: ").append(problem);
          }
        }
      }
    }
    int primary = row.primaryUses();
    int failover = row.failoverUses();
    if (primary + failover > 0) {
      text.append(" When published, it becomes ");
      if (primary > 0) {
        text.append("the primary of ").append(Plural.count(primary, "number"));
      }
      if (failover > 0) {
        text.append(primary > 0 ? " and " : "")
            .append("the failover of ")
            .append(Plural.count(failover, "number"));
      }
      text.append('.');
    }
    return text.toString();
  }

  private static String problem(Draft d) {
    Validation alias = RouteValues.validateAlias(d.alias());
    if (!alias.valid()) {
      return alias.message();
    }
    Validation value = RouteValues.validate(d.type(), d.value());
    return value.valid() ? null : value.message();
  }
}
