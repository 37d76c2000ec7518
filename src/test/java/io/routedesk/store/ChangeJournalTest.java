package io.routedesk.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.routedesk.domain.NewRoute;
import io.routedesk.domain.NumberRouting;
import io.routedesk.domain.RouteType;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChangeJournalTest {
  @TempDir Path dir;
  private LocalStore store;
  private ChangeJournal journal;

  @BeforeEach
  void open() {
    store = LocalStore.open(dir.resolve("acct.db"));
    journal = ChangeJournal.of(store);
  }

  @AfterEach
  void close() {
    store.close();
  }

  private UUID batch(String description, String... numbers) {
    UUID id = UUID.randomUUID();
    journal.begin(
        new ChangeJournal.NewBatch(id, BatchKind.ASSIGN, description, "ann", null),
        java.util.Arrays.stream(numbers)
            .map(
                n ->
                    new ChangeJournal.Planned(
                        new NumberRouting(n, "10", null), new NumberRouting(n, "11", "12")))
            .toList());
    return id;
  }

  @Test
  void aBatchIsDurableBeforeItsOutcomesAndCountsThem() {
    UUID id = batch("Primary of 3 numbers → pbx-west", "12065550001", "12065550002", "12065550003");

    try (LocalStore other = LocalStore.open(dir.resolve("acct.db"))) {
      JournalBatch seen = ChangeJournal.of(other).interrupted().getFirst();
      assertThat(seen.pending()).isEqualTo(3);
      assertThat(seen.user()).isEqualTo("ann");
    }
    journal.recordOutcomes(
        id,
        List.of(
            new EntryOutcome("12065550001", ChangeOutcome.DONE, null),
            new EntryOutcome("12065550002", ChangeOutcome.FAILED, "403")));
    journal.finish(id);

    JournalBatch b = journal.batch(id).orElseThrow();
    assertThat(b.interrupted()).isFalse();
    assertThat(List.of(b.numbers(), b.done(), b.failed(), b.pending())).containsExactly(3, 1, 1, 1);
    assertThat(journal.entries(id).get(1).detail()).isEqualTo("403");
    assertThat(journal.entries(id).getFirst().after())
        .isEqualTo(new NumberRouting("12065550001", "11", "12"));
  }

  @Test
  void historyIsNewestFirstAndFiltersByNumberRouteOrWords() {
    UUID first = batch("Primary of 1 number → pbx-west", "12065550001");
    UUID second = batch("Failover of 1 number → lab", "13125550002");
    UUID route = UUID.randomUUID();
    journal.beginRoute(
        new ChangeJournal.NewBatch(route, BatchKind.ROUTE_CREATE, "New route office", null, null),
        RouteChange.Action.CREATE,
        null,
        null,
        new NewRoute(RouteType.HOST, "pbx.example.com", "office", null));
    journal.recordRouteOutcome(route, "77", ChangeOutcome.DONE, null);

    assertThat(journal.batches())
        .extracting(JournalBatch::id)
        .containsExactly(route, second, first);
    assertThat(journal.batchesMatching("(206) 555-0001"))
        .extracting(JournalBatch::id)
        .containsExactly(first);
    assertThat(journal.batchesMatching("12")).as("route id in either slot, or digits").hasSize(2);
    assertThat(journal.batchesMatching("77")).extracting(JournalBatch::id).containsExactly(route);
    assertThat(journal.batchesMatching("OFFICE"))
        .extracting(JournalBatch::id)
        .containsExactly(route);
    assertThat(journal.routeChanges(route).getFirst().routeId()).isEqualTo("77");
  }

  @Test
  void clearingKeepsWhatIsStillUndecided() {
    UUID done = batch("done", "12065550001");
    journal.finish(done);
    UUID interrupted = batch("interrupted", "12065550002");

    assertThat(journal.clear()).isEqualTo(1);

    assertThat(journal.batches()).extracting(JournalBatch::id).containsExactly(interrupted);
    assertThat(journal.entries(done)).isEmpty();
    journal.resolve(
        interrupted,
        JournalBatch.Resolution.LEFT,
        List.of(new EntryOutcome("12065550002", ChangeOutcome.SKIPPED, "Not applied.")));
    assertThat(journal.interrupted()).isEmpty();
    assertThat(journal.entries(interrupted).getFirst().outcome()).isEqualTo(ChangeOutcome.SKIPPED);
  }
}
