package io.routedesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.routedesk.ui.shell.AboutInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** File → Quit (and its question while work runs), Help → About and Help → Documentation. */
class HelpAndQuitWindowTest extends WindowTestBase {
  private final AtomicInteger quits = new AtomicInteger();
  private final AtomicReference<String> work = new AtomicReference<>();
  private final List<String> opened = new ArrayList<>();
  private final AboutInfo about =
      new AboutInfo(
          "1.2.3",
          "2026-01-02T03:04:05Z",
          "25.0.1",
          "25.0.1",
          Path.of("data-folder"),
          Path.of("log-folder"),
          "https://example.com/routedesk");

  @BeforeEach
  void lendAppServices() {
    interact(
        () -> app.window.useAppServices(about, opened::add, quits::incrementAndGet, work::get));
  }

  @Test
  void quitKeyQuitsAtOnceWhenNothingIsRunning() throws Exception {
    clickOn(numbersTable());
    press(KeyCode.SHORTCUT).type(KeyCode.Q).release(KeyCode.SHORTCUT);
    waitUntil(() -> quits.get() == 1, 5);
  }

  @Test
  void quitAsksFirstWhileChangesAreBeingSent() throws Exception {
    work.set("\"Assign primary\" is still running: 3 of 10 done.");
    clickOn(numbersTable());
    press(KeyCode.SHORTCUT).type(KeyCode.Q).release(KeyCode.SHORTCUT);
    waitUntil(() -> lookup("Keep working").tryQuery().isPresent(), 5);
    assertThat(lookup(".dialog-pane .content").queryAs(Label.class).getText())
        .startsWith("\"Assign primary\" is still running");

    clickOn("Keep working");
    assertThat(quits).hasValue(0);

    press(KeyCode.SHORTCUT).type(KeyCode.Q).release(KeyCode.SHORTCUT);
    waitUntil(() -> lookup("Stop them and quit").tryQuery().isPresent(), 5);
    clickOn("Stop them and quit");
    waitUntil(() -> quits.get() == 1, 5);
  }

  @Test
  void aboutShowsTheDetailsAndCopiesThem() throws Exception {
    clickOn("Help");
    clickOn("About RouteDesk");
    waitUntil(() -> lookup("#about-details").tryQuery().isPresent(), 5);
    String details = lookup("#about-details").queryAs(Label.class).getText();
    assertThat(details)
        .contains("RouteDesk 1.2.3", "Java: 25.0.1", "JavaFX: 25.0.1")
        .contains("Data: data-folder", "Logs: log-folder");

    clickOn("#about-copy");
    assertThat(lookup("#about-copy").queryAs(Button.class).getText()).isEqualTo("Copied");
    String copied = interactAndGet(() -> Clipboard.getSystemClipboard().getString());
    assertThat(copied).isEqualTo(details);
    type(KeyCode.ESCAPE);
  }

  @Test
  void documentationOpensTheLink() {
    clickOn("Help");
    clickOn("Documentation");
    assertThat(opened).containsExactly("https://example.com/routedesk");
  }

  private <T> T interactAndGet(java.util.concurrent.Callable<T> call) {
    AtomicReference<T> result = new AtomicReference<>();
    interact(
        () -> {
          try {
            result.set(call.call());
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
    return result.get();
  }
}
