package io.routedesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.routedesk.store.UiSettings;
import io.routedesk.ui.model.ThemeMode;
import io.routedesk.ui.shell.MainWindow;
import io.routedesk.ui.shell.WindowLayout;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Screen;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window on a small screen (Monocle's headless screen is 1280x800): it is put entirely on the
 * screen whatever was remembered, and the route form floats over the numbers instead of squeezing
 * them, docking only when the numbers keep room to be read beside it.
 */
class WindowFitWindowTest extends WindowTestBase {

  private static void assertOn(Rectangle2D screen, double x, double y, double w, double h) {
    assertThat(x).isGreaterThanOrEqualTo(screen.getMinX());
    assertThat(y).isGreaterThanOrEqualTo(screen.getMinY());
    assertThat(x + w).isLessThanOrEqualTo(screen.getMaxX());
    assertThat(y + h).isLessThanOrEqualTo(screen.getMaxY());
  }

  @Test
  void aRememberedPlaceOffTheScreenAndTooLargeIsPutBackEntirelyOnIt() {
    Rectangle2D screen = Screen.getPrimary().getVisualBounds();
    // Saved on a large monitor to the right that is gone now.
    WindowLayout saved =
        new WindowLayout(
            2600.0, 120.0, 1900.0, 1150.0, false, 0.4, Map.of("routes.col-alias", 240.0));
    AtomicReference<WindowLayout> placed = new AtomicReference<>();
    interact(
        () -> {
          placed.set(MainWindow.layoutOnScreen(saved));
          MainWindow.place(stage, placed.get());
        });
    WaitForAsyncUtils.waitForFxEvents();
    WindowLayout l = placed.get();
    assertOn(screen, l.x(), l.y(), l.width(), l.height());
    assertOn(screen, stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight());
    assertThat(stage.getMinWidth()).isLessThanOrEqualTo(screen.getWidth());
    assertThat(stage.getMinHeight()).isLessThanOrEqualTo(screen.getHeight());
    assertThat(l.routesDivider()).isEqualTo(0.4);
    assertThat(l.columnWidths()).isEqualTo(Map.of("routes.col-alias", 240.0));
  }

  @Test
  void columnWidthsGoFromTheSettingsToTheWindowAndBack() {
    UiSettings settings =
        new UiSettings(
            "DARK", 10.0, 20.0, 1200.0, 800.0, false, 0.4, Map.of("numbers.col-number", 150.0));
    WindowLayout layout = RouteDeskApp.layoutOf(settings);
    assertThat(layout.columnWidths()).isEqualTo(Map.of("numbers.col-number", 150.0));

    WindowLayout widened =
        new WindowLayout(
            10.0, 20.0, 1200.0, 800.0, false, 0.4, Map.of("numbers.col-number", 180.0));
    assertThat(RouteDeskApp.withLayout(settings, widened).columnWidths())
        .isEqualTo(Map.of("numbers.col-number", 180.0));
    assertThat(RouteDeskApp.withTheme(settings, ThemeMode.LIGHT).columnWidths())
        .isEqualTo(settings.columnWidths());
  }

  @Test
  void aFirstStartFitsTheScreen() {
    Rectangle2D screen = Screen.getPrimary().getVisualBounds();
    AtomicReference<WindowLayout> placed = new AtomicReference<>();
    interact(() -> placed.set(MainWindow.layoutOnScreen(WindowLayout.DEFAULT)));
    WindowLayout l = placed.get();
    assertOn(screen, l.x(), l.y(), l.width(), l.height());
    // The screen is smaller than the default size: the window uses it, less small margins.
    assertThat(l.width()).isGreaterThan(screen.getWidth() - 100);
  }

  @Test
  void theRouteFormFloatsOverTheNumbersOnANarrowWindowAndDocksWhenTheyKeepRoom() throws Exception {
    double numbersBefore = app.window.numbersView().getWidth();
    double routesBefore = app.window.routesView().getWidth();

    push(KeyCode.SHORTCUT, KeyCode.N);
    waitUntil(() -> app.window.isFormOpen(), 5);
    // 1270 px wide: docked, the numbers would keep less than their columns need.
    assertThat(app.window.isFormFloating()).isTrue();
    assertThat(app.window.numbersView().getWidth()).isEqualTo(numbersBefore);
    assertThat(app.window.routesView().getWidth()).isEqualTo(routesBefore);
    // Typing goes to the form floating over the table, at once into the value.
    write("pbx-9.example.com");
    assertThat(lookup("#route-value").queryAs(TextField.class).getText())
        .isEqualTo("pbx-9.example.com");

    // A narrow route list leaves the numbers room beside the form: it docks, keeping the focus.
    interact(() -> ((SplitPane) lookup("#main-split").query()).setDividerPositions(0.0));
    waitUntil(() -> !app.window.isFormFloating(), 5);
    assertThat(app.window.isFormOpen()).isTrue();
    assertThat(app.window.numbersView().getWidth()).isGreaterThanOrEqualTo(600);
    assertThat(lookup("#route-value").queryAs(TextField.class).isFocused()).isTrue();

    type(KeyCode.ESCAPE);
    assertThat(app.window.isFormOpen()).isFalse();
    assertThat(app.window.isFormFloating()).isFalse();
  }
}
