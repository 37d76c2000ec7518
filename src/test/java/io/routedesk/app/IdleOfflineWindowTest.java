package io.routedesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.routedesk.sandbox.FlowrouteSandbox;
import io.routedesk.sandbox.SandboxAccount;
import io.routedesk.service.ReachabilityWatcher;
import io.routedesk.ui.model.Connectivity;
import java.time.Duration;
import javafx.scene.Node;
import javafx.scene.control.Label;
import org.junit.jupiter.api.Test;

/**
 * An idle window learns that Flowroute went away without anything failing first: the watcher's
 * probe (here after 300 ms without an answer, in the app after 5 s) finds it unreachable.
 */
class IdleOfflineWindowTest extends WindowTestBase {

  @Override
  protected ReachabilityWatcher.Schedule probeSchedule() {
    return new ReachabilityWatcher.Schedule(
        Duration.ofMillis(300), Duration.ofMillis(600), Duration.ofMillis(300));
  }

  @Test
  void anIdleWindowShowsOfflineWhenFlowrouteGoesAwayAndOnlineWhenItIsBack() throws Exception {
    assertThat(app.account.connectivityProperty().get()).isEqualTo(Connectivity.ONLINE);
    int port = sandbox.port();
    SandboxAccount state = sandbox.account();

    sandbox.close(); // nothing is sent by the window from here on but the watcher's probes

    waitUntil(() -> app.account.connectivityProperty().get() == Connectivity.OFFLINE, 15);
    waitUntil(
        () -> lookup("#connectivity-banner").tryQuery().map(Node::isVisible).orElse(false), 5);
    assertThat(lookup("#status-connectivity").queryAs(Label.class).getText()).isEqualTo("Offline");

    sandbox = FlowrouteSandbox.builder().port(port).account(state).start();
    waitUntil(() -> app.account.connectivityProperty().get() == Connectivity.ONLINE, 15);
  }
}
