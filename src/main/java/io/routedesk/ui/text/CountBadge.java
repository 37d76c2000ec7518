package io.routedesk.ui.text;

import java.util.Locale;

/**
 * The count beside a pane's title: "25" when everything is shown, "12 of 25" while a search or
 * filter hides some. The route list and the numbers say it the same way.
 */
public final class CountBadge {
  private CountBadge() {}

  public static String text(int shown, int total) {
    return shown == total
        ? String.format(Locale.ROOT, "%,d", total)
        : String.format(Locale.ROOT, "%,d of %,d", shown, total);
  }

  /** What a screen reader says: "25 routes", "12 of 25 routes shown". */
  public static String spoken(int shown, int total, String plural) {
    return shown == total
        ? text(shown, total) + " " + plural
        : text(shown, total) + " " + plural + " shown";
  }
}
