package io.routedesk.ui.controls;

import javafx.scene.Node;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;

/** Lets a feature add its items to the main window's menus without the shell knowing it. */
public final class Menus {
  private Menus() {}

  /** The menu named {@code name} ("View", mnemonic ignored) of the menu bar under {@code root}. */
  public static Menu named(Node root, String name) {
    if (!(root.lookup("#menu-bar") instanceof MenuBar bar)) {
      throw new IllegalStateException("The main window has no menu bar");
    }
    return bar.getMenus().stream()
        .filter(m -> m.getText().replace("_", "").equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("The main window has no " + name + " menu"));
  }
}
