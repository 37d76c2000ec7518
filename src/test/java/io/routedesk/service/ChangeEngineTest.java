package io.routedesk.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.routedesk.domain.NumberRouting;
import io.routedesk.domain.Route;
import io.routedesk.domain.RouteType;
import io.routedesk.flowroute.CancellationToken;
import io.routedesk.flowroute.FlowrouteException;
import io.routedesk.store.BatchKind;
import io.routedesk.store.ChangeJournal;
import io.routedesk.store.ChangeOutcome;
import io.routedesk.store.JournalBatch;
import io.routedesk.store.JournalEntry;
import io.routedesk.store.LocalStore;
import io.routedesk.testing.FakeFlowrouteClient;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChangeEngineTest {
  private final FakeFlowrouteClient client = new FakeFlowrouteClient();
  private final LocalStore store = LocalStore.inMemory();
  private final ChangeEngine engine = new ChangeEngine(store, client, Runnable::run);
  private final ChangeJournal journal = engine.journal();

  @BeforeEach
  void account() {
    client.addRoute("10", "pbx-east", RouteType.HOST, "pbx-east.example.com");
    client.addRoute("11", "pbx-west", RouteType.HOST, "pbx-west.example.com");
    client.addRoute("12", "pbx-north", RouteType.HOST, "pbx-north.example.com");
    client.addNumber("12065550001", null, "10", null);
    client.addNumber("12065550002", null, "10", null);
    client.addNumber("12065550003", null, "10", "11");
  }

  @AfterEach
  void close() {
    store.close();
  }

  private NumberChange change(String number, String primary, String failover) {
    return new NumberChange(client.routingOf(number), new NumberRouting(number, primary, failover));
  }

  private BatchReport apply(String description, NumberChange... changes) {
    return engine
        .apply(
            BatchKind.ASSIGN,
            new AssignmentPlan(description, List.of(changes)),
            BatchListener.NONE,
            new CancellationToken())
        .join();
  }

  // ---- the journal comes first ----------------------------------------------------------------

  @Test
  void everyPlannedChangeIsOnDiskBeforeTheFirstRequestAndEachOutcomeAfter() {
    List<JournalBatch> seenAtFirstWrite = new ArrayList<>();
    client.beforeEachWrite(
        () -> {
          if (seenAtFirstWrite.isEmpty()) {
            seenAtFirstWrite.addAll(journal.interrupted());
          }
        });
    client.failWrites(
        "12065550002",
        FakeFlowrouteClient.error(FlowrouteException.Kind.FORBIDDEN, 403, "Not allowed."));

    BatchReport report =
        apply(
            "Primary of 3 numbers → pbx-west",
            change("12065550001", "11", null),
            change("12065550002", "11", null),
            change("12065550003", "12", "11"));

    assertThat(seenAtFirstWrite)
        .singleElement()
        .satisfies(
            b -> {
              assertThat(b.description()).isEqualTo("Primary of 3 numbers → pbx-west");
              assertThat(b.pending()).isEqualTo(3);
              assertThat(b.user()).isEqualTo(System.getProperty("user.name"));
            });
    JournalBatch batch = journal.batch(report.batchId()).orElseThrow();
    assertThat(batch.interrupted()).isFalse();
    assertThat(batch.done()).isEqualTo(2);
    assertThat(batch.failed()).isEqualTo(1);
    assertThat(journal.entries(report.batchId()))
        .extracting(JournalEntry::number, JournalEntry::before, JournalEntry::outcome)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "12065550001", new NumberRouting("12065550001", "10", null), ChangeOutcome.DONE),
            org.assertj.core.groups.Tuple.tuple(
                "12065550002", new NumberRouting("12065550002", "10", null), ChangeOutcome.FAILED),
            org.assertj.core.groups.Tuple.tuple(
                "12065550003", new NumberRouting("12065550003", "10", "11"), ChangeOutcome.DONE));
    assertThat(journal.entries(report.batchId()).get(1).detail()).contains("Not allowed");
    // The saved copy holds what Flowroute showed afterwards, for every number touched.
    assertThat(store.cachedRoutings(List.of("12065550001", "12065550003")))
        .containsValues(
            new NumberRouting("12065550001", "11", null),
            new NumberRouting("12065550003", "12", "11"));
  }

  // ---- undo (issue 17, item 2) ----------------------------------------------------------------

  @Test
  void undoLeavesAFailoverAColleagueChangedSinceAndSaysSo() {
    BatchReport batch = apply("Failover → pbx-west", change("12065550001", "10", "11"));
    client.setRoutingElsewhere("12065550001", "10", "12");

    BatchReport undo =
        engine.undo(batch.batchId(), BatchListener.NONE, new CancellationToken()).join();

    assertThat(client.routingOf("12065550001"))
        .as("the colleague's failover is kept")
        .isEqualTo(new NumberRouting("12065550001", "10", "12"));
    assertThat(undo.allDone()).isFalse();
    assertThat(undo.outcomes())
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.conflict()).isTrue();
              assertThat(o.status()).isEqualTo(NumberOutcome.Status.SKIPPED);
              assertThat(o.reason()).contains("Changed since").contains("failover 12");
            });
    assertThat(AssignmentService.retryPlan(undo).isEmpty())
        .as("a conflict is never retried over the newer change")
        .isTrue();
  }

  @Test
  void undoNeverSendsAHalfRestoreThatCollidesWithAFailoverSetSince() {
    BatchReport batch = apply("Primary → pbx-west", change("12065550002", "11", null));
    client.setRoutingElsewhere("12065550002", "11", "10");

    assertThat(engine.previewUndo(batch.batchId()).join().plan().isEmpty()).isTrue();
    BatchReport undo =
        engine.undo(batch.batchId(), BatchListener.NONE, new CancellationToken()).join();

    assertThat(client.routingOf("12065550002"))
        .isEqualTo(new NumberRouting("12065550002", "11", "10"));
    assertThat(undo.outcomes()).singleElement().satisfies(o -> assertThat(o.conflict()).isTrue());
  }

  @Test
  void undoOfAnOldBatchRestoresWholeRoutingOfUntouchedNumbersAndListsTheOthers() {
    BatchReport old =
        apply(
            "Primary of 3 numbers → pbx-west",
            change("12065550001", "11", null),
            change("12065550002", "11", "12"),
            change("12065550003", "11", "10"));
    // A later batch changes one of them again.
    apply("Primary → pbx-north", change("12065550003", "12", "10"));

    ChangeEngine.UndoPreview preview = engine.previewUndo(old.batchId()).join();
    assertThat(preview.plan().numbers()).containsExactly("12065550001", "12065550002");
    assertThat(preview.conflicts())
        .extracting(ChangeEngine.Conflict::number)
        .containsExactly("12065550003");

    BatchReport undo = engine.undo(preview, BatchListener.NONE, new CancellationToken()).join();

    assertThat(client.routingOf("12065550001"))
        .isEqualTo(new NumberRouting("12065550001", "10", null));
    assertThat(client.routingOf("12065550002"))
        .isEqualTo(new NumberRouting("12065550002", "10", null));
    assertThat(client.routingOf("12065550003"))
        .isEqualTo(new NumberRouting("12065550003", "12", "10"));
    assertThat(undo.count(NumberOutcome.Status.DONE)).isEqualTo(2);
    JournalBatch undoBatch = journal.batch(undo.batchId()).orElseThrow();
    assertThat(undoBatch.kind()).isEqualTo(BatchKind.UNDO);
    assertThat(undoBatch.undoOf()).isEqualTo(old.batchId());
    assertThat(undoBatch.description()).isEqualTo("Undo: Primary of 3 numbers → pbx-west");
  }

  @Test
  void aNumberThatLeftTheAccountIsAConflictNotAFailure() {
    BatchReport batch = apply("Primary → pbx-west", change("12065550001", "11", null));
    client.removeNumber("12065550001");

    ChangeEngine.UndoPreview preview = engine.previewUndo(batch.batchId()).join();

    assertThat(preview.plan().isEmpty()).isTrue();
    assertThat(preview.conflicts())
        .singleElement()
        .satisfies(c -> assertThat(c.reason()).contains("No longer on this account"));
  }

  // ---- after a crash --------------------------------------------------------------------------

  /** A batch as a killed process leaves it: journaled, two of four numbers sent, no end. */
  private UUID interruptedBatch() {
    UUID id = UUID.randomUUID();
    List<ChangeJournal.Planned> planned = new ArrayList<>();
    for (String n : List.of("12065550001", "12065550002", "12065550003")) {
      NumberRouting now = client.routingOf(n);
      planned.add(
          new ChangeJournal.Planned(now, new NumberRouting(n, "12", now.failoverRouteId())));
    }
    journal.begin(
        new ChangeJournal.NewBatch(
            id, BatchKind.ASSIGN, "Primary of 3 numbers → pbx-north", "ann", null),
        planned);
    // Sent before the kill: ...01 (outcome recorded), ...02 (landed, outcome not recorded).
    client.setRoutingElsewhere("12065550001", "12", null);
    journal.recordOutcomes(
        id, List.of(new io.routedesk.store.EntryOutcome("12065550001", ChangeOutcome.DONE, null)));
    client.setRoutingElsewhere("12065550002", "12", null);
    return id;
  }

  @Test
  void anInterruptedBatchIsClassifiedByWhatFlowrouteShows() {
    UUID id = interruptedBatch();
    client.addNumber("12065550004", null, "10", null);

    List<ChangeEngine.Interruption> found = engine.findInterrupted().join();

    assertThat(found)
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.batch().id()).isEqualTo(id);
              assertThat(i.done()).containsExactly("12065550001", "12065550002");
              assertThat(i.notDone()).containsExactly("12065550003");
              assertThat(i.conflicts()).isEmpty();
              assertThat(i.summary(ZoneOffset.UTC))
                  .matches(
                      "A change to 3 numbers was interrupted at \\d\\d:\\d\\d: 2 done, 1 not"
                          + " done\\.");
            });
  }

  @Test
  void resumeSendsOnlyWhatHadNotLandedOnce() {
    UUID id = interruptedBatch();
    ChangeEngine.Interruption i = engine.findInterrupted().join().getFirst();
    int writesBefore = client.writeLog().size();

    BatchReport resumed = engine.resume(i, BatchListener.NONE, new CancellationToken()).join();

    assertThat(client.writeLog().subList(writesBefore, client.writeLog().size()))
        .containsExactly("12065550003 PRIMARY 12");
    assertThat(resumed.allDone()).isTrue();
    assertThat(journal.batch(id).orElseThrow().resolution())
        .isEqualTo(JournalBatch.Resolution.RESUMED);
    assertThat(journal.entries(id))
        .extracting(JournalEntry::outcome)
        .containsExactly(ChangeOutcome.DONE, ChangeOutcome.DONE, ChangeOutcome.SKIPPED);
    assertThat(journal.interrupted()).isEmpty();
    assertThat(journal.batch(resumed.batchId()).orElseThrow().kind()).isEqualTo(BatchKind.RESUME);
  }

  @Test
  void undoWhatWasDoneRestoresTheLandedNumbersOnly() {
    UUID id = interruptedBatch();
    ChangeEngine.Interruption i = engine.findInterrupted().join().getFirst();

    BatchReport undone = engine.undoDone(i, BatchListener.NONE, new CancellationToken()).join();

    assertThat(undone.plan().numbers()).containsExactly("12065550001", "12065550002");
    assertThat(client.routingOf("12065550001"))
        .isEqualTo(new NumberRouting("12065550001", "10", null));
    assertThat(client.routingOf("12065550002"))
        .isEqualTo(new NumberRouting("12065550002", "10", null));
    assertThat(client.routingOf("12065550003"))
        .isEqualTo(new NumberRouting("12065550003", "10", "11"));
    assertThat(journal.batch(id).orElseThrow().resolution())
        .isEqualTo(JournalBatch.Resolution.UNDONE);
  }

  @Test
  void leaveAsIsSendsNothingAndRecordsTheServersTruth() {
    UUID id = interruptedBatch();
    ChangeEngine.Interruption i = engine.findInterrupted().join().getFirst();
    int writesBefore = client.writeLog().size();

    engine.leaveAsIs(i).join();

    assertThat(client.writeLog()).hasSize(writesBefore);
    assertThat(journal.batch(id).orElseThrow().resolution())
        .isEqualTo(JournalBatch.Resolution.LEFT);
    assertThat(journal.entries(id))
        .extracting(JournalEntry::outcome)
        .containsExactly(ChangeOutcome.DONE, ChangeOutcome.DONE, ChangeOutcome.SKIPPED);
    assertThat(engine.findInterrupted().join()).isEmpty();
  }

  // ---- move and delete (issue 17, item 5) -----------------------------------------------------

  @Test
  void moveAndDeleteChecksEverythingBeforeTheFirstMove() {
    Route east = client.routesById().get("10");
    AssignmentPlan move =
        new AssignmentPlan(
            "Move 1 number from pbx-east to pbx-west", List.of(change("12065550001", "11", null)));
    // One number's routing is not loaded: nothing may move.
    RouteUsage usage = RouteUsage.of("10", List.of(client.routingOf("12065550001")), 1);

    assertThatThrownBy(
            () ->
                engine
                    .moveAndDelete(east, move, usage, BatchListener.NONE, new CancellationToken())
                    .join())
        .hasMessageContaining("not loaded")
        .hasMessageContaining("Nothing was moved");
    assertThat(client.writeLog()).isEmpty();
    assertThat(journal.batches()).isEmpty();
  }

  @Test
  void moveAndDeleteRefusesAPlanThatLeavesANumberOnTheRoute() {
    Route east = client.routesById().get("10");
    AssignmentPlan partial = new AssignmentPlan("Move", List.of(change("12065550001", "11", null)));
    RouteUsage usage =
        RouteUsage.of(
            "10",
            List.of(
                client.routingOf("12065550001"),
                client.routingOf("12065550002"),
                client.routingOf("12065550003")),
            0);

    assertThatThrownBy(
            () ->
                engine
                    .moveAndDelete(
                        east, partial, usage, BatchListener.NONE, new CancellationToken())
                    .join())
        .hasMessageContaining("does not cover every number");
    assertThat(client.writeLog()).isEmpty();
  }

  @Test
  void moveAndDeleteMovesThenDeletesAndJournalsBoth() {
    Route east = client.routesById().get("10");
    RouteUsage usage =
        RouteUsage.of(
            "10",
            List.of(
                client.routingOf("12065550001"),
                client.routingOf("12065550002"),
                client.routingOf("12065550003")),
            0);
    AssignmentPlan move =
        new AssignmentPlan(
            "Move 3 numbers from pbx-east to pbx-north",
            List.of(
                change("12065550001", "12", null),
                change("12065550002", "12", null),
                change("12065550003", "12", "11")));

    ChangeEngine.MoveAndDelete result =
        engine.moveAndDelete(east, move, usage, BatchListener.NONE, new CancellationToken()).join();

    assertThat(result.deleted()).isTrue();
    assertThat(client.routesById()).doesNotContainKey("10");
    assertThat(journal.batches())
        .extracting(JournalBatch::kind)
        .containsExactly(BatchKind.ROUTE_DELETE, BatchKind.MOVE_AND_DELETE);
  }

  @Test
  void aMoveThatDidNotFullyLandKeepsTheRouteAndCanBeUndone() {
    Route east = client.routesById().get("10");
    client.failWrites(
        "12065550002", FakeFlowrouteClient.error(FlowrouteException.Kind.SERVER, 503, "down"));
    RouteUsage usage =
        RouteUsage.of(
            "10", List.of(client.routingOf("12065550001"), client.routingOf("12065550002")), 0);
    client.removeNumber("12065550003");
    AssignmentPlan move =
        new AssignmentPlan(
            "Move 2 numbers from pbx-east to pbx-north",
            List.of(change("12065550001", "12", null), change("12065550002", "12", null)));

    ChangeEngine.MoveAndDelete result =
        engine.moveAndDelete(east, move, usage, BatchListener.NONE, new CancellationToken()).join();

    assertThat(result.deleted()).isFalse();
    assertThat(result.message()).contains("was not deleted").contains("1 of 2");
    assertThat(client.routesById()).containsKey("10");
    BatchReport undo =
        engine.undo(result.moves().batchId(), BatchListener.NONE, new CancellationToken()).join();
    assertThat(undo.allDone()).isTrue();
    assertThat(client.routingOf("12065550001"))
        .isEqualTo(new NumberRouting("12065550001", "10", null));
  }
}
