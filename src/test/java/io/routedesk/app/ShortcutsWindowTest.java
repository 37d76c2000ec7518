package io.routedesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.routedesk.sandbox.Endpoint;
import io.routedesk.ui.controls.Shortcuts;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.MenuBar;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;

/** The command registry wired into the real window: keys, the help and the menu bar. */
class ShortcutsWindowTest extends WindowTestBase {

  private long routeListings() {
    return sandbox.requests().received(Endpoint.LIST_ROUTES);
  }

  @Test
  void bothRefreshKeysRefresh() throws Exception {
    clickOn(numbersTable());
    long before = routeListings();
    type(KeyCode.F5);
    waitUntil(() -> routeListings() > before, 10);

    long afterF5 = routeListings();
    press(KeyCode.SHORTCUT).type(KeyCode.R).release(KeyCode.SHORTCUT);
    waitUntil(() -> routeListings() > afterF5, 10);
  }

  @Test
  void theHelpShowsTheRegistrysKeys() throws Exception {
    clickOn(numbersTable());
    type(KeyCode.F1);
    waitUntil(() -> lookup(".dialog-pane .kbd").tryQuery().isPresent(), 5);

    List<String> shown =
        lookup(".dialog-pane .kbd").queryAllAs(Label.class).stream().map(Label::getText).toList();
    List<String> expected =
        Shortcuts.forThisComputer().helpRows().stream().map(Shortcuts.HelpRow::keys).toList();
    assertThat(shown).containsExactlyInAnyOrderElementsOf(expected);
    type(KeyCode.ESCAPE);
  }

  @Test
  void theMenusAskForTheSystemMenuBar() {
    assertThat(lookup("#menu-bar").queryAs(MenuBar.class).isUseSystemMenuBar()).isTrue();
  }
}
