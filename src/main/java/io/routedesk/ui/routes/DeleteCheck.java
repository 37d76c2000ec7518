package io.routedesk.ui.routes;

import io.routedesk.service.RouteUsage;

/** Whether a route can be deleted now, and if not, why and what to do. */
public record DeleteCheck(Kind kind, String message, RouteUsage usage) {
  public enum Kind {
    /** No number uses it: delete right away (after confirmation). */
    FREE,
    /** Numbers use it: offer to move them to another route first. */
    IN_USE,
    /** The routing of some numbers is unknown, so usage cannot be checked. */
    UNKNOWN_USAGE,
    /** The built-in sip-reg route. */
    SYSTEM,
    /** Not now: offline, or a draft being published; the message says why. */
    BLOCKED,
    /** A draft: delete it from this computer (after confirmation). */
    DRAFT
  }
}
