package io.routedesk.ui.history;

import io.routedesk.domain.NewRoute;
import io.routedesk.domain.NumberRouting;
import io.routedesk.domain.PhoneNumbers;
import io.routedesk.service.BatchCounts;
import io.routedesk.service.BatchReport;
import io.routedesk.service.ChangeEngine;
import io.routedesk.service.HistoryExport;
import io.routedesk.service.NumberOutcome;
import io.routedesk.store.ChangeJournal;
import io.routedesk.store.JournalBatch;
import io.routedesk.store.JournalEntry;
import io.routedesk.store.RouteChange;
import io.routedesk.ui.model.BatchRunner;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The account's change history: every batch newest first (when, what, who, counts), filtered by a
 * number, a route or words; the selected batch's changes (each number's before → after and result,
 * each route's values); Undo of any batch after a preview that lists the numbers changed since
 * (left alone); export of the whole history or one batch to CSV.
 *
 * <p>Journal reads and exports run on {@code io}; results land on {@code ui}.
 */
public final class HistoryViewModel {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

  private final ChangeEngine engine;
  private final ChangeJournal journal;
  private final Executor io;
  private final Executor ui;
  private final Function<String, String> routeLabel;
  private final BatchRunner runner;
  private final ZoneId zone;

  private final ObservableList<BatchRow> batches = FXCollections.observableArrayList();
  private final ObservableList<ChangeRow> changes = FXCollections.observableArrayList();
  private final StringProperty filter = new SimpleStringProperty(this, "filter", "");
  private final ObjectProperty<BatchRow> selected = new SimpleObjectProperty<>(this, "selected");
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
  private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
  private final AtomicLong loads = new AtomicLong();

  /**
   * @param routeLabel a route's name for an id (the id itself when unknown)
   * @param runner runs an undo where its progress and per-number result show (the batch panel)
   */
  public HistoryViewModel(
      ChangeEngine engine,
      Executor io,
      Executor ui,
      Function<String, String> routeLabel,
      BatchRunner runner,
      ZoneId zone) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.journal = engine.journal();
    this.io = io;
    this.ui = ui;
    this.routeLabel = routeLabel;
    this.runner = runner;
    this.zone = zone;
    filter.addListener((o, was, now) -> load());
    selected.addListener((o, was, now) -> loadChanges(now));
  }

  /** One batch as the list shows it. */
  public record BatchRow(JournalBatch batch, String when, String what, String who, String counts) {}

  /** One change of the selected batch: a number's routing, or a route's values. */
  public record ChangeRow(String subject, String before, String after, String result) {}

  public ObservableList<BatchRow> batches() {
    return batches;
  }

  public ObservableList<ChangeRow> changes() {
    return changes;
  }

  public StringProperty filterProperty() {
    return filter;
  }

  public ObjectProperty<BatchRow> selectedProperty() {
    return selected;
  }

  /** "1,024 batches", "3 batches match “0001”", or what went wrong. */
  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }

  /** True while an undo runs. */
  public ReadOnlyBooleanProperty busyProperty() {
    return busy.getReadOnlyProperty();
  }

  /** (Re)reads the batches for the current filter; a newer load wins over an older one. */
  public CompletableFuture<Void> load() {
    long ticket = loads.incrementAndGet();
    String text = filter.get();
    return CompletableFuture.supplyAsync(() -> journal.batchesMatching(text), io)
        .thenAcceptAsync(
            found -> {
              if (ticket != loads.get()) {
                return;
              }
              SelectionKeeper keep = new SelectionKeeper(selected.get());
              List<BatchRow> rows = new ArrayList<>(found.size());
              found.forEach(b -> rows.add(row(b)));
              batches.setAll(rows);
              status.set(
                  text == null || text.isBlank()
                      ? plural(rows.size(), "batch", "batches")
                      : plural(rows.size(), "batch matches", "batches match") + " “" + text + "”");
              selected.set(keep.in(rows));
            },
            ui)
        .exceptionally(
            e -> {
              ui.execute(() -> status.set("The history could not be read: " + rootMessage(e)));
              return null;
            });
  }

  private record SelectionKeeper(BatchRow was) {
    BatchRow in(List<BatchRow> rows) {
      if (was == null) {
        return null;
      }
      return rows.stream()
          .filter(r -> r.batch().id().equals(was.batch().id()))
          .findFirst()
          .orElse(null);
    }
  }

  private BatchRow row(JournalBatch b) {
    return new BatchRow(
        b,
        WHEN.format(b.startedAt().atZone(zone)),
        b.description(),
        b.user() == null ? "" : b.user(),
        counts(b));
  }

  static String counts(JournalBatch b) {
    String state =
        b.interrupted()
            ? " — interrupted"
            : b.resolution() == null
                ? ""
                : switch (b.resolution()) {
                  case RESUMED -> " — interrupted, resumed";
                  case UNDONE -> " — interrupted, undone";
                  case LEFT -> " — interrupted, left as is";
                };
    return BatchCounts.describe(b) + state;
  }

  private void loadChanges(BatchRow row) {
    if (row == null) {
      changes.clear();
      return;
    }
    CompletableFuture.supplyAsync(
            () -> {
              List<ChangeRow> rows = new ArrayList<>();
              for (JournalEntry e : journal.entries(row.batch().id())) {
                rows.add(
                    new ChangeRow(
                        PhoneNumbers.format(e.number()),
                        routing(e.before()),
                        routing(e.after()),
                        result(e.outcome().name(), e.detail())));
              }
              for (RouteChange r : journal.routeChanges(row.batch().id())) {
                rows.add(
                    new ChangeRow(
                        r.action().name().charAt(0)
                            + r.action().name().substring(1).toLowerCase(Locale.ROOT)
                            + " route"
                            + (r.routeId() == null ? "" : " " + r.routeId()),
                        values(r.before()),
                        values(r.after()),
                        result(r.outcome().name(), r.detail())));
              }
              return rows;
            },
            io)
        .thenAcceptAsync(
            rows -> {
              if (row.equals(selected.get())) {
                changes.setAll(rows);
              }
            },
            ui);
  }

  private String routing(NumberRouting r) {
    return "primary " + label(r.primaryRouteId()) + ", failover " + label(r.failoverRouteId());
  }

  private String label(String routeId) {
    return routeId == null ? "none" : routeLabel.apply(routeId);
  }

  private static String values(NewRoute r) {
    if (r == null) {
      return "—";
    }
    return (r.alias() == null ? "" : r.alias() + ": ")
        + r.type().wireName()
        + (r.value() == null ? "" : " " + r.value())
        + (r.edgeStrategyId() == null ? "" : " (edge " + r.edgeStrategyId() + ")");
  }

  private static String result(String outcome, String detail) {
    String o = outcome.charAt(0) + outcome.substring(1).toLowerCase(Locale.ROOT);
    if (o.equals("Pending")) {
      o = "Unknown (interrupted)";
    }
    return detail == null || detail.isBlank() ? o : o + ": " + detail;
  }

  // ---- undo ---------------------------------------------------------------------------------

  /** Re-reads the selected batch's numbers and works out its undo (conflicts listed). */
  public CompletableFuture<ChangeEngine.UndoPreview> previewUndo() {
    BatchRow row = selected.get();
    if (row == null) {
      return CompletableFuture.failedFuture(new IllegalStateException("Select a batch first."));
    }
    return engine.previewUndo(row.batch().id()).thenApplyAsync(p -> p, ui);
  }

  /** What the preview will do, in words, for the confirmation. */
  public String describe(ChangeEngine.UndoPreview p) {
    StringBuilder s = new StringBuilder();
    s.append(
        p.plan().isEmpty()
            ? "Nothing to restore."
            : "Restores "
                + plural(p.plan().size(), "number", "numbers")
                + " to their routing before"
                + " this batch.");
    if (p.alreadyRestored() > 0) {
      s.append(' ')
          .append(plural(p.alreadyRestored(), "number already has", "numbers already have"))
          .append(" it.");
    }
    if (!p.conflicts().isEmpty()) {
      s.append(' ')
          .append(plural(p.conflicts().size(), "number was", "numbers were"))
          .append(" changed since and will be left alone:");
      for (ChangeEngine.Conflict c : p.conflicts()) {
        s.append("\n• ").append(PhoneNumbers.format(c.number())).append(" — ").append(c.reason());
      }
    }
    return s.toString();
  }

  /** Runs the previewed undo (itself a batch in the history), then shows its result. */
  public CompletableFuture<BatchReport> undo(ChangeEngine.UndoPreview preview) {
    busy.set(true);
    List<String> numbers = new ArrayList<>(preview.plan().numbers());
    preview.conflicts().forEach(c -> numbers.add(c.number()));
    return runner
        .run(
            preview.plan().description(),
            numbers,
            (listener, cancel) -> engine.undo(preview, listener, cancel))
        .whenCompleteAsync(
            (report, e) -> {
              busy.set(false);
              status.set(e != null ? "Undo failed: " + rootMessage(e) : summary(report));
              load();
            },
            ui);
  }

  static String summary(BatchReport r) {
    long done = r.count(NumberOutcome.Status.DONE);
    long conflicts = r.outcomes().stream().filter(o -> o.conflict()).count();
    long failed = r.failed().size();
    return "Undo: "
        + plural(done, "number restored", "numbers restored")
        + (conflicts > 0 ? ", " + conflicts + " left alone (changed since)" : "")
        + (failed > 0 ? ", " + failed + " failed" : "")
        + ".";
  }

  // ---- clearing -----------------------------------------------------------------------------

  /**
   * Deletes every finished batch of the account's history (an interrupted one stays until it is
   * decided); the history is otherwise kept for good.
   */
  public CompletableFuture<Void> clear() {
    return CompletableFuture.supplyAsync(journal::clear, io)
        .thenComposeAsync(
            cleared -> {
              selected.set(null);
              return load()
                  .thenRun(
                      () -> status.set("Cleared " + plural(cleared, "batch", "batches") + "."));
            },
            ui);
  }

  // ---- export -------------------------------------------------------------------------------

  /** Writes the batches now listed (the filter applies) to {@code file}; returns rows written. */
  public CompletableFuture<Integer> exportListed(Path file) {
    List<JournalBatch> listed = batches.stream().map(BatchRow::batch).toList();
    return export(listed, file);
  }

  /** Writes the selected batch to {@code file}. */
  public CompletableFuture<Integer> exportSelected(Path file) {
    BatchRow row = selected.get();
    if (row == null) {
      return CompletableFuture.failedFuture(new IllegalStateException("Select a batch first."));
    }
    return export(List.of(row.batch()), file);
  }

  private CompletableFuture<Integer> export(List<JournalBatch> listed, Path file) {
    return CompletableFuture.supplyAsync(
            () -> {
              try {
                return HistoryExport.write(journal, listed, file);
              } catch (java.io.IOException e) {
                throw new CompletionException(e);
              }
            },
            io)
        .whenCompleteAsync(
            (rows, e) ->
                status.set(
                    e != null
                        ? "Export failed: " + rootMessage(e)
                        : "Exported " + plural(rows, "row", "rows") + " to " + file.getFileName()),
            ui);
  }

  private static String plural(long n, String one, String many) {
    return String.format(Locale.ROOT, "%,d %s", n, n == 1 ? one : many);
  }

  private static String rootMessage(Throwable e) {
    Throwable c = e;
    while ((c instanceof CompletionException
            || c instanceof java.util.concurrent.ExecutionException)
        && c.getCause() != null) {
      c = c.getCause();
    }
    return c.getMessage() != null ? c.getMessage() : c.getClass().getSimpleName();
  }
}
