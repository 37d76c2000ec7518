package io.routedesk.ui.model;

/** The colour scheme the user chose: follow the OS, or always light or dark. */
public enum ThemeMode {
  SYSTEM("System"),
  LIGHT("Light"),
  DARK("Dark");

  private final String label;

  ThemeMode(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public static ThemeMode parse(String s) {
    if (s != null) {
      for (ThemeMode m : values()) {
        if (m.name().equalsIgnoreCase(s)) {
          return m;
        }
      }
    }
    return SYSTEM;
  }
}
