package io.routedesk.ui.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.routedesk.domain.NumberRouting;
import io.routedesk.flowroute.CancellationToken;
import io.routedesk.service.AssignmentPlan;
import io.routedesk.service.BatchListener;
import io.routedesk.service.NumberChange;
import io.routedesk.store.BatchKind;
import io.routedesk.testing.TestWorld;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryViewModelTest {
  private final TestWorld w = new TestWorld().standardAccount().loaded();
  private final HistoryViewModel vm =
      new HistoryViewModel(
          w.changes,
          w.background,
          w.ui,
          w.account::routeLabel,
          w.numbers()::runElsewhere,
          ZoneOffset.UTC);

  private void assign(String number, String primary) {
    NumberRouting now = w.client.routingOf(number);
    w.changes
        .apply(
            BatchKind.ASSIGN,
            new AssignmentPlan(
                "Primary of " + number + " → " + primary,
                List.of(
                    new NumberChange(
                        now, new NumberRouting(number, primary, now.failoverRouteId())))),
            BatchListener.NONE,
            new CancellationToken())
        .join();
  }

  @Test
  void listsNewestFirstWithCountsFiltersShowsChangesAndClears() {
    assign("12065550001", "11");
    assign("12065550002", "12");

    vm.load().join();
    assertThat(vm.batches())
        .extracting(HistoryViewModel.BatchRow::what)
        .containsExactly("Primary of 12065550002 → 12", "Primary of 12065550001 → 11");
    assertThat(vm.batches().getFirst().counts()).isEqualTo("1 done");
    assertThat(vm.batches().getFirst().who()).isEqualTo(System.getProperty("user.name"));

    vm.filterProperty().set("(206) 555-0001");
    assertThat(vm.batches()).hasSize(1);
    vm.selectedProperty().set(vm.batches().getFirst());
    assertThat(vm.changes())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.before())
                  .isEqualTo("primary " + w.account.routeLabel("0") + ", failover none");
              assertThat(c.after()).contains(w.account.routeLabel("11"));
              assertThat(c.result()).isEqualTo("Done");
            });

    vm.filterProperty().set("");
    vm.clear().join();
    assertThat(vm.batches()).isEmpty();
    assertThat(vm.statusProperty().get()).isEqualTo("Cleared 2 batches.");
  }
}
