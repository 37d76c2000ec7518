package io.routedesk.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.routedesk.domain.EdgeStrategy;
import io.routedesk.domain.NewRoute;
import io.routedesk.domain.NumberRouting;
import io.routedesk.domain.Route;
import io.routedesk.domain.RouteType;
import io.routedesk.domain.VoiceSlot;
import io.routedesk.flowroute.CancellationToken;
import io.routedesk.flowroute.FlowrouteClient.ProgressListener;
import io.routedesk.flowroute.FlowrouteException;
import io.routedesk.flowroute.FlowrouteException.Kind;
import io.routedesk.store.AccountSnapshot;
import io.routedesk.store.LocalStore;
import io.routedesk.testing.FakeFlowrouteClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountSnapshotServiceTest {
  @TempDir Path dir;
  private LocalStore store;
  private FakeFlowrouteClient server;
  private AccountSnapshotService service;
  private Route office;
  private Route lab;
  private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

  @BeforeEach
  void setUp() {
    store = LocalStore.open(dir.resolve("acct.db"));
    server = FakeFlowrouteClient.emptyAccount();
    office = server.addRoute(new NewRoute(RouteType.HOST, "pbx.example.com", "office", 1));
    lab = server.addRoute(new NewRoute(RouteType.URI, "sip:lab@x.com", "lab", null));
    server.addNumber("12065550001", null, office.id(), null);
    server.addNumber("12065550002", null, office.id(), lab.id());
    server.addEdgeStrategy(new EdgeStrategy(1, "US-West-OR", null, null, null));
    service =
        new AccountSnapshotService(store, server, Runnable::run, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @AfterEach
  void tearDown() {
    store.close();
  }

  @Test
  void beforeTheFirstRefreshTheCacheIsEmpty() {
    AccountSnapshot cached = service.loadCached().join();
    assertThat(cached.isRefreshed()).isFalse();
    assertThat(cached.numbers()).isEmpty();
  }

  @Test
  void aRefreshIsSavedForTheNextStart() {
    RefreshResult r = service.refresh().join();

    assertThat(r.isComplete()).isTrue();
    assertThat(r.snapshot().refreshedAt()).isEqualTo(NOW);
    assertThat(r.snapshot().routes()).containsExactly(office, lab);
    assertThat(r.snapshot().routings())
        .containsExactly(
            new NumberRouting("12065550001", office.id(), null),
            new NumberRouting("12065550002", office.id(), lab.id()));
    assertThat(r.changes().routesAdded()).hasSize(2);
    assertThat(r.changes().numbersAdded()).hasSize(2);

    try (LocalStore reopened = LocalStore.open(dir.resolve("acct.db"))) {
      assertThat(reopened.loadSnapshot()).isEqualTo(r.snapshot());
    }
    assertThat(service.loadCached().join()).isEqualTo(r.snapshot());
  }

  @Test
  void theNextRefreshSaysWhatChangedOnTheServer() {
    service.refresh().join();
    server.setRoute("12065550001", VoiceSlot.FAILOVER, lab.id()).join();
    Route added = server.addRoute(new NewRoute(RouteType.NUMBER, "16476998778", "fwd", null));

    RefreshResult r = service.refresh().join();

    assertThat(r.changes().routesAdded()).containsExactly(added);
    assertThat(r.changes().routingsChanged())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.number()).isEqualTo("12065550001");
              assertThat(c.changedSlots()).containsExactly(VoiceSlot.FAILOVER);
            });
  }

  @Test
  void aNumberWhoseDetailsFailKeepsItsLastKnownRouting() {
    service.refresh().join();
    // Flowroute keeps primary and failover different: the failover goes before lab becomes primary.
    server.removeRoute("12065550002", VoiceSlot.FAILOVER).join();
    server.setRoute("12065550002", VoiceSlot.PRIMARY, lab.id()).join();
    server.failDetails("12065550002", FakeFlowrouteClient.error(Kind.SERVER, 503, "maintenance"));

    RefreshResult r = service.refresh().join();

    assertThat(r.isComplete()).isFalse();
    assertThat(r.routingNotRefreshed()).containsOnlyKeys("12065550002");
    assertThat(r.routingNotRefreshed().get("12065550002")).contains("maintenance");
    assertThat(r.snapshot().routingByNumber().get("12065550002").primaryRouteId())
        .as("last known, not 'none'")
        .isEqualTo(office.id());
    assertThat(r.changes().routingsChanged()).isEmpty();
  }

  @Test
  void aCancelledRefreshSavesNothing() {
    AccountSnapshot before = service.refresh().join().snapshot();
    server.setRoute("12065550001", VoiceSlot.FAILOVER, lab.id()).join();
    CancellationToken cancel = new CancellationToken();
    cancel.cancel();

    assertThatThrownBy(() -> service.refresh(ProgressListener.NONE, cancel).join())
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(CancellationException.class);
    assertThat(service.loadCached().join()).isEqualTo(before);
  }

  @Test
  void whenTheRoutesCannotBeListedTheCacheIsLeftAsItWas() {
    AccountSnapshot before = service.refresh().join().snapshot();
    server.failListRoutes(FakeFlowrouteClient.error(Kind.NETWORK, 0, "offline"));

    assertThatThrownBy(() -> service.refresh().join())
        .isInstanceOf(CompletionException.class)
        .satisfies(e -> assertThat(FlowrouteException.unwrap(e).kind()).isEqualTo(Kind.NETWORK));
    assertThat(service.loadCached().join()).isEqualTo(before);
  }

  @Test
  void edgeStrategiesThatCannotBeReadAreKeptFromTheCache() {
    service.refresh().join();
    server.failEdgeStrategies(FakeFlowrouteClient.error(Kind.SERVER, 500, "oops"));
    // The next start: the strategies are read once per service, so a new one reads them again.
    AccountSnapshotService nextStart =
        new AccountSnapshotService(store, server, Runnable::run, Clock.fixed(NOW, ZoneOffset.UTC));
    RefreshResult r = nextStart.refresh().join();
    assertThat(r.snapshot().edgeStrategies()).extracting(EdgeStrategy::id).containsExactly(1);
    assertThat(r.notes()).singleElement().asString().contains("Edge strategies could not be read");
  }

  @Test
  void aLoadStreamedByTheWindowIsSavedOnceAndComparedWithTheLastOne() {
    service.refresh().join();
    Route added = new Route("999", "new-pbx", RouteType.HOST, "new.example.com", null);

    RefreshResult r =
        service
            .saveLoaded(
                List.of(office, lab, added),
                store.loadSnapshot().numbers(),
                Map.of("12065550001", new NumberRouting("12065550001", added.id(), null)),
                Map.of("12065550002", "Flowroute answered 503."),
                null)
            .join();

    assertThat(r.changes().routesAdded()).containsExactly(added);
    assertThat(r.changes().routingsChanged())
        .singleElement()
        .extracting(c -> c.number())
        .isEqualTo("12065550001");
    // Not read this time: the last known routing is kept, and said so.
    assertThat(r.snapshot().routingByNumber().get("12065550002").failoverRouteId())
        .isEqualTo(lab.id());
    assertThat(r.routingNotRefreshed()).containsEntry("12065550002", "Flowroute answered 503.");
    // Edge strategies that could not be read are kept from the last refresh.
    assertThat(r.snapshot().edgeStrategies()).extracting(EdgeStrategy::id).containsExactly(1);
    assertThat(r.notes()).singleElement().asString().contains("Edge strategies");
    assertThat(r.snapshot().refreshedAt()).isEqualTo(NOW);
  }

  @Test
  void confirmedChangesAreKeptBetweenRefreshes() {
    service.refresh().join();
    Route created = new Route("777", "made-here", RouteType.HOST, "here.example.com", null);

    service.recordRoute(created).join();
    service.recordRouting(List.of(new NumberRouting("12065550001", "777", null))).join();
    service.forgetRoute(lab.id()).join();

    AccountSnapshot cached = service.loadCached().join();
    assertThat(cached.routesById()).containsKey("777").doesNotContainKey(lab.id());
    assertThat(cached.routingByNumber().get("12065550001").primaryRouteId()).isEqualTo("777");
  }
}
