package io.routedesk.ui.controls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.Group;
import javafx.scene.Scene;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** Key texts for macOS and the others (the platform is injected), menus, accelerators, help. */
class ShortcutsTest {
  private final Shortcuts mac = new Shortcuts(KeyPlatform.MAC);
  private final Shortcuts other = new Shortcuts(KeyPlatform.OTHER);

  @BeforeAll
  static void toolkit() throws Exception {
    FxToolkit.registerPrimaryStage();
  }

  @Test
  void platformFromTheOsName() {
    assertThat(KeyPlatform.of("Mac OS X")).isEqualTo(KeyPlatform.MAC);
    assertThat(KeyPlatform.of("Windows 11")).isEqualTo(KeyPlatform.OTHER);
    assertThat(KeyPlatform.of("Linux")).isEqualTo(KeyPlatform.OTHER);
  }

  @Test
  void keysAreWrittenTheWayEachPlatformWritesThem() {
    assertThat(other.keys(Command.NEW_ROUTE)).isEqualTo("Ctrl+N");
    assertThat(mac.keys(Command.NEW_ROUTE)).isEqualTo("⌘N");
    assertThat(other.keys(Command.ASSIGN_FAILOVER)).isEqualTo("Ctrl+Shift+P");
    assertThat(mac.keys(Command.ASSIGN_FAILOVER)).isEqualTo("⇧⌘P");
    assertThat(other.keys(Command.GO_TO_ROUTES)).isEqualTo("Ctrl+1");
    assertThat(mac.keys(Command.GO_TO_ROUTES)).isEqualTo("⌘1");
    assertThat(other.keys(Command.EDIT_ROUTE)).isEqualTo("Ctrl+E / ↵ / F2");
    assertThat(mac.keys(Command.EDIT_ROUTE)).isEqualTo("⌘E / ↵ / F2");
    assertThat(other.keys(Command.SELECT_NUMBERS)).isEqualTo("Shift+↑ / Shift+↓ / Ctrl+A");
    assertThat(mac.keys(Command.SELECT_NUMBERS)).isEqualTo("⇧↑ / ⇧↓ / ⌘A");
    assertThat(other.keys(Command.CONFIRM_OR_CANCEL)).isEqualTo("↵ / Escape");
    assertThat(mac.keys(Command.CONFIRM_OR_CANCEL)).isEqualTo("↵ / ⎋");
  }

  @Test
  void macUsersGetCommandRForRefreshFirstAndTheirDeleteKey() {
    assertThat(other.keys(Command.REFRESH)).isEqualTo("F5 / Ctrl+R");
    assertThat(mac.keys(Command.REFRESH)).isEqualTo("⌘R / F5");
    assertThat(other.keys(Command.DELETE_ROUTE)).isEqualTo("Delete");
    assertThat(mac.keys(Command.DELETE_ROUTE)).isEqualTo("⌫");
  }

  @Test
  void otherModifiersInApplesOrder() {
    KeyCombination all =
        new KeyCodeCombination(
            KeyCode.PAGE_UP,
            KeyCombination.CONTROL_DOWN,
            KeyCombination.ALT_DOWN,
            KeyCombination.SHIFT_DOWN,
            KeyCombination.META_DOWN);
    assertThat(mac.text(all)).isEqualTo("⌃⌥⇧⌘Page Up");
    assertThat(other.text(all)).isEqualTo("Ctrl+Alt+Shift+Meta+Page Up");
  }

  /** On the OS the test runs on (each CI runner), the text is exactly what JavaFX would show. */
  @Test
  void sameTextAsJavaFxOnThisPlatform() {
    Shortcuts here = Shortcuts.forThisComputer();
    List<KeyCombination> every = new ArrayList<>();
    for (Command command : Command.values()) {
      every.addAll(command.accelerators(here.platform()));
      every.addAll(command.localKeys(here.platform()));
    }
    every.add(new KeyCodeCombination(KeyCode.ESCAPE));
    every.add(new KeyCodeCombination(KeyCode.BACK_SPACE));
    every.add(new KeyCodeCombination(KeyCode.DELETE, KeyCombination.ALT_DOWN));
    for (KeyCombination key : every) {
      assertThat(here.text(key)).as(key.getName()).isEqualTo(key.getDisplayText());
    }
  }

  @Test
  void tooltipsNameTheFirstKey() {
    assertThat(other.hint("Create a route", Command.NEW_ROUTE))
        .isEqualTo("Create a route (Ctrl+N)");
    assertThat(mac.hint("Create a route", Command.NEW_ROUTE)).isEqualTo("Create a route (⌘N)");
    assertThat(mac.tooltip("Refresh routes and numbers", Command.REFRESH).getText())
        .isEqualTo("Refresh routes and numbers (⌘R)");
    assertThat(other.tooltip("Refresh routes and numbers", Command.REFRESH).getText())
        .isEqualTo("Refresh routes and numbers (F5)");
  }

  @Test
  void menuItemsCarryLabelFirstAcceleratorAndAction() {
    AtomicInteger refreshed = new AtomicInteger();
    MenuItem refresh =
        mac.bind(Command.REFRESH, refreshed::incrementAndGet).menuItem(Command.REFRESH);
    assertThat(refresh.getText()).isEqualTo("Refresh");
    assertThat(refresh.getAccelerator())
        .isEqualTo(new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN));
    refresh.fire();
    assertThat(refreshed).hasValue(1);

    assertThat(other.menuItem(Command.REFRESH).getAccelerator())
        .isEqualTo(new KeyCodeCombination(KeyCode.F5));
    assertThat(other.menuItem(Command.DELETE_ROUTE).getAccelerator()).isNull();
  }

  @Test
  void theSceneGetsTheKeysAMenuItemCannotCarry() throws Exception {
    AtomicInteger refreshed = new AtomicInteger();
    other.bind(Command.REFRESH, refreshed::incrementAndGet).bind(Command.UNDO, () -> {});
    Scene scene = WaitForAsyncUtils.asyncFx(() -> new Scene(new Group())).get(10, TimeUnit.SECONDS);

    other.installAccelerators(scene);

    KeyCombination ctrlR = new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN);
    assertThat(scene.getAccelerators()).containsOnlyKeys(ctrlR);
    scene.getAccelerators().get(ctrlR).run();
    assertThat(refreshed).hasValue(1);
  }

  @Test
  void theHelpListsEveryCommandWithKeysInOrder() {
    List<Shortcuts.HelpRow> rows = other.helpRows();
    // About, Documentation and Export… have no key: menu items only.
    assertThat(rows).hasSize(Command.values().length - 3);
    assertThat(rows.getFirst()).isEqualTo(new Shortcuts.HelpRow("Ctrl+N", "New route"));
    assertThat(rows)
        .contains(new Shortcuts.HelpRow("F5 / Ctrl+R", "Refresh"))
        .contains(new Shortcuts.HelpRow("Ctrl+Q", "Quit RouteDesk"))
        .contains(
            new Shortcuts.HelpRow(
                "Shift+F10 / Context Menu", "Open the selected route's menu (in the route list)"))
        .contains(new Shortcuts.HelpRow("Ctrl+Z", "Undo the last change"));
    assertThat(mac.helpRows())
        .contains(new Shortcuts.HelpRow("⌘R / F5", "Refresh"))
        .contains(new Shortcuts.HelpRow("⌘Q", "Quit RouteDesk"))
        .allSatisfy(row -> assertThat(row.keys()).doesNotContain("Ctrl"));
  }
}
