package io.routedesk.ui.controls;

import java.util.List;
import java.util.Objects;

/**
 * Where a window opens and how big, so that all of it is on a screen: plain arithmetic over the
 * screens' visual bounds (the part not taken by task bars and docks), with no toolkit involved.
 *
 * <p>Rules: a window that has no remembered position opens centred on the primary screen. A
 * remembered position goes on the screen that shows most of it; when no screen shows any of it (a
 * monitor was unplugged), the window opens centred on the primary screen instead. A window larger
 * than its screen is shrunk to the screen less a small margin, and then moved just far enough that
 * no edge is off the screen.
 */
public final class WindowPlacement {
  /** Kept free around a window that had to be shrunk to fit, so it does not look maximized. */
  static final double MARGIN = 16;

  private WindowPlacement() {}

  /** A rectangle in screen coordinates. */
  public record Area(double x, double y, double width, double height) {
    public Area {
      if (!(width >= 0) || !(height >= 0)) {
        throw new IllegalArgumentException("negative or unknown size: " + width + "x" + height);
      }
    }

    public double maxX() {
      return x + width;
    }

    public double maxY() {
      return y + height;
    }

    /** The area both rectangles cover (0 when they do not overlap). */
    double overlap(Area other) {
      double w = Math.min(maxX(), other.maxX()) - Math.max(x, other.x);
      double h = Math.min(maxY(), other.maxY()) - Math.max(y, other.y);
      return w > 0 && h > 0 ? w * h : 0;
    }
  }

  /**
   * Where a window of the wanted size opens.
   *
   * @param x the remembered left edge, or null to centre the window
   * @param y the remembered top edge, or null to centre the window
   * @param width the wanted width (remembered, or the default on a first start)
   * @param height the wanted height
   * @param screens the visual bounds of every screen, the primary screen first
   * @return the window's bounds, entirely on one screen (the wanted ones when there is no screen)
   */
  public static Area place(Double x, Double y, double width, double height, List<Area> screens) {
    Objects.requireNonNull(screens, "screens");
    if (screens.isEmpty()) {
      return new Area(x == null ? 0 : x, y == null ? 0 : y, width, height);
    }
    Area screen = screens.getFirst();
    boolean centre = x == null || y == null;
    if (!centre) {
      Area shown = mostOf(new Area(x, y, width, height), screens);
      if (shown == null) {
        centre = true; // nothing of it would be visible: its screen is gone
      } else {
        screen = shown;
      }
    }
    double w = fit(width, screen.width());
    double h = fit(height, screen.height());
    if (centre) {
      return new Area(
          screen.x() + (screen.width() - w) / 2, screen.y() + (screen.height() - h) / 2, w, h);
    }
    return new Area(
        clamp(x, screen.x(), screen.maxX() - w), clamp(y, screen.y(), screen.maxY() - h), w, h);
  }

  /**
   * The screen showing most of the area, or null when none shows any of it. Ties go to the earlier
   * screen (the primary one first).
   */
  static Area mostOf(Area area, List<Area> screens) {
    Area best = null;
    double bestOverlap = 0;
    for (Area s : screens) {
      double o = area.overlap(s);
      if (o > bestOverlap) {
        best = s;
        bestOverlap = o;
      }
    }
    return best;
  }

  /** A length that fits in {@code available}: unchanged if it does, else the room less margins. */
  static double fit(double wanted, double available) {
    if (wanted <= available) {
      return wanted;
    }
    // On a tiny screen the margins would take too much: use all of it.
    return available > 10 * MARGIN ? available - 2 * MARGIN : available;
  }

  /**
   * The smallest size a window may be made on a screen: the size its layout needs, but never more
   * than the screen has room for (a minimum larger than the screen pushes the window off it).
   */
  public static double minimum(double needed, double available) {
    return Math.min(needed, available);
  }

  private static double clamp(double v, double min, double max) {
    return Math.max(min, Math.min(v, max));
  }
}
