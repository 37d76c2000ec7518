package io.routedesk.store;

import io.routedesk.domain.Plural;
import java.nio.file.Path;
import java.util.List;

/**
 * What happened when an account database was opened, for the UI to show when it needs attention.
 *
 * @param databaseFile the account's database file
 * @param status how it went
 * @param schemaVersionBefore the file's schema version before opening (0: new or unreadable)
 * @param schemaVersion the schema version now in use
 * @param problem what was wrong with the file, or null
 * @param movedAsideTo where the bad file was moved (its -wal/-shm next to it), or null
 * @param draftsRecovered drafts copied from the bad file into the new database
 * @param pendingAssignmentsRecovered pending assignments copied with them
 * @param details technical notes (copyable; never secrets)
 */
public record OpenReport(
    Path databaseFile,
    Status status,
    int schemaVersionBefore,
    int schemaVersion,
    String problem,
    Path movedAsideTo,
    int draftsRecovered,
    int pendingAssignmentsRecovered,
    List<String> details) {

  public enum Status {
    /** An existing database opened normally. */
    OPENED,
    /** No database existed; a new one was created. */
    CREATED,
    /** An existing database was upgraded to the current schema. */
    MIGRATED,
    /** The file was unusable: it was moved aside, a new one created, readable drafts copied. */
    RECOVERED,
    /**
     * No database could be opened or created on disk: working in memory, nothing will be kept after
     * the app closes. The file (if any) was left untouched unless {@code movedAsideTo} says
     * otherwise.
     */
    TEMPORARY
  }

  public OpenReport {
    details = List.copyOf(details);
  }

  /** True when the user should be told (RECOVERED or TEMPORARY). */
  public boolean needsAttention() {
    return status == Status.RECOVERED || status == Status.TEMPORARY;
  }

  /** One or two sentences for a banner or dialog. */
  public String summary() {
    return switch (status) {
      case OPENED -> "Local data opened.";
      case CREATED -> "A new local database was created.";
      case MIGRATED ->
          "Local data was upgraded (schema " + schemaVersionBefore + " to " + schemaVersion + ").";
      case RECOVERED ->
          "The local database could not be used ("
              + problem
              + "). It was moved to "
              + movedAsideTo.getFileName()
              + " and a new one was created; "
              + recoveredPhrase()
              + " Routes and numbers will be downloaded again at the next refresh.";
      case TEMPORARY ->
          "The local database could not be opened ("
              + problem
              + "). RouteDesk is working without it: drafts saved now will be lost when the app"
              + " closes."
              + (movedAsideTo != null ? " The old file was moved to " + movedAsideTo + "." : "")
              + (draftsRecovered > 0 ? " " + recoveredPhrase() : "");
    };
  }

  /**
   * What could be saved from the bad file: "2 drafts and 1 pending assignment were recovered." or
   * "no drafts could be recovered from it." (lower case: it follows a semicolon).
   */
  public String recoveredPhrase() {
    if (draftsRecovered == 0) {
      return "no drafts could be recovered from it.";
    }
    if (pendingAssignmentsRecovered == 0) {
      return Plural.count(draftsRecovered, "draft was", "drafts were") + " recovered.";
    }
    return Plural.count(draftsRecovered, "draft")
        + " and "
        + Plural.count(pendingAssignmentsRecovered, "pending assignment")
        + " were recovered.";
  }
}
