package io.routedesk.cli;

import io.routedesk.domain.NewRoute;
import io.routedesk.domain.NumberRouting;
import io.routedesk.domain.PhoneNumbers;
import io.routedesk.domain.Route;
import io.routedesk.domain.VoiceSlot;
import io.routedesk.service.BatchCounts;
import io.routedesk.store.ApplyLock;
import io.routedesk.store.BatchKind;
import io.routedesk.store.ChangeJournal;
import io.routedesk.store.JournalBatch;
import io.routedesk.store.JournalEntry;
import io.routedesk.store.LocalStore;
import io.routedesk.store.RouteChange;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The change history for the command line: each batch with what became of it (its state), batch ids
 * as given on the command line, and the batches as text and as JSON. The JSON field names are part
 * of the command line's contract (docs/command-line.md).
 */
final class HistoryReports {
  private HistoryReports() {}

  /** Characters of a batch id shown in lists; any unambiguous start of an id is accepted. */
  static final int SHORT_ID = 8;

  /** Fewest characters accepted as the start of a batch id. */
  private static final int MIN_ID = 4;

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

  /**
   * What became of a batch.
   *
   * <ul>
   *   <li>running: no end yet, and a window or command holds the account's lock (sending now)
   *   <li>interrupted: no end, nobody sending: RouteDesk stopped in the middle; resume or undo it
   *   <li>undone: an undo batch restored it (undoneBy), or it was interrupted and undone
   *   <li>resumed, left: interrupted, then resumed or left as it was
   *   <li>complete: ended normally (its counts say whether every number was done)
   * </ul>
   */
  enum State {
    RUNNING,
    INTERRUPTED,
    UNDONE,
    RESUMED,
    LEFT,
    COMPLETE;

    String word() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** A batch, its state and the undo batches that restored it, newest first. */
  record Listed(JournalBatch batch, State state, List<UUID> undoneBy) {}

  /** Every batch of the journal with its state, newest first. */
  static List<Listed> list(LocalStore store) {
    List<JournalBatch> all = ChangeJournal.of(store).batches();
    Map<UUID, List<UUID>> undoneBy = new HashMap<>();
    for (JournalBatch b : all) {
      if (b.kind() == BatchKind.UNDO && b.undoOf() != null) {
        undoneBy.computeIfAbsent(b.undoOf(), k -> new ArrayList<>()).add(b.id());
      }
    }
    boolean sending = all.stream().anyMatch(JournalBatch::interrupted) && someoneSending(store);
    return all.stream()
        .map(
            b -> {
              List<UUID> undos = undoneBy.getOrDefault(b.id(), List.of());
              return new Listed(b, state(b, !undos.isEmpty(), sending), undos);
            })
        .toList();
  }

  private static State state(JournalBatch b, boolean undone, boolean someoneSending) {
    if (b.interrupted()) {
      return someoneSending ? State.RUNNING : State.INTERRUPTED;
    }
    if (undone || b.resolution() == JournalBatch.Resolution.UNDONE) {
      return State.UNDONE;
    }
    if (b.resolution() == JournalBatch.Resolution.RESUMED) {
      return State.RESUMED;
    }
    return b.resolution() == JournalBatch.Resolution.LEFT ? State.LEFT : State.COMPLETE;
  }

  /** True when a window or another command holds the account's lock: a batch is being sent. */
  private static boolean someoneSending(LocalStore store) {
    try {
      Optional<ApplyLock.Held> held = ApplyLock.of(store).acquire(Duration.ZERO);
      held.ifPresent(ApplyLock.Held::close);
      return held.isEmpty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * The batch a command line names: its whole id or an unambiguous start of it (at least {@value
   * #MIN_ID} characters), as {@code history} lists it.
   */
  static Listed find(List<Listed> batches, String given) {
    String wanted = given.strip().toLowerCase(Locale.ROOT);
    if (wanted.length() < MIN_ID) {
      throw new CliException(
          ExitCodes.USAGE,
          "Give at least "
              + MIN_ID
              + " characters of the batch id (routedesk history lists them).");
    }
    List<Listed> matching =
        batches.stream().filter(l -> l.batch().id().toString().startsWith(wanted)).toList();
    if (matching.size() == 1) {
      return matching.getFirst();
    }
    if (matching.isEmpty()) {
      throw new CliException(
          ExitCodes.ERRORS,
          "The history of this account has no batch " + given.strip() + " (routedesk history).");
    }
    throw new CliException(
        ExitCodes.ERRORS,
        "Several batches start with "
            + given.strip()
            + ": "
            + matching.stream()
                .map(l -> l.batch().id().toString())
                .collect(Collectors.joining(", "))
            + ". Give more of the id.");
  }

  static String shortId(UUID id) {
    return id.toString().substring(0, SHORT_ID);
  }

  // -------------------------------------------------------------------------------------- json

  static Map<String, Object> batchJson(Listed listed) {
    JournalBatch b = listed.batch();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", b.id().toString());
    m.put("startedAt", b.startedAt().toString());
    m.put("finishedAt", b.finishedAt() == null ? null : b.finishedAt().toString());
    m.put("kind", b.kind().name().toLowerCase(Locale.ROOT));
    m.put("kindName", b.kind().displayName());
    m.put("summary", b.description());
    m.put("user", b.user());
    m.put("state", listed.state().word());
    m.put(
        "resolution",
        b.resolution() == null ? null : b.resolution().name().toLowerCase(Locale.ROOT));
    m.put("undoOf", b.undoOf() == null ? null : b.undoOf().toString());
    m.put("undoneBy", listed.undoneBy().stream().map(UUID::toString).toList());
    Map<String, Object> numbers = new LinkedHashMap<>();
    numbers.put("total", b.numbers());
    numbers.put("done", b.done());
    numbers.put("failed", b.failed());
    numbers.put("skipped", b.skipped());
    numbers.put("unknown", b.pending());
    m.put("numbers", numbers);
    m.put("routeChanges", b.routeChanges());
    return m;
  }

  static Map<String, Object> entryJson(JournalEntry e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("number", e.number());
    m.put("before", routingJson(e.before()));
    m.put("after", routingJson(e.after()));
    m.put("outcome", outcomeWord(e.outcome().name()));
    m.put("detail", e.detail());
    m.put("at", e.at().toString());
    return m;
  }

  static Map<String, Object> routingJson(NumberRouting r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("primaryRouteId", r.primaryRouteId());
    m.put("failoverRouteId", r.failoverRouteId());
    return m;
  }

  static Map<String, Object> routeChangeJson(RouteChange r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("action", r.action().name().toLowerCase(Locale.ROOT));
    m.put("routeId", r.routeId());
    m.put("before", routeValuesJson(r.before()));
    m.put("after", routeValuesJson(r.after()));
    m.put("outcome", outcomeWord(r.outcome().name()));
    m.put("detail", r.detail());
    m.put("at", r.at().toString());
    return m;
  }

  private static Map<String, Object> routeValuesJson(NewRoute r) {
    return r == null ? null : Reports.routeJson(r.alias(), r.type(), r.value(), r.edgeStrategyId());
  }

  /** PENDING in the journal means nobody knows: the app stopped while it was being sent. */
  private static String outcomeWord(String outcome) {
    return outcome.equals("PENDING") ? "unknown" : outcome.toLowerCase(Locale.ROOT);
  }

  // -------------------------------------------------------------------------------------- text

  static void printList(
      List<Listed> shown, int total, String account, ZoneId zone, PrintWriter out) {
    if (total == 0) {
      out.println("The history of " + account + " is empty.");
      return;
    }
    out.println(
        "History of "
            + account
            + ", newest first: "
            + (shown.size() == total
                ? total + (total == 1 ? " batch" : " batches")
                : shown.size() + " of " + total + " batches (--limit 0 lists all)"));
    String row = "%-8s  %-19s  %-15s  %-11s  %-28s  %s%n";
    out.printf(row, "ID", "STARTED", "KIND", "STATE", "CHANGES", "SUMMARY");
    for (Listed l : shown) {
      JournalBatch b = l.batch();
      out.printf(
          row,
          shortId(b.id()),
          WHEN.format(b.startedAt().atZone(zone)),
          b.kind().displayName(),
          l.state().word(),
          BatchCounts.describe(b),
          b.description());
    }
    if (shown.stream().anyMatch(l -> l.state() == State.INTERRUPTED)) {
      out.println();
      out.println(
          "An interrupted batch stopped in the middle: routedesk resume ID sends the rest,"
              + " routedesk undo ID restores what it had changed.");
    }
  }

  /**
   * One batch with every change: each number's routing before → after (the slots it changed) and
   * its outcome, each route's values. Route ids are shown by alias where {@code routes} knows them.
   */
  static void printBatch(
      Listed listed,
      List<JournalEntry> entries,
      List<RouteChange> routeChanges,
      Map<String, Route> routes,
      ZoneId zone,
      PrintWriter out) {
    JournalBatch b = listed.batch();
    out.println("Batch " + b.id() + ": " + b.description());
    out.println(
        "  "
            + b.kind().displayName()
            + ", "
            + listed.state().word()
            + (b.user() == null ? "" : ", by " + b.user()));
    out.println(
        "  Started "
            + when(b.startedAt(), zone)
            + (b.finishedAt() == null ? "" : ", ended " + when(b.finishedAt(), zone)));
    if (b.undoOf() != null) {
      out.println(
          "  "
              + (b.kind() == BatchKind.RESUME ? "Resumes" : "Undoes")
              + " batch "
              + shortId(b.undoOf()));
    }
    if (!listed.undoneBy().isEmpty()) {
      out.println(
          "  Undone by batch "
              + listed.undoneBy().stream()
                  .map(HistoryReports::shortId)
                  .collect(Collectors.joining(", ")));
    }
    out.println("  " + BatchCounts.describe(b));
    if (!routeChanges.isEmpty()) {
      out.println();
      out.println("Routes:");
      for (RouteChange r : routeChanges) {
        out.println(
            "  "
                + outcomeWord(r.outcome().name()).toUpperCase(Locale.ROOT)
                + "  "
                + r.action().name().toLowerCase(Locale.ROOT)
                + (r.routeId() == null ? "" : " " + r.routeId())
                + ": "
                + values(r.before())
                + " → "
                + values(r.after())
                + detail(r.detail()));
      }
    }
    if (!entries.isEmpty()) {
      Map<String, String> labels = new HashMap<>();
      routes.forEach((id, route) -> labels.put(id, route.label()));
      for (RouteChange r : routeChanges) {
        if (r.routeId() != null && r.after() != null && r.after().alias() != null) {
          labels.putIfAbsent(r.routeId(), r.after().alias());
        }
      }
      out.println();
      out.println("Numbers:");
      for (JournalEntry e : entries) {
        out.println(
            "  "
                + outcomeWord(e.outcome().name()).toUpperCase(Locale.ROOT)
                + "  "
                + PhoneNumbers.format(e.number())
                + "  "
                + change(e, labels)
                + detail(e.detail()));
      }
    }
  }

  private static String when(Instant at, ZoneId zone) {
    return WHEN.format(at.atZone(zone));
  }

  private static String change(JournalEntry e, Map<String, String> labels) {
    List<String> parts = new ArrayList<>(2);
    for (VoiceSlot slot : VoiceSlot.values()) {
      String before = e.before().routeId(slot);
      String after = e.after().routeId(slot);
      if (!Objects.equals(before, after)) {
        parts.add(
            slot.displayName().toLowerCase(Locale.ROOT)
                + " "
                + label(before, labels)
                + " → "
                + label(after, labels));
      }
    }
    return parts.isEmpty() ? "no change" : String.join("; ", parts);
  }

  private static String label(String routeId, Map<String, String> labels) {
    if (routeId == null) {
      return "none";
    }
    String label = labels.get(routeId);
    return label == null || label.equals(routeId) ? routeId : label + " (" + routeId + ")";
  }

  private static String values(NewRoute r) {
    if (r == null) {
      return "—";
    }
    return (r.alias() == null ? "" : "“" + r.alias() + "” ")
        + r.type().wireName()
        + (r.value() == null ? "" : " " + r.value())
        + (r.edgeStrategyId() == null ? "" : " (edge strategy " + r.edgeStrategyId() + ")");
  }

  private static String detail(String detail) {
    return detail == null || detail.isBlank() ? "" : ": " + detail;
  }
}
