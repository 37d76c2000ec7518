package io.routedesk.cli;

import io.routedesk.store.AppDirs;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Where a command runs: its output streams, environment and the app's accounts. Injected so the
 * end-to-end tests run the real commands in the test JVM.
 *
 * @param out results (the plan, --json documents)
 * @param err progress, notices and error messages
 * @param in answers to questions (apply without --yes)
 * @param env environment variables (ROUTEDESK_ACCESS_KEY, ROUTEDESK_SECRET_KEY)
 * @param terminal true when a person is at a terminal: progress bars and questions
 * @param dirs the app's folders: --api-url keeps its change history in the data folder
 * @param accounts opens the window's accounts on first use of --account
 */
public record CliContext(
    PrintWriter out,
    PrintWriter err,
    BufferedReader in,
    Map<String, String> env,
    boolean terminal,
    AppDirs dirs,
    Supplier<AccountAccess> accounts) {
  public CliContext {
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(err, "err");
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(env, "env");
    Objects.requireNonNull(dirs, "dirs");
    Objects.requireNonNull(accounts, "accounts");
  }
}
