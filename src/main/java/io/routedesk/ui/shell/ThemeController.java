package io.routedesk.ui.shell;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import io.routedesk.ui.model.ThemeMode;
import javafx.application.Application;
import javafx.application.ColorScheme;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.value.ChangeListener;
import javafx.css.PseudoClass;
import javafx.scene.Parent;

/**
 * Applies AtlantaFX Primer light or dark: the user's choice, or the OS colour scheme (followed
 * live) when the choice is System.
 */
public final class ThemeController {
  private static final PseudoClass DARK = PseudoClass.getPseudoClass("dark");
  private final ObjectProperty<ThemeMode> mode;
  private final Parent root;
  private final ChangeListener<Object> follow = (o, was, now) -> apply();
  private Boolean appliedDark;

  public ThemeController(ObjectProperty<ThemeMode> mode, Parent root) {
    this.mode = mode;
    this.root = root;
    mode.addListener(follow);
    Platform.getPreferences().colorSchemeProperty().addListener(follow);
    apply();
  }

  /**
   * Stops following the OS colour scheme. The platform preferences live as long as the app, so
   * without this a replaced window would stay in memory.
   */
  public void dispose() {
    Platform.getPreferences().colorSchemeProperty().removeListener(follow);
    mode.removeListener(follow);
  }

  public boolean isDark() {
    return isDark(mode.get());
  }

  /**
   * Makes the theme of {@code mode} the app's user agent stylesheet now. The app calls this before
   * it makes its first control: when the first control class initializes without one, JavaFX loads
   * its own Modena theme, only for it to be replaced (about 60 ms of the FX thread at start-up,
   * docs/benchmarks.md "Installer"). FX thread.
   */
  public static void applyBeforeFirstControl(ThemeMode mode) {
    useStylesheet(isDark(mode));
  }

  private static boolean isDark(ThemeMode mode) {
    return switch (mode) {
      case DARK -> true;
      case LIGHT -> false;
      case SYSTEM -> Platform.getPreferences().getColorScheme() == ColorScheme.DARK;
    };
  }

  private static void useStylesheet(boolean dark) {
    String url =
        dark
            ? new PrimerDark().getUserAgentStylesheet()
            : new PrimerLight().getUserAgentStylesheet();
    if (!url.equals(Application.getUserAgentStylesheet())) {
      Application.setUserAgentStylesheet(url);
    }
  }

  private void apply() {
    boolean dark = isDark();
    if (appliedDark == null || appliedDark != dark) {
      useStylesheet(dark);
      appliedDark = dark;
    }
    // Lets app CSS adjust the few things theme variables do not cover.
    root.pseudoClassStateChanged(DARK, dark);
  }
}
