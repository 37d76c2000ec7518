package io.routedesk.store;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One batch of the change journal with its counts.
 *
 * @param user the operating-system user who ran it (null for batches older than the journal)
 * @param finishedAt null while the batch runs, or when the app stopped before it ended
 * @param resolution after an interruption: what the user chose (null until then)
 * @param undoOf the batch this one undid, or null
 * @param pending numbers whose outcome was never recorded (the app stopped while sending)
 */
public record JournalBatch(
    UUID id,
    BatchKind kind,
    String description,
    Instant startedAt,
    String user,
    Instant finishedAt,
    Resolution resolution,
    UUID undoOf,
    int numbers,
    int done,
    int failed,
    int skipped,
    int pending,
    int routeChanges) {

  public JournalBatch {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(startedAt, "startedAt");
  }

  /** True when the app stopped during this batch and the user has not decided what to do yet. */
  public boolean interrupted() {
    return finishedAt == null && resolution == null;
  }

  /** What the user chose for a batch the app stopped in the middle of. */
  public enum Resolution {
    /** The rest was sent (in a RESUME batch). */
    RESUMED,
    /** What had landed was restored (in an UNDO batch). */
    UNDONE,
    /** Nothing more was sent; the outcome of each number was taken from Flowroute. */
    LEFT
  }
}
