package io.routedesk.service.plan;

import java.util.List;

/**
 * A routing file as read: the rows that could be read, the problems of the rows that could not
 * (each with its row number), and notices (ignored columns, a separator other than a comma). Rows
 * with problems are not in {@code numbers} or {@code routes}.
 *
 * @param routesName the routes file's name, null when there was none
 */
public record RoutingFile(
    String numbersName,
    String routesName,
    List<NumberRow> numbers,
    List<RouteRow> routes,
    List<FileProblem> errors,
    List<String> notices) {
  public RoutingFile {
    numbers = List.copyOf(numbers);
    routes = List.copyOf(routes);
    errors = List.copyOf(errors);
    notices = List.copyOf(notices);
  }
}
