package io.routedesk.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RenderingPipelineTest {
  @TempDir Path dev;
  private final Map<String, String> properties = new HashMap<>();
  private final AtomicReference<String> chosenOrder = new AtomicReference<>();

  private Optional<String> choose(String osName) {
    return RenderingPipeline.choose(osName, dev, properties::get, chosenOrder::set);
  }

  private Path device(String relative) throws IOException {
    Path device = dev.resolve(relative);
    Files.createDirectories(device.getParent());
    return Files.createFile(device);
  }

  @Test
  void linuxWithoutAnyGpuDeviceGetsTheSoftwarePipelineAndSaysSo() throws IOException {
    device("tty0");
    device("dri/by-path-placeholder");

    Optional<String> logged = choose("Linux");

    assertThat(chosenOrder).hasValue("sw");
    assertThat(logged)
        .hasValueSatisfying(
            line ->
                assertThat(line)
                    .contains("no GPU device under " + dev)
                    .contains("software rendering")
                    .contains("-Dprism.order=es2"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"dri/card0", "dri/renderD128", "nvidia0", "dxg"})
  void anOpenableGpuDeviceLeavesTheChoiceToJavaFx(String gpu) throws IOException {
    device(gpu);

    assertThat(choose("Linux")).isEmpty();
    assertThat(chosenOrder).hasNullValue();
  }

  @Test
  void nvidiaControlDevicesAreNoGpu() throws IOException {
    // Present with NVIDIA's driver loaded even where no card is usable by this user.
    device("nvidiactl");
    device("nvidia-modeset");

    assertThat(choose("Linux")).isPresent();
    assertThat(chosenOrder).hasValue("sw");
  }

  @Test
  void aRenderNodeTheUserMayNotOpenIsNoGpu() throws IOException {
    assumeFalse(
        "root".equals(System.getProperty("user.name")), "root may open any file: nothing to test");
    Path node = device("dri/renderD128");
    assumeFalse(
        !Files.getFileStore(node).supportsFileAttributeView("posix"), "no POSIX permissions here");
    Files.setPosixFilePermissions(node, PosixFilePermissions.fromString("---------"));

    assertThat(choose("Linux")).isPresent();
    assertThat(chosenOrder).hasValue("sw");
  }

  @ParameterizedTest
  @ValueSource(strings = {RenderingPipeline.ORDER_PROPERTY, RenderingPipeline.FORCE_GPU_PROPERTY})
  void thePipelineTheUserChoseIsKept(String property) {
    properties.put(property, "es2");

    assertThat(choose("Linux")).isEmpty();
    assertThat(chosenOrder).hasNullValue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"Windows 11", "Mac OS X"})
  void otherSystemsAreLeftAlone(String osName) {
    assertThat(choose(osName)).isEmpty();
    assertThat(chosenOrder).hasNullValue();
  }

  @Test
  void aMissingDevFolderMeansNoGpu() {
    Optional<String> logged =
        RenderingPipeline.choose("Linux", dev.resolve("absent"), properties::get, chosenOrder::set);

    assertThat(logged).isPresent();
    assertThat(chosenOrder).hasValue("sw");
  }
}
