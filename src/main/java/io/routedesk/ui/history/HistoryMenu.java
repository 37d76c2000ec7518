package io.routedesk.ui.history;

import io.routedesk.ui.controls.Command;
import io.routedesk.ui.controls.Menus;
import io.routedesk.ui.controls.Shortcuts;
import javafx.scene.Node;
import javafx.scene.control.MenuItem;

/** Adds "History…" ({@link Command#SHOW_HISTORY}) to the main window's View menu. */
public final class HistoryMenu {
  private HistoryMenu() {}

  /** Finds the window's menu bar under {@code root} and adds the item to its View menu. */
  public static void install(Node root, Runnable open) {
    MenuItem item =
        Shortcuts.forThisComputer().bind(Command.SHOW_HISTORY, open).menuItem(Command.SHOW_HISTORY);
    item.setId("menu-history");
    Menus.named(root, "View").getItems().addFirst(item);
  }
}
