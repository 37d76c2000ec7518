package io.routedesk.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.routedesk.flowroute.CancellationToken;
import io.routedesk.flowroute.FlowrouteException;
import io.routedesk.service.AccountService;
import io.routedesk.service.plan.AccountReader;
import io.routedesk.service.plan.AccountRouting;
import io.routedesk.store.LocalStore;
import io.routedesk.store.OpenReport;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that works on one account: opens it, runs, closes it, and turns failures into a message
 * and an exit code (as JSON with --json).
 */
abstract class AccountCommand implements Callable<Integer> {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** How long Ctrl+C waits for requests in flight to land and the results to print. */
  private static final long CANCEL_WAIT_SECONDS = 30;

  protected final CliContext context;

  @Mixin protected CommonOptions options;

  @Spec private CommandSpec spec;

  AccountCommand(CliContext context) {
    this.context = context;
  }

  /** Runs the command on the open account; returns the exit code. */
  protected abstract int run(Connection connection, ExecutorService executor) throws Exception;

  @Override
  public final Integer call() {
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      Connection connection = Connection.open(options, context);
      try (connection) {
        return run(connection, executor);
      }
    } catch (CliException e) {
      return fail(e.exitCode(), e.getMessage());
    } catch (Exception e) {
      return fail(ExitCodes.ERRORS, messageOf(e));
    } finally {
      context.out().flush();
      context.err().flush();
    }
  }

  private int fail(int exitCode, String message) {
    if (options.json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("error", message);
      doc.put("exitCode", exitCode);
      printJson(doc);
    } else {
      context.err().println("routedesk: " + message);
    }
    return exitCode;
  }

  /**
   * The database of the account's change journal (see {@link Connection#openStore}); says on
   * standard error when it could not be used as it was (recovered, or kept in memory only).
   */
  protected LocalStore openStore(Connection connection) {
    LocalStore store = connection.openStore();
    OpenReport report = store.openReport();
    if (report.needsAttention()) {
      context
          .err()
          .println(
              "routedesk: "
                  + report.summary()
                  + (report.status() == OpenReport.Status.TEMPORARY
                      ? " The change history of this command is kept in memory only and is lost"
                          + " when it ends."
                      : ""));
    }
    return store;
  }

  /** Reads the account fresh, with a progress bar on a terminal. */
  protected AccountRouting readAccount(Connection connection, ExecutorService executor) {
    AccountService service = new AccountService(connection.client(), executor);
    try (ProgressLine bar = progress("Reading " + connection.accountName())) {
      return new AccountReader(service).read(bar::update, CancellationToken.NONE).join();
    }
  }

  protected ProgressLine progress(String label) {
    return new ProgressLine(context.err(), context.terminal() && !options.json, label);
  }

  protected void printJson(Object document) {
    try {
      context.out().println(JSON.writeValueAsString(document));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("JSON output failed", e);
    }
  }

  /**
   * Asks a yes/no question at a terminal; anywhere else (a script, --json) --yes is required, and
   * without it the command ends with nothing sent.
   */
  protected boolean confirmed(String question) throws IOException {
    if (options.json || !context.terminal()) {
      throw new CliException(
          ExitCodes.ERRORS,
          spec.name()
              + " changes live routing and asks first; without a terminal to ask at, add --yes."
              + " Nothing was sent.");
    }
    context.err().print(question + " [y/N] ");
    context.err().flush();
    String answer = context.in().readLine();
    return answer != null && answer.strip().toLowerCase(Locale.ROOT).startsWith("y");
  }

  /**
   * Waits for changes being sent. Ctrl+C meanwhile stops the sending, lets the requests in flight
   * land, and lets the results print ({@code printed} counts down once they have), so the user
   * learns what was done; the exit waits at most {@link #CANCEL_WAIT_SECONDS} for each.
   */
  protected static <T> T joinCancellably(
      CompletableFuture<T> running, CancellationToken cancel, CountDownLatch printed) {
    Thread onInterrupt = new Thread(() -> cancelAndWait(cancel, running, printed));
    Runtime.getRuntime().addShutdownHook(onInterrupt);
    try {
      return running.join();
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(onInterrupt);
      } catch (IllegalStateException e) {
        // Already shutting down (Ctrl+C): the hook is running and waits for the report.
      }
    }
  }

  private static void cancelAndWait(
      CancellationToken cancel, CompletableFuture<?> running, CountDownLatch printed) {
    cancel.cancel();
    try {
      running.get(CANCEL_WAIT_SECONDS, TimeUnit.SECONDS);
      printed.await(CANCEL_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      // Exiting anyway: the report (or its failure) has been printed where it could be.
    }
  }

  /** A person-readable sentence for a failure, without stack traces. */
  static String messageOf(Throwable error) {
    Throwable t = error;
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    if (t instanceof CliException) {
      return t.getMessage();
    }
    FlowrouteException fe = FlowrouteException.unwrap(t);
    if (fe != null) {
      return "Flowroute: " + fe.getMessage();
    }
    return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
  }
}
