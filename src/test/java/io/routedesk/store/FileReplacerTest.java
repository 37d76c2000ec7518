package io.routedesk.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.CopyOption;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileReplacerTest {
  @TempDir Path dir;

  private final List<Duration> pauses = new ArrayList<>();
  private final List<List<CopyOption>> moves = new ArrayList<>();

  /** Refuses the first {@code refusals} moves as Windows does while a scanner holds the file. */
  private FileReplacer.Mover deniedTimes(int refusals) {
    return (source, target, options) -> {
      moves.add(List.of(options));
      if (moves.size() <= refusals) {
        throw new AccessDeniedException(target.toString());
      }
      Files.move(source, target, options);
    };
  }

  private FileReplacer replacer(FileReplacer.Mover mover) {
    return new FileReplacer(mover, pauses::add, FileReplacer.STANDARD_WAITS);
  }

  private Path file(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  @Test
  void replacesAtOnceWhenNothingHoldsTheFile() throws IOException {
    Path target = file("settings.json", "old");
    replacer(deniedTimes(0)).replace(file("settings.json.tmp", "new"), target);

    assertThat(target).hasContent("new");
    assertThat(pauses).isEmpty();
    assertThat(moves.getFirst())
        .containsExactly(StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  @Test
  void retriesAfterAccessDeniedUntilTheMoveGoesThrough() throws IOException {
    Path target = file("settings.json", "old");
    Path temp = file("settings.json.tmp", "new");

    replacer(deniedTimes(3)).replace(temp, target);

    assertThat(target).hasContent("new");
    assertThat(temp).doesNotExist();
    assertThat(moves).hasSize(4);
    assertThat(pauses).containsExactlyElementsOf(FileReplacer.STANDARD_WAITS.subList(0, 3));
  }

  @Test
  void givesUpAfterTheLastWaitAndLeavesTheOldFile() throws IOException {
    Path target = file("settings.json", "old");
    Path temp = file("settings.json.tmp", "new");
    int attempts = FileReplacer.STANDARD_WAITS.size() + 1;

    assertThatThrownBy(() -> replacer(deniedTimes(attempts)).replace(temp, target))
        .isInstanceOf(AccessDeniedException.class);

    assertThat(target).hasContent("old");
    assertThat(temp).hasContent("new");
    assertThat(moves).hasSize(attempts);
    assertThat(pauses).containsExactlyElementsOf(FileReplacer.STANDARD_WAITS);
  }

  @Test
  void otherFailuresAreNotRetried() throws IOException {
    Path target = file("settings.json", "old");
    FileReplacer.Mover diskFull =
        (source, dest, options) -> {
          moves.add(List.of(options));
          throw new FileSystemException(dest.toString(), null, "No space left on device");
        };

    assertThatThrownBy(() -> replacer(diskFull).replace(file("t.tmp", "new"), target))
        .isInstanceOf(FileSystemException.class)
        .isNotInstanceOf(AccessDeniedException.class);
    assertThat(moves).hasSize(1);
    assertThat(pauses).isEmpty();
  }

  @Test
  void interruptedWhileWaitingGivesUpAndKeepsTheInterrupt() throws IOException {
    Path target = file("settings.json", "old");
    FileReplacer interrupted =
        new FileReplacer(
            deniedTimes(1),
            d -> {
              throw new InterruptedException();
            },
            FileReplacer.STANDARD_WAITS);
    try {
      assertThatThrownBy(() -> interrupted.replace(file("t.tmp", "new"), target))
          .isInstanceOf(AccessDeniedException.class);
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
    assertThat(target).hasContent("old");
  }

  @Test
  void fileSystemsWithoutAtomicMovesGetAPlainReplace() throws IOException {
    Path target = file("settings.json", "old");
    FileReplacer.Mover noAtomic =
        (source, dest, options) -> {
          moves.add(List.of(options));
          if (List.of(options).contains(StandardCopyOption.ATOMIC_MOVE)) {
            throw new AtomicMoveNotSupportedException(source.toString(), dest.toString(), "no");
          }
          Files.move(source, dest, options);
        };

    replacer(noAtomic).replace(file("t.tmp", "new"), target);

    assertThat(target).hasContent("new");
    assertThat(moves.getLast()).containsExactly(StandardCopyOption.REPLACE_EXISTING);
  }
}
