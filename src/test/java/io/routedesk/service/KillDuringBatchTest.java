package io.routedesk.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.routedesk.domain.Draft;
import io.routedesk.domain.NewRoute;
import io.routedesk.domain.NumberRouting;
import io.routedesk.domain.Route;
import io.routedesk.domain.RouteType;
import io.routedesk.domain.VoiceSlot;
import io.routedesk.flowroute.CancellationToken;
import io.routedesk.flowroute.FlowrouteClient;
import io.routedesk.flowroute.OkHttpFlowrouteClient;
import io.routedesk.sandbox.DemoSeed;
import io.routedesk.sandbox.FlowrouteSandbox;
import io.routedesk.store.BatchKind;
import io.routedesk.store.ChangeJournal;
import io.routedesk.store.JournalBatch;
import io.routedesk.store.JournalEntry;
import io.routedesk.store.LocalStore;
import io.routedesk.testing.ChildJvm;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * kill -9 of a child JVM at a seeded random point of a 1,000-number batch against the sandbox with
 * latency (a bulk assignment, a move before a delete, the pending assignments of a published
 * draft). After the restart: every planned number is in the journal; recovery reports exactly what
 * the sandbox has; Resume changes each remaining number once; Undo restores every number that was
 * done. The seed is printed; rerun one with {@code -Dkill.seed=<seed>}. Before the kill, the same
 * batch, still being sent by the live child, is not reported as interrupted.
 */
class KillDuringBatchTest {
  private static final int NUMBERS = 1_000;

  @TempDir Path dir;
  private FlowrouteSandbox sandbox;
  private Path db;
  private String source;
  private String target;
  private final Map<String, AtomicInteger> writesByNumber = new ConcurrentHashMap<>();
  private FlowrouteClient counting;
  private OkHttpFlowrouteClient real;
  private ExecutorService executor;

  @BeforeEach
  void setUp() throws Exception {
    sandbox =
        FlowrouteSandbox.builder().seed(DemoSeed.of(NUMBERS, 12, DemoSeed.DEFAULT_SEED)).start();
    sandbox.faults().latencyMillis(8);
    List<Route> hosts =
        sandbox.account().routes().stream().filter(r -> !r.isSystemRoute()).toList();
    source = hosts.get(0).id();
    target = hosts.get(1).id();
    db = dir.resolve("accounts").resolve("sandbox.db");
    real =
        OkHttpFlowrouteClient.builder()
            .baseUrl(sandbox.baseUrl())
            .credentials(sandbox.accessKey(), sandbox.secretKey())
            .build();
    counting = countingWrites(real);
    executor = Executors.newVirtualThreadPerTaskExecutor();
  }

  @AfterEach
  void tearDown() {
    executor.shutdownNow();
    real.close();
    sandbox.close();
  }

  /** The client, counting the writes sent for each number. */
  private FlowrouteClient countingWrites(FlowrouteClient client) {
    return (FlowrouteClient)
        Proxy.newProxyInstance(
            FlowrouteClient.class.getClassLoader(),
            new Class<?>[] {FlowrouteClient.class},
            (proxy, method, args) -> {
              if (method.getName().equals("setRoute") || method.getName().equals("removeRoute")) {
                writesByNumber
                    .computeIfAbsent((String) args[0], n -> new AtomicInteger())
                    .incrementAndGet();
              }
              try {
                return method.invoke(client, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  private Map<String, NumberRouting> sandboxRouting() {
    Map<String, NumberRouting> all = new HashMap<>();
    for (var n : sandbox.account().numbers()) {
      all.put(n.number(), sandbox.account().routing(n.number()).orElseThrow());
    }
    return all;
  }

  @ParameterizedTest(name = "{0}, then {1}")
  @CsvSource({
    "assign, resume",
    "assign, undo",
    "move, resume",
    "move, undo",
    "publish, resume",
    "publish, undo"
  })
  void afterKillMinus9TheJournalRecoveryResumeAndUndoTellAndDoTheTruth(String mode, String then)
      throws Exception {
    long seed = Long.getLong("kill.seed", System.nanoTime());
    System.out.println("KillDuringBatchTest " + mode + "/" + then + ": kill.seed=" + seed);
    Random random = new Random(seed);
    List<String> extra = new ArrayList<>();
    // Every number starts on the source route, so the batch changes all of them.
    for (var n : sandbox.account().numbers()) {
      sandbox.account().assign(n.number(), VoiceSlot.PRIMARY, source);
    }
    if (mode.equals("move")) {
      extra.add(source);
    }
    Draft draft = null;
    if (mode.equals("publish")) {
      try (LocalStore store = LocalStore.open(db)) {
        draft = store.createDraft(new NewRoute(RouteType.HOST, "10.9.8.7:5060", "crash-lab", null));
        store.addPendingAssignments(
            draft.id(),
            sandbox.account().numbers().stream().map(n -> n.number()).toList(),
            VoiceSlot.PRIMARY);
      }
      extra.add(draft.id().toString());
    }
    Map<String, NumberRouting> before = sandboxRouting();

    int killAfter = 1 + random.nextInt(NUMBERS - 1);
    List<String> args = new ArrayList<>(List.of(db.toString(), sandbox.baseUrl(), mode, target));
    args.addAll(extra);
    try (ChildJvm child =
        ChildJvm.start(
            BatchCrashChild.class, dir.resolve(mode + ".err"), args.toArray(String[]::new))) {
      assertThat(child.awaitLine("JOURNALED", Duration.ofSeconds(120)))
          .as("child started its batch (see %s.err)", mode)
          .isNotNull();
      assertThat(child.awaitLine("SENT " + killAfter, Duration.ofSeconds(120)))
          .as("child sent %d changes", killAfter)
          .isNotNull();
      List<String> lines = child.killAndCollect();
      assertThat(lines).doesNotContain("FINISHED");
    }

    try (LocalStore store = LocalStore.open(db)) {
      ChangeEngine engine = new ChangeEngine(store, counting, executor);
      ChangeJournal journal = engine.journal();
      List<JournalBatch> interrupted = journal.interrupted();
      BatchKind kind =
          switch (mode) {
            case "assign" -> BatchKind.ASSIGN;
            case "move" -> BatchKind.MOVE_AND_DELETE;
            default -> BatchKind.PUBLISH;
          };
      assertThat(interrupted).singleElement().extracting(JournalBatch::kind).isEqualTo(kind);
      List<JournalEntry> entries = journal.entries(interrupted.getFirst().id());
      assertThat(entries).as("every planned number is in the journal").hasSize(NUMBERS);

      Map<String, NumberRouting> server = sandboxRouting();
      List<String> trulyDone = new ArrayList<>();
      List<String> trulyNotDone = new ArrayList<>();
      for (JournalEntry e : entries) {
        assertThat(e.before()).isEqualTo(before.get(e.number()));
        (server.get(e.number()).equals(e.after()) ? trulyDone : trulyNotDone).add(e.number());
      }
      assertThat(trulyDone).as("the kill came after some changes landed").isNotEmpty();

      ChangeEngine.Interruption found = engine.findInterrupted().join().getFirst();
      assertThat(found.done()).containsExactlyInAnyOrderElementsOf(trulyDone);
      assertThat(found.notDone()).containsExactlyInAnyOrderElementsOf(trulyNotDone);
      assertThat(found.conflicts()).isEmpty();

      writesByNumber.clear();
      if (then.equals("resume")) {
        BatchReport report =
            engine.resume(found, BatchListener.NONE, CancellationToken.NONE).join();
        assertThat(report.allDone()).as("%s", report.failed()).isTrue();
        for (String n : trulyDone) {
          assertThat(writesByNumber.get(n)).as("landed %s is not sent again", n).isNull();
        }
        Map<String, NumberRouting> after = sandboxRouting();
        for (JournalEntry e : entries) {
          assertThat(after.get(e.number())).isEqualTo(e.after());
          if (trulyNotDone.contains(e.number())) {
            assertThat(writesByNumber.get(e.number()).get())
                .as("remaining %s changed once", e.number())
                .isEqualTo(writesOf(e, server.get(e.number())));
          }
        }
        if (draft != null) {
          // Publishing again finds nothing left to send: what landed before the kill is not resent.
          writesByNumber.clear();
          PublishResult again =
              new DraftService(store, counting, executor, engine).publish(draft.id()).join();
          assertThat(again.isComplete()).as(again.message()).isTrue();
          assertThat(writesByNumber).isEmpty();
          assertThat(store.pendingAssignments(draft.id())).isEmpty();
        }
      } else {
        BatchReport report =
            engine.undoDone(found, BatchListener.NONE, CancellationToken.NONE).join();
        assertThat(report.allDone()).as("%s", report.failed()).isTrue();
        // Done numbers, and numbers the kill caught between their two requests.
        List<String> changed =
            entries.stream()
                .filter(e -> !server.get(e.number()).equals(e.before()))
                .map(JournalEntry::number)
                .toList();
        assertThat(report.plan().numbers()).containsExactlyInAnyOrderElementsOf(changed);
        assertThat(sandboxRouting()).as("every number as before the batch").isEqualTo(before);
      }
      assertThat(journal.interrupted()).isEmpty();
    }
  }

  /**
   * A batch another process (the command line) is sending has no end in the journal yet, like a
   * crashed one; while that process holds the account's apply lock it is running, not interrupted,
   * so a window opening the account must not offer to resume or undo it. Once the process is
   * killed, the same batch is interrupted.
   */
  @Test
  void aBatchAnotherProcessIsSendingIsNotInterruptedUntilThatProcessDies() throws Exception {
    // Slow enough that the batch is still running while this process looks.
    sandbox.faults().latencyMillis(60);
    for (var n : sandbox.account().numbers()) {
      sandbox.account().assign(n.number(), VoiceSlot.PRIMARY, source);
    }
    try (ChildJvm child =
            ChildJvm.start(
                BatchCrashChild.class,
                dir.resolve("running.err"),
                db.toString(),
                sandbox.baseUrl(),
                // The move goes through the engine's own locking, as the command line's apply.
                "move",
                target,
                source);
        LocalStore store = LocalStore.open(db)) {
      assertThat(child.awaitLine("SENT 5", Duration.ofSeconds(120)))
          .as("child is sending (see running.err)")
          .isNotNull();
      ChangeEngine engine = new ChangeEngine(store, counting, executor);

      List<ChangeEngine.Interruption> whileRunning = engine.findInterrupted().join();

      // Looked at after the check: the batch had no end when findInterrupted ran either.
      List<JournalBatch> unfinished = engine.journal().interrupted();
      assertThat(unfinished)
          .singleElement()
          .extracting(JournalBatch::kind)
          .isEqualTo(BatchKind.MOVE_AND_DELETE);
      assertThat(child.process().isAlive()).isTrue();
      assertThat(whileRunning).as("a running batch is not interrupted").isEmpty();

      assertThat(child.killAndCollect()).doesNotContain("FINISHED");
      assertThat(engine.findInterrupted().join())
          .singleElement()
          .extracting(i -> i.batch().id())
          .isEqualTo(unfinished.getFirst().id());
    }
  }

  /** Requests a resumed number needs from its routing at the kill to the batch's routing. */
  private static int writesOf(JournalEntry e, NumberRouting atKill) {
    return new NumberChange(atKill, e.after()).writes().size();
  }
}
