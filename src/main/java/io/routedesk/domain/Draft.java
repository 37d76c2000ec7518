package io.routedesk.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A route saved locally, possibly incomplete or invalid (it is checked again when published).
 *
 * @param publishToken set when a create request is (about to be) sent; while it is set on a
 *     DRAFT/FAILED draft, an earlier attempt's outcome is unknown, so a server route with the same
 *     alias, type and value is taken to be this draft's, not a conflict
 * @param serverRouteId the Flowroute route id once published, else null
 * @param lastError why the last publish attempt did not succeed, else null
 */
public record Draft(
    UUID id,
    RouteType type,
    String value,
    String alias,
    Integer edgeStrategyId,
    Instant createdAt,
    Instant updatedAt,
    DraftState state,
    String lastError,
    String serverRouteId,
    String publishToken) {

  public Draft {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    Objects.requireNonNull(state, "state");
  }

  /** The route as entered. */
  public NewRoute route() {
    return new NewRoute(type, value, alias, edgeStrategyId);
  }

  /**
   * What is sent to Flowroute: alias and value without surrounding spaces (the same form is used to
   * recognise the route on the server after an interrupted publish).
   */
  public NewRoute routeToSend() {
    return new NewRoute(type, stripToNull(value), stripToNull(alias), edgeStrategyId);
  }

  /**
   * The route as it is sent, under {@code id}: the server's id once published, or the id the route
   * list gives the draft.
   */
  public Route asRoute(String id) {
    NewRoute sent = routeToSend();
    return new Route(id, sent.alias(), sent.type(), sent.value(), sent.edgeStrategyId());
  }

  /** A label for lists: the alias, or the value, or the type. */
  public String label() {
    if (alias != null && !alias.isBlank()) {
      return alias.strip();
    }
    return value != null && !value.isBlank() ? value.strip() : type.displayName();
  }

  private static String stripToNull(String s) {
    if (s == null) {
      return null;
    }
    String t = s.strip();
    return t.isEmpty() ? null : t;
  }
}
