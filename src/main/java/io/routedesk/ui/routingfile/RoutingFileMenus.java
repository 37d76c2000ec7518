package io.routedesk.ui.routingfile;

import io.routedesk.ui.controls.Command;
import io.routedesk.ui.controls.Menus;
import io.routedesk.ui.controls.Shortcuts;
import javafx.scene.Node;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;

/**
 * Adds File → Export… and File → Import plan… (after the account items) and View → Account check…
 * to the main window's menus.
 */
public final class RoutingFileMenus {
  private RoutingFileMenus() {}

  public static void install(
      Node root, Runnable export, Runnable importPlan, Runnable accountCheck) {
    Shortcuts shortcuts =
        Shortcuts.forThisComputer()
            .bind(Command.EXPORT_ROUTING, export)
            .bind(Command.IMPORT_PLAN, importPlan)
            .bind(Command.ACCOUNT_CHECK, accountCheck);
    MenuItem exportItem = shortcuts.menuItem(Command.EXPORT_ROUTING);
    exportItem.setId("menu-export-routing");
    MenuItem importItem = shortcuts.menuItem(Command.IMPORT_PLAN);
    importItem.setId("menu-import-plan");
    Menu file = Menus.named(root, "File");
    // Below "Connect account…" (and "Reset sandbox…"), above Refresh: the items about the account.
    int firstSeparator = 0;
    while (firstSeparator < file.getItems().size()
        && !(file.getItems().get(firstSeparator) instanceof SeparatorMenuItem)) {
      firstSeparator++;
    }
    file.getItems()
        .addAll(
            Math.min(firstSeparator + 1, file.getItems().size()),
            java.util.List.of(exportItem, importItem, new SeparatorMenuItem()));
    MenuItem check = shortcuts.menuItem(Command.ACCOUNT_CHECK);
    check.setId("menu-account-check");
    Menu view = Menus.named(root, "View");
    view.getItems().add(Math.min(1, view.getItems().size()), check);
  }
}
