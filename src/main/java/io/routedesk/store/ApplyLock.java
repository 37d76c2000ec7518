package io.routedesk.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The lock held while changes are sent to an account (publishing drafts, applying a batch), shared
 * by every thread and every process that opens the same account database: a file lock on {@code
 * <database>.apply.lock} plus an in-process lock, since a JVM cannot hold one file lock twice. A
 * draft is therefore published by one process at a time, and the other then finds it published.
 *
 * <p>The operating system releases the file lock when a process dies, so a crash never leaves the
 * account locked.
 */
public final class ApplyLock {
  private static final Map<String, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();
  private static final Duration POLL = Duration.ofMillis(25);

  private final Path lockFile;
  private final ReentrantLock local;

  private ApplyLock(Path lockFile, String key) {
    this.lockFile = lockFile;
    this.local = IN_PROCESS.computeIfAbsent(key, k -> new ReentrantLock());
  }

  /** The lock of the account whose database is {@code databaseFile}. */
  public static ApplyLock forDatabase(Path databaseFile) {
    Path file = databaseFile.toAbsolutePath().normalize();
    Path lock = file.resolveSibling(file.getFileName() + ".apply.lock");
    return new ApplyLock(lock, lock.toString());
  }

  /** The lock for this store: by its file, or for a store in memory, this process only. */
  public static ApplyLock of(LocalStore store) {
    return store
        .file()
        .map(ApplyLock::forDatabase)
        .orElseGet(() -> new ApplyLock(null, "memory-" + System.identityHashCode(store)));
  }

  /**
   * Waits up to {@code timeout} for the lock. Empty when another thread or process kept it that
   * long. Close the returned hold to release it. Blocking: call from a worker thread.
   */
  public Optional<Held> acquire(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    if (!local.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
      return Optional.empty();
    }
    if (local.getHoldCount() > 1 || lockFile == null) {
      return Optional.of(new Held(null, null));
    }
    try {
      Files.createDirectories(lockFile.getParent());
      FileChannel channel =
          FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      try {
        while (true) {
          FileLock lock;
          try {
            lock = channel.tryLock();
          } catch (OverlappingFileLockException e) {
            lock = null;
          }
          if (lock != null) {
            return Optional.of(new Held(channel, lock));
          }
          if (System.nanoTime() >= deadline) {
            channel.close();
            local.unlock();
            return Optional.empty();
          }
          // Another process holds it; the file lock API has no timed wait.
          Thread.sleep(POLL);
        }
      } catch (IOException | InterruptedException | RuntimeException e) {
        channel.close();
        throw e;
      }
    } catch (IOException e) {
      local.unlock();
      throw new StoreException(
          "Could not take the lock that keeps two RouteDesk windows from changing the account at"
              + " once ("
              + lockFile
              + "): "
              + e.getMessage(),
          e);
    } catch (InterruptedException | RuntimeException e) {
      local.unlock();
      throw e;
    }
  }

  /** A held lock; closing it releases it. */
  public final class Held implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;
    private boolean released;

    private Held(FileChannel channel, FileLock lock) {
      this.channel = channel;
      this.lock = lock;
    }

    @Override
    public void close() {
      if (released) {
        return;
      }
      released = true;
      try {
        if (lock != null) {
          lock.release();
          channel.close();
        }
      } catch (IOException e) {
        // Closing the channel releases the lock in any case; the process exit does too.
      } finally {
        local.unlock();
      }
    }
  }
}
