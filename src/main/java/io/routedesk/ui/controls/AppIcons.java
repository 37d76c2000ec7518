package io.routedesk.ui.controls;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import javafx.scene.image.Image;
import javafx.stage.Stage;

/**
 * The RouteDesk icon for window title bars, task bars and Alt+Tab. Every stage gets the whole set
 * of sizes so each OS can pick the one closest to what it draws instead of scaling one image.
 *
 * <p>The PNGs are generated from {@code icons/routedesk.svg} by {@code icons/generate.sh}.
 */
public final class AppIcons {
  /** Pixel sizes shipped as resources: the ones window managers and task bars ask for. */
  public static final List<Integer> SIZES = List.of(16, 32, 48, 64, 128, 256);

  private AppIcons() {}

  /** Adds the icon set to a stage (main window, dialog or any other window). */
  public static void apply(Stage stage) {
    stage.getIcons().setAll(Loaded.IMAGES);
  }

  /** The classpath location of the icon of one size. */
  public static String resourcePath(int size) {
    return "/io/routedesk/icons/routedesk-" + size + ".png";
  }

  /** Loads the icon of one size; fails loudly when a resource is missing or unreadable. */
  static Image load(int size) {
    String path = resourcePath(size);
    try (InputStream in = AppIcons.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("Icon resource missing from the build: " + path);
      }
      Image image = new Image(in);
      if (image.isError()) {
        throw new IllegalStateException("Icon resource is not a readable PNG: " + path);
      }
      return image;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read icon resource " + path, e);
    }
  }

  /** Decoded once, on first use (small in-jar resources, about 20 KB in all). */
  private static final class Loaded {
    static final List<Image> IMAGES = SIZES.stream().map(AppIcons::load).toList();
  }
}
