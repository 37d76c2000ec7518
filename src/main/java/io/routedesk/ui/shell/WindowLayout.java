package io.routedesk.ui.shell;

/**
 * Where the window was and how its panes were split, remembered between runs. Null fields mean "not
 * known yet" (first run): the window then picks defaults.
 */
public record WindowLayout(
    Double x, Double y, Double width, Double height, boolean maximized, Double routesDivider) {
  public static final WindowLayout DEFAULT = new WindowLayout(null, null, null, null, false, null);
}
