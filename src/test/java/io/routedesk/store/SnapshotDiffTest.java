package io.routedesk.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.routedesk.domain.NumberRouting;
import io.routedesk.domain.PhoneNumber;
import io.routedesk.domain.Route;
import io.routedesk.domain.RouteType;
import io.routedesk.domain.VoiceSlot;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SnapshotDiffTest {
  private static final Route A = new Route("1", "a", RouteType.HOST, "a.example.com", null);
  private static final Route B = new Route("2", "b", RouteType.NUMBER, "12065550100", null);
  private static final Route B_EDITED = new Route("2", "b2", RouteType.NUMBER, "12065550100", 1);
  private static final Route C = new Route("3", "c", RouteType.URI, "sip:c@x.com", null);

  private static PhoneNumber number(String n) {
    return new PhoneNumber(n, null, null, null, null, false);
  }

  private static AccountSnapshot snapshot(
      List<Route> routes, List<PhoneNumber> numbers, List<NumberRouting> routings) {
    return new AccountSnapshot(routes, numbers, routings, List.of(), Instant.EPOCH);
  }

  @Test
  void identicalSnapshotsHaveNoChanges() {
    AccountSnapshot s = SnapshotFixtures.account(20, 100, 7, Instant.EPOCH);
    assertThat(SnapshotDiff.diff(s, SnapshotFixtures.account(20, 100, 7, Instant.MAX)).isEmpty())
        .isTrue();
  }

  @Test
  void routesAddedRemovedAndEditedAreReported() {
    AccountSnapshot before = snapshot(List.of(A, B), List.of(), List.of());
    AccountSnapshot after = snapshot(List.of(B_EDITED, C), List.of(), List.of());
    SnapshotDiff d = SnapshotDiff.diff(before, after);
    assertThat(d.routesAdded()).containsExactly(C);
    assertThat(d.routesRemoved()).containsExactly(A);
    assertThat(d.routesChanged()).containsExactly(new SnapshotDiff.RouteChange(B, B_EDITED));
    assertThat(d.isEmpty()).isFalse();
  }

  @Test
  void numbersWhoseRoutingChangedAreReportedWithTheSlots() {
    String n1 = "12065550001";
    String n2 = "12065550002";
    String n3 = "12065550003";
    AccountSnapshot before =
        snapshot(
            List.of(A, B),
            List.of(number(n1), number(n2), number(n3)),
            List.of(
                new NumberRouting(n1, "1", null),
                new NumberRouting(n2, "1", "2"),
                new NumberRouting(n3, "2", null)));
    AccountSnapshot after =
        snapshot(
            List.of(A, B),
            List.of(number(n1), number(n2), number(n3)),
            List.of(
                new NumberRouting(n1, "2", null),
                new NumberRouting(n2, "1", null),
                new NumberRouting(n3, "2", null)));
    SnapshotDiff d = SnapshotDiff.diff(before, after);
    assertThat(d.routingsChanged())
        .extracting(SnapshotDiff.RoutingChange::number)
        .containsExactly(n1, n2);
    assertThat(d.routingsChanged().get(0).changedSlots()).containsExactly(VoiceSlot.PRIMARY);
    assertThat(d.routingsChanged().get(1).changedSlots()).containsExactly(VoiceSlot.FAILOVER);
    assertThat(d.routesAdded()).isEmpty();
  }

  @Test
  void newAndGoneNumbersAreReportedAsSuchNotAsRoutingChanges() {
    String kept = "12065550001";
    String gone = "12065550002";
    String fresh = "12065550003";
    AccountSnapshot before =
        snapshot(
            List.of(A),
            List.of(number(kept), number(gone)),
            List.of(new NumberRouting(kept, "1", null), new NumberRouting(gone, "1", null)));
    AccountSnapshot after =
        snapshot(
            List.of(A),
            List.of(number(kept), number(fresh)),
            List.of(new NumberRouting(kept, "1", null), new NumberRouting(fresh, "1", null)));
    SnapshotDiff d = SnapshotDiff.diff(before, after);
    assertThat(d.numbersAdded()).extracting(PhoneNumber::number).containsExactly(fresh);
    assertThat(d.numbersRemoved()).extracting(PhoneNumber::number).containsExactly(gone);
    assertThat(d.routingsChanged()).isEmpty();
  }

  @Test
  void routingNowKnownForTheFirstTimeCountsOnlyWhenItSetsARoute() {
    String n1 = "12065550001";
    String n2 = "12065550002";
    AccountSnapshot before = snapshot(List.of(A), List.of(number(n1), number(n2)), List.of());
    AccountSnapshot after =
        snapshot(
            List.of(A),
            List.of(number(n1), number(n2)),
            List.of(new NumberRouting(n1, "1", null), new NumberRouting(n2, null, null)));
    SnapshotDiff d = SnapshotDiff.diff(before, after);
    assertThat(d.routingsChanged())
        .extracting(SnapshotDiff.RoutingChange::number)
        .containsExactly(n1);
    assertThat(d.routingsChanged().get(0).before()).isNull();
  }

  @Test
  void routingTheNewSnapshotDoesNotKnowIsNotAChange() {
    String n1 = "12065550001";
    AccountSnapshot before =
        snapshot(List.of(A), List.of(number(n1)), List.of(new NumberRouting(n1, "1", null)));
    AccountSnapshot after = snapshot(List.of(A), List.of(number(n1)), List.of());
    assertThat(SnapshotDiff.diff(before, after).isEmpty()).isTrue();
  }

  @Test
  void againstAnEmptyCacheEverythingIsNew() {
    AccountSnapshot now = SnapshotFixtures.account(10, 30, 3, Instant.EPOCH);
    SnapshotDiff d = SnapshotDiff.diff(AccountSnapshot.EMPTY, now);
    assertThat(d.routesAdded()).hasSize(10);
    assertThat(d.numbersAdded()).hasSize(30);
    assertThat(d.routingsChanged()).isEmpty();
  }
}
