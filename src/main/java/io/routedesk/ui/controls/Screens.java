package io.routedesk.ui.controls;

import io.routedesk.ui.controls.WindowPlacement.Area;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Window;

/** The screens as {@link WindowPlacement} sees them, and windows put where it says. FX thread. */
public final class Screens {
  private Screens() {}

  /** The visual bounds of every screen, the primary one first. */
  public static List<Area> visualBounds() {
    Screen primary = Screen.getPrimary();
    List<Area> all = new ArrayList<>();
    all.add(area(primary.getVisualBounds()));
    for (Screen s : Screen.getScreens()) {
      if (!s.equals(primary)) {
        all.add(area(s.getVisualBounds()));
      }
    }
    return all;
  }

  /** The visual bounds of the screen showing most of the area (the primary one if none does). */
  public static Area screenOf(Area area) {
    List<Area> all = visualBounds();
    Area shown = WindowPlacement.mostOf(area, all);
    return shown != null ? shown : all.getFirst();
  }

  /** The visual bounds of the screen showing most of the window. */
  public static Area screenOf(Window window) {
    return screenOf(boundsOf(window));
  }

  public static Area boundsOf(Window window) {
    return new Area(
        window.getX(), window.getY(), known(window.getWidth()), known(window.getHeight()));
  }

  /** A window not shown yet has no size (NaN): count it as empty. */
  private static double known(double length) {
    return Double.isNaN(length) || length < 0 ? 0 : length;
  }

  /** Moves and sizes the window (the outer bounds, decorations included). */
  public static void apply(Window window, Area bounds) {
    window.setX(bounds.x());
    window.setY(bounds.y());
    window.setWidth(bounds.width());
    window.setHeight(bounds.height());
  }

  /**
   * Pulls a shown window (a dialog) entirely onto the screen it is on: shrunk if larger, moved if
   * partly off it. Does nothing to a window that already fits.
   */
  public static void keepOnScreen(Window window) {
    Area now = boundsOf(window);
    if (Double.isNaN(now.x()) || Double.isNaN(now.y())) {
      return;
    }
    Area fitted =
        WindowPlacement.place(now.x(), now.y(), now.width(), now.height(), visualBounds());
    if (!fitted.equals(now)) {
      apply(window, fitted);
    }
  }

  private static Area area(Rectangle2D r) {
    return new Area(r.getMinX(), r.getMinY(), r.getWidth(), r.getHeight());
  }
}
