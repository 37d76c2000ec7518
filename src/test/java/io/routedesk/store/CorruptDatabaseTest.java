package io.routedesk.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.routedesk.domain.Draft;
import io.routedesk.domain.NewRoute;
import io.routedesk.domain.RouteType;
import io.routedesk.domain.VoiceSlot;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bad database file never stops the app: it is moved aside (with its -wal/-shm), a new one is
 * created, every draft that can still be read is carried over, and the report says so.
 */
class CorruptDatabaseTest {
  @TempDir Path dir;

  private Path accountFile() throws IOException {
    Path accounts = dir.resolve("accounts");
    Files.createDirectories(accounts);
    return accounts.resolve("acct.db");
  }

  /** Five drafts (two with pending assignments) followed by a large cache, closed cleanly. */
  private static Set<UUID> databaseWithDraftsThenCache(Path file) {
    Set<UUID> ids = new LinkedHashSet<>();
    try (LocalStore store = LocalStore.open(file)) {
      for (int i = 0; i < 5; i++) {
        Draft d =
            store.createDraft(
                new NewRoute(RouteType.HOST, "pbx" + i + ".example.com", "d" + i, null));
        ids.add(d.id());
        if (i < 2) {
          store.addPendingAssignment(d.id(), "1206555000" + i, VoiceSlot.PRIMARY);
        }
      }
      SnapshotFixtures.save(store, SnapshotFixtures.account(500, 5_000, 9, Instant.EPOCH));
    }
    return ids;
  }

  private static Set<UUID> draftIds(LocalStore store) {
    return store.listDrafts().stream().map(Draft::id).collect(Collectors.toSet());
  }

  private static void assertFreshAndUsable(LocalStore store) {
    assertThat(store.integrityCheck()).isEqualTo("ok");
    assertThat(store.schemaVersion()).isEqualTo(Migrations.latestVersion());
    Draft d = store.createDraft(new NewRoute(RouteType.NUMBER, "12065550100", "after", null));
    assertThat(store.findDraft(d.id())).isPresent();
  }

  private static List<Path> asideFiles(Path file) throws IOException {
    try (Stream<Path> s = Files.list(file.getParent())) {
      return s.filter(p -> p.getFileName().toString().startsWith(file.getFileName() + ".unusable-"))
          .sorted()
          .toList();
    }
  }

  @Test
  void aFileOfRandomBytesIsMovedAsideAndReplaced() throws Exception {
    Path file = accountFile();
    byte[] garbage = new byte[64 * 1024];
    new Random(1).nextBytes(garbage);
    Files.write(file, garbage);

    try (LocalStore store = LocalStore.open(file)) {
      OpenReport report = store.openReport();
      assertThat(report.status()).isEqualTo(OpenReport.Status.RECOVERED);
      assertThat(report.needsAttention()).isTrue();
      assertThat(report.problem()).contains("damaged");
      assertThat(report.draftsRecovered()).isZero();
      assertThat(report.movedAsideTo()).exists();
      assertThat(Files.readAllBytes(report.movedAsideTo())).isEqualTo(garbage);
      assertThat(report.summary())
          .contains(report.movedAsideTo().getFileName().toString())
          .contains("no drafts could be recovered");
      assertThat(store.file()).contains(file);
      assertFreshAndUsable(store);
    }
    try (LocalStore again = LocalStore.open(file)) {
      assertThat(again.openReport().status()).isEqualTo(OpenReport.Status.OPENED);
      assertThat(again.listDrafts()).hasSize(1);
    }
  }

  @Test
  void aTruncatedFileGivesBackTheDraftsStillInIt() throws Exception {
    Path file = accountFile();
    Set<UUID> ids = databaseWithDraftsThenCache(file);
    long size = Files.size(file);
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(size / 2);
    }

    try (LocalStore store = LocalStore.open(file)) {
      OpenReport report = store.openReport();
      assertThat(report.status()).isEqualTo(OpenReport.Status.RECOVERED);
      assertThat(report.draftsRecovered()).as("%s", report.details()).isEqualTo(5);
      assertThat(report.pendingAssignmentsRecovered()).isEqualTo(2);
      assertThat(report.summary()).contains("5 drafts and 2 pending assignments were recovered");
      assertThat(draftIds(store)).isEqualTo(ids);
      assertThat(store.allPendingAssignments()).hasSize(2);
      assertThat(store.loadSnapshot().isRefreshed()).isFalse();
      assertFreshAndUsable(store);
    }
  }

  @Test
  void damageInTheMiddleCostsOnlyTheCache() throws Exception {
    Path file = accountFile();
    Set<UUID> ids = databaseWithDraftsThenCache(file);
    long size = Files.size(file);
    byte[] noise = new byte[(int) (size / 5)];
    new Random(2).nextBytes(noise);
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(size / 2);
      raf.write(noise);
    }

    try (LocalStore store = LocalStore.open(file)) {
      OpenReport report = store.openReport();
      assertThat(report.status()).isEqualTo(OpenReport.Status.RECOVERED);
      assertThat(report.details()).anyMatch(s -> s.startsWith("Integrity check"));
      assertThat(draftIds(store)).isEqualTo(ids);
      assertFreshAndUsable(store);
    }
  }

  @Test
  void draftsThatWereOnlyInTheWalAreRecoveredToo() throws Exception {
    Path file = accountFile();
    // A cache checkpointed into the main file...
    databaseWithDraftsThenCache(file);
    Path crashed = file.resolveSibling("crashed.db");
    Set<UUID> walOnly = new HashSet<>();
    try (LocalStore store = LocalStore.open(file)) {
      // ...then drafts committed to the WAL only, and a copy taken as a crash would leave it.
      for (int i = 0; i < 3; i++) {
        walOnly.add(
            store.createDraft(new NewRoute(RouteType.HOST, "w.example.com", "w" + i, null)).id());
      }
      Files.copy(file, crashed, StandardCopyOption.REPLACE_EXISTING);
      Files.copy(
          Path.of(file + "-wal"), Path.of(crashed + "-wal"), StandardCopyOption.REPLACE_EXISTING);
    }
    long size = Files.size(crashed);
    byte[] noise = new byte[(int) (size / 5)];
    new Random(3).nextBytes(noise);
    try (RandomAccessFile raf = new RandomAccessFile(crashed.toFile(), "rw")) {
      raf.seek(size / 2);
      raf.write(noise);
    }

    try (LocalStore store = LocalStore.open(crashed)) {
      OpenReport report = store.openReport();
      assertThat(report.status()).isEqualTo(OpenReport.Status.RECOVERED);
      assertThat(draftIds(store)).containsAll(walOnly).hasSize(8 + 1 - 1);
      assertThat(Path.of(report.movedAsideTo() + "-wal")).exists();
      assertFreshAndUsable(store);
    }
  }

  @Test
  void aFolderWhereTheFileShouldBeIsMovedAside() throws Exception {
    Path file = accountFile();
    Files.createDirectories(file.resolve("something"));

    try (LocalStore store = LocalStore.open(file)) {
      OpenReport report = store.openReport();
      assertThat(report.status()).isEqualTo(OpenReport.Status.RECOVERED);
      assertThat(report.problem()).contains("folder");
      assertThat(report.movedAsideTo()).isDirectory();
      assertThat(report.movedAsideTo().resolve("something")).isDirectory();
      assertThat(Files.isRegularFile(file)).isTrue();
      assertFreshAndUsable(store);
    }
  }

  @Test
  void anUnreadableFileIsMovedAside() throws Exception {
    Path file = accountFile();
    // Windows file systems have no POSIX permissions; asked before anything is set.
    assumeTrue(
        Files.getFileStore(file.getParent())
            .supportsFileAttributeView(PosixFileAttributeView.class),
        "this file system has no POSIX permissions to take away");
    databaseWithDraftsThenCache(file);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
    // root reads anything: the permission case cannot be staged for it.
    assumeFalse(Files.isReadable(file), "running as root");

    try (LocalStore store = LocalStore.open(file)) {
      OpenReport report = store.openReport();
      assertThat(report.status()).isEqualTo(OpenReport.Status.RECOVERED);
      assertThat(report.problem()).contains("cannot be read");
      assertFreshAndUsable(store);
    }
  }

  @Test
  void aRepeatedProblemGetsItsOwnAsideName() throws Exception {
    Path file = accountFile();
    Clock fixed = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);
    List<Path> asides = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      Files.write(file, "not a database at all, just text".repeat(100).getBytes());
      Files.deleteIfExists(Path.of(file + "-wal"));
      Files.deleteIfExists(Path.of(file + "-shm"));
      try (LocalStore store = LocalStore.open(file, fixed)) {
        asides.add(store.openReport().movedAsideTo());
      }
    }
    assertThat(asides.get(0).getFileName().toString())
        .isEqualTo("acct.db.unusable-20261127T100000Z");
    assertThat(asides.get(1).getFileName().toString())
        .isEqualTo("acct.db.unusable-20261127T100000Z-2");
    assertThat(asideFiles(file)).contains(asides.get(0), asides.get(1));
  }

  @Test
  void whenNothingCanBeWrittenTheStoreWorksInMemoryAndSaysSo() throws Exception {
    Path blocker = dir.resolve("blocker");
    Files.writeString(blocker, "a file where the accounts folder should be");
    Path file = blocker.resolve("accounts").resolve("acct.db");

    try (LocalStore store = LocalStore.open(file)) {
      OpenReport report = store.openReport();
      assertThat(report.status()).isEqualTo(OpenReport.Status.TEMPORARY);
      assertThat(report.needsAttention()).isTrue();
      assertThat(report.summary()).contains("will be lost when the app closes");
      assertThat(store.file()).isEmpty();
      Draft d = store.createDraft(new NewRoute(RouteType.HOST, "h.example.com", "mem", null));
      assertThat(store.listDrafts()).containsExactly(d);
    }
    assertThat(Files.readString(blocker)).startsWith("a file");
  }
}
