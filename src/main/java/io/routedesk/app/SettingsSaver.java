package io.routedesk.app;

import io.routedesk.store.UiSettings;
import io.routedesk.store.UiSettingsFile;
import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes window preferences off the FX thread, at most once per half second: moving or resizing the
 * window produces a burst of changes, and only the last one is written.
 */
final class SettingsSaver implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SettingsSaver.class);
  private static final long DELAY_MS = 500;

  private final UiSettingsFile file;
  private final ScheduledExecutorService writer =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("routedesk-settings").factory());
  private UiSettings pending;
  private ScheduledFuture<?> scheduled;

  SettingsSaver(UiSettingsFile file) {
    this.file = file;
  }

  /** Remembers the newest settings and writes them shortly. Callable from any thread. */
  synchronized void save(UiSettings settings) {
    pending = settings;
    if (scheduled == null || scheduled.isDone()) {
      scheduled = writer.schedule(this::writePending, DELAY_MS, TimeUnit.MILLISECONDS);
    }
  }

  private void writePending() {
    UiSettings s;
    synchronized (this) {
      s = pending;
      pending = null;
    }
    if (s == null) {
      return;
    }
    try {
      file.save(s);
    } catch (IOException e) {
      LOG.warn("Window preferences not saved to {}: {}", file.path(), e.getMessage());
    }
  }

  /** Writes what is pending now (on exit), then stops the writer thread. */
  @Override
  public void close() {
    writer.shutdown();
    try {
      writer.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    writePending();
  }
}
