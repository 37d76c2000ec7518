package io.routedesk.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.routedesk.domain.NewRoute;
import io.routedesk.domain.RouteType;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The move of Windows data from the roaming %APPDATA% to %LOCALAPPDATA%, on injected folders. */
class FormerDataMoveTest {
  @TempDir Path dir;

  private Path roaming;
  private AppDirs dirs;
  private Path oldAccounts;
  private Path newAccounts;

  @BeforeEach
  void folders() throws IOException {
    roaming = dir.resolve("Roaming").resolve("RouteDesk");
    Path local = dir.resolve("Local").resolve("RouteDesk");
    dirs = new AppDirs(roaming, local, local.resolve("logs"));
    oldAccounts = Files.createDirectories(roaming.resolve("accounts"));
    newAccounts = local.resolve("accounts");
    Files.writeString(roaming.resolve("accounts.json"), "{settings}");
  }

  private final FileReplacer.Mover plainMove =
      (source, target, options) -> Files.move(source, target, options);

  private FormerDataMove.Outcome move(FileReplacer.Mover mover) {
    return new FormerDataMove(mover).move(dirs, Optional.of(roaming));
  }

  private Path oldFile(String name, String content) throws IOException {
    return Files.writeString(oldAccounts.resolve(name), content);
  }

  private static long filesIn(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return 0;
    }
    try (Stream<Path> s = Files.walk(folder)) {
      return s.filter(Files::isRegularFile).count();
    }
  }

  @Test
  void databasesMoveWithTheirLogFilesAndSettingsStay() throws IOException {
    oldFile("office.db", "db");
    oldFile("office.db-wal", "wal");
    oldFile("office.db-shm", "shm");
    oldFile("sandbox.db", "sandbox");

    FormerDataMove.Outcome outcome = move(plainMove);

    assertThat(outcome.failed()).isFalse();
    assertThat(outcome.dirs()).isEqualTo(dirs);
    assertThat(outcome.moved()).isEqualTo(4);
    assertThat(newAccounts.resolve("office.db")).hasContent("db");
    assertThat(newAccounts.resolve("office.db-wal")).hasContent("wal");
    assertThat(newAccounts.resolve("office.db-shm")).hasContent("shm");
    assertThat(newAccounts.resolve("sandbox.db")).hasContent("sandbox");
    assertThat(filesIn(newAccounts)).isEqualTo(4);
    assertThat(oldAccounts).doesNotExist();
    assertThat(roaming.resolve("accounts.json")).hasContent("{settings}");
  }

  @Test
  void aRealDatabaseOpensWithItsDraftsAfterTheMove() {
    AppDirs before = new AppDirs(dirs.config(), roaming, dirs.logs());
    UUID draft;
    try (LocalStore store = LocalStore.open(before, "office")) {
      draft = store.createDraft(new NewRoute(RouteType.HOST, "pbx.example.com", "pbx", null)).id();
    }

    AppDirs used = FormerDataMove.moveIfNeeded(dirs, Optional.of(roaming));

    assertThat(used).isEqualTo(dirs);
    assertThat(LocalStore.databaseFile(before, "office")).doesNotExist();
    try (LocalStore store = LocalStore.open(used, "office")) {
      assertThat(store.findDraft(draft)).isPresent();
    }
  }

  @Test
  void nothingToMoveLeavesEverythingAlone() throws IOException {
    Files.delete(oldAccounts);
    FormerDataMove.Outcome outcome = move(plainMove);
    assertThat(outcome.dirs()).isEqualTo(dirs);
    assertThat(outcome.moved()).isZero();
    assertThat(dirs.data()).doesNotExist();

    FormerDataMove.Outcome notWindows = new FormerDataMove(plainMove).move(dirs, Optional.empty());
    assertThat(notWindows.dirs()).isEqualTo(dirs);
  }

  @Test
  void aFailedRenameUndoesTheCopiesAndKeepsUsingTheFormerFolder() throws IOException {
    oldFile("office.db", "db");
    oldFile("office.db-wal", "wal");
    oldFile("sandbox.db", "sandbox");
    AtomicInteger renames = new AtomicInteger();
    FileReplacer.Mover secondRenameRefused =
        (source, target, options) -> {
          if (renames.incrementAndGet() == 2) {
            throw new AccessDeniedException(target.toString());
          }
          Files.move(source, target, options);
        };

    FormerDataMove.Outcome outcome = move(secondRenameRefused);

    assertThat(outcome.failed()).isTrue();
    assertThat(outcome.dirs().data()).isEqualTo(roaming);
    assertThat(outcome.dirs().config()).isEqualTo(dirs.config());
    assertThat(filesIn(newAccounts)).isZero();
    assertThat(oldAccounts.resolve("office.db")).hasContent("db");
    assertThat(oldAccounts.resolve("office.db-wal")).hasContent("wal");
    assertThat(oldAccounts.resolve("sandbox.db")).hasContent("sandbox");

    // The next start tries again and gets through.
    FormerDataMove.Outcome again = move(plainMove);
    assertThat(again.dirs()).isEqualTo(dirs);
    assertThat(filesIn(newAccounts)).isEqualTo(3);
    assertThat(oldAccounts).doesNotExist();
  }

  @Test
  void aStartStoppedBeforeDeletingFinishesTheMoveNextTime() throws IOException {
    oldFile("office.db", "db");
    Files.createDirectories(newAccounts);
    Files.writeString(newAccounts.resolve("office.db"), "db");
    Files.writeString(newAccounts.resolve("office.db-wal.moving"), "half a co");
    oldFile("office.db-wal", "wal");

    FormerDataMove.Outcome outcome = move(plainMove);

    assertThat(outcome.dirs()).isEqualTo(dirs);
    assertThat(newAccounts.resolve("office.db")).hasContent("db");
    assertThat(newAccounts.resolve("office.db-wal")).hasContent("wal");
    assertThat(newAccounts.resolve("office.db-wal.moving")).doesNotExist();
    assertThat(oldAccounts).doesNotExist();
  }

  @Test
  void aDatabaseInBothPlacesWithOtherContentsIsLeftInTheOldOneWithItsLog() throws IOException {
    Path stale = oldFile("office.db", "old copy");
    Path staleLog = oldFile("office.db-wal", "old log");
    oldFile("sandbox.db", "sandbox");
    Files.createDirectories(newAccounts);
    Files.writeString(newAccounts.resolve("office.db"), "in use");

    FormerDataMove.Outcome outcome = move(plainMove);

    assertThat(outcome.failed()).isFalse();
    assertThat(outcome.leftInFormerFolder()).containsExactlyInAnyOrder(stale, staleLog);
    assertThat(stale).hasContent("old copy");
    assertThat(staleLog).hasContent("old log");
    // The old log must not end up beside the other database.
    assertThat(newAccounts.resolve("office.db-wal")).doesNotExist();
    assertThat(newAccounts.resolve("office.db")).hasContent("in use");
    assertThat(newAccounts.resolve("sandbox.db")).hasContent("sandbox");
  }
}
