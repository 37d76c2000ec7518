package io.routedesk.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The one connection to an account's database, used under a lock by every table family: reads, and
 * writes as one transaction each, committed (and fsynced) before they return.
 */
final class StoreConnection {
  @FunctionalInterface
  interface SqlWork<T> {
    T run(Connection c) throws SQLException;
  }

  private final ReentrantLock lock = new ReentrantLock();
  private final Connection connection;
  private final Clock clock;
  private boolean closed;

  StoreConnection(Connection connection, Clock clock) {
    this.connection = connection;
    this.clock = clock;
  }

  <T> T read(String whatFailed, SqlWork<T> work) {
    lock.lock();
    try {
      ensureOpen();
      return work.run(connection);
    } catch (SQLException e) {
      throw StoreException.wrap(whatFailed, e);
    } finally {
      lock.unlock();
    }
  }

  /** One IMMEDIATE transaction; committed (and fsynced) before returning, rolled back on error. */
  <T> T write(String whatFailed, SqlWork<T> work) {
    return write(whatFailed, work, result -> {});
  }

  /**
   * As {@link #write(String, SqlWork)}; {@code committed} runs once the transaction is committed,
   * still under the lock, so no other read or write comes between (never after a rollback).
   */
  <T> T write(String whatFailed, SqlWork<T> work, Consumer<T> committed) {
    lock.lock();
    try {
      ensureOpen();
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        committed.accept(result);
        return result;
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw StoreException.wrap(whatFailed, e);
    } finally {
      lock.unlock();
    }
  }

  /** The time to record, in the milliseconds the tables keep. */
  Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  void close() {
    lock.lock();
    try {
      if (!closed) {
        closed = true;
        connection.close();
      }
    } catch (SQLException e) {
      throw StoreException.wrap("Could not close the local database", e);
    } finally {
      lock.unlock();
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("The local database was closed.");
    }
  }

  private void rollbackQuietly() {
    try {
      connection.rollback();
    } catch (SQLException ignored) {
      // The original failure is what the caller needs to see.
    }
  }
}
