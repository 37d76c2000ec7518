package io.routedesk.cli;

import io.routedesk.store.AppDirs;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Set;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * RouteDesk without a window: {@code routedesk export|plan|check|apply|history|undo|resume}, for
 * scripts and CI. The app's launcher hands these commands here; docs/command-line.md describes
 * them.
 */
@Command(
    name = "routedesk",
    mixinStandardHelpOptions = true,
    versionProvider = RouteDeskCli.Version.class,
    description =
        "Routing as a file: export an account, plan a file against it, check, apply; the change"
            + " history, undo and resume.",
    footerHeading = "%n",
    footer = {
      "Accounts: --account NAME uses an account of the RouteDesk window (keys from the OS"
          + " keystore); --api-url URL uses the keys in ROUTEDESK_ACCESS_KEY and"
          + " ROUTEDESK_SECRET_KEY. Without either: the account the window used last.",
      "Run 'routedesk COMMAND --help' for a command's options and exit codes."
    })
public final class RouteDeskCli implements Runnable {
  /** The first arguments that make the launcher run a command instead of the window. */
  public static final Set<String> COMMANDS =
      Set.of(
          "export",
          "plan",
          "check",
          "apply",
          "history",
          "undo",
          "resume",
          "help",
          "--help",
          "-h",
          "--version",
          "-V");

  private final CliContext context;

  @Spec private CommandSpec spec;

  private RouteDeskCli(CliContext context) {
    this.context = context;
  }

  /** True when the arguments ask for a command (or its help) rather than the window. */
  public static boolean isCommand(String[] args) {
    return args.length > 0 && COMMANDS.contains(args[0]);
  }

  /**
   * Runs a command with the process's streams and environment; returns the exit code.
   *
   * @param dirs the app's folders (the window's, so --account and --api-url histories live there)
   */
  public static int run(String[] args, AppDirs dirs, Supplier<AccountAccess> accounts) {
    Charset charset =
        System.console() != null ? System.console().charset() : Charset.defaultCharset();
    PrintWriter out = new PrintWriter(System.out, true, charset);
    PrintWriter err = new PrintWriter(System.err, true, charset);
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, charset));
    boolean terminal = System.console() != null && System.console().isTerminal();
    return run(args, new CliContext(out, err, in, System.getenv(), terminal, dirs, accounts));
  }

  /** Runs a command in the given context; returns the exit code. */
  public static int run(String[] args, CliContext context) {
    CommandLine cli =
        new CommandLine(new RouteDeskCli(context))
            .addSubcommand(new ExportCommand(context))
            .addSubcommand(new PlanCommand(context))
            .addSubcommand(new CheckCommand(context))
            .addSubcommand(new ApplyCommand(context))
            .addSubcommand(new HistoryCommand(context))
            .addSubcommand(new UndoCommand(context))
            .addSubcommand(new ResumeCommand(context))
            .addSubcommand(new CommandLine.HelpCommand())
            .setOut(context.out())
            .setErr(context.err())
            // 2 means "changes" for plan: a wrong command line must not look like that.
            .setExitCodeExceptionMapper(e -> ExitCodes.USAGE);
    cli.getCommandSpec().exitCodeOnInvalidInput(ExitCodes.USAGE);
    cli.getSubcommands()
        .values()
        .forEach(s -> s.getCommandSpec().exitCodeOnInvalidInput(ExitCodes.USAGE));
    int code = cli.execute(args);
    context.out().flush();
    context.err().flush();
    return code;
  }

  /** "routedesk" alone: the usage. */
  @Override
  public void run() {
    spec.commandLine().usage(context.out());
  }

  /** The version of the jar (its manifest), or "development" when run from classes. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = RouteDeskCli.class.getPackage().getImplementationVersion();
      return new String[] {"RouteDesk " + (v != null ? v : "development")};
    }
  }
}
