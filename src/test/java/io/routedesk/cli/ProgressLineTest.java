package io.routedesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ProgressLineTest {

  @Test
  void onATerminalTheBarIsRedrawnInPlaceAndEndsWithANewLine() {
    StringWriter err = new StringWriter();
    try (ProgressLine bar = new ProgressLine(new PrintWriter(err), true, "Reading")) {
      bar.update(0, 10_000);
      bar.update(10_000, 10_000);
    }

    assertThat(err.toString())
        .startsWith("\rReading  [------------------------------]  0 / 10,000")
        .contains("\rReading  [##############################]  10,000 / 10,000")
        .endsWith(System.lineSeparator());
  }

  @Test
  void whenPipedNothingIsPrinted() {
    StringWriter err = new StringWriter();
    try (ProgressLine bar = new ProgressLine(new PrintWriter(err), false, "Reading")) {
      bar.update(5, 10);
    }

    assertThat(err.toString()).isEmpty();
  }

  @Test
  void anUnknownTotalShowsTheCountOnly() {
    assertThat(ProgressLine.render("Reading", 1_200, -1)).isEqualTo("Reading  1,200");
  }

  @Test
  void theRoutesFileSitsBesideTheNumbersFile() {
    assertThat(RoutingFiles.routesBeside(Path.of("dir", "routing.CSV")))
        .isEqualTo(Path.of("dir", "routing.routes.csv"));
    assertThat(RoutingFiles.routesBeside(Path.of("plan"))).isEqualTo(Path.of("plan.routes.csv"));
  }
}
