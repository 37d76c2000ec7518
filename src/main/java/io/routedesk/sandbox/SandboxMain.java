package io.routedesk.sandbox;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the Flowroute sandbox on its own: {@code java -jar routedesk.jar sandbox [options]}. Prints
 * the base URL and the keys, then serves until the process is stopped.
 */
public final class SandboxMain {
  private SandboxMain() {}

  /** The environment variable that may hold the secret key, instead of the command line. */
  static final String SECRET_KEY_VARIABLE = "ROUTEDESK_SANDBOX_SECRET_KEY";

  static final String USAGE =
      """
      Usage: routedesk sandbox [options]
      Runs a simulated Flowroute Numbers API v2 on 127.0.0.1 until stopped (Ctrl+C).

      Account
        --port N                 port on 127.0.0.1 (default: any free port)
        --size small|large       demo account: small = 25 numbers, 8 routes (default);
                                 large = 10000 numbers, 1000 routes
        --numbers N              number count (overrides --size)
        --routes N               route count besides sip-reg "0" (overrides --size)
        --seed N                 seed of the demo account and of random faults (default %d)
        --access-key K           access key to accept (default "%s")
        --secret-key S           secret key to accept (default "%s"); other users can see
                                 it in the process list: prefer the next two
        --secret-key-file FILE   read the secret key from FILE (its first line)
                                 or set the environment variable %s

      Faults
        --latency MS             fixed delay per request
        --jitter MS              extra random delay 0..MS per request
        --rate-limit RPS         global token-bucket limit; excess requests get 429
        --retry-after            send Retry-After on 429 answers
        --error-rate SHARE       share 0..1 of requests answered 500 or 503 (half each)
        --drop-rate SHARE        share 0..1 of connections closed with no response
        --drop-after-commit-rate SHARE
                                 share 0..1 of changes applied, then the connection dropped
        --slow-body BYTES_PER_S  throttle response bodies

      Undocumented behaviour
        --strict-content-type    415 for request bodies without a Content-Type
        --allow-duplicate-aliases
                                 accept a second route with an existing alias (default: 403)
        --primary-after-removal none|sip-reg
                                 primary route after DELETE of the relationship (default none)
        --unknown-route-status 404|422
                                 status when assigning a route that does not exist (default 404)
        --page-size-over-max reject|clamp
                                 limit above 200: 400 (default) or served as 200
        --multi-number-details on|off|404|v2-naming
                                 POST /v2/numbers/details (v2.1 docs only): answered with
                                 voice_primary_route naming (on, default), 405 (off), 404, or
                                 answered with primary_route naming (v2-naming)
        --multi-number-details-max N
                                 numbers per multi-number request before 413 (default 100)

        --help                   this text
      """
          .formatted(
              DemoSeed.DEFAULT_SEED,
              FlowrouteSandbox.DEMO_ACCESS_KEY,
              FlowrouteSandbox.DEMO_SECRET_KEY,
              SECRET_KEY_VARIABLE);

  private static final Set<String> VALUED_OPTIONS =
      Set.of(
          "--port",
          "--size",
          "--numbers",
          "--routes",
          "--seed",
          "--access-key",
          "--secret-key",
          "--secret-key-file",
          "--latency",
          "--jitter",
          "--rate-limit",
          "--error-rate",
          "--drop-rate",
          "--drop-after-commit-rate",
          "--slow-body",
          "--primary-after-removal",
          "--unknown-route-status",
          "--page-size-over-max",
          "--multi-number-details",
          "--multi-number-details-max");

  /** A command-line mistake: the message says which option and why. */
  static final class UsageException extends Exception {
    UsageException(String message) {
      super(message);
    }
  }

  /** Everything the command line can set. Null counts mean "from --size". */
  record Settings(
      boolean help,
      int port,
      String size,
      Integer numbers,
      Integer routes,
      long seed,
      String accessKey,
      String secretKey,
      long latencyMillis,
      long jitterMillis,
      double rateLimit,
      boolean retryAfter,
      double errorRate,
      double dropRate,
      double dropAfterCommitRate,
      long slowBodyBytesPerSecond,
      boolean strictContentType,
      boolean allowDuplicateAliases,
      SandboxOptions.PrimaryAfterRemoval primaryAfterRemoval,
      int unknownRouteStatus,
      SandboxOptions.PageSizePolicy pageSizePolicy,
      SandboxOptions.MultiNumberDetails multiNumberDetails,
      int multiNumberDetailsMax) {

    DemoSeed demoSeed() {
      boolean large = size.equals("large");
      int n = numbers != null ? numbers : large ? DemoSeed.LARGE_NUMBERS : DemoSeed.SMALL_NUMBERS;
      int r = routes != null ? routes : large ? DemoSeed.LARGE_ROUTES : DemoSeed.SMALL_ROUTES;
      return DemoSeed.of(n, r, seed);
    }

    Faults faults() {
      Faults f =
          new Faults(seed)
              .latencyMillis(latencyMillis)
              .jitterMillis(jitterMillis)
              .errorRate(errorRate)
              .dropRate(dropRate)
              .dropAfterCommitRate(dropAfterCommitRate)
              .slowBody(slowBodyBytesPerSecond)
              .retryAfterHeader(retryAfter);
      if (rateLimit > 0) {
        f.rateLimit(rateLimit);
      }
      return f;
    }

    SandboxOptions options() {
      return new SandboxOptions()
          .contentTypePolicy(
              strictContentType
                  ? SandboxOptions.ContentTypePolicy.STRICT
                  : SandboxOptions.ContentTypePolicy.LENIENT)
          .duplicateAliasForbidden(!allowDuplicateAliases)
          .primaryAfterRemoval(primaryAfterRemoval)
          .unknownRouteOnAssignStatus(unknownRouteStatus)
          .pageSizePolicy(pageSizePolicy)
          .multiNumberDetails(multiNumberDetails)
          .multiNumberDetailsMax(multiNumberDetailsMax);
    }

    FlowrouteSandbox.Builder builder() {
      return FlowrouteSandbox.builder()
          .port(port)
          .seed(demoSeed())
          .accessKey(accessKey)
          .secretKey(secretKey)
          .faults(faults())
          .options(options());
    }
  }

  public static void main(String[] args) {
    FlowrouteSandbox sandbox;
    try {
      sandbox = start(args, System.out);
    } catch (UsageException e) {
      System.err.println("routedesk sandbox: " + e.getMessage());
      System.err.println("Run with --help to see the options.");
      System.exit(2);
      return;
    } catch (IOException e) {
      System.err.println("routedesk sandbox: could not start: " + e.getMessage());
      System.exit(1);
      return;
    }
    if (sandbox == null) {
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  sandbox.close();
                  stopped.countDown();
                },
                "sandbox-shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      sandbox.close();
    }
  }

  /**
   * Parses the options, starts the sandbox and prints how to reach it. Returns null after printing
   * the help.
   */
  static FlowrouteSandbox start(String[] args, PrintStream out) throws UsageException, IOException {
    Settings settings = parse(args);
    if (settings.help()) {
      out.print(USAGE);
      return null;
    }
    FlowrouteSandbox sandbox;
    try {
      sandbox = settings.builder().start();
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    printBanner(settings, sandbox, out);
    return sandbox;
  }

  static void printBanner(Settings settings, FlowrouteSandbox sandbox, PrintStream out) {
    boolean demoSecret = sandbox.secretKey().equals(FlowrouteSandbox.DEMO_SECRET_KEY);
    DemoSeed seed = settings.demoSeed();
    out.println("RouteDesk sandbox: a simulated Flowroute Numbers API v2 (no real account).");
    out.println("  Base URL:    " + sandbox.baseUrl());
    out.println("  Access key:  " + sandbox.accessKey());
    // A user-chosen secret is not echoed back; the demo secret is public.
    out.println(
        "  Secret key:  " + (demoSecret ? sandbox.secretKey() : "(the one you gave; not shown)"));
    out.println(
        "  Account:     "
            + sandbox.account().numberCount()
            + " numbers, "
            + sandbox.account().routeCount()
            + " routes incl. sip-reg \"0\" (seed "
            + seed.seed()
            + ")");
    out.println("  Faults:      " + sandbox.faults().describe());
    if (demoSecret) {
      out.println(
          "Try:  curl -u "
              + sandbox.accessKey()
              + ":"
              + sandbox.secretKey()
              + " '"
              + sandbox.baseUrl()
              + "/v2/routes?limit=20'");
    }
    out.println("Stop with Ctrl+C.");
    out.flush();
  }

  static Settings parse(String[] args) throws UsageException {
    return parse(args, System.getenv());
  }

  /**
   * @param env where {@link #SECRET_KEY_VARIABLE} is looked up when the command line gives no
   *     secret key
   */
  static Settings parse(String[] args, Map<String, String> env) throws UsageException {
    boolean help = false;
    int port = 0;
    String size = "small";
    Integer numbers = null;
    Integer routes = null;
    long seed = DemoSeed.DEFAULT_SEED;
    String accessKey = FlowrouteSandbox.DEMO_ACCESS_KEY;
    String secretKey = null;
    long latency = 0;
    long jitter = 0;
    double rateLimit = 0;
    boolean retryAfter = false;
    double errorRate = 0;
    double dropRate = 0;
    double dropAfterCommitRate = 0;
    long slowBody = 0;
    boolean strict = false;
    boolean allowDuplicates = false;
    SandboxOptions.PrimaryAfterRemoval primaryAfterRemoval =
        SandboxOptions.PrimaryAfterRemoval.NONE;
    int unknownRouteStatus = 404;
    SandboxOptions.MultiNumberDetails multiNumberDetails = SandboxOptions.MultiNumberDetails.ON;
    int multiNumberDetailsMax = 100;
    SandboxOptions.PageSizePolicy pagePolicy = SandboxOptions.PageSizePolicy.REJECT;

    List<String> list = new ArrayList<>(List.of(args));
    for (int i = 0; i < list.size(); i++) {
      String arg = list.get(i);
      String name = arg;
      String inlineValue = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        name = arg.substring(0, eq);
        inlineValue = arg.substring(eq + 1);
      }
      switch (name) {
        case "--help", "-h" -> help = true;
        case "--retry-after" -> retryAfter = true;
        case "--strict-content-type" -> strict = true;
        case "--allow-duplicate-aliases" -> allowDuplicates = true;
        default -> {
          if (!name.startsWith("--")) {
            throw new UsageException("unexpected argument \"" + arg + "\"");
          }
          if (!VALUED_OPTIONS.contains(name)) {
            throw new UsageException("unknown option " + name);
          }
          String value;
          if (inlineValue != null) {
            value = inlineValue;
          } else if (i + 1 < list.size()) {
            value = list.get(++i);
          } else {
            throw new UsageException(name + " needs a value");
          }
          switch (name) {
            case "--port" -> port = (int) longIn(name, value, 0, 65_535);
            case "--size" -> {
              size = value.toLowerCase(Locale.ROOT);
              if (!size.equals("small") && !size.equals("large")) {
                throw new UsageException("--size must be small or large, not \"" + value + "\"");
              }
            }
            case "--numbers" -> numbers = (int) longIn(name, value, 0, DemoSeed.MAX_NUMBERS);
            case "--routes" -> routes = (int) longIn(name, value, 0, DemoSeed.MAX_NUMBERS);
            case "--seed" -> seed = longIn(name, value, Long.MIN_VALUE, Long.MAX_VALUE);
            case "--access-key" -> accessKey = key(name, value);
            case "--secret-key" -> secretKey = onlySecret(secretKey, key(name, value));
            case "--secret-key-file" -> secretKey = onlySecret(secretKey, secretFromFile(value));
            case "--latency" -> latency = longIn(name, value, 0, 600_000);
            case "--jitter" -> jitter = longIn(name, value, 0, 600_000);
            case "--rate-limit" -> rateLimit = doubleIn(name, value, 0, 1_000_000);
            case "--error-rate" -> errorRate = doubleIn(name, value, 0, 1);
            case "--drop-rate" -> dropRate = doubleIn(name, value, 0, 1);
            case "--drop-after-commit-rate" -> dropAfterCommitRate = doubleIn(name, value, 0, 1);
            case "--slow-body" -> slowBody = longIn(name, value, 0, Long.MAX_VALUE);
            case "--primary-after-removal" ->
                primaryAfterRemoval =
                    switch (value.toLowerCase(Locale.ROOT)) {
                      case "none", "null" -> SandboxOptions.PrimaryAfterRemoval.NONE;
                      case "sip-reg", "0" -> SandboxOptions.PrimaryAfterRemoval.SIP_REG;
                      default ->
                          throw new UsageException(
                              name + " must be none or sip-reg, not \"" + value + "\"");
                    };
            case "--unknown-route-status" -> {
              unknownRouteStatus = (int) longIn(name, value, 0, 999);
              if (unknownRouteStatus != 404 && unknownRouteStatus != 422) {
                throw new UsageException(name + " must be 404 or 422, not " + value);
              }
            }
            case "--page-size-over-max" ->
                pagePolicy =
                    switch (value.toLowerCase(Locale.ROOT)) {
                      case "reject" -> SandboxOptions.PageSizePolicy.REJECT;
                      case "clamp" -> SandboxOptions.PageSizePolicy.CLAMP;
                      default ->
                          throw new UsageException(
                              name + " must be reject or clamp, not \"" + value + "\"");
                    };
            case "--multi-number-details" ->
                multiNumberDetails =
                    switch (value.toLowerCase(Locale.ROOT)) {
                      case "on" -> SandboxOptions.MultiNumberDetails.ON;
                      case "off" -> SandboxOptions.MultiNumberDetails.OFF;
                      case "404" -> SandboxOptions.MultiNumberDetails.NOT_FOUND;
                      case "v2-naming" -> SandboxOptions.MultiNumberDetails.V2_NAMING;
                      default ->
                          throw new UsageException(
                              name + " must be on, off, 404 or v2-naming, not \"" + value + "\"");
                    };
            case "--multi-number-details-max" ->
                multiNumberDetailsMax = (int) longIn(name, value, 1, 100_000);
            default -> throw new UsageException("unknown option " + name);
          }
        }
      }
    }
    if (secretKey == null) {
      String fromEnv = env.get(SECRET_KEY_VARIABLE);
      secretKey =
          fromEnv == null
              ? FlowrouteSandbox.DEMO_SECRET_KEY
              : key("the environment variable " + SECRET_KEY_VARIABLE, fromEnv);
    }
    return new Settings(
        help,
        port,
        size,
        numbers,
        routes,
        seed,
        accessKey,
        secretKey,
        latency,
        jitter,
        rateLimit,
        retryAfter,
        errorRate,
        dropRate,
        dropAfterCommitRate,
        slowBody,
        strict,
        allowDuplicates,
        primaryAfterRemoval,
        unknownRouteStatus,
        pagePolicy,
        multiNumberDetails,
        multiNumberDetailsMax);
  }

  private static long longIn(String name, String value, long min, long max) throws UsageException {
    try {
      long v = Long.parseLong(value.trim());
      if (v < min || v > max) {
        throw new UsageException(name + " must be from " + min + " to " + max + ", not " + value);
      }
      return v;
    } catch (NumberFormatException e) {
      throw new UsageException(name + " needs a whole number, not \"" + value + "\"");
    }
  }

  private static double doubleIn(String name, String value, double min, double max)
      throws UsageException {
    try {
      double v = Double.parseDouble(value.trim());
      if (!(v >= min && v <= max)) {
        throw new UsageException(name + " must be from " + min + " to " + max + ", not " + value);
      }
      return v;
    } catch (NumberFormatException e) {
      throw new UsageException(name + " needs a number, not \"" + value + "\"");
    }
  }

  private static String onlySecret(String earlier, String secret) throws UsageException {
    if (earlier != null) {
      throw new UsageException("give the secret key once: --secret-key or --secret-key-file");
    }
    return secret;
  }

  /** The file's first line, without its line end: what {@code echo KEY > FILE} writes. */
  private static String secretFromFile(String file) throws UsageException {
    List<String> lines;
    try {
      lines = Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
    } catch (IOException | InvalidPathException e) {
      throw new UsageException(
          "--secret-key-file: cannot read \"" + file + "\" (" + e.getMessage() + ")");
    }
    if (lines.isEmpty() || lines.getFirst().isBlank()) {
      throw new UsageException(
          "--secret-key-file: \"" + file + "\" holds no key on its first line");
    }
    return lines.getFirst().strip();
  }

  private static String key(String name, String value) throws UsageException {
    if (value.isBlank()) {
      throw new UsageException(name + " must not be blank");
    }
    return value;
  }
}
