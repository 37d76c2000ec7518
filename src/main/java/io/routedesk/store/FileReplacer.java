package io.routedesk.store;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.CopyOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a freshly written file in place of another in one step (readers see the old or the new file,
 * never half of one), and retries briefly when the OS refuses.
 *
 * <p>Why the retries: on Windows a replace fails with "access denied" while another program has the
 * target open without sharing its deletion, which antivirus scanners, the search indexer and backup
 * tools do for a moment after every write. Waiting a fraction of a second nearly always gets
 * through; giving up at once would lose the user's settings change.
 */
final class FileReplacer {
  private static final Logger log = LoggerFactory.getLogger(FileReplacer.class);

  /** The waits between attempts: about 0.6 s in all before giving up. */
  static final List<Duration> STANDARD_WAITS =
      List.of(
          Duration.ofMillis(10),
          Duration.ofMillis(20),
          Duration.ofMillis(40),
          Duration.ofMillis(80),
          Duration.ofMillis(160),
          Duration.ofMillis(320));

  /** {@link Files#move}, or a test's stand-in for it. */
  @FunctionalInterface
  interface Mover {
    void move(Path source, Path target, CopyOption... options) throws IOException;
  }

  /** {@link Thread#sleep(Duration)}, or a test's stand-in for it. */
  @FunctionalInterface
  interface Pause {
    void pause(Duration duration) throws InterruptedException;
  }

  private static final FileReplacer STANDARD =
      new FileReplacer(
          (source, target, options) -> Files.move(source, target, options),
          Thread::sleep,
          STANDARD_WAITS);

  private final Mover mover;
  private final Pause pause;
  private final List<Duration> waits;

  FileReplacer(Mover mover, Pause pause, List<Duration> waits) {
    this.mover = Objects.requireNonNull(mover, "mover");
    this.pause = Objects.requireNonNull(pause, "pause");
    this.waits = List.copyOf(waits);
  }

  static FileReplacer standard() {
    return STANDARD;
  }

  /**
   * Moves {@code source} over {@code target} (atomically where the file system can), retrying after
   * each wait while the OS denies access.
   *
   * @throws AccessDeniedException when access is still denied after the last wait (or the thread
   *     was interrupted while waiting: its interrupt flag is then set again)
   * @throws IOException any other failure, at once
   */
  void replace(Path source, Path target) throws IOException {
    for (int attempt = 0; ; attempt++) {
      try {
        moveInOneStep(source, target);
        if (attempt > 0) {
          log.info("Replaced {} after {} refused attempts", target.getFileName(), attempt);
        }
        return;
      } catch (AccessDeniedException denied) {
        if (attempt >= waits.size()) {
          throw denied;
        }
        log.debug("Access to {} denied, trying again", target.getFileName(), denied);
        try {
          pause.pause(waits.get(attempt));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw denied;
        }
      }
    }
  }

  private void moveInOneStep(Path source, Path target) throws IOException {
    try {
      mover.move(
          source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      mover.move(source, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
