package io.routedesk.store;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;

/**
 * Window preferences remembered between runs: theme choice ("SYSTEM", "LIGHT", "DARK"), window
 * bounds, the route list's split position and the tables' column widths ("routes.col-alias" to
 * pixels). Null means "not set yet". Never holds secrets.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UiSettings(
    String theme,
    Double windowX,
    Double windowY,
    Double windowWidth,
    Double windowHeight,
    boolean maximized,
    Double routesDivider,
    Map<String, Double> columnWidths) {

  public static final UiSettings DEFAULT =
      new UiSettings("SYSTEM", null, null, null, null, false, null);

  public UiSettings {
    columnWidths = columnWidths == null ? Map.of() : Map.copyOf(columnWidths);
  }

  /** Settings without column widths. */
  public UiSettings(
      String theme,
      Double windowX,
      Double windowY,
      Double windowWidth,
      Double windowHeight,
      boolean maximized,
      Double routesDivider) {
    this(theme, windowX, windowY, windowWidth, windowHeight, maximized, routesDivider, Map.of());
  }
}
