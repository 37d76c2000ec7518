package io.routedesk.ui.shell;

import java.util.Map;

/**
 * Where the window was, how its panes were split and how wide the user made the tables' columns
 * ("routes.col-alias" to pixels), remembered between runs. Null fields mean "not known yet" (first
 * run): the window then picks defaults.
 */
public record WindowLayout(
    Double x,
    Double y,
    Double width,
    Double height,
    boolean maximized,
    Double routesDivider,
    Map<String, Double> columnWidths) {
  public static final WindowLayout DEFAULT = new WindowLayout(null, null, null, null, false, null);

  public WindowLayout {
    columnWidths = columnWidths == null ? Map.of() : Map.copyOf(columnWidths);
  }

  /** A layout with the columns at their default widths. */
  public WindowLayout(
      Double x, Double y, Double width, Double height, boolean maximized, Double routesDivider) {
    this(x, y, width, height, maximized, routesDivider, Map.of());
  }
}
