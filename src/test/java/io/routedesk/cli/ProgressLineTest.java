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
        .startsWith("\rReading")
        .contains("100%", "10000/10000")
        .endsWith(System.lineSeparator());
    assertThat(err.toString().strip()).doesNotContain("\n");
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
  void anUnknownTotalShowsTheCount() {
    StringWriter err = new StringWriter();
    try (ProgressLine bar = new ProgressLine(new PrintWriter(err), true, "Reading")) {
      bar.update(1_200, -1);
    }

    assertThat(err.toString()).startsWith("\rReading").contains("1200/?");
  }

  @Test
  void theRoutesFileSitsBesideTheNumbersFile() {
    assertThat(RoutingFiles.routesBeside(Path.of("dir", "routing.CSV")))
        .isEqualTo(Path.of("dir", "routing.routes.csv"));
    assertThat(RoutingFiles.routesBeside(Path.of("plan"))).isEqualTo(Path.of("plan.routes.csv"));
  }
}
