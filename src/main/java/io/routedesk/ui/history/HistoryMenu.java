package io.routedesk.ui.history;

import javafx.scene.Node;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/** Adds "History…" (Shortcut+Shift+H) to the main window's View menu. */
public final class HistoryMenu {
  /** Shortcut+Shift+H: Shortcut+H alone hides the app on macOS. */
  public static final KeyCombination SHORTCUT =
      new KeyCodeCombination(KeyCode.H, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);

  private HistoryMenu() {}

  /** Finds the window's menu bar under {@code root} and adds the item to its View menu. */
  public static void install(Node root, Runnable open) {
    if (!(root.lookup("#menu-bar") instanceof MenuBar bar)) {
      throw new IllegalStateException("The main window has no menu bar");
    }
    Menu view =
        bar.getMenus().stream()
            .filter(m -> m.getText().replace("_", "").equals("View"))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("The main window has no View menu"));
    MenuItem item = new MenuItem("History…");
    item.setId("menu-history");
    item.setAccelerator(SHORTCUT);
    item.setOnAction(e -> open.run());
    view.getItems().addFirst(item);
  }
}
