package io.routedesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.routedesk.cli.AccountAccess;
import io.routedesk.cli.CliContext;
import io.routedesk.cli.ExitCodes;
import io.routedesk.cli.RouteDeskCli;
import io.routedesk.domain.NumberRouting;
import io.routedesk.domain.Route;
import io.routedesk.flowroute.CancellationToken;
import io.routedesk.flowroute.FlowrouteClient;
import io.routedesk.flowroute.OkHttpFlowrouteClient;
import io.routedesk.sandbox.DemoSeed;
import io.routedesk.sandbox.FlowrouteSandbox;
import io.routedesk.sandbox.SandboxAccount;
import io.routedesk.secrets.CredentialStoreSelector;
import io.routedesk.secrets.InMemoryCredentialStore;
import io.routedesk.secrets.SessionOnlyCredentialStore;
import io.routedesk.service.AssignmentPlan;
import io.routedesk.service.BatchListener;
import io.routedesk.service.ChangeEngine;
import io.routedesk.service.NumberChange;
import io.routedesk.service.SignInOutcome;
import io.routedesk.store.AppDirs;
import io.routedesk.store.BatchKind;
import io.routedesk.store.LocalStore;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --account: the command line opens the window's accounts through the app's own wiring (account
 * list and keystore), by name or id, and leaves the window's last used account as it was.
 */
class CommandLineAccountsTest {
  @TempDir Path root;
  private FlowrouteSandbox office;
  private FlowrouteSandbox branch;
  private AccountsWiring wiring;

  @BeforeEach
  void signInToTwoAccounts() throws Exception {
    office = FlowrouteSandbox.builder().seed(DemoSeed.small()).accessKey("office-key").start();
    branch = FlowrouteSandbox.builder().seed(DemoSeed.empty()).accessKey("branch-key").start();
    wiring =
        new AccountsWiring(
            AppDirs.under(root),
            new CredentialStoreSelector(
                InMemoryCredentialStore.working(), new SessionOnlyCredentialStore()),
            DemoSeed.small());
    signIn("Office", office);
    signIn("Branch", branch); // the window's last used account
  }

  private void signIn(String name, FlowrouteSandbox sandbox) {
    SignInOutcome outcome =
        wiring
            .signIn
            .signIn(name, sandbox.accessKey(), sandbox.secretKey().toCharArray(), sandbox.baseUrl())
            .join();
    assertThat(outcome).isInstanceOf(SignInOutcome.Connected.class);
  }

  @AfterEach
  void close() {
    wiring.close();
    office.close();
    branch.close();
  }

  private record Run(int exitCode, String out, String err) {}

  private Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        RouteDeskCli.run(
            args,
            new CliContext(
                new PrintWriter(out),
                new PrintWriter(err),
                new BufferedReader(new StringReader("")),
                Map.of(),
                false,
                AppDirs.under(root),
                () -> new AccountAccess(wiring.signIn, AppDirs.under(root), () -> {})));
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void anAccountIsOpenedByNameWithItsKeysFromTheKeystore() throws Exception {
    Run check = run("check", "--account", "office", "--json");

    JsonNode doc = new ObjectMapper().readTree(check.out());
    assertThat(doc.get("account").asText()).isEqualTo("Office");
    assertThat(doc.get("numbers").asInt()).isEqualTo(DemoSeed.SMALL_NUMBERS);
    assertThat(check.exitCode()).isIn(ExitCodes.ERRORS, ExitCodes.CHANGES);
    assertThat(wiring.signIn.accounts().join().lastUsed().orElseThrow().displayName())
        .isEqualTo("Branch");
  }

  @Test
  void aChangeMadeInTheWindowIsInTheCommandLinesHistoryAndUndoneFromThere() throws Exception {
    AppDirs dirs = AppDirs.under(root);
    String officeId =
        wiring.signIn.accounts().join().accounts().stream()
            .filter(p -> p.displayName().equals("Office"))
            .findFirst()
            .orElseThrow()
            .id();
    SandboxAccount server = office.account();
    String number = server.numbers().getFirst().number();
    NumberRouting before = server.routing(number).orElseThrow();
    Route other =
        server.routes().stream()
            .filter(r -> !r.isSystemRoute())
            .filter(r -> !r.id().equals(before.primaryRouteId()))
            .filter(r -> !r.id().equals(before.failoverRouteId()))
            .findFirst()
            .orElseThrow();
    FlowrouteClient client =
        OkHttpFlowrouteClient.builder()
            .baseUrl(office.baseUrl())
            .credentials(office.accessKey(), office.secretKey())
            .build();
    // The window's engine on the account's own database, as the window sends a drag.
    try (LocalStore store = LocalStore.open(dirs, officeId);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      NumberChange change =
          new NumberChange(before, new NumberRouting(number, other.id(), before.failoverRouteId()));
      new ChangeEngine(store, client, executor)
          .apply(
              BatchKind.ASSIGN,
              new AssignmentPlan("Assign one number", List.of(change)),
              BatchListener.NONE,
              CancellationToken.NONE)
          .join();
    } finally {
      client.close();
    }
    assertThat(server.primaryRouteId(number)).isEqualTo(other.id());

    JsonNode history =
        new ObjectMapper().readTree(run("history", "--account", "Office", "--json").out());
    JsonNode batch = history.get("batches").get(0);
    assertThat(batch.get("kind").asText()).isEqualTo("assign");
    assertThat(batch.get("summary").asText()).isEqualTo("Assign one number");

    Run undo = run("undo", "--account", "Office", batch.get("id").asText(), "--yes");
    assertThat(undo.exitCode()).as(undo.out() + undo.err()).isEqualTo(ExitCodes.OK);
    assertThat(server.routing(number)).contains(before);
  }

  @Test
  void withoutAccountTheLastUsedOneIsOpenedAndAnUnknownNameListsTheKnownOnes() throws Exception {
    Run check = run("check", "--json");
    assertThat(new ObjectMapper().readTree(check.out()).get("account").asText())
        .isEqualTo("Branch");

    Run unknown = run("check", "--account", "Head office");
    assertThat(unknown.exitCode()).isEqualTo(ExitCodes.ERRORS);
    assertThat(unknown.err()).contains("no account named “Head office”", "“Office”", "“Branch”");
  }
}
