package io.routedesk.store;

import java.sql.SQLException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * A local database operation failed. The message says what could not be done and, where SQLite
 * tells us, why (disk full, file damaged, locked by another program) in words a user can act on.
 */
public class StoreException extends RuntimeException {

  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * "Could not save the draft: the disk is full, …" from "Could not save the draft" and an error.
   */
  static StoreException wrap(String whatFailed, SQLException e) {
    if (diskFull(e)) {
      // Every write is one transaction, so a full disk loses exactly what this one carried.
      return new StoreException(
          whatFailed
              + ": the disk is full, so none of it was saved (what was saved before is kept)."
              + " Free some space on the disk and try again.",
          e);
    }
    return new StoreException(whatFailed + ": " + describe(e), e);
  }

  /**
   * SQLITE_FULL, or the error a commit gives after SQLite rolled the transaction back by itself
   * because the disk filled up while the transaction was written ("cannot commit - no transaction
   * is active": every statement of it had succeeded, so only writing it out can have failed).
   */
  static boolean diskFull(Throwable t) {
    if (primaryCode(t) == 13) {
      return true;
    }
    for (Throwable c = t; c != null; c = c.getCause()) {
      String message = c.getMessage();
      if (message != null && message.contains("cannot commit - no transaction is active")) {
        return true;
      }
    }
    return false;
  }

  /** A short explanation of an SQLite failure, without file contents or SQL text. */
  static String describe(SQLException e) {
    if (diskFull(e)) {
      return "the disk is full";
    }
    return switch (primaryCode(e)) {
      case 5, 6 ->
          "the local database is busy or locked by another program (is RouteDesk open twice?)";
      case 8 -> "the local database file is read-only";
      case 10 -> "the disk reported an input/output error";
      case 11, 26 -> "the local database file is damaged";
      case 14 -> "the local database file could not be opened";
      case 19 -> "the data breaks a rule of the database (" + firstLine(e.getMessage()) + ")";
      default -> firstLine(e.getMessage());
    };
  }

  /** SQLite's primary result code (the low byte of an extended code), or -1 when unknown. */
  static int primaryCode(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof SQLiteException se) {
        SQLiteErrorCode code = se.getResultCode();
        if (code != null && code != SQLiteErrorCode.UNKNOWN_ERROR) {
          return code.code & 0xff;
        }
        return se.getErrorCode() & 0xff;
      }
      if (c instanceof SQLException sql && sql.getErrorCode() != 0) {
        return sql.getErrorCode() & 0xff;
      }
    }
    return -1;
  }

  private static String firstLine(String s) {
    if (s == null || s.isBlank()) {
      return "unknown database error";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
