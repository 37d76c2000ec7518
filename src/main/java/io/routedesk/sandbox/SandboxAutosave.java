package io.routedesk.sandbox;

import java.io.IOException;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a sandbox account in its {@link SandboxStateFile}: every change is written soon after it is
 * made, on one background thread. Changes made while a write runs are written together in the next
 * one, so a burst of requests costs a few writes, not one each. {@link #close()} writes what is
 * left.
 */
public final class SandboxAutosave implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SandboxAutosave.class);

  private final SandboxAccount account;
  private final SandboxStateFile file;
  private final Thread writer;
  private final Object monitor = new Object();
  private long changes; // guarded by monitor
  private long written; // guarded by monitor
  private boolean closed; // guarded by monitor
  private boolean failing; // writer thread only

  /** Starts watching the account: from now on its changes go to the file. */
  public SandboxAutosave(SandboxAccount account, SandboxStateFile file) {
    this.account = Objects.requireNonNull(account, "account");
    this.file = Objects.requireNonNull(file, "file");
    this.writer = Thread.ofPlatform().daemon().name("routedesk-sandbox-save").start(this::run);
    account.onChange(this::changed);
  }

  /** Waits until every change made before this call has been written (or its write failed). */
  public void flush() throws InterruptedException {
    synchronized (monitor) {
      long target = changes;
      while (written < target && writer.isAlive()) {
        monitor.wait(100);
      }
    }
  }

  /** Writes what is left, then stops watching. */
  @Override
  public void close() {
    account.onChange(() -> {});
    synchronized (monitor) {
      closed = true;
      monitor.notifyAll();
    }
    try {
      writer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void changed() {
    synchronized (monitor) {
      changes++;
      monitor.notifyAll();
    }
  }

  private void run() {
    while (true) {
      long target;
      synchronized (monitor) {
        while (written == changes && !closed) {
          try {
            monitor.wait();
          } catch (InterruptedException e) {
            return;
          }
        }
        if (written == changes) {
          return; // closed, nothing left
        }
        target = changes;
      }
      write();
      synchronized (monitor) {
        written = target;
        monitor.notifyAll();
      }
    }
  }

  private void write() {
    try {
      file.write(account.state());
      if (failing) {
        LOG.info("The sandbox account is saved in {} again", file.file());
        failing = false;
      }
    } catch (IOException | RuntimeException e) {
      // The sandbox goes on in memory; the next change tries again.
      if (!failing) {
        LOG.warn("Could not save the sandbox account in {}", file.file(), e);
        failing = true;
      }
    }
  }
}
