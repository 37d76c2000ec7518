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
  private final RouteService service = new RouteService(client);

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
}
