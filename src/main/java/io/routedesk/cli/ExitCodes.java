package io.routedesk.cli;

/** The exit codes of every command; docs/command-line.md lists them for scripts. */
public final class ExitCodes {
  private ExitCodes() {}

  /** Done; for plan: no changes; for check: no findings. */
  public static final int OK = 0;

  /**
   * Errors: a bad file, lint errors, an account that cannot be opened, a failed request; for apply:
   * some change failed (or nothing was sent because of errors).
   */
  public static final int ERRORS = 1;

  /** plan: there are changes to apply; check: warnings only. */
  public static final int CHANGES = 2;

  /** apply: finished, but numbers changed since the plan were left alone (conflicts). */
  public static final int CONFLICTS = 3;

  /** apply: cancelled (Ctrl+C) before everything was sent. */
  public static final int CANCELLED = 4;

  /** The command line itself is wrong (unknown option, missing argument). */
  public static final int USAGE = 64;
}
