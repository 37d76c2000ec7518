package io.routedesk.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.routedesk.domain.NumberRouting;
import io.routedesk.domain.PhoneNumber;
import io.routedesk.domain.Route;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotStageTest {
  private static final Instant AT = Instant.parse("2026-12-07T12:00:00.123Z");

  @TempDir Path dir;
  private LocalStore staged;
  private LocalStore direct;

  @BeforeEach
  void open() {
    staged = LocalStore.open(dir.resolve("staged.db"));
    direct = LocalStore.open(dir.resolve("direct.db"));
  }

  @AfterEach
  void close() {
    staged.close();
    direct.close();
  }

  /** A listing as a refresh sees it: with repeats, routing for some numbers only. */
  private record Listing(
      List<Route> routes, List<PhoneNumber> numbers, List<NumberRouting> routings) {}

  private static Listing listing(long seed) {
    AccountSnapshot account = SnapshotFixtures.account(60, 900, seed, AT);
    List<Route> routes = new ArrayList<>(account.routes());
    routes.add(routes.get(3)); // a route listed twice (the list shifted while paging)
    List<PhoneNumber> numbers = new ArrayList<>(account.numbers());
    numbers.add(numbers.get(10));
    List<NumberRouting> routings = new ArrayList<>(account.routings());
    routings.subList(700, 750).clear(); // numbers whose routing nobody knows
    return new Listing(routes, numbers, routings);
  }

  private void assertSameAsReplaced(Listing l, List<NumberRouting> keptFromBefore) {
    List<NumberRouting> all = new ArrayList<>(l.routings());
    all.addAll(keptFromBefore);
    // replaceSnapshot's list is in the order of the numbers.
    List<NumberRouting> inNumberOrder = new ArrayList<>();
    for (PhoneNumber n : l.numbers()) {
      all.stream().filter(r -> r.number().equals(n.number())).forEach(inNumberOrder::add);
    }
    AccountSnapshot expected =
        direct.replaceSnapshot(l.routes(), l.numbers(), inNumberOrder, List.of(), AT);

    assertThat(staged.loadSnapshot()).isEqualTo(expected).isEqualTo(direct.loadSnapshot());
    assertThat(LocalStore.asSaved(l.routes(), l.numbers(), inNumberOrder, List.of(), AT))
        .isEqualTo(expected);
  }

  @Test
  void aCommittedStageSavesWhatReplaceSnapshotSaves() {
    Listing l = listing(7);
    List<NumberRouting> kept = List.of(l.routings().getLast());
    List<NumberRouting> read = new ArrayList<>(l.routings().subList(0, l.routings().size() - 1));
    // Routing comes in as the batches answer: in any order.
    Collections.shuffle(read, new Random(7));

    try (SnapshotStage stage = staged.stageSnapshot()) {
      stage.addNumbers(l.numbers().subList(0, 400));
      stage.addRoutings(read.subList(0, 300));
      stage.addRoutes(l.routes());
      stage.addNumbers(l.numbers().subList(400, l.numbers().size()));
      stage.addRoutings(read.subList(300, read.size()));
      stage.commit(kept, List.of(), AT);
    }

    assertSameAsReplaced(l, List.of());
    assertThat(staged.tempTables()).isZero();
  }

  @Test
  void aStageClosedWithoutCommitLeavesTheSavedCopyAndNothingElse() {
    Listing before = listing(1);
    AccountSnapshot saved =
        staged.replaceSnapshot(before.routes(), before.numbers(), before.routings(), List.of(), AT);
    Listing after = listing(2);

    try (SnapshotStage stage = staged.stageSnapshot()) {
      stage.addRoutes(after.routes());
      stage.addNumbers(after.numbers());
      stage.addRoutings(after.routings());
      assertThat(staged.tempTables()).isEqualTo(3);
    } // a refresh that failed or was abandoned

    assertThat(staged.loadSnapshot()).isEqualTo(saved);
    assertThat(staged.tempTables()).isZero();
  }

  @Test
  void twoStagesOnOneStoreDoNotMix() {
    Listing first = listing(3);
    Listing second = listing(4);
    try (SnapshotStage a = staged.stageSnapshot();
        SnapshotStage b = staged.stageSnapshot()) {
      a.addRoutes(first.routes());
      b.addRoutes(second.routes());
      a.addNumbers(first.numbers());
      b.addNumbers(second.numbers());
      a.addRoutings(first.routings());
      b.addRoutings(second.routings());
      b.commit(List.of(), List.of(), AT);
    }

    assertSameAsReplaced(second, List.of());
  }

  @Test
  void aClosedStageRefusesMoreRows() {
    SnapshotStage stage = staged.stageSnapshot();
    stage.close();

    assertThatThrownBy(() -> stage.addNumbers(listing(5).numbers()))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> stage.commit(List.of(), List.of(), AT))
        .isInstanceOf(IllegalStateException.class);
  }
}
