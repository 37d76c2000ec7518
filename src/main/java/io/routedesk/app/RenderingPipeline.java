package io.routedesk.app;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Chooses JavaFX's software pipeline on Linux machines that have no GPU the user can open.
 *
 * <p>Why: JavaFX tries its OpenGL pipeline first. Without a GPU (a virtual machine, a container, a
 * remote or virtual display) that loads Mesa's software OpenGL, about 50 MB resident (libLLVM and
 * swrast), only to fail JavaFX's hardware check and fall back to the software pipeline anyway. So
 * such a machine paid for both. Choosing the software pipeline before JavaFX starts skips the
 * probe; the installed Linux launcher also sets {@code GDK_GL=disable} under the same rule, since
 * GTK loads the same libraries for its own OpenGL support (docs/benchmarks.md, "Memory of the
 * installed app"). Where a GPU device can be opened nothing changes: JavaFX decides as before.
 */
final class RenderingPipeline {
  static final String ORDER_PROPERTY = "prism.order";
  static final String FORCE_GPU_PROPERTY = "prism.forceGPU";

  /**
   * The device files of GPU drivers: DRM (Intel, AMD, Nouveau, and NVIDIA's driver with DRM on),
   * NVIDIA's own, and WSL2's GPU (dxg). Checked as the user: a render node the user may not open
   * (not in the "render" group) is no GPU for this process.
   */
  private static final String[][] GPU_DEVICE_GLOBS = {
    {"dri", "card*"}, {"dri", "renderD*"}, {"", "nvidia[0-9]*"}, {"", "dxg"}
  };

  private RenderingPipeline() {}

  /**
   * Sets {@code prism.order=sw} when this is Linux, no GPU device under {@code /dev} can be opened
   * and the user chose no pipeline; returns the line to log about it.
   */
  static Optional<String> chooseForThisMachine() {
    return choose(
        System.getProperty("os.name", ""),
        Path.of("/dev"),
        System::getProperty,
        value -> System.setProperty(ORDER_PROPERTY, value));
  }

  static Optional<String> choose(
      String osName, Path dev, UnaryOperator<String> properties, Consumer<String> setOrder) {
    if (!osName.startsWith("Linux")
        || properties.apply(ORDER_PROPERTY) != null
        || properties.apply(FORCE_GPU_PROPERTY) != null) {
      return Optional.empty();
    }
    Optional<Path> gpu = openableGpuDevice(dev);
    if (gpu.isPresent()) {
      return Optional.empty();
    }
    setOrder.accept("sw");
    return Optional.of(
        "Graphics: no GPU device under "
            + dev
            + " (dri/card*, dri/renderD*, nvidia*, dxg) that this user can open: software"
            + " rendering, without loading OpenGL (-Dprism.order=es2 to try OpenGL anyway)");
  }

  static Optional<Path> openableGpuDevice(Path dev) {
    for (String[] glob : GPU_DEVICE_GLOBS) {
      Path folder = glob[0].isEmpty() ? dev : dev.resolve(glob[0]);
      if (!Files.isDirectory(folder)) {
        continue;
      }
      try (DirectoryStream<Path> devices = Files.newDirectoryStream(folder, glob[1])) {
        for (Path device : devices) {
          if (Files.isReadable(device) && Files.isWritable(device)) {
            return Optional.of(device);
          }
        }
      } catch (IOException | SecurityException e) {
        // An unreadable /dev folder says nothing about the GPU: leave the choice to JavaFX.
        return Optional.of(folder);
      }
    }
    return Optional.empty();
  }
}
