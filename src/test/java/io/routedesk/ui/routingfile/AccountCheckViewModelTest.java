package io.routedesk.ui.routingfile;

import static org.assertj.core.api.Assertions.assertThat;

import io.routedesk.service.BatchReport;
import io.routedesk.service.plan.LintRule;
import io.routedesk.store.BatchKind;
import io.routedesk.store.JournalBatch;
import io.routedesk.testing.TestWorld;
import io.routedesk.ui.model.RoutePicker;
import io.routedesk.ui.routingfile.AccountCheckViewModel.Fix;
import io.routedesk.ui.routingfile.AccountCheckViewModel.Group;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The Account check without a window: findings by rule, and fixes that change the account. */
class AccountCheckViewModelTest {
  private final TestWorld world = new TestWorld().standardAccount();
  private final List<RoutePicker.Request> asked = new ArrayList<>();
  private final List<String> deleteAsked = new ArrayList<>();
  private final List<List<String>> selected = new ArrayList<>();
  private String pick = "12";

  private AccountCheckViewModel check() {
    world.loaded();
    AccountCheckViewModel vm =
        new AccountCheckViewModel(
            world.account,
            request -> {
              asked.add(request);
              return Optional.ofNullable(pick).map(world.account::route);
            },
            world.numbers()::runElsewhere,
            world.assignmentService,
            deleteAsked::add,
            selected::add);
    vm.check();
    return vm;
  }

  private static Optional<Group> group(AccountCheckViewModel vm, LintRule rule) {
    return vm.groups().stream().filter(g -> g.rule() == rule).findFirst();
  }

  private static List<String> subjects(Group g) {
    return g.items().stream().map(i -> i.finding().subject()).toList();
  }

  @Test
  void findingsAreGroupedByRuleWithErrorsFirstAndSayWhyAndHowToFix() {
    world.client.addNumber("12065550006", "Lobby", "10", "10");
    AccountCheckViewModel vm = check();

    assertThat(vm.groups().getFirst().rule()).isEqualTo(LintRule.FAILOVER_SAME_AS_PRIMARY);
    assertThat(vm.groups().getFirst().heading()).startsWith("Error: ");
    assertThat(subjects(group(vm, LintRule.NO_FAILOVER).orElseThrow()))
        .containsExactlyInAnyOrder("12065550001", "12065550002", "13125550005");
    assertThat(subjects(group(vm, LintRule.ON_DEFAULT_SIP_REG).orElseThrow()))
        .containsExactlyInAnyOrder("12065550001", "13125550005");
    assertThat(subjects(group(vm, LintRule.UNUSED_ROUTE).orElseThrow())).containsExactly("12");
    assertThat(group(vm, LintRule.NO_FAILOVER).orElseThrow().explanation())
        .contains("Why it matters: ", "How to fix: ");
    assertThat(vm.summaryProperty().get())
        .isEqualTo("1 error, 6 warnings in 6 numbers and 4 routes.");
    assertThat(vm.selectedProperty().get().rule()).isEqualTo(LintRule.FAILOVER_SAME_AS_PRIMARY);
  }

  @Test
  void choosingAFailoverFixesTheNumbersThroughTheEngineAndTheFindingGoes() {
    AccountCheckViewModel vm = check();
    Group noFailover = group(vm, LintRule.NO_FAILOVER).orElseThrow();
    assertThat(noFailover.fix()).isEqualTo(Fix.CHOOSE_FAILOVER);

    vm.fix(noFailover, List.of()).join();

    assertThat(asked).singleElement().satisfies(r -> assertThat(r.title()).contains("failover"));
    for (String n : List.of("12065550001", "12065550002", "13125550005")) {
      assertThat(world.client.routingOf(n).failoverRouteId()).isEqualTo("12");
    }
    assertThat(group(vm, LintRule.NO_FAILOVER)).isEmpty();
    // fwd-cell is used now.
    assertThat(group(vm, LintRule.UNUSED_ROUTE)).isEmpty();
    // An assignment like any other: Edit → Undo takes it back.
    assertThat(world.numbers().canUndoProperty().get()).isTrue();
    assertThat(world.changes.journal().batches())
        .singleElement()
        .satisfies(
            b -> {
              assertThat(b.kind()).isEqualTo(BatchKind.ASSIGN);
              assertThat(b.description())
                  .isEqualTo("Account check: Failover of 3 numbers → fwd-cell");
            });
  }

  @Test
  void aFailoverSameAsThePrimaryIsRemovedForTheChosenFindingsOnly() {
    world.client.addNumber("12065550006", "Lobby", "10", "10");
    world.client.addNumber("12065550007", "Hall", "11", "11");
    AccountCheckViewModel vm = check();
    Group same = group(vm, LintRule.FAILOVER_SAME_AS_PRIMARY).orElseThrow();
    assertThat(same.fix()).isEqualTo(Fix.REMOVE_FAILOVER);

    vm.fix(same, List.of(same.items().getFirst())).join();

    assertThat(asked).isEmpty();
    assertThat(world.client.routingOf("12065550006").failoverRouteId()).isNull();
    assertThat(world.client.routingOf("12065550007").failoverRouteId()).isEqualTo("11");
    assertThat(subjects(group(vm, LintRule.FAILOVER_SAME_AS_PRIMARY).orElseThrow()))
        .containsExactly("12065550007");
  }

  @Test
  void numbersWhosePrimaryIsTheChosenFailoverAreLeftOutAndSaidSo() {
    pick = "10";
    AccountCheckViewModel vm = check();

    vm.fix(group(vm, LintRule.NO_FAILOVER).orElseThrow(), List.of()).join();

    // 02's primary is pbx-east: only 01 and 05 get it as failover.
    assertThat(world.client.routingOf("12065550002").failoverRouteId()).isNull();
    assertThat(world.client.routingOf("12065550001").failoverRouteId()).isEqualTo("10");
    assertThat(vm.fixNoteProperty().get())
        .isEqualTo(
            "1 number was left out: pbx-east is already their other route, and primary and"
                + " failover must differ.");
    assertThat(subjects(group(vm, LintRule.NO_FAILOVER).orElseThrow()))
        .containsExactly("12065550002");
  }

  @Test
  void aFixThatCannotRunNowSaysWhy() {
    world.client.addNumber("12065550006", "Lobby", "10", "10");
    AccountCheckViewModel vm = check();
    // Another batch is still running in the numbers panel.
    CompletableFuture<Void> gate = new CompletableFuture<>();
    world.client.holdDetails(gate);
    world.numbers().retryFailedRouting();
    world
        .numbers()
        .runElsewhere(
            "Publish 1 draft", List.of("12065550001"), (l, c) -> new CompletableFuture<>());

    CompletableFuture<BatchReport> fix =
        vm.fix(group(vm, LintRule.FAILOVER_SAME_AS_PRIMARY).orElseThrow(), List.of());

    assertThat(fix).isCompletedExceptionally();
    assertThat(vm.fixNoteProperty().get())
        .isEqualTo("Not fixed: Wait until the running change has finished.");
    assertThat(world.client.routingOf("12065550006").failoverRouteId()).isEqualTo("10");
  }

  @Test
  void cancellingThePickerSendsNothing() {
    pick = null;
    AccountCheckViewModel vm = check();

    vm.fix(group(vm, LintRule.ON_DEFAULT_SIP_REG).orElseThrow(), List.of()).join();

    assertThat(world.client.writeLog()).isEmpty();
    assertThat(world.changes.journal().batches()).extracting(JournalBatch::kind).isEmpty();
  }

  @Test
  void anUnusedRouteGoesToTheDeleteFlowAndNumbersCanBeSelected() {
    AccountCheckViewModel vm = check();
    Group unused = group(vm, LintRule.UNUSED_ROUTE).orElseThrow();

    vm.fix(unused, List.of());
    assertThat(deleteAsked).containsExactly("12");
    // The delete flow asks first and deletes later: the shown check follows the route list.
    vm.watch(true);
    world.account.routeDeleted("12");
    assertThat(group(vm, LintRule.UNUSED_ROUTE)).isEmpty();
    assertThat(vm.hasNumbers(unused)).isFalse();

    Group sipReg = group(vm, LintRule.ON_DEFAULT_SIP_REG).orElseThrow();
    vm.selectInNumbers(sipReg, List.of());
    assertThat(selected).containsExactly(List.of("12065550001", "13125550005"));
    world.numbers().searchProperty().set("Sales");
    world.numbers().select(selected.getFirst());
    assertThat(world.numbers().searchProperty().get()).isEmpty();
    assertThat(world.numbers().selectRequestProperty().get().numbers())
        .containsExactly("12065550001", "13125550005");
  }
}
