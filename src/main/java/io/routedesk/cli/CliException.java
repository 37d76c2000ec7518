package io.routedesk.cli;

/** Ends a command with a message for the user and an exit code (see {@link ExitCodes}). */
final class CliException extends RuntimeException {
  private final int exitCode;

  CliException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  int exitCode() {
    return exitCode;
  }
}
