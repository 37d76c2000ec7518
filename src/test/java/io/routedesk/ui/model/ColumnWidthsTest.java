package io.routedesk.ui.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ColumnWidthsTest {
  @Test
  void aWidthComesBackAtLeastAtTheColumnsMinimum() {
    ColumnWidths widths = ColumnWidths.NONE.with("routes", "col-alias", 231.6);

    assertThat(widths.width("routes", "col-alias", 110)).contains(232.0);
    assertThat(widths.width("routes", "col-alias", 300)).contains(300.0);
    assertThat(widths.width("routes", "col-value", 80)).isEmpty();
    assertThat(widths.width("numbers", "col-alias", 70)).isEmpty();
  }

  @Test
  void widthsThatMakeNoSenseAreDroppedAndTheRestKept() {
    Map<String, Double> saved = new HashMap<>();
    saved.put("routes.col-alias", 240.0);
    saved.put("routes.col-value", -5.0);
    saved.put("routes.col-edge", 0.0);
    saved.put("routes.col-type", Double.NaN);
    saved.put("routes.col-used-by", Double.POSITIVE_INFINITY);
    saved.put("numbers.col-number", 25_000.0);
    saved.put("numbers.col-alias", null);
    saved.put("no-table", 120.0);
    saved.put(" ", 120.0);
    saved.put("numbers.col-primary", 170.0);

    ColumnWidths widths = new ColumnWidths(saved);

    assertThat(widths.widths())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("routes.col-alias", 240.0, "numbers.col-primary", 170.0));
    assertThat(new ColumnWidths(null).widths()).isEmpty();
  }
}
