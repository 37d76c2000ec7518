package io.routedesk.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import io.routedesk.ui.model.ThemeMode;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.layout.StackPane;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

class ThemeControllerTest {
  private static final String LIGHT = new PrimerLight().getUserAgentStylesheet();
  private static final String DARK = new PrimerDark().getUserAgentStylesheet();

  @BeforeAll
  static void startToolkit() throws Exception {
    FxToolkit.registerPrimaryStage();
  }

  @Test
  void theThemeCanBeSetBeforeTheFirstControlAndTheControllerKeepsIt() throws Exception {
    String[] seen =
        WaitForAsyncUtils.asyncFx(
                () -> {
                  ThemeController.applyBeforeFirstControl(ThemeMode.DARK);
                  String early = Application.getUserAgentStylesheet();
                  var mode = new SimpleObjectProperty<>(ThemeMode.DARK);
                  ThemeController controller = new ThemeController(mode, new StackPane());
                  String withController = Application.getUserAgentStylesheet();
                  mode.set(ThemeMode.LIGHT);
                  String afterSwitch = Application.getUserAgentStylesheet();
                  controller.dispose();
                  return new String[] {early, withController, afterSwitch};
                })
            .get(10, TimeUnit.SECONDS);
    assertThat(seen).containsExactly(DARK, DARK, LIGHT);
  }
}
