package io.routedesk.ui.model;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The widths the user gave the columns of the window's tables, remembered between runs, keyed
 * {@code table.column} ("routes.col-alias"). Whatever comes from the settings file is checked here:
 * a width that is not a number, not positive or absurdly large is dropped (that column starts at
 * its default width), and a width under the column's minimum is raised to it.
 */
public record ColumnWidths(Map<String, Double> widths) {
  /** Wider than any screen: a larger value is damage, not a choice. */
  static final double MAX_WIDTH = 10_000;

  public static final ColumnWidths NONE = new ColumnWidths(Map.of());

  public ColumnWidths {
    Map<String, Double> sane = new TreeMap<>();
    if (widths != null) {
      widths.forEach(
          (key, width) -> {
            if (isKey(key) && width != null && width > 0 && width <= MAX_WIDTH) {
              sane.put(key, width);
            }
          });
    }
    widths = Collections.unmodifiableMap(sane);
  }

  /** The remembered width of a column, at least {@code minWidth}; empty when none was kept. */
  public Optional<Double> width(String table, String column, double minWidth) {
    Double w = widths.get(key(table, column));
    return w == null ? Optional.empty() : Optional.of(Math.max(w, minWidth));
  }

  /** These widths with one column's width set (rounded to whole pixels: the file stays short). */
  public ColumnWidths with(String table, String column, double width) {
    Map<String, Double> next = new TreeMap<>(widths);
    next.put(key(table, column), (double) Math.round(width));
    return new ColumnWidths(next);
  }

  private static String key(String table, String column) {
    return table + "." + column;
  }

  private static boolean isKey(String key) {
    // NaN is not > 0, so the width check above also drops it; infinity is over the maximum.
    return key != null && !key.isBlank() && key.indexOf('.') > 0;
  }
}
