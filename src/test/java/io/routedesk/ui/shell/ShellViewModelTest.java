package io.routedesk.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.routedesk.domain.RouteType;
import io.routedesk.flowroute.FlowrouteException;
import io.routedesk.testing.FakeFlowrouteClient;
import io.routedesk.testing.TestWorld;
import io.routedesk.ui.model.Activity;
import io.routedesk.ui.model.Connectivity;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ShellViewModelTest {
  private final TestWorld w = new TestWorld().standardAccount();
  private final AtomicInteger connects = new AtomicInteger();
  private final ShellViewModel vm =
      new ShellViewModel(
          w.account,
          w.activity,
          new ShellViewModel.AccountInfo("Sandbox account", true),
          connects::incrementAndGet);

  @Test
  void statusBarSaysOnlineAndWhenItRefreshed() {
    assertThat(vm.connectivityTextProperty().get()).isEqualTo("Connecting…");
    assertThat(vm.lastRefreshTextProperty().get()).isEqualTo("Not refreshed yet");

    vm.refresh().join();

    assertThat(vm.connectivityProperty().get()).isEqualTo(Connectivity.ONLINE);
    assertThat(vm.connectivityTextProperty().get()).isEqualTo("Online");
    assertThat(vm.lastRefreshTextProperty().get()).startsWith("Refreshed ");
  }

  @Test
  void anUnreachableFlowrouteShowsOffline() {
    w.client.failListNumbers(
        FakeFlowrouteClient.error(FlowrouteException.Kind.NETWORK, 0, "No connection."));
    vm.refresh().exceptionally(e -> null).join();
    assertThat(vm.connectivityTextProperty().get()).isEqualTo("Offline");
  }

  @Test
  void showsTheNewestBackgroundTaskWithItsProgress() {
    Activity.Task first = w.activity.start("Loading numbers…");
    Activity.Task second = w.activity.start("Creating route pbx…");
    second.update("Creating route pbx…", 1, 4);

    assertThat(vm.workTextProperty().get()).isEqualTo("Creating route pbx…  (+1 more)");
    assertThat(vm.workProgressProperty().get()).isEqualTo(0.25);

    second.finish();
    first.finish();
    assertThat(vm.workTextProperty().get()).isEmpty();
  }

  @Test
  void connectAccountGoesToTheInjectedSignIn() {
    assertThat(vm.isSandbox()).isTrue();
    vm.connectAccount();
    assertThat(connects).hasValue(1);
  }

  @Test
  void resetSandboxResetsThenRefreshesAndSaysSoInPlaceOfTheChangeCount() {
    vm.refresh().join();
    AtomicInteger resets = new AtomicInteger();
    vm.allowSandboxReset(
        () -> {
          resets.incrementAndGet();
          // What the reset does to the account: the refresh after it must see this.
          w.client.addRoute("99", "after-reset", RouteType.HOST, "reset.example.com");
          return CompletableFuture.completedFuture(null);
        },
        w.ui);
    assertThat(vm.canResetSandboxProperty().get()).isTrue();

    vm.resetSandbox().join();

    assertThat(resets).hasValue(1);
    assertThat(w.account.routes()).anyMatch(r -> r.label().equals("after-reset"));
    assertThat(w.activity.lastNoticeProperty().get().text())
        .isEqualTo("The sandbox is back to the demo account.");
    assertThat(vm.canResetSandboxProperty().get()).isTrue();
  }

  @Test
  void aFailedResetSaysWhyAndCanBeTriedAgain() {
    vm.allowSandboxReset(
        () -> CompletableFuture.failedFuture(new IllegalStateException("disk on fire")), w.ui);

    vm.resetSandbox().exceptionally(e -> null).join();

    assertThat(w.activity.lastNoticeProperty().get().severity()).isEqualTo(Activity.Severity.ERROR);
    assertThat(w.activity.lastNoticeProperty().get().text())
        .startsWith("The sandbox could not be reset: ");
    assertThat(vm.canResetSandboxProperty().get()).isTrue();
  }

  @Test
  void onlyTheSandboxWindowOffersReset() {
    ShellViewModel office =
        new ShellViewModel(
            w.account, w.activity, new ShellViewModel.AccountInfo("Office", false), () -> {});
    assertThat(office.canResetSandboxProperty().get()).isFalse();
    assertThat(office.resetSandbox()).isCompletedExceptionally();
  }
}
