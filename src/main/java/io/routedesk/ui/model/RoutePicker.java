package io.routedesk.ui.model;

import java.util.Optional;
import java.util.function.Predicate;
import javafx.collections.ObservableList;

/**
 * Lets the user choose a route with the keyboard. A feature asks through this port; the shell
 * answers with the route picker, so features do not depend on one another.
 */
@FunctionalInterface
public interface RoutePicker {
  /**
   * @param preselectedRouteId the route to start on (e.g. the one selected in the route list), or
   *     null
   */
  record Request(
      String title,
      String prompt,
      String confirm,
      ObservableList<RouteRow> routes,
      Predicate<RouteRow> allowed,
      String preselectedRouteId) {}

  /** Shows the picker and waits; empty when the user cancels. Call on the FX thread. */
  Optional<RouteRow> pick(Request request);
}
