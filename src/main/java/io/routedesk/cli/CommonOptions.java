package io.routedesk.cli;

import picocli.CommandLine.Option;

/** The options every command takes: which account, and the output form. */
final class CommonOptions {
  static final String ACCESS_KEY_ENV = "ROUTEDESK_ACCESS_KEY";
  static final String SECRET_KEY_ENV = "ROUTEDESK_SECRET_KEY";

  @Option(
      names = "--account",
      paramLabel = "NAME",
      description =
          "An account of the RouteDesk window, by its name or id (keys from the OS keystore)."
              + " Default: the account the window used last.")
  String account;

  @Option(
      names = "--api-url",
      paramLabel = "URL",
      description =
          "A Flowroute API address instead of a window account, with the keys from the"
              + " environment variables "
              + ACCESS_KEY_ENV
              + " and "
              + SECRET_KEY_ENV
              + " (never from arguments).")
  String apiUrl;

  @Option(names = "--json", description = "Machine-readable output (one JSON document).")
  boolean json;
}
