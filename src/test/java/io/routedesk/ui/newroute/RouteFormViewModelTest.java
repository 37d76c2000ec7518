package io.routedesk.ui.newroute;

import static org.assertj.core.api.Assertions.assertThat;

import io.routedesk.domain.Route;
import io.routedesk.domain.RouteType;
import io.routedesk.flowroute.FlowrouteException;
import io.routedesk.testing.TestWorld;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class RouteFormViewModelTest {
  private final TestWorld w = new TestWorld().standardAccount().loaded();
  private final RouteFormViewModel vm =
      new RouteFormViewModel(w.account, w.routeService, w.activity, w.ui, w.drafts);

  @Test
  void hintAndExampleFollowTheType() {
    vm.typeProperty().set(RouteType.NUMBER);
    assertThat(vm.valueHintProperty().get()).contains("11-digit");
    assertThat(vm.valuePromptProperty().get()).isEqualTo("16476998778");
    vm.typeProperty().set(RouteType.URI);
    assertThat(vm.valuePromptProperty().get()).startsWith("sip:");
  }

  @Test
  void validatesLiveButNotBeforeTheUserTypes() {
    vm.typeProperty().set(RouteType.HOST);
    assertThat(vm.valueErrorProperty().get()).isEmpty();

    vm.valueProperty().set("pbx.example.com:70000");
    assertThat(vm.valueErrorProperty().get()).contains("port must be a number from 1 to 65535");

    vm.valueProperty().set("pbx.example.com:5060");
    assertThat(vm.valueErrorProperty().get()).isEmpty();

    vm.typeProperty().set(RouteType.NUMBER);
    assertThat(vm.valueErrorProperty().get()).contains("digits only");
  }

  @Test
  void aNumberTypedAsTheAppDisplaysItIsAcceptedAndSentAsDigits() {
    vm.typeProperty().set(RouteType.NUMBER);
    vm.valueProperty().set("+1 (206) 555-1234");
    vm.aliasProperty().set("seattle-desk");

    assertThat(vm.valueErrorProperty().get()).isEmpty();
    assertThat(vm.validProperty().get()).isTrue();
    Route created = vm.submit().join();

    assertThat(created.value()).isEqualTo("12065551234");
    assertThat(w.client.routesById().get(created.id()).value()).isEqualTo("12065551234");
  }

  @Test
  void aUrlOrASipPrefixInAHostIsExplainedAsSuch() {
    vm.typeProperty().set(RouteType.HOST);
    vm.valueProperty().set("http://x");
    assertThat(vm.valueErrorProperty().get()).startsWith("A host is not a URL");
    vm.valueProperty().set("sips:pbx.example.com");
    assertThat(vm.valueErrorProperty().get()).startsWith("A host route takes no sips: prefix");
    vm.valueProperty().set("x".repeat(600));
    assertThat(vm.valueErrorProperty().get()).contains("at most 512 characters");
    vm.valueProperty().set("[::ffff:192.0.2.1]:5060");
    assertThat(vm.valueErrorProperty().get()).isEmpty();
  }

  @Test
  void aliasIsRequiredAndUniqueIgnoringCase() {
    vm.valueProperty().set("pbx.example.com");
    vm.submit();
    assertThat(vm.aliasErrorProperty().get()).startsWith("Enter an alias");

    vm.aliasProperty().set("PBX-East ");
    assertThat(vm.aliasErrorProperty().get()).contains("already called “pbx-east”");
    assertThat(vm.validProperty().get()).isFalse();
  }

  @Test
  void invalidInputIsNeverSent() {
    vm.valueProperty().set("not a host");
    vm.aliasProperty().set("x");
    CompletableFuture<Route> f = vm.submit();
    assertThat(f).isCompletedExceptionally();
    assertThat(w.client.routesById()).hasSize(4);
  }

  @Test
  void createsEachTypeAndReportsTheNewRoute() {
    List<Route> saved = new ArrayList<>();
    vm.setOnSaved(saved::add);
    String[][] cases = {
      {"HOST", "10.1.2.3:5060", "lab-pbx"},
      {"NUMBER", "16476998778", "toronto-cell"},
      {"URI", "sips:alice@atlanta.com;transport=tls", "alice-tls"}
    };
    for (String[] c : cases) {
      vm.typeProperty().set(RouteType.valueOf(c[0]));
      vm.valueProperty().set(c[1]);
      vm.aliasProperty().set(c[2]);
      vm.edgeProperty().set(vm.edgeOptions().get(1));
      vm.submit().join();
    }

    assertThat(saved)
        .extracting(Route::alias)
        .containsExactly("lab-pbx", "toronto-cell", "alice-tls");
    assertThat(saved).extracting(Route::edgeStrategyId).containsOnly(1);
    assertThat(w.account.route(saved.get(2).id()).route().type()).isEqualTo(RouteType.URI);
    // Cleared for the next one, type kept.
    assertThat(vm.valueProperty().get()).isEmpty();
    assertThat(vm.typeProperty().get()).isEqualTo(RouteType.URI);
    assertThat(vm.statusProperty().get()).isEqualTo("Created “alice-tls”.");
  }

  @Test
  void typingStartsInTheValueExceptWhenEditing() {
    vm.startCreate();
    assertThat(vm.firstField()).isEqualTo(RouteFormViewModel.Field.VALUE);
    vm.startEdit(w.account.route("10").route());
    assertThat(vm.firstField()).isEqualTo(RouteFormViewModel.Field.ALIAS);
  }

  @Test
  void duplicatingARouteStartsANewOneLikeIt() {
    vm.startDuplicate(w.account.route("10").route());
    assertThat(vm.modeProperty().get()).isEqualTo(RouteFormViewModel.Mode.CREATE);
    assertThat(vm.typeProperty().get()).isEqualTo(RouteType.HOST);
    assertThat(vm.valueProperty().get()).isEqualTo("pbx-east.example.com:5060");
    assertThat(vm.aliasProperty().get()).isEqualTo("pbx-east-copy");
    assertThat(vm.firstField()).isEqualTo(RouteFormViewModel.Field.VALUE);
  }

  @Test
  void aNewAttemptClearsTheLastCreatedNote() {
    vm.startCreate();
    vm.typeProperty().set(RouteType.HOST);
    vm.valueProperty().set("10.9.9.9");
    vm.aliasProperty().set("first");
    vm.submit().join();
    assertThat(vm.statusProperty().get()).isEqualTo("Created “first”.");

    vm.valueProperty().set("not a host!");
    vm.submit().exceptionally(e -> null).join();
    assertThat(vm.statusProperty().get()).isEmpty();
    assertThat(vm.valueErrorProperty().get()).isNotEmpty();
  }

  @Test
  void aServerRefusalAppearsNextToTheValueField() {
    w.client.failNextCreate(
        new FlowrouteException(
            FlowrouteException.Kind.INVALID,
            422,
            "Unprocessable Entity",
            "Invalid value for route_type host.",
            null,
            "Flowroute refused the value: Invalid value for route_type host.",
            null));
    vm.valueProperty().set("pbx.example.com");
    vm.aliasProperty().set("new-pbx");

    vm.submit().exceptionally(e -> null).join();

    assertThat(vm.valueErrorProperty().get()).contains("Invalid value for route_type host");
    assertThat(vm.aliasErrorProperty().get()).isEmpty();
    assertThat(vm.busyProperty().get()).isFalse();
    vm.valueProperty().set("pbx2.example.com");
    assertThat(vm.valueErrorProperty().get()).isEmpty();
  }

  @Test
  void aDuplicateRefusalAppearsNextToTheAlias() {
    w.client.failNextCreate(
        new FlowrouteException(
            FlowrouteException.Kind.FORBIDDEN,
            403,
            "Forbidden",
            "A route with this alias already exists.",
            null,
            "Flowroute refused: a route with this alias already exists.",
            null));
    vm.valueProperty().set("pbx.example.com");
    vm.aliasProperty().set("new-pbx");
    vm.submit().exceptionally(e -> null).join();
    assertThat(vm.aliasErrorProperty().get()).contains("already exists");
  }

  @Test
  void editsAliasValueAndEdgeStrategy() {
    Route east = w.account.route("10").route();
    vm.startEdit(east);
    assertThat(vm.titleProperty().get()).isEqualTo("Edit route “pbx-east”");
    assertThat(vm.aliasErrorProperty().get()).isEmpty();
    vm.aliasProperty().set("pbx-east-2");
    vm.valueProperty().set("pbx-east2.example.com");
    vm.edgeProperty().set(vm.edgeOptions().get(2));

    vm.submit().join();

    Route now = w.client.routesById().get("10");
    assertThat(now.alias()).isEqualTo("pbx-east-2");
    assertThat(now.type()).isEqualTo(RouteType.HOST);
    assertThat(now.edgeStrategyId()).isEqualTo(4);
    assertThat(w.account.route("10").label()).isEqualTo("pbx-east-2");
  }
}
