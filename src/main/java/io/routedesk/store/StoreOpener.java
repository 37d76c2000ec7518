package io.routedesk.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * Opens an account database and never lets a bad file stop the app: a damaged, foreign or
 * newer-schema file is moved aside (with its -wal/-shm) and replaced by a new database that gets
 * every draft that could still be read from the old one; when nothing can be opened on disk at all,
 * the store works in memory. Either way the {@link OpenReport} says what happened.
 */
final class StoreOpener {
  private static final Logger LOG = LoggerFactory.getLogger(StoreOpener.class);

  static final int BUSY_TIMEOUT_MS = 5_000;
  private static final List<String> COMPANION_SUFFIXES = List.of("-wal", "-shm", "-journal");
  private static final DateTimeFormatter ASIDE_STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private StoreOpener() {}

  /** The file is not a usable RouteDesk database; moving it aside is the remedy. */
  private static final class UnusableFileException extends SQLException {
    UnusableFileException(String reason) {
      super(reason);
    }
  }

  static LocalStore open(Path file, Clock clock) {
    List<String> details = new ArrayList<>();
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
    } catch (IOException | RuntimeException e) {
      details.add("Creating the folder failed: " + e);
      return temporary(file, "its folder could not be created", null, null, clock, details);
    }
    boolean existed = Files.exists(file, LinkOption.NOFOLLOW_LINKS);
    String problem = null;
    if (existed && !Files.isRegularFile(file)) {
      problem = "the path is a folder or special file, not a database file";
    } else if (existed && !Files.isReadable(file)) {
      problem = "the file cannot be read (check its permissions)";
    }
    boolean checked = false;
    if (problem == null && existed) {
      // Read-only first: a damaged file must not be written to (closing a read-write connection
      // would checkpoint its WAL into it) before it is moved aside.
      try {
        checkReadOnly(file, details);
        checked = true;
      } catch (SQLException | RuntimeException e) {
        if (isUnusableFile(e)) {
          problem = problemText(e);
          details.add("Read-only check failed: " + e);
        }
        // Otherwise (e.g. SQLite cannot open it read-only here) the read-write path decides.
      }
    }
    if (problem == null) {
      Connection c = null;
      try {
        c = connect(file);
        int before = prepare(c, clock, details, !checked);
        OpenReport.Status status =
            before == 0
                ? OpenReport.Status.CREATED
                : before < Migrations.latestVersion()
                    ? OpenReport.Status.MIGRATED
                    : OpenReport.Status.OPENED;
        OpenReport report =
            new OpenReport(
                file, status, before, Migrations.latestVersion(), null, null, 0, 0, details);
        return new LocalStore(c, file, report, clock);
      } catch (SQLException | RuntimeException e) {
        closeQuietly(c);
        if (!isUnusableFile(e)) {
          // Busy, locked, disk full, I/O error: the file may be fine, so it is left as it is.
          details.add("Opening failed: " + e);
          DraftRecovery.Result readable = existed ? DraftRecovery.readFrom(file) : null;
          if (readable != null) {
            details.addAll(readable.notes());
          }
          return temporary(file, StoreException.describe(asSql(e)), null, readable, clock, details);
        }
        problem = problemText(e);
        details.add("Opening failed: " + e);
      }
    }
    return recover(file, problem, clock, details);
  }

  private static LocalStore recover(Path file, String problem, Clock clock, List<String> details) {
    LOG.warn("Account database {} is unusable ({}); moving it aside", file, problem);
    Moved moved = moveAside(file, clock, details);
    Path aside = moved == null ? null : moved.aside();
    DraftRecovery.Result readable = DraftRecovery.readFrom(aside != null ? aside : file);
    details.addAll(readable.notes());
    if (moved != null && moved.safeToCreate()) {
      Connection c = null;
      try {
        c = connect(file);
        int before = prepare(c, clock, details, true);
        OpenReport report =
            new OpenReport(
                file,
                OpenReport.Status.RECOVERED,
                before,
                Migrations.latestVersion(),
                problem,
                aside,
                readable.drafts().size(),
                readable.assignments().size(),
                details);
        LocalStore store = new LocalStore(c, file, report, clock);
        store.restore(readable.drafts(), readable.assignments());
        LOG.warn(
            "Created a new account database; recovered {} drafts, {} pending assignments",
            readable.drafts().size(),
            readable.assignments().size());
        return store;
      } catch (SQLException | RuntimeException e) {
        closeQuietly(c);
        details.add("Creating a new database failed: " + e);
      }
    }
    return temporary(file, problem, aside, readable, clock, details);
  }

  /** A fresh in-memory database (no file involved), reported as CREATED. */
  static LocalStore inMemory(Clock clock) {
    List<String> details = new ArrayList<>();
    try {
      Connection c = DriverManager.getConnection("jdbc:sqlite::memory:", config().toProperties());
      int before = prepare(c, clock, details, true);
      OpenReport report =
          new OpenReport(
              null,
              OpenReport.Status.CREATED,
              before,
              Migrations.latestVersion(),
              null,
              null,
              0,
              0,
              details);
      return new LocalStore(c, null, report, clock);
    } catch (SQLException e) {
      throw StoreException.wrap("Could not create an in-memory database", e);
    }
  }

  private static LocalStore temporary(
      Path file,
      String problem,
      Path movedAside,
      DraftRecovery.Result readable,
      Clock clock,
      List<String> details) {
    LOG.error("Working without a local database for {}: {}", file, problem);
    try {
      Connection c = DriverManager.getConnection("jdbc:sqlite::memory:", config().toProperties());
      int before = prepare(c, clock, details, true);
      int drafts = readable == null ? 0 : readable.drafts().size();
      int assignments = readable == null ? 0 : readable.assignments().size();
      OpenReport report =
          new OpenReport(
              file,
              OpenReport.Status.TEMPORARY,
              before,
              Migrations.latestVersion(),
              problem,
              movedAside,
              drafts,
              assignments,
              details);
      LocalStore store = new LocalStore(c, null, report, clock);
      if (readable != null) {
        store.restore(readable.drafts(), readable.assignments());
      }
      return store;
    } catch (SQLException e) {
      // Only a broken SQLite installation gets here; there is nothing left to fall back to.
      throw new StoreException(
          "RouteDesk cannot run its local database engine: " + StoreException.describe(e), e);
    }
  }

  static Connection connect(Path file) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:sqlite:" + file.toAbsolutePath(), config().toProperties());
  }

  private static SQLiteConfig config() {
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout(BUSY_TIMEOUT_MS);
    config.enforceForeignKeys(true);
    // Writers take the lock at BEGIN, so two writers wait (busy timeout) instead of deadlocking.
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    // FULL: a commit is on disk (WAL fsynced) before the call returns; drafts must survive a
    // power cut, not only a crash.
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    return config;
  }

  /** Integrity and schema version of an existing file, without writing to it. */
  private static void checkReadOnly(Path file, List<String> details) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    config.setBusyTimeout(BUSY_TIMEOUT_MS);
    try (Connection c =
        DriverManager.getConnection(
            "jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties())) {
      quickCheck(c, details);
      int version = Migrations.currentVersion(c);
      if (version > Migrations.latestVersion()) {
        throw new Migrations.NewerSchemaException(version, Migrations.latestVersion());
      }
    }
  }

  private static void quickCheck(Connection c, List<String> details) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA quick_check")) {
      String first = rs.next() ? rs.getString(1) : "ok";
      if (!"ok".equalsIgnoreCase(first)) {
        details.add("Integrity check: " + first);
        throw new UnusableFileException("the file is damaged (integrity check failed)");
      }
    }
  }

  /**
   * WAL mode, integrity check (unless already done read-only), migrations. Returns the schema
   * version found before migrating. Throws {@link UnusableFileException} (or a corrupt or
   * not-a-database SQLException) for files to move aside.
   */
  private static int prepare(
      Connection c, Clock clock, List<String> details, boolean integrityCheck) throws SQLException {
    try (Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("PRAGMA journal_mode = WAL")) {
        String mode = rs.next() ? rs.getString(1) : "?";
        if (!"wal".equalsIgnoreCase(mode) && !"memory".equalsIgnoreCase(mode)) {
          details.add("Journal mode is " + mode + " (WAL was requested).");
        }
      }
      s.execute("PRAGMA synchronous = FULL");
    }
    if (integrityCheck) {
      quickCheck(c, details);
    }
    int before = Migrations.currentVersion(c);
    try {
      Migrations.migrate(c, clock);
    } catch (Migrations.NewerSchemaException e) {
      throw e;
    } catch (SQLException e) {
      if (before == 0 && StoreException.primaryCode(e) == 1) {
        // Tables of ours clash with what is in the file: it is some other SQLite database.
        throw new UnusableFileException("the file is not a RouteDesk database");
      }
      throw e;
    }
    return before;
  }

  private static String problemText(Throwable e) {
    return e instanceof UnusableFileException || e instanceof Migrations.NewerSchemaException
        ? e.getMessage()
        : StoreException.describe(asSql(e));
  }

  private static boolean isUnusableFile(Throwable e) {
    if (e instanceof UnusableFileException || e instanceof Migrations.NewerSchemaException) {
      return true;
    }
    int code = StoreException.primaryCode(e);
    // SQLITE_CORRUPT, SQLITE_FORMAT, SQLITE_NOTADB
    return code == 11 || code == 24 || code == 26;
  }

  /** Where the unusable file went, and whether a new database may be created in its place. */
  private record Moved(Path aside, boolean safeToCreate) {}

  /**
   * Renames the file to "NAME.unusable-STAMP" and its companions to match (so SQLite still finds
   * the WAL of the moved file). Returns null when the file could not be moved.
   */
  private static Moved moveAside(Path file, Clock clock, List<String> details) {
    String base = file.getFileName() + ".unusable-" + ASIDE_STAMP.format(clock.instant());
    Path aside = file.resolveSibling(base);
    for (int n = 2; Files.exists(aside, LinkOption.NOFOLLOW_LINKS); n++) {
      aside = file.resolveSibling(base + "-" + n);
    }
    try {
      Files.move(file, aside);
    } catch (IOException | RuntimeException e) {
      details.add("Moving the unusable file aside failed: " + e);
      return null;
    }
    details.add("Moved the unusable file to " + aside + ".");
    for (String suffix : COMPANION_SUFFIXES) {
      Path companion = Path.of(file + suffix);
      if (!Files.exists(companion, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      try {
        Files.move(companion, Path.of(aside + suffix));
      } catch (IOException | RuntimeException e) {
        // A stale -wal next to a new database would be replayed into it: it must go.
        try {
          Files.delete(companion);
          details.add("Could not move " + companion.getFileName() + "; deleted it: " + e);
        } catch (IOException | RuntimeException e2) {
          details.add("Could not move or delete " + companion + ": " + e2);
          return new Moved(aside, false);
        }
      }
    }
    return new Moved(aside, true);
  }

  private static SQLException asSql(Throwable e) {
    return e instanceof SQLException sql ? sql : new SQLException(String.valueOf(e), e);
  }

  private static void closeQuietly(Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // Closing a connection to a file we are about to move aside or give up on.
      }
    }
  }
}
