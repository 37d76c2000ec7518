package io.routedesk.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The window preferences file ({@code ui-settings.json} in the config folder). Blocking I/O: call
 * off the UI thread. Writes go to a temporary file that is then moved over the old one, so a crash
 * mid-write never leaves a half-written file.
 *
 * <p>Reading uses Jackson's streaming parser only: the window needs these settings before it can
 * show, and Jackson's object mapper takes several hundred classes (a good part of a second on a
 * busy machine) to get going. The mapper is built on the first save.
 */
public final class UiSettingsFile {
  private static final Logger LOG = LoggerFactory.getLogger(UiSettingsFile.class);
  public static final String FILE_NAME = "ui-settings.json";

  private static final JsonFactory PARSERS = new JsonFactory();

  private final Path file;

  /** Builds Jackson's object mapper on first use (the first save), not at start-up. */
  private static final class Writer {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  }

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
    try (JsonParser json = PARSERS.createParser(file.toFile())) {
      return read(json);
    } catch (IOException | IllegalArgumentException e) {
      // A damaged preferences file only costs the window layout: start with defaults.
      LOG.warn("Ignoring unreadable {}: {}", file, e.getMessage());
      return UiSettings.DEFAULT;
    }
  }

  /**
   * One JSON object with the fields of {@link UiSettings}. Missing fields are "not set" (false for
   * {@code maximized}), unknown ones (from newer versions) are skipped; scalars are converted as
   * Jackson's data binding would (a number in quotes is a number); anything else is damage.
   */
  private static UiSettings read(JsonParser json) throws IOException {
    JsonToken first = json.nextToken();
    if (first == null || first == JsonToken.VALUE_NULL) {
      return UiSettings.DEFAULT;
    }
    if (first != JsonToken.START_OBJECT) {
      throw new IllegalArgumentException("the file does not hold a JSON object");
    }
    String theme = null;
    Double x = null;
    Double y = null;
    Double width = null;
    Double height = null;
    boolean maximized = false;
    Double divider = null;
    Map<String, Double> columnWidths = Map.of();
    for (JsonToken t = json.nextToken(); t != JsonToken.END_OBJECT; t = json.nextToken()) {
      if (t != JsonToken.FIELD_NAME) {
        throw new IllegalArgumentException("unexpected " + t);
      }
      String field = json.currentName();
      JsonToken value = json.nextToken();
      switch (field) {
        case "theme" -> theme = text(json, value, field);
        case "windowX" -> x = number(json, value, field);
        case "windowY" -> y = number(json, value, field);
        case "windowWidth" -> width = number(json, value, field);
        case "windowHeight" -> height = number(json, value, field);
        case "maximized" -> maximized = flag(json, value, field);
        case "routesDivider" -> divider = number(json, value, field);
        case "columnWidths" -> columnWidths = widths(json, value);
        default -> json.skipChildren();
      }
    }
    return new UiSettings(theme, x, y, width, height, maximized, divider, columnWidths);
  }

  /**
   * The column widths: an object of numbers. Only the widths cost anything here, so what is not a
   * number is left out and the rest kept (the window checks that the numbers make sense).
   */
  private static Map<String, Double> widths(JsonParser json, JsonToken value) throws IOException {
    if (value != JsonToken.START_OBJECT) {
      json.skipChildren();
      LOG.warn("Ignoring columnWidths: not an object");
      return Map.of();
    }
    Map<String, Double> widths = new LinkedHashMap<>();
    for (JsonToken t = json.nextToken(); t != JsonToken.END_OBJECT; t = json.nextToken()) {
      String column = json.currentName();
      JsonToken width = json.nextToken();
      if (width.isNumeric()) {
        widths.put(column, json.getDoubleValue());
      } else {
        json.skipChildren();
        LOG.warn("Ignoring the width of column {}: not a number", column);
      }
    }
    return widths;
  }

  private static String text(JsonParser json, JsonToken value, String field) throws IOException {
    if (value == JsonToken.VALUE_NULL) {
      return null;
    }
    if (!value.isScalarValue()) {
      throw new IllegalArgumentException(field + " is not a text");
    }
    return json.getText();
  }

  private static Double number(JsonParser json, JsonToken value, String field) throws IOException {
    if (value == JsonToken.VALUE_NULL) {
      return null;
    }
    if (value.isNumeric()) {
      return json.getDoubleValue();
    }
    if (value == JsonToken.VALUE_STRING) {
      String text = json.getText().strip();
      try {
        return text.isEmpty() ? null : Double.valueOf(text);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(field + " is not a number");
      }
    }
    throw new IllegalArgumentException(field + " is not a number");
  }

  private static boolean flag(JsonParser json, JsonToken value, String field) throws IOException {
    return switch (value) {
      case VALUE_TRUE -> true;
      case VALUE_FALSE, VALUE_NULL -> false;
      case VALUE_NUMBER_INT -> json.getLongValue() != 0;
      case VALUE_STRING -> {
        String text = json.getText().strip();
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
          yield Boolean.parseBoolean(text);
        }
        throw new IllegalArgumentException(field + " is not true or false");
      }
      default -> throw new IllegalArgumentException(field + " is not true or false");
    };
  }

  public void save(UiSettings settings) throws IOException {
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Writer.JSON.writeValue(tmp.toFile(), settings);
    FileReplacer.standard().replace(tmp, file);
  }
}
