package io.routedesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.routedesk.domain.NumberRouting;
import io.routedesk.domain.Route;
import io.routedesk.domain.VoiceSlot;
import io.routedesk.sandbox.DemoSeed;
import io.routedesk.sandbox.Endpoint;
import io.routedesk.sandbox.FlowrouteSandbox;
import io.routedesk.sandbox.SandboxAccount;
import io.routedesk.store.AccountProfile;
import io.routedesk.store.AccountSettingsStore;
import io.routedesk.store.AppDirs;
import io.routedesk.store.ApplyLock;
import io.routedesk.store.BatchKind;
import io.routedesk.store.ChangeJournal;
import io.routedesk.store.LocalStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands end to end, in this JVM, against the embedded sandbox over real HTTP (--api-url with
 * the keys in the environment): exit codes, text and --json output, and the server's state.
 */
class CommandLineSandboxTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private FlowrouteSandbox sandbox;
  private Path routing;

  @BeforeEach
  void start() throws IOException {
    sandbox =
        FlowrouteSandbox.builder().seed(DemoSeed.of(1_000, 40, DemoSeed.DEFAULT_SEED)).start();
    routing = dir.resolve("routing.csv");
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  /** One run of the command line: exit code and what it wrote. */
  record Run(int exitCode, String out, String err) {
    JsonNode json() {
      try {
        return JSON.readTree(out);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + out, e);
      }
    }
  }

  private Run run(String... args) {
    return run(
        Map.of(
            CommonOptions.ACCESS_KEY_ENV, sandbox.accessKey(),
            CommonOptions.SECRET_KEY_ENV, sandbox.secretKey()),
        args);
  }

  private Run run(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext context =
        new CliContext(
            new PrintWriter(out),
            new PrintWriter(err),
            new BufferedReader(new StringReader("")),
            env,
            false,
            AppDirs.under(dir.resolve("home")),
            () -> {
              throw new AssertionError("--api-url must not open the window's accounts");
            });
    int code = RouteDeskCli.run(args, context);
    return new Run(code, out.toString(), err.toString());
  }

  private String[] withApi(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--api-url");
    all.add(sandbox.baseUrl());
    return all.toArray(String[]::new);
  }

  @Test
  void exportPlanApplyHistoryAndUndoRoundTrip() throws IOException {
    Run export = run(withApi("export", "--out", routing.toString()));
    assertThat(export.exitCode()).as(export.err()).isZero();
    assertThat(export.out()).contains("Wrote 1000 numbers");
    assertThat(dir.resolve("routing.routes.csv")).exists();
    String exported = Files.readString(routing, StandardCharsets.UTF_8);
    String exportedRoutes = Files.readString(dir.resolve("routing.routes.csv"));

    Run unchanged = run(withApi("plan", routing.toString()));
    assertThat(unchanged.exitCode()).as(unchanged.out() + unchanged.err()).isEqualTo(ExitCodes.OK);
    assertThat(unchanged.out()).contains("Result: no changes.", "1,000 unchanged");

    Map<String, String> newPrimary = repointPrimaries(500);

    Run plan = run(withApi("plan", routing.toString(), "--json"));
    assertThat(plan.exitCode()).as(plan.out()).isEqualTo(ExitCodes.CHANGES);
    JsonNode doc = plan.json();
    Set<String> planned = new HashSet<>();
    doc.get("numbers").forEach(n -> planned.add(n.get("number").asText()));
    assertThat(planned).isEqualTo(newPrimary.keySet());
    assertThat(doc.get("unchangedNumbers").asInt()).isEqualTo(500);
    assertThat(doc.get("errors")).isEmpty();
    JsonNode first = doc.get("numbers").get(0);
    assertThat(first.get("primary").get("changes").asBoolean()).isTrue();
    assertThat(first.get("failover").get("changes").asBoolean()).isFalse();

    Run apply = run(withApi("apply", routing.toString(), "--yes", "--json"));
    assertThat(apply.exitCode()).as(apply.out()).isEqualTo(ExitCodes.OK);
    assertThat(apply.json().get("result").get("counts").get("done").asInt()).isEqualTo(500);

    SandboxAccount server = sandbox.account();
    newPrimary.forEach(
        (number, routeId) ->
            assertThat(server.primaryRouteId(number)).as(number).isEqualTo(routeId));
    assertThat(run(withApi("plan", routing.toString())).exitCode()).isEqualTo(ExitCodes.OK);

    // The apply is one batch in the history of this address and key, with each number's change.
    Run history = run(withApi("history", "--json"));
    assertThat(history.exitCode()).as(history.out()).isEqualTo(ExitCodes.OK);
    JsonNode batch = history.json().get("batches").get(0);
    assertThat(history.json().get("total").asInt()).isEqualTo(1);
    assertThat(batch.get("kind").asText()).isEqualTo("routing_file");
    assertThat(batch.get("state").asText()).isEqualTo("complete");
    assertThat(batch.get("numbers").get("total").asInt()).isEqualTo(500);
    assertThat(batch.get("numbers").get("done").asInt()).isEqualTo(500);
    String id = batch.get("id").asText();
    JsonNode detail = run(withApi("history", id.substring(0, 8), "--json")).json();
    Map<String, String> journaled = new HashMap<>();
    detail
        .get("numbers")
        .forEach(
            n ->
                journaled.put(
                    n.get("number").asText(), n.get("after").get("primaryRouteId").asText()));
    assertThat(journaled).isEqualTo(newPrimary);
    assertThat(detail.get("numbers").get(0).get("outcome").asText()).isEqualTo("done");

    Run undo = run(withApi("undo", id, "--yes", "--json"));
    assertThat(undo.exitCode()).as(undo.out() + undo.err()).isEqualTo(ExitCodes.OK);
    assertThat(undo.json().get("result").get("counts").get("done").asInt()).isEqualTo(500);
    Path again = dir.resolve("again.csv");
    assertThat(run(withApi("export", "--out", again.toString())).exitCode()).isZero();
    assertThat(Files.readString(again, StandardCharsets.UTF_8)).isEqualTo(exported);
    assertThat(Files.readString(dir.resolve("again.routes.csv"))).isEqualTo(exportedRoutes);

    JsonNode after = run(withApi("history", "--json")).json();
    assertThat(after.get("total").asInt()).isEqualTo(2);
    JsonNode undoBatch = after.get("batches").get(0);
    assertThat(undoBatch.get("kind").asText()).isEqualTo("undo");
    assertThat(undoBatch.get("undoOf").asText()).isEqualTo(id);
    JsonNode undone = after.get("batches").get(1);
    assertThat(undone.get("state").asText()).isEqualTo("undone");
    assertThat(undone.get("undoneBy").get(0).asText()).isEqualTo(undoBatch.get("id").asText());
  }

  @Test
  void historyAndUndoHaveTheirExitCodesAndLeaveNumbersChangedSinceAlone() throws IOException {
    Run empty = run(withApi("history"));
    assertThat(empty.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(empty.out()).contains("is empty");
    run(withApi("export", "--out", routing.toString()));
    Map<String, String> newPrimary = repointPrimaries(3);
    assertThat(run(withApi("apply", routing.toString(), "--yes")).exitCode()).isZero();
    String id = run(withApi("history", "--json")).json().get("batches").get(0).get("id").asText();

    Run list = run(withApi("history"));
    assertThat(list.out())
        .contains("ID", "STATE", id.substring(0, 8), "Routing file", "complete", "3 done");
    Run detail = run(withApi("history", id));
    assertThat(detail.out()).contains("Batch " + id, "DONE", "primary ");
    assertThat(run(withApi("history", "--match", "no-such-thing", "--json")).json().get("total"))
        .hasToString("0");
    assertThat(run(withApi("history", "ffffffff")).exitCode()).isEqualTo(ExitCodes.ERRORS);
    assertThat(run(withApi("history", "ab")).exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run(withApi("history", "--limit", "-1")).exitCode()).isEqualTo(ExitCodes.USAGE);
    Run notInterrupted = run(withApi("resume", id, "--yes"));
    assertThat(notInterrupted.exitCode()).isEqualTo(ExitCodes.ERRORS);
    assertThat(notInterrupted.err()).contains("complete, not interrupted");

    long writesBefore = writes();
    Run noYes = run(withApi("undo", id));
    assertThat(noYes.exitCode()).isEqualTo(ExitCodes.ERRORS);
    assertThat(noYes.err()).contains("add --yes", "Nothing was sent");
    assertThat(writes()).isEqualTo(writesBefore);

    // Someone moves one of the numbers after the apply: the undo leaves it alone.
    String moved = newPrimary.keySet().iterator().next();
    Route elsewhere =
        sandbox.account().routes().stream()
            .filter(r -> !r.isSystemRoute())
            .filter(r -> !r.id().equals(newPrimary.get(moved)))
            .filter(
                r ->
                    !r.id()
                        .equals(sandbox.account().routing(moved).orElseThrow().failoverRouteId()))
            .findFirst()
            .orElseThrow();
    sandbox.account().assign(moved, VoiceSlot.PRIMARY, elsewhere.id());
    Run undo = run(withApi("undo", id.substring(0, 8), "--yes", "--json"));
    assertThat(undo.exitCode()).as(undo.out()).isEqualTo(ExitCodes.CONFLICTS);
    JsonNode counts = undo.json().get("result").get("counts");
    assertThat(counts.get("done").asInt()).isEqualTo(2);
    assertThat(counts.get("conflict").asInt()).isEqualTo(1);
    JsonNode conflict = undo.json().get("result").get("numbers").get(2);
    assertThat(conflict.get("number").asText()).isEqualTo(moved);
    assertThat(conflict.get("status").asText()).isEqualTo("conflict");
    assertThat(sandbox.account().primaryRouteId(moved)).isEqualTo(elsewhere.id());

    Run again = run(withApi("undo", id, "--yes"));
    assertThat(again.exitCode()).isEqualTo(ExitCodes.CONFLICTS);
    assertThat(again.out()).contains("Nothing to restore", "2 numbers already have it");

    // Another access key at the same address is another account: its own, empty history.
    Map<String, String> otherKey =
        Map.of(
            CommonOptions.ACCESS_KEY_ENV,
            "someone-else",
            CommonOptions.SECRET_KEY_ENV,
            sandbox.secretKey());
    assertThat(run(otherKey, withApi("history")).out()).contains("is empty");
  }

  @Test
  void anInterruptedApplyIsListedAndResumedFromTheCommandLine() throws IOException {
    run(withApi("export", "--out", routing.toString()));
    Map<String, String> newPrimary = repointPrimaries(4);
    UUID id = interruptedApply(newPrimary);

    JsonNode listed = run(withApi("history", "--json")).json().get("batches").get(0);
    assertThat(listed.get("state").asText()).isEqualTo("interrupted");
    assertThat(listed.get("numbers").get("unknown").asInt()).isEqualTo(4);
    assertThat(run(withApi("history")).out()).contains("routedesk resume ID");

    Run resume = run(withApi("resume", id.toString(), "--yes"));
    assertThat(resume.exitCode()).as(resume.out() + resume.err()).isEqualTo(ExitCodes.OK);
    assertThat(resume.out()).contains("Resume: 4 numbers done");
    newPrimary.forEach(
        (number, routeId) ->
            assertThat(sandbox.account().primaryRouteId(number)).isEqualTo(routeId));
    JsonNode after = run(withApi("history", "--json")).json();
    assertThat(after.get("batches").get(0).get("kind").asText()).isEqualTo("resume");
    assertThat(after.get("batches").get(1).get("state").asText()).isEqualTo("resumed");
  }

  @Test
  void undoOfAnInterruptedApplyRestoresWhatHadLandedAndClosesIt() throws IOException {
    run(withApi("export", "--out", routing.toString()));
    Map<String, String> newPrimary = repointPrimaries(4);
    Map<String, NumberRouting> before = new HashMap<>();
    newPrimary.keySet().forEach(n -> before.put(n, sandbox.account().routing(n).orElseThrow()));
    UUID id = interruptedApply(newPrimary);
    // Two of the four had landed when the process died.
    newPrimary.entrySet().stream()
        .limit(2)
        .forEach(e -> sandbox.account().assign(e.getKey(), VoiceSlot.PRIMARY, e.getValue()));

    Run undo = run(withApi("undo", id.toString().substring(0, 6), "--yes"));

    assertThat(undo.exitCode()).as(undo.out() + undo.err()).isEqualTo(ExitCodes.OK);
    assertThat(undo.out()).contains("was interrupted", "Undo restores 2 numbers");
    before.forEach((n, routing) -> assertThat(sandbox.account().routing(n)).contains(routing));
    JsonNode undone = run(withApi("history", id.toString(), "--json")).json().get("batch");
    assertThat(undone.get("state").asText()).isEqualTo("undone");
    assertThat(undone.get("resolution").asText()).isEqualTo("undone");
  }

  @Test
  void aDataFolderThatCannotBeWrittenIsSaidAndTheChangesStillGoThroughTheJournal()
      throws IOException {
    Files.createDirectories(dir.resolve("home"));
    Files.writeString(dir.resolve("home/data"), "a file where the data folder should be");
    run(withApi("export", "--out", routing.toString()));
    Map<String, String> newPrimary = repointPrimaries(2);

    Run apply = run(withApi("apply", routing.toString(), "--yes"));

    assertThat(apply.exitCode()).as(apply.out() + apply.err()).isZero();
    assertThat(apply.err()).contains("could not be opened", "kept in memory only");
    newPrimary.forEach(
        (number, routeId) ->
            assertThat(sandbox.account().primaryRouteId(number)).isEqualTo(routeId));
  }

  /**
   * Records an apply of these primaries that stopped after its plan was journaled and before
   * anything was sent (a crash), in the journal --api-url keeps for the sandbox.
   */
  private UUID interruptedApply(Map<String, String> newPrimary) {
    List<ChangeJournal.Planned> planned = new ArrayList<>();
    newPrimary.forEach(
        (number, routeId) -> {
          NumberRouting now = sandbox.account().routing(number).orElseThrow();
          planned.add(
              new ChangeJournal.Planned(
                  now, new NumberRouting(number, routeId, now.failoverRouteId())));
        });
    UUID id = UUID.randomUUID();
    try (LocalStore store = apiStore()) {
      ChangeJournal.of(store)
          .begin(
              new ChangeJournal.NewBatch(
                  id, BatchKind.ROUTING_FILE, "Routing file: 4 numbers", "tester", null),
              planned);
    }
    return id;
  }

  @Test
  void anApplyWaitsWhileTheWindowSendsToAnAccountWithTheSameAddressAndKey() throws Exception {
    AppDirs dirs = AppDirs.under(dir.resolve("home"));
    String key = sandbox.accessKey();
    AccountProfile same =
        new AccountProfile(
            "office",
            "Office",
            AccountProfile.Kind.REAL,
            key.substring(key.length() - 4),
            sandbox.baseUrl() + "/",
            null);
    AccountSettingsStore.in(dirs).update(s -> s.withAccount(same));
    run(withApi("export", "--out", routing.toString()));
    Map<String, String> newPrimary = repointPrimaries(2);
    ApplyLock windowLock = ApplyLock.forDatabase(LocalStore.databaseFile(dirs, "office"));
    CountDownLatch held = new CountDownLatch(1);
    AtomicLong writesWhileHeld = new AtomicLong(-1);
    Thread window =
        Thread.ofPlatform()
            .start(
                () -> {
                  try (ApplyLock.Held h = windowLock.acquire(Duration.ZERO).orElseThrow()) {
                    held.countDown();
                    // Longer than the apply takes to read the account and reach the lock.
                    Thread.sleep(4_000);
                    writesWhileHeld.set(writes());
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                });
    held.await();

    long writesBefore = writes();
    Run apply = run(withApi("apply", routing.toString(), "--yes"));
    window.join();

    assertThat(apply.exitCode()).as(apply.out() + apply.err()).isZero();
    assertThat(writesWhileHeld.get()).isEqualTo(writesBefore);
    assertThat(writes()).isEqualTo(writesBefore + 2);
    newPrimary.forEach(
        (number, routeId) ->
            assertThat(sandbox.account().primaryRouteId(number)).isEqualTo(routeId));
  }

  /** The database --api-url keeps for the sandbox's address and key (as the command opens it). */
  private LocalStore apiStore() {
    return LocalStore.open(
        AppDirs.under(dir.resolve("home")), "api " + sandbox.baseUrl() + " " + sandbox.accessKey());
  }

  @Test
  void aMalformedFileIsRefusedWithRowNumbersAndNothingIsSentUnlessOnlyValidRowsAreAsked()
      throws IOException {
    Route target = sandbox.account().routes().get(3);
    List<String> numbers = sandbox.account().numbers().stream().map(n -> n.number()).toList();
    Files.writeString(
        routing,
        "number,primary_route,notes\n"
            + numbers.get(0)
            + ","
            + target.alias()
            + ",ok\n"
            + "19995550000,"
            + target.alias()
            + ",not ours\n"
            + numbers.get(1)
            + ",no-such-route,typo\n"
            + numbers.get(0)
            + ","
            + target.alias()
            + ",twice\n"
            + numbers.get(2)
            + ","
            + target.alias()
            + ",ok\n",
        StandardCharsets.UTF_8);

    Run plan = run(withApi("plan", routing.toString()));
    assertThat(plan.exitCode()).isEqualTo(ExitCodes.ERRORS);
    assertThat(plan.out())
        .contains("Errors (3)", "row 3: 19995550000 is not a number of this account")
        .contains("row 4: primary_route: no route is named “no-such-route”")
        .contains("row 5: " + numbers.get(0) + " is also on row 2")
        .contains("the column “notes” is not one of RouteDesk's; ignored");

    long writesBefore = writes();
    Run refused = run(withApi("apply", routing.toString(), "--yes"));
    assertThat(refused.exitCode()).isEqualTo(ExitCodes.ERRORS);
    assertThat(refused.out()).contains("nothing was sent");
    assertThat(writes()).isEqualTo(writesBefore);

    Run valid = run(withApi("apply", routing.toString(), "--yes", "--only-valid", "--json"));
    assertThat(valid.exitCode()).isEqualTo(ExitCodes.ERRORS);
    assertThat(valid.json().get("result").get("counts").get("done").asInt())
        .as(valid.out())
        .isEqualTo(1);
    assertThat(sandbox.account().primaryRouteId(numbers.get(2))).isEqualTo(target.id());
    assertThat(sandbox.account().primaryRouteId(numbers.get(0))).isNotEqualTo(target.id());
  }

  @Test
  void checkListsTheLintOfTheLiveAccountAsJson() {
    Run check = run(withApi("check", "--json"));

    JsonNode findings = check.json().get("findings");
    assertThat(findings).isNotEmpty();
    Set<String> rules = new HashSet<>();
    findings.forEach(f -> rules.add(f.get("rule").asText()));
    assertThat(rules).contains("no-failover");
    assertThat(findings.get(0).get("why").asText()).isNotBlank();
    boolean anyError =
        rules.contains("failover-same-as-primary") || rules.contains("failover-to-own-number");
    assertThat(check.exitCode()).isEqualTo(anyError ? ExitCodes.ERRORS : ExitCodes.CHANGES);
  }

  @Test
  void applyAsksAndWithoutATerminalNeedsYes() throws IOException {
    run(withApi("export", "--out", routing.toString()));
    repointPrimaries(3);

    Run noYes = run(withApi("apply", routing.toString()));

    assertThat(noYes.exitCode()).isEqualTo(ExitCodes.ERRORS);
    assertThat(noYes.err()).contains("add --yes", "Nothing was sent");
  }

  @Test
  void usageErrorsMissingKeysAndHelpHaveTheirOwnExitCodes() {
    Run unknown = run("plan", "--bogus", "x.csv");
    assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(unknown.err()).contains("--bogus");

    Run noKeys = run(Map.of(), withApi("check"));
    assertThat(noKeys.exitCode()).isEqualTo(ExitCodes.ERRORS);
    assertThat(noKeys.err()).contains("ROUTEDESK_ACCESS_KEY", "never on the command line");

    Run noKeysJson = run(Map.of(), withApi("check", "--json"));
    assertThat(noKeysJson.json().get("exitCode").asInt()).isEqualTo(ExitCodes.ERRORS);

    Run help = run("plan", "--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("--api-url", "--json", "Exit codes:", "2   changes to apply");

    Run both = run("check", "--account", "x", "--api-url", sandbox.baseUrl());
    assertThat(both.exitCode()).isEqualTo(ExitCodes.USAGE);

    Run noFolder = run(withApi("export", "--out", dir.resolve("no/such/routing.csv").toString()));
    assertThat(noFolder.exitCode()).isEqualTo(ExitCodes.ERRORS);
    assertThat(noFolder.err()).contains("No such folder");

    Run missing = run(withApi("plan", dir.resolve("nope.csv").toString()));
    assertThat(missing.exitCode()).isEqualTo(ExitCodes.ERRORS);
    assertThat(missing.err()).contains("No such file");
  }

  /** Requests that change the account: route creates and number relationship changes. */
  private long writes() {
    return sandbox.requests().routePostsReceived()
        + sandbox.requests().received(Endpoint.SET_PRIMARY_ROUTE)
        + sandbox.requests().received(Endpoint.SET_FAILOVER_ROUTE);
  }

  /**
   * Points the primary of the first {@code count} numbers of the exported file at another route
   * (not their failover), as a person would: the alias changed, the id, type and value cleared.
   * Returns number → new primary route id.
   */
  private Map<String, String> repointPrimaries(int count) throws IOException {
    List<Route> routes =
        sandbox.account().routes().stream().filter(r -> !r.isSystemRoute()).toList();
    String text = Files.readString(routing, StandardCharsets.UTF_8).substring(1); // the BOM
    Map<String, String> changed = new HashMap<>();
    StringWriter edited = new StringWriter();
    CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
    try (CSVParser parser = CSVParser.parse(new StringReader(text), format);
        CSVPrinter printer =
            CSVFormat.RFC4180
                .builder()
                .setHeader(parser.getHeaderNames().toArray(String[]::new))
                .get()
                .print(edited)) {
      int i = 0;
      for (CSVRecord record : parser) {
        Map<String, String> row = new java.util.LinkedHashMap<>(record.toMap());
        if (i < count) {
          String current = row.get("primary_route_id");
          String failover = row.get("failover_route_id");
          Route target =
              routes.stream()
                  .filter(r -> !r.id().equals(current) && !r.id().equals(failover))
                  .skip(i % 5)
                  .findFirst()
                  .orElseThrow();
          row.put("primary_route", target.alias());
          row.put("primary_route_id", "");
          row.put("primary_type", "");
          row.put("primary_value", "");
          changed.put(row.get("number"), target.id());
        }
        printer.printRecord(row.values());
        i++;
      }
    }
    Files.writeString(routing, edited.toString(), StandardCharsets.UTF_8);
    return changed;
  }
}
