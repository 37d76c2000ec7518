package io.routedesk.testing;

import io.routedesk.domain.RouteType;
import io.routedesk.service.AccountService;
import io.routedesk.service.AccountSnapshotService;
import io.routedesk.service.AssignmentService;
import io.routedesk.service.DraftService;
import io.routedesk.service.RouteService;
import io.routedesk.store.LocalStore;
import io.routedesk.ui.drafts.DraftsViewModel;
import io.routedesk.ui.model.AccountState;
import io.routedesk.ui.model.Activity;
import io.routedesk.ui.numbers.NumbersViewModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executor;

/**
 * The services and shared state of a window, wired on a fake client with same-thread executors, so
 * view-model tests run without the JavaFX toolkit and without waiting.
 */
public final class TestWorld {
  static {
    // sqlite-jdbc unpacks its native library into java.io.tmpdir (target/tmp under Surefire),
    // which may not exist yet when a view-model test is the first to open a store.
    try {
      Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public final FakeFlowrouteClient client = new FakeFlowrouteClient();
  public final Executor ui = Runnable::run;
  public final Executor background = Runnable::run;
  public final Activity activity = new Activity();
  public final RecordingPrompts prompts = new RecordingPrompts();
  public final AccountService accountService = new AccountService(client, background);
  public final RouteService routeService = new RouteService(client);
  public final AssignmentService assignmentService = new AssignmentService(client, background);

  /** The account's local store, in memory (closed with the JVM; nothing is written to disk). */
  public final LocalStore store = LocalStore.inMemory();

  public final AccountSnapshotService snapshots =
      new AccountSnapshotService(store, client, background);
  public final DraftService draftService = new DraftService(store, client, background);
  public final AccountState account = new AccountState(accountService, snapshots, ui, activity);

  private NumbersViewModel numbers;

  /**
   * The drafts, wired as in the app: batches of published drafts run in the numbers panel of {@link
   * #numbers()}.
   */
  public final DraftsViewModel drafts =
      new DraftsViewModel(
          draftService,
          account,
          activity,
          ui,
          (description, ids, call) -> numbers().runElsewhere(description, ids, call));

  /** The numbers panel's view-model, made once and shared (it runs the drafts' batches too). */
  public NumbersViewModel numbers() {
    if (numbers == null) {
      numbers = new NumbersViewModel(account, assignmentService, drafts, activity, ui);
    }
    return numbers;
  }

  /** Routes 10 pbx-east (host), 11 pbx-west (host), 12 fwd-cell (number); numbers ...01–...05. */
  public TestWorld standardAccount() {
    client.addRoute("10", "pbx-east", RouteType.HOST, "pbx-east.example.com:5060");
    client.addRoute("11", "pbx-west", RouteType.HOST, "pbx-west.example.com");
    client.addRoute("12", "fwd-cell", RouteType.NUMBER, "12065559999");
    client.addNumber("12065550001", "Front desk", "0", null);
    client.addNumber("12065550002", "Sales", "10", null);
    client.addNumber("12065550003", "Support", "10", "11");
    client.addNumber("13125550004", "Chicago office", "11", "10");
    client.addNumber("13125550005", null, "0", null);
    return this;
  }

  public TestWorld loaded() {
    account.refresh().join();
    return this;
  }
}
