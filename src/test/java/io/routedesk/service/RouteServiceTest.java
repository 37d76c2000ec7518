package io.routedesk.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.routedesk.domain.NewRoute;
import io.routedesk.domain.NumberRouting;
import io.routedesk.domain.Route;
import io.routedesk.domain.RouteType;
import io.routedesk.testing.FakeFlowrouteClient;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouteServiceTest {
  private final FakeFlowrouteClient client = new FakeFlowrouteClient();
  private final io.routedesk.store.LocalStore store = io.routedesk.store.LocalStore.inMemory();
  private final ChangeEngine engine = new ChangeEngine(store, client, Runnable::run);
  private final RouteService service = new RouteService(engine);

  @Test
  void neverSendsADeleteForARouteInUse() {
    Route r = client.addRoute("10", "pbx-east", RouteType.HOST, "pbx.example.com");
    RouteUsage usage =
        RouteUsage.of("10", List.of(new NumberRouting("12065550001", "10", null)), 0);

    assertThatThrownBy(() -> service.delete(r, usage).join())
        .hasCauseInstanceOf(RouteService.RouteRefusedException.class)
        .hasMessageContaining("still used by 1 number");
    assertThat(client.deleteCalls).hasValue(0);
  }

  @Test
  void neverSendsADeleteWhileUsageIsUnknown() {
    Route r = client.addRoute("10", "pbx-east", RouteType.HOST, "pbx.example.com");

    assertThatThrownBy(() -> service.delete(r, RouteUsage.of("10", List.of(), 3)).join())
        .hasMessageContaining("routing of 3 numbers is not loaded yet");
    assertThat(client.deleteCalls).hasValue(0);
  }

  @Test
  void refusesTheSystemRoute() {
    Route sipReg = client.routesById().get("0");
    assertThatThrownBy(() -> service.delete(sipReg, RouteUsage.of("0", List.of(), 0)).join())
        .hasMessageContaining("cannot be deleted");
    assertThatThrownBy(
            () ->
                service
                    .update(sipReg, new NewRoute(RouteType.HOST, "a.example.com", "x", null))
                    .join())
        .hasMessageContaining("cannot be edited");
  }

  @Test
  void deletesAnUnusedRoute() {
    Route r = client.addRoute("10", "pbx-east", RouteType.HOST, "pbx.example.com");
    service.delete(r, RouteUsage.of("10", List.of(), 0)).join();
    assertThat(client.routesById()).doesNotContainKey("10");
  }

  @Test
  void createTrimsAndValidatesBeforeSending() {
    Route created =
        service.create(new NewRoute(RouteType.NUMBER, " 16476998778 ", " fwd ", null)).join();
    assertThat(created.value()).isEqualTo("16476998778");
    assertThat(created.alias()).isEqualTo("fwd");
    assertThatThrownBy(
            () -> service.create(new NewRoute(RouteType.NUMBER, "123", "bad", null)).join())
        .hasMessageContaining("11 digits");
  }

  @Test
  void everyRouteChangeIsJournaledWithItsValuesBeforeAndAfter() {
    Route created =
        service.create(new NewRoute(RouteType.HOST, "pbx.example.com", "pbx", 1)).join();
    Route edited =
        service.update(created, new NewRoute(RouteType.HOST, "pbx2.example.com", "pbx", 2)).join();
    service.delete(edited, RouteUsage.of(edited.id(), List.of(), 0)).join();

    var journal = engine.journal();
    var batches = journal.batches();
    assertThat(batches)
        .extracting(io.routedesk.store.JournalBatch::kind)
        .containsExactly(
            io.routedesk.store.BatchKind.ROUTE_DELETE,
            io.routedesk.store.BatchKind.ROUTE_UPDATE,
            io.routedesk.store.BatchKind.ROUTE_CREATE);
    var edit = journal.routeChanges(batches.get(1).id()).getFirst();
    assertThat(edit.routeId()).isEqualTo(created.id());
    assertThat(edit.before().value()).isEqualTo("pbx.example.com");
    assertThat(edit.after().value()).isEqualTo("pbx2.example.com");
    assertThat(edit.after().edgeStrategyId()).isEqualTo(2);
    assertThat(edit.outcome()).isEqualTo(io.routedesk.store.ChangeOutcome.DONE);
    var create = journal.routeChanges(batches.get(2).id()).getFirst();
    assertThat(create.before()).isNull();
    assertThat(create.routeId()).as("the id Flowroute gave it").isEqualTo(created.id());
    var delete = journal.routeChanges(batches.getFirst().id()).getFirst();
    assertThat(delete.after()).isNull();
    assertThat(delete.before().value()).isEqualTo("pbx2.example.com");
    assertThat(batches).allSatisfy(b -> assertThat(b.interrupted()).isFalse());
  }
}
