package io.routedesk.service.plan;

import java.util.Objects;

/**
 * Something wrong with a routing file, at a row a spreadsheet shows (the header is row 1), or with
 * the whole file ({@code row} 0).
 *
 * @param file the file's name as the user gave it
 * @param row the spreadsheet row, 0 for the whole file
 * @param message what is wrong and what to do, one or two sentences
 */
public record FileProblem(String file, int row, String message) {
  public FileProblem {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(message, "message");
  }

  /** "routing.csv, row 12: …" or "routing.csv: …". */
  @Override
  public String toString() {
    return row > 0 ? file + ", row " + row + ": " + message : file + ": " + message;
  }
}
