package io.routedesk.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** A disk that fills while RouteDesk runs: the message says so, and what was not saved. */
class DiskFullTest {
  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

  @TempDir Path dir;

  @Test
  void aSnapshotThatDoesNotFitIsReportedAsADiskFullAndTheOldOneStays() {
    try (LocalStore store = LocalStore.open(dir.resolve("full.db"))) {
      AccountSnapshot small = SnapshotFixtures.account(5, 20, 1L, NOW);
      SnapshotFixtures.save(store, small);
      // SQLite's own way to make a database hit a full disk: no page beyond this count.
      int pages = Integer.parseInt(store.pragma("page_count"));
      store.pragma("max_page_count = " + (pages + 2));

      StoreException e =
          catchThrowableOfType(
              StoreException.class,
              () ->
                  SnapshotFixtures.save(
                      store, SnapshotFixtures.account(500, 5_000, 2L, NOW.plusSeconds(60))));

      // What the driver reports here is the error users saw: SQLite undid the transaction when
      // the file could not grow, and the commit then found none.
      assertThat(e.getCause()).hasMessageContaining("cannot commit - no transaction is active");
      assertThat(e.getMessage())
          .startsWith("Could not save the account's routes and numbers: the disk is full")
          .contains("none of it was saved")
          .doesNotContain("SQLITE");
      assertThat(store.loadSnapshot().numbers()).hasSize(20);
    }
  }

  @Test
  void sqliteFullIsADiskFull() {
    SQLiteException full =
        new SQLiteException(
            "[SQLITE_FULL] Insertion failed because database is full (database or disk is full)",
            SQLiteErrorCode.SQLITE_FULL);

    StoreException e = StoreException.wrap("Could not save the draft", full);

    assertThat(e.getMessage())
        .isEqualTo(
            "Could not save the draft: the disk is full, so none of it was saved (what was saved"
                + " before is kept). Free some space on the disk and try again.");
  }
}
