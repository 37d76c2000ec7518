package io.routedesk.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UiSettingsFileTest {
  @TempDir Path dir;

  @Test
  void roundTripsAndLeavesNoTemporaryFile() throws Exception {
    UiSettingsFile f = new UiSettingsFile(dir.resolve("config/ui-settings.json"));
    UiSettings s = new UiSettings("DARK", 10.0, 20.0, 1200.0, 800.0, false, 0.4);

    f.save(s);

    assertThat(f.load()).isEqualTo(s);
    try (var files = Files.list(dir.resolve("config"))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("ui-settings.json");
    }
  }

  @Test
  void missingOrDamagedFilesGiveDefaults() throws Exception {
    UiSettingsFile f = new UiSettingsFile(dir.resolve("ui-settings.json"));
    assertThat(f.load()).isEqualTo(UiSettings.DEFAULT);
    Files.writeString(f.path(), "{ not json");
    assertThat(f.load()).isEqualTo(UiSettings.DEFAULT);
  }

  @Test
  void unknownFieldsFromNewerVersionsAreIgnored() throws Exception {
    UiSettingsFile f = new UiSettingsFile(dir.resolve("ui-settings.json"));
    Files.writeString(f.path(), "{\"theme\":\"LIGHT\",\"futureThing\":3}");
    assertThat(f.load().theme()).isEqualTo("LIGHT");
  }

  @Test
  void readsEveryFieldAsDataBindingWouldAndFillsTheMissingOnes() throws Exception {
    UiSettingsFile f = new UiSettingsFile(dir.resolve("ui-settings.json"));
    Files.writeString(
        f.path(),
        """
        {"theme": "DARK", "windowX": 10, "windowY": "20.5", "windowWidth": 1200.0,
         "windowHeight": null, "maximized": true, "nested": {"a": [1, {"b": 2}]}}
        """);

    assertThat(f.load()).isEqualTo(new UiSettings("DARK", 10.0, 20.5, 1200.0, null, true, null));
  }

  @Test
  void aFileOfTheWrongShapeGivesDefaults() throws Exception {
    UiSettingsFile f = new UiSettingsFile(dir.resolve("ui-settings.json"));
    for (String text :
        new String[] {
          "null",
          "[1, 2]",
          "{\"windowX\": \"left\"}",
          "{\"maximized\": \"maybe\"}",
          "{\"theme\": {\"name\": \"DARK\"}}",
          "{\"theme\": \"DARK\""
        }) {
      Files.writeString(f.path(), text);
      assertThat(f.load()).as(text).isEqualTo(UiSettings.DEFAULT);
    }
  }

  @Test
  void columnWidthsRoundTripAndWidthsThatAreNotNumbersAreLeftOutAlone() throws Exception {
    UiSettingsFile f = new UiSettingsFile(dir.resolve("ui-settings.json"));
    UiSettings s =
        new UiSettings(
            "LIGHT",
            null,
            null,
            null,
            null,
            false,
            0.4,
            Map.of("routes.col-alias", 230.0, "numbers.col-number", 150.0));
    f.save(s);
    assertThat(f.load()).isEqualTo(s);

    Files.writeString(
        f.path(),
        """
        {"theme": "DARK", "columnWidths": {"routes.col-alias": 230, "routes.col-value": "wide",
         "routes.col-edge": [1], "numbers.col-number": 150.5}}
        """);
    assertThat(f.load().theme()).isEqualTo("DARK");
    assertThat(f.load().columnWidths())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("routes.col-alias", 230.0, "numbers.col-number", 150.5));

    Files.writeString(f.path(), "{\"theme\": \"DARK\", \"columnWidths\": [200, 300]}");
    assertThat(f.load()).isEqualTo(new UiSettings("DARK", null, null, null, null, false, null));
  }
}
