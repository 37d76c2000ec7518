package io.routedesk.ui.controls;

import java.util.Locale;

/**
 * Which keyboard conventions the shortcuts are shown in: macOS (⌘, ⌥, ⇧ and ⌃ glyphs, no
 * separators) or every other desktop ("Ctrl+Shift+P"). Tests pass one explicitly, so both can be
 * checked on any machine.
 */
public enum KeyPlatform {
  MAC,
  OTHER;

  /** The platform of the running JVM. */
  public static KeyPlatform current() {
    return of(System.getProperty("os.name", ""));
  }

  static KeyPlatform of(String osName) {
    return osName.toLowerCase(Locale.ROOT).startsWith("mac") ? MAC : OTHER;
  }
}
