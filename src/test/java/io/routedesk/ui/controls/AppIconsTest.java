package io.routedesk.ui.controls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.image.Image;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

class AppIconsTest {

  @BeforeAll
  static void startToolkit() throws Exception {
    FxToolkit.registerPrimaryStage();
  }

  @Test
  void everyIconResourceLoadsAtItsOwnPixelSize() {
    for (int size : AppIcons.SIZES) {
      Image image = AppIcons.load(size);
      assertThat(image.getWidth()).as("width of %d px icon", size).isEqualTo(size);
      assertThat(image.getHeight()).as("height of %d px icon", size).isEqualTo(size);
    }
  }

  @Test
  void applyGivesTheStageEverySize() throws Exception {
    List<Double> widths =
        WaitForAsyncUtils.asyncFx(
                () -> {
                  Stage stage = new Stage();
                  AppIcons.apply(stage);
                  return stage.getIcons().stream().map(Image::getWidth).toList();
                })
            .get(10, TimeUnit.SECONDS);
    assertThat(widths)
        .containsExactlyElementsOf(AppIcons.SIZES.stream().map(Double::valueOf).toList());
  }

  @Test
  void resourcesAreTheIconsGeneratedFromTheSvg() throws IOException {
    // icons/generate.sh copies these; a stale copy means someone edited one side only.
    for (int size : AppIcons.SIZES) {
      byte[] generated = Files.readAllBytes(Path.of("icons", "png", "routedesk-" + size + ".png"));
      try (InputStream in = AppIcons.class.getResourceAsStream(AppIcons.resourcePath(size))) {
        assertThat(in).as("resource for %d px", size).isNotNull();
        assertThat(in.readAllBytes())
            .as("%s differs from icons/png; run icons/generate.sh", AppIcons.resourcePath(size))
            .isEqualTo(generated);
      }
    }
  }

  @Test
  void aMissingSizeFailsWithItsPath() {
    assertThatThrownBy(() -> AppIcons.load(7))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("/io/routedesk/icons/routedesk-7.png");
  }
}
