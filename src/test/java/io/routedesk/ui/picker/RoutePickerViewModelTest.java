package io.routedesk.ui.picker;

import static org.assertj.core.api.Assertions.assertThat;

import io.routedesk.domain.RouteType;
import io.routedesk.testing.TestWorld;
import io.routedesk.ui.model.RouteRow;
import org.junit.jupiter.api.Test;

class RoutePickerViewModelTest {
  private final TestWorld w = new TestWorld().standardAccount();

  @Test
  void listsRoutesAlphabeticallyIgnoringCaseAndNarrowsAsYouType() {
    w.client.addRoute("13", "Zebra", RouteType.URI, "sip:z@example.com");
    w.client.addRoute("14", "alpha", RouteType.URI, "sip:a@example.com");
    w.loaded();
    RoutePickerViewModel vm = new RoutePickerViewModel(w.account.routes(), r -> true);

    assertThat(vm.matches())
        .extracting(RouteRow::label)
        .containsExactly("alpha", "fwd-cell", "pbx-east", "pbx-west", "sip-reg", "Zebra");

    vm.filterProperty().set("PBX");
    assertThat(vm.matches()).extracting(RouteRow::label).containsExactly("pbx-east", "pbx-west");
    assertThat(vm.chosenProperty().get().label()).isEqualTo("pbx-east");
  }
}
