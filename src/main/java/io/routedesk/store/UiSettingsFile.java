package io.routedesk.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The window preferences file ({@code ui-settings.json} in the config folder). Blocking I/O: call
 * off the UI thread. Writes go to a temporary file that is then moved over the old one, so a crash
 * mid-write never leaves a half-written file.
 */
public final class UiSettingsFile {
  private static final Logger LOG = LoggerFactory.getLogger(UiSettingsFile.class);
  public static final String FILE_NAME = "ui-settings.json";

  private final Path file;
  private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public UiSettingsFile(Path file) {
    this.file = file;
  }

  public static UiSettingsFile in(AppDirs dirs) {
    return new UiSettingsFile(dirs.config().resolve(FILE_NAME));
  }

  public Path path() {
    return file;
  }

  /** The saved settings, or defaults when there is no file or it cannot be read. */
  public UiSettings load() {
    if (!Files.isRegularFile(file)) {
      return UiSettings.DEFAULT;
    }
    try {
      UiSettings s = json.readValue(file.toFile(), UiSettings.class);
      return s == null ? UiSettings.DEFAULT : s;
    } catch (IOException e) {
      // A damaged preferences file only costs the window layout: start with defaults.
      LOG.warn("Ignoring unreadable {}: {}", file, e.getMessage());
      return UiSettings.DEFAULT;
    }
  }

  public void save(UiSettings settings) throws IOException {
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    json.writeValue(tmp.toFile(), settings);
    try {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
