package io.routedesk.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves the account databases from the folder an earlier RouteDesk kept them in to the current one,
 * once, before any database is opened. On Windows they lived in the roaming profile (%APPDATA%),
 * which companies often redirect to a network share where SQLite's write-ahead log does not work;
 * they now live in %LOCALAPPDATA% ({@link AppDirs}).
 *
 * <p>Nothing is lost on the way, whatever fails or wherever the app is stopped: every file is first
 * copied under a temporary name into the new folder (the move may cross drives), then all copies
 * are renamed into place, and only then are the old files deleted. When copying or renaming fails,
 * the copies are removed and the app keeps using the old folder for this run; the next start tries
 * again. A database that exists in both places with different contents is left alone in the old
 * place with its log files (the new one is used) and logged.
 */
public final class FormerDataMove {
  private static final String ACCOUNTS = "accounts";
  private static final String COPYING = ".moving";
  private static final List<String> SQLITE_SIDE_FILES = List.of("-wal", "-shm", "-journal");

  /** What happened, for the log and the tests. */
  public record Outcome(AppDirs dirs, int moved, List<Path> leftInFormerFolder, String failure) {
    public boolean failed() {
      return failure != null;
    }
  }

  private final FileReplacer.Mover mover;

  /**
   * Looked up only when there is something to say: this runs on every start before the Launcher
   * lets logging start on a thread of its own, and a first logger would start it here instead.
   */
  private static Logger log() {
    return LoggerFactory.getLogger(FormerDataMove.class);
  }

  FormerDataMove(FileReplacer.Mover mover) {
    this.mover = Objects.requireNonNull(mover, "mover");
  }

  /**
   * Moves the data of an earlier version into {@code dirs.data()} if there is any, and returns the
   * folders to use for this run: {@code dirs}, or {@code dirs} with the former data folder when the
   * move failed.
   */
  public static AppDirs moveIfNeeded(AppDirs dirs, Optional<Path> formerData) {
    Outcome outcome =
        new FormerDataMove((source, target, options) -> Files.move(source, target, options))
            .move(dirs, formerData);
    return outcome.dirs();
  }

  Outcome move(AppDirs dirs, Optional<Path> formerData) {
    if (formerData.isEmpty() || formerData.get().equals(dirs.data())) {
      return new Outcome(dirs, 0, List.of(), null);
    }
    Path from = formerData.get().resolve(ACCOUNTS);
    Path to = dirs.data().resolve(ACCOUNTS);
    if (!Files.isDirectory(from)) {
      return new Outcome(dirs, 0, List.of(), null);
    }
    List<Path> files;
    try {
      files = filesUnder(from);
    } catch (IOException | UncheckedIOException e) {
      return keepFormer(dirs, formerData.get(), "cannot list " + from + ": " + e.getMessage());
    }

    List<Path> toMove = new ArrayList<>();
    List<Path> left = new ArrayList<>();
    List<Path> same = new ArrayList<>();
    for (Path file : files) {
      Path target = to.resolve(from.relativize(file).toString());
      if (!Files.exists(target)) {
        toMove.add(file);
      } else if (sameContent(file, target)) {
        same.add(file); // copied and renamed by an earlier start that stopped before deleting
      } else {
        left.add(file);
      }
    }
    // A database and its -wal/-shm/-journal files belong together: a log file beside another
    // database would corrupt it. When any of them stays behind, they all do.
    Set<Path> groupsLeft = new HashSet<>();
    left.forEach(file -> groupsLeft.add(databaseOf(file)));
    for (List<Path> list : List.of(toMove, same)) {
      list.removeIf(
          file -> {
            boolean stays = groupsLeft.contains(databaseOf(file));
            if (stays) {
              left.add(file);
            }
            return stays;
          });
    }
    if (!left.isEmpty()) {
      log()
          .warn(
              "{} file(s) in {} also exist, with other contents, in {}; the new ones are used and the"
                  + " old ones left where they are: {}",
              left.size(),
              from,
              to,
              left);
    }

    // 1. Copies under temporary names; 2. all renamed into place; 3. the old files deleted.
    List<Path> placed = new ArrayList<>();
    try {
      for (Path file : toMove) {
        Path target = to.resolve(from.relativize(file).toString());
        Files.createDirectories(target.getParent());
        Path copy = target.resolveSibling(target.getFileName() + COPYING);
        Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
      }
      for (Path file : toMove) {
        Path target = to.resolve(from.relativize(file).toString());
        mover.move(target.resolveSibling(target.getFileName() + COPYING), target);
        placed.add(target);
      }
    } catch (IOException e) {
      undo(from, to, toMove, placed);
      return keepFormer(dirs, formerData.get(), "moving to " + to + " failed: " + e);
    }

    List<Path> done = new ArrayList<>(toMove);
    done.addAll(same);
    for (Path file : done) {
      try {
        Files.delete(file);
      } catch (NoSuchFileException gone) {
        // nothing to clean up
      } catch (IOException e) {
        log().warn("Moved {} to {} but could not delete the old file: {}", file, to, e.toString());
        left.add(file);
      }
    }
    if (left.isEmpty()) {
      deleteEmptyFolders(from);
    }
    if (!toMove.isEmpty()) {
      log().info("Moved {} file(s) of local data from {} to {}", toMove.size(), from, to);
    }
    return new Outcome(dirs, toMove.size(), List.copyOf(left), null);
  }

  private Outcome keepFormer(AppDirs dirs, Path formerData, String why) {
    log().warn("Local data stays in {} for now ({}); the next start tries again", formerData, why);
    return new Outcome(new AppDirs(dirs.config(), formerData, dirs.logs()), 0, List.of(), why);
  }

  /** Removes every copy made (temporary or renamed): the old files are all still there. */
  private static void undo(Path from, Path to, List<Path> toMove, List<Path> placed) {
    for (Path file : toMove) {
      Path target = to.resolve(from.relativize(file).toString());
      try {
        Files.deleteIfExists(target.resolveSibling(target.getFileName() + COPYING));
        if (placed.contains(target)) {
          Files.deleteIfExists(target);
        }
      } catch (IOException e) {
        log().warn("Could not remove the partial copy of {}: {}", file, e.toString());
      }
    }
  }

  /** The database a file belongs to: itself, or the database of a -wal, -shm or -journal file. */
  private static Path databaseOf(Path file) {
    String name = file.getFileName().toString();
    for (String suffix : SQLITE_SIDE_FILES) {
      if (name.endsWith(suffix)) {
        return file.resolveSibling(name.substring(0, name.length() - suffix.length()));
      }
    }
    return file;
  }

  private static List<Path> filesUnder(Path folder) throws IOException {
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().endsWith(COPYING))
          .sorted()
          .toList();
    }
  }

  private static boolean sameContent(Path a, Path b) {
    try {
      return Files.mismatch(a, b) == -1L;
    } catch (IOException e) {
      return false;
    }
  }

  private static void deleteEmptyFolders(Path folder) {
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path p : walk.sorted((x, y) -> y.getNameCount() - x.getNameCount()).toList()) {
        if (Files.isDirectory(p)) {
          try (Stream<Path> inside = Files.list(p)) {
            if (inside.findAny().isEmpty()) {
              Files.delete(p);
            }
          }
        }
      }
    } catch (IOException | UncheckedIOException e) {
      log().debug("Could not remove the empty former data folder {}", folder, e);
    }
  }
}
