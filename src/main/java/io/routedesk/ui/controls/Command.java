package io.routedesk.ui.controls;

import static javafx.scene.input.KeyCombination.SHIFT_DOWN;
import static javafx.scene.input.KeyCombination.SHORTCUT_DOWN;

import java.util.List;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/**
 * Every command the window offers a key for, in the order of the shortcut help: its menu label,
 * what the help says it does, and its keys. {@link Shortcuts} turns these into menu items, extra
 * scene accelerators, help rows and tooltip text, so a key is written down in one place only.
 *
 * <p>Two kinds of key: <em>accelerators</em> work anywhere in the window (the first one is shown on
 * the menu item, the others are scene accelerators); <em>local keys</em> are handled by one control
 * (Enter in the route list) and are only shown.
 */
public enum Command {
  NEW_ROUTE("New route…", "New route", List.of(shortcut(KeyCode.N)), List.of()),
  EDIT_ROUTE(
      "Edit route…",
      "Edit the selected route",
      List.of(shortcut(KeyCode.E)),
      List.of(key(KeyCode.ENTER), key(KeyCode.F2))),
  DELETE_ROUTE(
      "Delete route…",
      "Delete the selected route (in the route list)",
      List.of(),
      List.of(key(KeyCode.DELETE))) {
    @Override
    public List<KeyCombination> localKeys(KeyPlatform platform) {
      // The key labelled "delete" on Mac keyboards is the backspace key.
      return platform == KeyPlatform.MAC
          ? List.of(key(KeyCode.BACK_SPACE))
          : super.localKeys(platform);
    }
  },
  ROUTE_MENU(
      null,
      "Open the selected route's menu (in the route list)",
      List.of(),
      List.of(new KeyCodeCombination(KeyCode.F10, SHIFT_DOWN), key(KeyCode.CONTEXT_MENU))),
  FIND_NUMBERS("Find numbers", "Find numbers", List.of(shortcut(KeyCode.F)), List.of()),
  FIND_ROUTES("Find routes", "Find routes", List.of(shortcutShift(KeyCode.F)), List.of()),
  GO_TO_ROUTES(
      "Go to route list", "Go to the route list", List.of(shortcut(KeyCode.DIGIT1)), List.of()),
  GO_TO_NUMBERS("Go to numbers", "Go to the numbers", List.of(shortcut(KeyCode.DIGIT2)), List.of()),
  SELECT_NUMBERS(
      null,
      "Select several numbers",
      List.of(),
      List.of(
          new KeyCodeCombination(KeyCode.UP, SHIFT_DOWN),
          new KeyCodeCombination(KeyCode.DOWN, SHIFT_DOWN),
          shortcut(KeyCode.A))),
  ASSIGN_PRIMARY(
      "Assign primary…",
      "Assign primary route to the selected numbers",
      List.of(shortcut(KeyCode.P)),
      List.of()),
  ASSIGN_FAILOVER(
      "Assign failover…",
      "Assign failover route to the selected numbers",
      List.of(shortcutShift(KeyCode.P)),
      List.of()),
  REMOVE_FAILOVER(
      "Remove failover",
      "Remove failover of the selected numbers",
      List.of(shortcutShift(KeyCode.R)),
      List.of()),
  UNDO("Undo", "Undo the last change", List.of(shortcut(KeyCode.Z)), List.of()),
  PUBLISH_ALL_DRAFTS(
      "Publish all drafts", "Publish all drafts", List.of(shortcutShift(KeyCode.U)), List.of()),
  REFRESH("Refresh", "Refresh", List.of(key(KeyCode.F5), shortcut(KeyCode.R)), List.of()) {
    @Override
    public List<KeyCombination> accelerators(KeyPlatform platform) {
      // Mac keyboards reach F5 only with Fn: ⌘R (as in Safari and Finder) comes first there.
      return platform == KeyPlatform.MAC
          ? super.accelerators(platform).reversed()
          : super.accelerators(platform);
    }
  },
  CLOSE_WINDOW("Close window", "Close the window", List.of(shortcut(KeyCode.W)), List.of()),
  QUIT("Quit RouteDesk", "Quit RouteDesk", List.of(shortcut(KeyCode.Q)), List.of()),
  CONFIRM_OR_CANCEL(
      null,
      "Confirm / cancel a dialog; Esc closes the route form",
      List.of(),
      List.of(key(KeyCode.ENTER), key(KeyCode.ESCAPE))),
  SHOW_HISTORY(
      "History…",
      "Show the account's change history",
      List.of(shortcutShift(KeyCode.H)),
      List.of()),
  EXPORT_ROUTING("Export…", "Export the account's routing to CSV files", List.of(), List.of()),
  IMPORT_PLAN(
      "Import plan…",
      "Import a routing file and review its plan",
      List.of(shortcut(KeyCode.I)),
      List.of()),
  ACCOUNT_CHECK(
      "Account check…",
      "Check the account's routing for mistakes",
      List.of(shortcutShift(KeyCode.K)),
      List.of()),
  SHOW_SHORTCUTS("Keyboard shortcuts", "Show this list", List.of(key(KeyCode.F1)), List.of()),
  DOCUMENTATION("Documentation", "Open the documentation", List.of(), List.of()),
  ABOUT("About RouteDesk", "Version, build and where data and logs are", List.of(), List.of());

  private final String menuLabel;
  private final String helpText;
  private final List<KeyCombination> accelerators;
  private final List<KeyCombination> localKeys;

  Command(
      String menuLabel,
      String helpText,
      List<KeyCombination> accelerators,
      List<KeyCombination> localKeys) {
    this.menuLabel = menuLabel;
    this.helpText = helpText;
    this.accelerators = accelerators;
    this.localKeys = localKeys;
  }

  /** The menu item's text; null for keys that have no menu item (help only). */
  public String menuLabel() {
    return menuLabel;
  }

  /** What the shortcut help says the keys do. */
  public String helpText() {
    return helpText;
  }

  /** Keys that work anywhere in the window; the first is the menu item's accelerator. */
  public List<KeyCombination> accelerators(KeyPlatform platform) {
    return accelerators;
  }

  /** Keys one control handles by itself (shown in the help, not registered as accelerators). */
  public List<KeyCombination> localKeys(KeyPlatform platform) {
    return localKeys;
  }

  private static KeyCombination key(KeyCode code) {
    return new KeyCodeCombination(code);
  }

  private static KeyCombination shortcut(KeyCode code) {
    return new KeyCodeCombination(code, SHORTCUT_DOWN);
  }

  private static KeyCombination shortcutShift(KeyCode code) {
    return new KeyCodeCombination(code, SHORTCUT_DOWN, SHIFT_DOWN);
  }
}
