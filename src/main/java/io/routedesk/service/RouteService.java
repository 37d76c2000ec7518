package io.routedesk.service;

import io.routedesk.domain.NewRoute;
import io.routedesk.domain.Plural;
import io.routedesk.domain.Route;
import io.routedesk.domain.RouteValues;
import io.routedesk.domain.Validation;
import io.routedesk.flowroute.CancellationToken;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Creates, edits and deletes routes. Checks what Flowroute would refuse before sending, so the user
 * learns why at once: invalid values, the system route, a route still used by numbers. What passes
 * goes through the {@link ChangeEngine}, which journals it with its values before and after.
 */
public final class RouteService {
  private final ChangeEngine engine;

  public RouteService(ChangeEngine engine) {
    this.engine = Objects.requireNonNull(engine, "engine");
  }

  public CompletableFuture<Route> create(NewRoute route) {
    Validation v = check(route);
    if (!v.valid()) {
      return CompletableFuture.failedFuture(new IllegalArgumentException(v.message()));
    }
    return engine.createRoute(trimmed(route));
  }

  public CompletableFuture<Route> update(Route existing, NewRoute route) {
    if (existing.isSystemRoute()) {
      return CompletableFuture.failedFuture(
          new RouteRefusedException("The sip-reg route is built in and cannot be edited."));
    }
    Validation v = check(route);
    if (!v.valid()) {
      return CompletableFuture.failedFuture(new IllegalArgumentException(v.message()));
    }
    return engine.updateRoute(existing, trimmed(route));
  }

  /**
   * Deletes a route that no number uses. Refuses, without a request, the system route and any route
   * whose usage is not known to be empty (Flowroute answers 403 while numbers use it).
   */
  public CompletableFuture<Void> delete(Route route, RouteUsage usage) {
    if (route.isSystemRoute()) {
      return CompletableFuture.failedFuture(
          new RouteRefusedException("The sip-reg route is built in and cannot be deleted."));
    }
    if (!route.id().equals(usage.routeId())) {
      throw new IllegalArgumentException("usage is for another route");
    }
    if (usage.inUse()) {
      return CompletableFuture.failedFuture(
          new RouteRefusedException(
              "“"
                  + route.label()
                  + "” is still used by "
                  + Plural.count(usage.numberCount(), "number")
                  + ". Move them to another route first."));
    }
    if (usage.unknown() > 0) {
      return CompletableFuture.failedFuture(
          new RouteRefusedException(
              "The routing of "
                  + Plural.count(usage.unknown(), "number")
                  + " is not loaded yet, so RouteDesk cannot tell whether “"
                  + route.label()
                  + "” is in use. Refresh and try again."));
    }
    return engine.deleteRoute(route);
  }

  /**
   * Why moving {@code move}'s numbers off {@code route} and then deleting it must not start, or
   * null when everything the delete needs holds already: checked before the first number moves.
   */
  public String moveAndDeleteRefusal(Route route, AssignmentPlan move, RouteUsage usage) {
    return ChangeEngine.moveAndDeleteRefusal(route, move, usage);
  }

  /**
   * Moves {@code move}'s numbers off {@code route}, then deletes it, as one journaled operation of
   * the engine: no other change to the account can come between the last move and the delete, and
   * the route is kept, with the reason, unless every move landed. Fails with the refusal when
   * {@link #moveAndDeleteRefusal} has one, before any request.
   */
  public CompletableFuture<ChangeEngine.MoveAndDelete> moveAndDelete(
      Route route,
      AssignmentPlan move,
      RouteUsage usage,
      BatchListener listener,
      CancellationToken cancel) {
    return engine.moveAndDelete(route, move, usage, listener, cancel);
  }

  private static Validation check(NewRoute route) {
    Validation alias = RouteValues.validateAlias(route.alias());
    if (!alias.valid()) {
      return alias;
    }
    return RouteValues.validate(route.type(), route.value());
  }

  private static NewRoute trimmed(NewRoute r) {
    return new NewRoute(r.type(), r.value().strip(), r.alias().strip(), r.edgeStrategyId());
  }

  /** A request RouteDesk does not send because Flowroute would refuse it; the message says why. */
  public static final class RouteRefusedException extends RuntimeException {
    public RouteRefusedException(String message) {
      super(message);
    }
  }
}
