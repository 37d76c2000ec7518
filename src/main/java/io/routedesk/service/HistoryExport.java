package io.routedesk.service;

import io.routedesk.domain.NewRoute;
import io.routedesk.store.ChangeJournal;
import io.routedesk.store.JournalBatch;
import io.routedesk.store.JournalEntry;
import io.routedesk.store.RouteChange;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The change history as CSV (RFC 4180, UTF-8, a header row): one row per number changed and one per
 * route created, edited or deleted, each with its batch's time, kind, description and user. Written
 * to a temporary file beside the target and moved into place, so a failed export never leaves half
 * a file.
 */
public final class HistoryExport {
  static final String[] HEADER = {
    "batch",
    "started_at",
    "kind",
    "description",
    "user",
    "number",
    "before_primary",
    "before_failover",
    "after_primary",
    "after_failover",
    "route_action",
    "route_id",
    "route_before",
    "route_after",
    "outcome",
    "detail"
  };

  private HistoryExport() {}

  /** Writes these batches (newest first as given) with every change of each. Blocking. */
  public static int write(ChangeJournal journal, List<JournalBatch> batches, Path file)
      throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    Path temp = Files.createTempFile(parent, ".history-", ".csv.tmp");
    int rows = 0;
    try {
      try (Writer w = Files.newBufferedWriter(temp, StandardCharsets.UTF_8);
          CSVPrinter csv = CSVFormat.RFC4180.builder().setHeader(HEADER).get().print(w)) {
        for (JournalBatch b : batches) {
          for (JournalEntry e : journal.entries(b.id())) {
            csv.printRecord(
                b.id(),
                b.startedAt(),
                b.kind(),
                b.description(),
                b.user(),
                e.number(),
                e.before().primaryRouteId(),
                e.before().failoverRouteId(),
                e.after().primaryRouteId(),
                e.after().failoverRouteId(),
                null,
                null,
                null,
                null,
                e.outcome(),
                e.detail());
            rows++;
          }
          for (RouteChange r : journal.routeChanges(b.id())) {
            csv.printRecord(
                b.id(),
                b.startedAt(),
                b.kind(),
                b.description(),
                b.user(),
                null,
                null,
                null,
                null,
                null,
                r.action(),
                r.routeId(),
                describe(r.before()),
                describe(r.after()),
                r.outcome(),
                r.detail());
            rows++;
          }
        }
      }
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return rows;
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static String describe(NewRoute r) {
    if (r == null) {
      return null;
    }
    return r.type().wireName()
        + " "
        + (r.value() == null ? "" : r.value())
        + (r.alias() == null ? "" : " alias=" + r.alias())
        + (r.edgeStrategyId() == null ? "" : " edge=" + r.edgeStrategyId());
  }
}
