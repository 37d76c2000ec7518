package io.routedesk.ui.routingfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.routedesk.service.plan.AccountReader;
import io.routedesk.service.plan.ApplyReport;
import io.routedesk.service.plan.PlanApplier;
import io.routedesk.store.BatchKind;
import io.routedesk.store.JournalBatch;
import io.routedesk.testing.TestWorld;
import io.routedesk.ui.model.Activity;
import io.routedesk.ui.routingfile.PlanReviewViewModel.Filter;
import io.routedesk.ui.routingfile.PlanReviewViewModel.Kind;
import io.routedesk.ui.routingfile.PlanReviewViewModel.Line;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * File → Export… and File → Import plan… without a window: the export, the review's counts and
 * filters, what blocks Apply, the apply itself and its conflicts, against the fake Flowroute.
 */
class PlanReviewViewModelTest {
  @TempDir Path dir;

  private final TestWorld world = new TestWorld().standardAccount();
  private final AtomicInteger historyReloads = new AtomicInteger();
  private final ExecutorService applyThread = Executors.newSingleThreadExecutor();
  private RoutingFileViewModel files;

  @AfterEach
  void stopApplyThread() {
    applyThread.shutdownNow();
  }

  @BeforeEach
  void wire() {
    world.loaded();
    PlanApplier applier =
        // Its own thread: the engine re-reads the numbers and waits for the answer, which a test
        // holding the answers can only release while the apply runs beside it.
        new PlanApplier(PlanApplier.through(world.routeService, world.changes), applyThread);
    files =
        new RoutingFileViewModel(
            new AccountReader(world.accountService),
            applier,
            world.account,
            world.activity,
            world.background,
            world.ui,
            historyReloads::incrementAndGet);
  }

  private Path file(String csv) throws IOException {
    Path f = dir.resolve("routing.csv");
    Files.writeString(f, csv, StandardCharsets.UTF_8);
    return f;
  }

  private PlanReviewViewModel review(String csv) throws IOException {
    return files.importPlan(file(csv)).join();
  }

  private static final String HEADER = "number,primary_route,failover_route\n";

  /** 02 to pbx-west; 03 failover same as primary (lint error); a bad row; 04 loses its failover. */
  private static final String MIXED =
      HEADER
          + "12065550002,pbx-west,\n"
          + "12065550003,pbx-east,pbx-east\n"
          + "12065550009,nowhere,\n"
          + "13125550004,pbx-west,\n";

  @Test
  void exportWritesBothFilesAndAPlanOfTheExportChangesNothing() throws Exception {
    Path out = dir.resolve("office.csv");

    String message = files.export(out).join();

    assertThat(out).exists();
    assertThat(dir.resolve("office.routes.csv")).exists();
    assertThat(message)
        .startsWith("Exported 5 numbers to office.csv and 4 routes to office.routes.csv");
    assertThat(world.activity.lastNoticeProperty().get().severity())
        .isEqualTo(Activity.Severity.SUCCESS);

    PlanReviewViewModel review = files.importPlan(out).join();
    assertThat(review.plan().hasChanges()).isFalse();
    assertThat(review.summary()).contains("0 numbers change", "5 numbers stay as is");
    assertThat(review.applyBlockedProperty().get()).startsWith("Nothing to change");
  }

  @Test
  void anExportIntoAFolderThatIsNotThereSaysSoAndWritesNothing() {
    Path out = dir.resolve("missing").resolve("routing.csv");

    assertThatThrownBy(() -> files.export(out).join())
        .hasMessageContaining("Not exported: There is no file or folder");
    assertThat(world.activity.lastNoticeProperty().get().severity())
        .isEqualTo(Activity.Severity.ERROR);
  }

  @Test
  void theReviewCountsAndFiltersChangesErrorsAndWarnings() throws Exception {
    PlanReviewViewModel review = review(MIXED);

    assertThat(review.count(Filter.CHANGES)).isEqualTo(3); // 02, 03, 04
    assertThat(review.count(Filter.ERRORS)).isEqualTo(2); // the bad row, 03's lint error
    assertThat(review.count(Filter.WARNINGS)).isEqualTo(1); // 04 has no failover now
    assertThat(review.count(Filter.CONFLICTS)).isZero();
    assertThat(review.summary())
        .contains("3 numbers change", "2 numbers are not in file", "2 errors", "1 warning");

    review.filterProperty().set(Filter.ERRORS);
    assertThat(review.visibleLines())
        .extracting(Line::kind)
        .containsExactlyInAnyOrder(Kind.FILE_ERROR, Kind.LINT_ERROR);
    assertThat(review.visibleLines())
        .filteredOn(l -> l.kind() == Kind.FILE_ERROR)
        .singleElement()
        .satisfies(
            l -> {
              assertThat(l.row()).isEqualTo(4);
              // Where, without saying the reason a second time.
              assertThat(l.details()).endsWith(", row 4.").doesNotContain(l.note());
            });
    review.filterProperty().set(Filter.WARNINGS);
    assertThat(review.visibleLines())
        .singleElement()
        .satisfies(
            l -> {
              assertThat(l.subject()).isEqualTo("+1 (312) 555-0004");
              assertThat(l.details()).contains("Why it matters:", "How to fix:");
            });
    review.filterProperty().set(Filter.CHANGES);
    assertThat(review.visibleLines())
        .filteredOn(l -> l.key().equals("12065550002"))
        .singleElement()
        .satisfies(
            l -> {
              assertThat(l.primary()).isEqualTo("pbx-east → pbx-west");
              assertThat(l.failover()).isEqualTo("—");
            });
  }

  @Test
  void errorsBlockTheApplyUntilOnlyTheValidRowsAreChosenAndWarningsNeedAccepting()
      throws Exception {
    PlanReviewViewModel review = review(MIXED);

    assertThat(review.applyBlockedProperty().get()).contains("2 errors");
    assertThatThrownBy(() -> review.apply().join()).hasMessageContaining("2 errors");
    assertThat(world.client.writeLog()).isEmpty();

    review.onlyValidProperty().set(true);
    assertThat(review.applyBlockedProperty().get()).isEqualTo("Accept the 1 warning first.");
    review.acceptWarningsProperty().set(true);
    assertThat(review.applyBlockedProperty().get()).isEmpty();

    // Held until the test lets it go, to see Quit's guard while it runs.
    CompletableFuture<Void> gate = new CompletableFuture<>();
    world.client.holdDetails(gate);
    CompletableFuture<ApplyReport> running = review.apply();
    assertThat(files.applyingProperty().get()).isEqualTo(1);
    gate.complete(null);
    ApplyReport report = running.join();
    assertThat(files.applyingProperty().get()).isZero();

    assertThat(report.count(ApplyReport.Status.DONE)).isEqualTo(2);
    assertThat(world.client.routingOf("12065550002").primaryRouteId()).isEqualTo("11");
    assertThat(world.client.routingOf("13125550004").failoverRouteId()).isNull();
    // 03 would get a lint error: left out, untouched.
    assertThat(world.client.routingOf("12065550003").failoverRouteId()).isEqualTo("11");
    assertThat(review.visibleLines())
        .filteredOn(l -> l.key().equals("12065550003"))
        .singleElement()
        .satisfies(l -> assertThat(l.result()).startsWith("Left out"));
    // The window's account follows, and the history has the batch.
    assertThat(world.account.number("12065550002").primaryRouteId()).isEqualTo("11");
    assertThat(world.changes.journal().batches())
        .extracting(JournalBatch::kind)
        .containsExactly(BatchKind.ROUTING_FILE);
    assertThat(historyReloads).hasValue(1);
    assertThat(review.phaseProperty().get()).isEqualTo(PlanReviewViewModel.Phase.APPLIED);
    assertThat(review.resultTextProperty().get()).isEqualTo("Applied: 2 done.");
    assertThat(review.applyBlockedProperty().get()).startsWith("Applied.");
  }

  @Test
  void aNumberChangedSinceThePlanIsAConflictAndLeftAlone() throws Exception {
    PlanReviewViewModel review =
        review(HEADER + "12065550002,pbx-west,\n" + "12065550003,pbx-west,pbx-east\n");
    // A colleague changes 02 in the portal after the plan was made.
    world.client.setRoutingElsewhere("12065550002", "12", null);

    ApplyReport report = review.apply().join();

    assertThat(report.count(ApplyReport.Status.CONFLICT)).isEqualTo(1);
    assertThat(world.client.routingOf("12065550002").primaryRouteId()).isEqualTo("12");
    assertThat(world.client.routingOf("12065550003").primaryRouteId()).isEqualTo("11");
    assertThat(review.count(Filter.CONFLICTS)).isEqualTo(1);
    review.filterProperty().set(Filter.CONFLICTS);
    assertThat(review.visibleLines())
        .singleElement()
        .satisfies(
            l -> {
              assertThat(l.key()).isEqualTo("12065550002");
              assertThat(l.result()).startsWith("Conflict: Changed since the plan was made");
            });
    assertThat(review.resultTextProperty().get())
        .isEqualTo("Applied: 1 done, 1 conflict (changed since the plan was made, left alone).");
    // The window shows what Flowroute has now, the colleague's change included.
    assertThat(world.account.number("12065550002").primaryRouteId()).isEqualTo("12");
  }

  @Test
  void cancelWhileTheNumbersAreReadAgainSendsNothing() throws Exception {
    PlanReviewViewModel review = review(HEADER + "12065550002,pbx-west,fwd-cell\n");
    CompletableFuture<Void> gate = new CompletableFuture<>();
    world.client.holdDetails(gate);
    CompletableFuture<ApplyReport> running = review.apply();
    assertThat(review.phaseProperty().get()).isEqualTo(PlanReviewViewModel.Phase.APPLYING);
    assertThat(review.applyBlockedProperty().get()).isEqualTo("Applying…");

    review.cancel();
    gate.complete(null);
    ApplyReport report = running.join();

    assertThat(report.cancelled()).isTrue();
    assertThat(world.client.writeLog()).isEmpty();
    assertThat(review.resultTextProperty().get()).isEqualTo("Cancelled: 0 done, 1 not sent.");
    assertThat(review.visibleLines())
        .filteredOn(l -> l.key().equals("12065550002"))
        .singleElement()
        .satisfies(l -> assertThat(l.status()).isEqualTo(ApplyReport.Status.SKIPPED));
  }

  @Test
  void aFileThatCannotBeReadMakesNoPlanAndSaysWhy() {
    assertThatThrownBy(() -> files.importPlan(dir.resolve("gone.csv")).join())
        .hasMessageContaining("No plan made: There is no file or folder");
    assertThat(files.busyProperty().get()).isFalse();
  }
}
