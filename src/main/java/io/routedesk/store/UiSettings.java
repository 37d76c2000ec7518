package io.routedesk.store;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Window preferences remembered between runs: theme choice ("SYSTEM", "LIGHT", "DARK"), window
 * bounds and the route list's split position. Null means "not set yet". Never holds secrets.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UiSettings(
    String theme,
    Double windowX,
    Double windowY,
    Double windowWidth,
    Double windowHeight,
    boolean maximized,
    Double routesDivider) {

  public static final UiSettings DEFAULT =
      new UiSettings("SYSTEM", null, null, null, null, false, null);
}
