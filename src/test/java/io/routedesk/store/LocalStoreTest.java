package io.routedesk.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.routedesk.domain.Draft;
import io.routedesk.domain.DraftState;
import io.routedesk.domain.EdgeStrategy;
import io.routedesk.domain.NewRoute;
import io.routedesk.domain.NumberRouting;
import io.routedesk.domain.PendingAssignment;
import io.routedesk.domain.PhoneNumber;
import io.routedesk.domain.Route;
import io.routedesk.domain.RouteType;
import io.routedesk.domain.VoiceSlot;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStoreTest {
  @TempDir Path dir;
  private Path file;
  private LocalStore store;

  @BeforeEach
  void open() {
    file = dir.resolve("accounts").resolve("acct.db");
    store = LocalStore.open(file);
  }

  @AfterEach
  void close() {
    store.close();
  }

  /** A second, independent connection: sees only what was committed to disk. */
  private LocalStore other() {
    return LocalStore.open(file);
  }

  private static NewRoute host(String alias) {
    return new NewRoute(RouteType.HOST, "pbx.example.com:5060", alias, 1);
  }

  // --- opening ---------------------------------------------------------------------------------

  @Test
  void aNewDatabaseIsCreatedInWalModeWithFullSync() {
    assertThat(store.openReport().status()).isEqualTo(OpenReport.Status.CREATED);
    assertThat(store.openReport().needsAttention()).isFalse();
    assertThat(store.file()).contains(file);
    assertThat(store.schemaVersion()).isEqualTo(Migrations.latestVersion());
    assertThat(store.pragma("journal_mode")).isEqualToIgnoringCase("wal");
    assertThat(store.pragma("synchronous")).isEqualTo("2"); // FULL
    assertThat(store.pragma("busy_timeout")).isEqualTo("5000");
    assertThat(store.pragma("foreign_keys")).isEqualTo("1");
  }

  @Test
  void reopeningAnExistingDatabaseSaysOpened() {
    store.close();
    try (LocalStore again = LocalStore.open(file)) {
      assertThat(again.openReport().status()).isEqualTo(OpenReport.Status.OPENED);
      assertThat(again.openReport().schemaVersionBefore()).isEqualTo(Migrations.latestVersion());
    }
    store = LocalStore.open(file);
  }

  @Test
  void eachAccountHasItsOwnFileUnderAccounts() {
    AppDirs dirs = AppDirs.under(dir);
    assertThat(LocalStore.databaseFile(dirs, "a1b2c3"))
        .isEqualTo(dir.resolve("data/accounts/a1b2c3.db"));
    Path odd = LocalStore.databaseFile(dirs, "../../etc/passwd");
    assertThat(odd.getParent()).isEqualTo(dir.resolve("data/accounts"));
    assertThat(odd.getFileName().toString()).startsWith("account-").endsWith(".db");
    assertThat(LocalStore.databaseFile(dirs, "../../etc/passwd")).isEqualTo(odd);
    assertThatThrownBy(() -> LocalStore.databaseFile(dirs, " "))
        .isInstanceOf(IllegalArgumentException.class);
    try (LocalStore s = LocalStore.open(dirs, "a1b2c3")) {
      assertThat(s.file()).contains(dir.resolve("data/accounts/a1b2c3.db"));
    }
  }

  // --- drafts ----------------------------------------------------------------------------------

  @Test
  void aSavedDraftIsOnDiskBeforeTheCallReturns() {
    Draft d = store.createDraft(host("office"));
    try (LocalStore o = other()) {
      assertThat(o.findDraft(d.id())).contains(d);
    }
    assertThat(d.state()).isEqualTo(DraftState.DRAFT);
    assertThat(d.createdAt()).isEqualTo(d.updatedAt());
    assertThat(d.publishToken()).isNull();

    Draft edited =
        store.updateDraft(d.id(), new NewRoute(RouteType.URI, "sip:a@b.com", "o2", null));
    try (LocalStore o = other()) {
      assertThat(o.findDraft(d.id())).contains(edited);
    }
    assertThat(edited.type()).isEqualTo(RouteType.URI);
    assertThat(edited.alias()).isEqualTo("o2");
    assertThat(edited.edgeStrategyId()).isNull();
    assertThat(edited.createdAt()).isEqualTo(d.createdAt());

    assertThat(store.deleteDraft(d.id())).isTrue();
    try (LocalStore o = other()) {
      assertThat(o.findDraft(d.id())).isEmpty();
    }
    assertThat(store.deleteDraft(d.id())).isFalse();
  }

  @Test
  void draftsMayBeIncompleteOrInvalidUntilPublished() {
    Draft d = store.createDraft(new NewRoute(RouteType.NUMBER, "12 34", null, null));
    assertThat(store.findDraft(d.id()).orElseThrow().value()).isEqualTo("12 34");
    assertThat(d.label()).isEqualTo("12 34");
  }

  @Test
  void draftsAreListedOldestFirstAndByState() {
    Draft a = store.createDraft(host("a"));
    Draft b = store.createDraft(host("b"));
    Draft c = store.createDraft(host("c"));
    store.beginPublishing(b.id(), "t");
    assertThat(store.listDrafts()).extracting(Draft::id).containsExactly(a.id(), b.id(), c.id());
    assertThat(store.listDrafts(DraftState.PUBLISHING))
        .extracting(Draft::id)
        .containsExactly(b.id());
  }

  @Test
  void aDraftBeingPublishedCannotBeEditedOrDeleted() {
    Draft d = store.createDraft(host("x"));
    assertThat(store.beginPublishing(d.id(), "token-1")).isPresent();
    assertThatThrownBy(() -> store.updateDraft(d.id(), host("y")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("being published");
    assertThatThrownBy(() -> store.deleteDraft(d.id()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("being published");
    assertThat(store.findDraft(d.id()).orElseThrow().alias()).isEqualTo("x");
  }

  @Test
  void aPublishedDraftCannotBeEditedButCanBeDeleted() {
    Draft d = store.createDraft(host("x"));
    store.markPublished(d.id(), "77");
    assertThatThrownBy(() -> store.updateDraft(d.id(), host("y")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("route 77");
    assertThat(store.deleteDraft(d.id())).isTrue();
  }

  @Test
  void editingAMissingDraftSaysSo() {
    UUID missing = UUID.randomUUID();
    assertThatThrownBy(() -> store.updateDraft(missing, host("x")))
        .isInstanceOf(DraftNotFoundException.class)
        .hasMessageContaining(missing.toString());
  }

  @Test
  void absurdlyLongTextIsRefusedWithAClearError() {
    assertThatThrownBy(() -> store.createDraft(host("a".repeat(LocalStore.MAX_DRAFT_TEXT + 1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("alias is too long");
    assertThat(store.listDrafts()).isEmpty();
  }

  @Test
  void beginPublishingIsACompareAndSet() {
    Draft d = store.createDraft(host("x"));
    Draft publishing = store.beginPublishing(d.id(), "token-1").orElseThrow();
    assertThat(publishing.state()).isEqualTo(DraftState.PUBLISHING);
    assertThat(publishing.publishToken()).isEqualTo("token-1");
    assertThat(store.beginPublishing(d.id(), "token-2")).isEmpty();
    try (LocalStore o = other()) {
      assertThat(o.findDraft(d.id()).orElseThrow().publishToken()).isEqualTo("token-1");
    }
  }

  @Test
  void returningToDraftKeepsOrClearsThePublishToken() {
    Draft d = store.createDraft(host("x"));
    store.beginPublishing(d.id(), "t1");
    Draft unknown = store.returnToDraft(d.id(), DraftState.DRAFT, "no answer", false);
    assertThat(unknown.state()).isEqualTo(DraftState.DRAFT);
    assertThat(unknown.lastError()).isEqualTo("no answer");
    assertThat(unknown.publishToken()).isEqualTo("t1");

    store.beginPublishing(d.id(), "t2");
    Draft refused = store.returnToDraft(d.id(), DraftState.FAILED, "401", true);
    assertThat(refused.state()).isEqualTo(DraftState.FAILED);
    assertThat(refused.publishToken()).isNull();
    assertThatThrownBy(() -> store.returnToDraft(d.id(), DraftState.PUBLISHED, "x", true))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void editingClearsTheStaleError() {
    Draft d = store.createDraft(host("x"));
    store.returnToDraft(d.id(), DraftState.DRAFT, "alias taken", false);
    assertThat(store.updateDraft(d.id(), host("y")).lastError()).isNull();
  }

  // --- pending assignments ---------------------------------------------------------------------

  @Test
  void pendingAssignmentsAreDurableAndIdempotent() {
    Draft d = store.createDraft(host("x"));
    assertThat(store.addPendingAssignment(d.id(), "12065550001", VoiceSlot.PRIMARY)).isTrue();
    assertThat(store.addPendingAssignment(d.id(), "12065550001", VoiceSlot.PRIMARY)).isFalse();
    assertThat(
            store.addPendingAssignments(
                d.id(), List.of("12065550002", "12065550001"), VoiceSlot.FAILOVER))
        .isEqualTo(2);
    try (LocalStore o = other()) {
      assertThat(o.pendingAssignments(d.id()))
          .extracting(PendingAssignment::number, PendingAssignment::slot)
          .containsExactly(
              Tuple.tuple("12065550001", VoiceSlot.PRIMARY),
              Tuple.tuple("12065550002", VoiceSlot.FAILOVER),
              Tuple.tuple("12065550001", VoiceSlot.FAILOVER));
    }
    assertThat(store.removePendingAssignment(d.id(), "12065550001", VoiceSlot.FAILOVER)).isTrue();
    assertThat(store.removePendingAssignment(d.id(), "12065550001", VoiceSlot.FAILOVER)).isFalse();
    try (LocalStore o = other()) {
      assertThat(o.pendingAssignments(d.id())).hasSize(2);
    }
  }

  @Test
  void pendingAssignmentsGoWithTheirDraft() {
    Draft a = store.createDraft(host("a"));
    Draft b = store.createDraft(host("b"));
    store.addPendingAssignment(a.id(), "12065550001", VoiceSlot.PRIMARY);
    store.addPendingAssignment(b.id(), "12065550002", VoiceSlot.PRIMARY);
    store.deleteDraft(a.id());
    assertThat(store.pendingAssignments(a.id())).isEmpty();
    assertThat(store.allPendingAssignments())
        .extracting(PendingAssignment::draftId)
        .containsExactly(b.id());
  }

  @Test
  void badPendingAssignmentsAreRefusedWithoutSavingAny() {
    Draft d = store.createDraft(host("x"));
    assertThatThrownBy(
            () ->
                store.addPendingAssignments(
                    d.id(), List.of("12065550001", "+1 206"), VoiceSlot.PRIMARY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"+1 206\" is not a phone number");
    assertThat(store.pendingAssignments(d.id())).isEmpty();
    UUID missing = UUID.randomUUID();
    assertThatThrownBy(() -> store.addPendingAssignment(missing, "12065550001", VoiceSlot.PRIMARY))
        .isInstanceOf(DraftNotFoundException.class);
  }

  // --- snapshot --------------------------------------------------------------------------------

  @Test
  void anEmptyStoreHasNoSnapshot() {
    AccountSnapshot s = store.loadSnapshot();
    assertThat(s.isRefreshed()).isFalse();
    assertThat(s.routes()).isEmpty();
    assertThat(store.lastRefresh()).isEmpty();
  }

  @Test
  void aSnapshotOfTenThousandNumbersRoundTrips() {
    Instant at = Instant.parse("2026-11-27T10:15:30.123Z");
    AccountSnapshot account = SnapshotFixtures.account(1_000, 10_000, 42, at);
    SnapshotFixtures.save(store, account);
    AccountSnapshot loaded;
    try (LocalStore o = other()) {
      loaded = o.loadSnapshot();
    }
    assertThat(loaded).isEqualTo(account);
    assertThat(loaded.numbers()).hasSize(10_000);
    assertThat(loaded.routes()).hasSize(1_000);
    assertThat(store.lastRefresh()).contains(at);
  }

  @Test
  void replacingTheSnapshotDropsWhatIsGone() {
    SnapshotFixtures.save(store, SnapshotFixtures.account(50, 200, 1, Instant.EPOCH));
    AccountSnapshot smaller = SnapshotFixtures.account(10, 20, 2, Instant.ofEpochSecond(60));
    SnapshotFixtures.save(store, smaller);
    assertThat(store.loadSnapshot()).isEqualTo(smaller);
  }

  /** The fixture account with some values changed, the same rows in the same order. */
  private static AccountSnapshot edited(AccountSnapshot a, Instant at) {
    List<Route> routes = new ArrayList<>(a.routes());
    Route r = routes.get(3);
    routes.set(3, new Route(r.id(), "renamed", RouteType.HOST, "new.example.com:5060", 2));
    List<PhoneNumber> numbers = new ArrayList<>(a.numbers());
    PhoneNumber n = numbers.get(10);
    numbers.set(
        10,
        new PhoneNumber(n.number(), "new alias", n.rateCenter(), n.state(), n.numberType(), true));
    List<NumberRouting> routings = new ArrayList<>(a.routings());
    routings.set(20, new NumberRouting(routings.get(20).number(), r.id(), null));
    int last = routings.size() - 1;
    routings.set(last, new NumberRouting(routings.get(last).number(), Route.SIP_REG_ID, r.id()));
    return new AccountSnapshot(routes, numbers, routings, a.edgeStrategies().subList(0, 2), at);
  }

  @Test
  void aRefreshOverTheCopyJustReadSavesTheChangedRowsInPlace() {
    AccountSnapshot first = SnapshotFixtures.account(1_000, 10_000, 42, Instant.EPOCH);
    SnapshotFixtures.save(store, first);
    store.close();
    store = LocalStore.open(file); // a new session: the window shows the saved copy first
    assertThat(store.loadSnapshot()).isEqualTo(first);

    AccountSnapshot next = edited(first, Instant.ofEpochSecond(60));
    AccountSnapshot saved = SnapshotFixtures.save(store, next);

    assertThat(saved).isEqualTo(next);
    assertThat(store.loadSnapshot()).isEqualTo(next);
    try (LocalStore o = other()) {
      assertThat(o.loadSnapshot()).as("on disk, in the same order").isEqualTo(next);
    }
  }

  @Test
  void aCopyChangedByAnotherConnectionIsReadAgainNotTrusted() {
    AccountSnapshot first = SnapshotFixtures.account(20, 200, 7, Instant.EPOCH);
    SnapshotFixtures.save(store, first);
    String number = first.numbers().get(5).number();
    String route = first.routes().get(2).id();
    try (LocalStore o = other()) {
      // The command line applied a change while the window was open.
      o.applyRouting(number, VoiceSlot.FAILOVER, route);
    }

    assertThat(store.loadSnapshot().routingByNumber().get(number).failoverRouteId())
        .isEqualTo(route);
  }

  @Test
  void aRefreshAfterAnotherConnectionChangedTheCopySavesExactlyWhatItRead() {
    AccountSnapshot first = SnapshotFixtures.account(20, 200, 7, Instant.EPOCH);
    SnapshotFixtures.save(store, first);
    try (LocalStore o = other()) {
      o.applyRouting(
          first.numbers().get(5).number(), VoiceSlot.FAILOVER, first.routes().get(2).id());
    }
    AccountSnapshot next = edited(first, Instant.ofEpochSecond(60));

    SnapshotFixtures.save(store, next);

    try (LocalStore o = other()) {
      assertThat(o.loadSnapshot()).isEqualTo(next);
    }
  }

  @Test
  void aCopyPatchedHereIsRewrittenInTheListedOrderByTheNextRefresh() {
    AccountSnapshot first = SnapshotFixtures.account(20, 200, 7, Instant.EPOCH);
    SnapshotFixtures.save(store, first);
    // A confirmed change moves the number's routing row last.
    store.applyRouting(first.numbers().get(0).number(), VoiceSlot.PRIMARY, Route.SIP_REG_ID);

    AccountSnapshot saved = SnapshotFixtures.save(store, first);

    assertThat(saved).isEqualTo(first);
    try (LocalStore o = other()) {
      assertThat(o.loadSnapshot()).isEqualTo(first);
    }
  }

  @Test
  void duplicatesFromAShiftingListingCollapseToTheLastOne() {
    Route a1 = new Route("5", "a", RouteType.HOST, "h1.example.com", null);
    Route a2 = new Route("5", "a", RouteType.HOST, "h2.example.com", null);
    PhoneNumber n = new PhoneNumber("12065550001", null, null, null, null, false);
    store.replaceSnapshot(
        List.of(a1, a2),
        List.of(n, n),
        List.of(new NumberRouting("12065550001", "5", null)),
        List.of(),
        Instant.EPOCH);
    AccountSnapshot s = store.loadSnapshot();
    assertThat(s.routes()).containsExactly(a2);
    assertThat(s.numbers()).containsExactly(n);
  }

  @Test
  void theSnapshotAsSavedIsWhatIsReadBack() {
    Route a1 = new Route("5", "a", RouteType.HOST, "h1.example.com", null);
    Route b = new Route("6", "b", RouteType.OTHER, "x", 2);
    Route a2 = new Route("5", "a", RouteType.HOST, "h2.example.com", null);
    PhoneNumber n1 = new PhoneNumber("12065550001", null, null, null, null, false);
    PhoneNumber n2 =
        new PhoneNumber("12065550002", "front desk", "SEATTLE", "WA", "standard", true);
    Instant at = Instant.parse("2026-11-27T10:15:30.123456Z");

    AccountSnapshot saved =
        store.replaceSnapshot(
            List.of(a1, b, a2),
            List.of(n1, n2, n1),
            List.of(
                new NumberRouting("12065550001", "5", null),
                new NumberRouting("12065550002", "6", "5"),
                new NumberRouting("12065550001", "6", null)),
            List.of(
                new EdgeStrategy(3, "c", null, null, null),
                new EdgeStrategy(1, "a", "d", "n", "f"),
                new EdgeStrategy(3, "c2", null, null, null)),
            at);

    assertThat(saved).isEqualTo(store.loadSnapshot());
    assertThat(saved.routes()).containsExactly(b, a2);
    assertThat(saved.edgeStrategies()).extracting(EdgeStrategy::name).containsExactly("a", "c2");
  }

  @Test
  void aRouteTypeThisBuildDoesNotKnowIsKept() {
    Route odd = new Route("9", "future", RouteType.OTHER, "x", null);
    store.replaceSnapshot(List.of(odd), List.of(), List.of(), List.of(), Instant.EPOCH);
    assertThat(store.loadSnapshot().routes()).containsExactly(odd);
  }

  @Test
  void confirmedRoutingChangesUpdateTheCache() {
    store.replaceSnapshot(
        List.of(),
        List.of(new PhoneNumber("12065550001", null, null, null, null, false)),
        List.of(new NumberRouting("12065550001", "1", "2")),
        List.of(new EdgeStrategy(1, "e", null, null, null)),
        Instant.EPOCH);
    store.applyRouting("12065550001", VoiceSlot.FAILOVER, null);
    store.applyRouting("12065550001", VoiceSlot.PRIMARY, "7");
    store.applyRouting("12065550009", VoiceSlot.FAILOVER, "8");
    try (LocalStore o = other()) {
      assertThat(o.loadSnapshot().routingByNumber())
          .containsEntry("12065550001", new NumberRouting("12065550001", "7", null))
          .containsEntry("12065550009", new NumberRouting("12065550009", null, "8"));
    }
    assertThat(store.cachedRoutings(List.of("12065550001", "12065559999")))
        .containsOnlyKeys("12065550001");
  }

  @Test
  void aNewlyCreatedRouteCanBeAddedToTheCache() {
    Route r = new Route("42", "new", RouteType.URI, "sip:a@b.com", 2);
    store.upsertRoute(r);
    Route renamed = new Route("42", "renamed", RouteType.URI, "sip:a@b.com", 2);
    store.upsertRoute(renamed);
    assertThat(store.loadSnapshot().routes()).containsExactly(renamed);
  }

  @Test
  void aClosedStoreSaysSo() {
    store.close();
    assertThatThrownBy(() -> store.listDrafts())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
    store = LocalStore.open(file);
  }

  // --- additions for the window: pending replacement, batch routing, route removal, memory ------

  @Test
  void assigningADraftPendingReplacesAnotherDraftsPendingForTheSameSlot() {
    Draft a = store.createDraft(host("a"));
    Draft b = store.createDraft(host("b"));
    store.assignPending(a.id(), List.of("12065550001", "12065550002"), VoiceSlot.PRIMARY);
    store.assignPending(a.id(), List.of("12065550001"), VoiceSlot.FAILOVER);

    int added = store.assignPending(b.id(), List.of("12065550001"), VoiceSlot.PRIMARY);

    assertThat(added).isEqualTo(1);
    assertThat(store.pendingAssignments(a.id()))
        .extracting(PendingAssignment::number, PendingAssignment::slot)
        .containsExactly(
            Tuple.tuple("12065550002", VoiceSlot.PRIMARY),
            Tuple.tuple("12065550001", VoiceSlot.FAILOVER));
    try (LocalStore other = other()) {
      assertThat(other.pendingAssignments(b.id())).singleElement();
    }
  }

  @Test
  void aPublishedDraftGetsNoNewPendingAssignments() {
    Draft d = store.createDraft(host("done"));
    store.markPublished(d.id(), "555");
    assertThatThrownBy(() -> store.assignPending(d.id(), List.of("12065550001"), VoiceSlot.PRIMARY))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("555");
    assertThatThrownBy(
            () -> store.assignPending(UUID.randomUUID(), List.of("12065550001"), VoiceSlot.PRIMARY))
        .isInstanceOf(DraftNotFoundException.class);
    assertThatThrownBy(
            () -> store.assignPending(d.id(), List.of("not-a-number"), VoiceSlot.PRIMARY))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void pendingAssignmentsOfSeveralDraftsAreRemovedTogether() {
    Draft a = store.createDraft(host("a"));
    Draft b = store.createDraft(host("b"));
    store.assignPending(a.id(), List.of("12065550001"), VoiceSlot.PRIMARY);
    store.assignPending(b.id(), List.of("12065550001"), VoiceSlot.FAILOVER);
    store.assignPending(b.id(), List.of("12065550009"), VoiceSlot.FAILOVER);

    int removed =
        store.removePendingAssignments(
            List.of(
                new PendingAssignment(a.id(), "12065550001", VoiceSlot.PRIMARY, Instant.EPOCH),
                new PendingAssignment(b.id(), "12065550001", VoiceSlot.FAILOVER, Instant.EPOCH)));

    assertThat(removed).isEqualTo(2);
    assertThat(store.allPendingAssignments())
        .singleElement()
        .extracting(PendingAssignment::number)
        .isEqualTo("12065550009");
  }

  @Test
  void confirmedRoutingOfManyNumbersAndDeletedRoutesReachTheSavedCopy() {
    store.replaceSnapshot(
        List.of(
            new Route("10", "east", RouteType.HOST, "e.example.com", null),
            new Route("11", "west", RouteType.HOST, "w.example.com", null)),
        List.of(),
        List.of(new NumberRouting("12065550001", "10", null)),
        List.of(),
        Instant.parse("2026-11-27T10:00:00Z"));

    store.applyRoutings(
        List.of(
            new NumberRouting("12065550001", "11", "10"),
            new NumberRouting("12065550002", "10", null)));
    AccountSnapshot saved = store.loadSnapshot();
    assertThat(saved.routingByNumber().get("12065550001"))
        .isEqualTo(new NumberRouting("12065550001", "11", "10"));
    assertThat(saved.routingByNumber().get("12065550002"))
        .isEqualTo(new NumberRouting("12065550002", "10", null));
    assertThat(saved.refreshedAt()).isEqualTo(Instant.parse("2026-11-27T10:00:00Z"));

    assertThat(store.deleteRoute("11")).isTrue();
    assertThat(store.deleteRoute("11")).isFalse();
    assertThat(store.loadSnapshot().routesById()).containsOnlyKeys("10");
  }

  @Test
  void anInMemoryStoreWorksButHasNoFile() {
    try (LocalStore memory = LocalStore.inMemory()) {
      assertThat(memory.file()).isEmpty();
      assertThat(memory.openReport().status()).isEqualTo(OpenReport.Status.CREATED);
      assertThat(memory.openReport().needsAttention()).isFalse();
      Draft d = memory.createDraft(host("kept-in-memory"));
      assertThat(memory.findDraft(d.id())).isPresent();
    }
  }
}
