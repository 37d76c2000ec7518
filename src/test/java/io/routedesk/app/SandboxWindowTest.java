package io.routedesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.routedesk.domain.NewRoute;
import io.routedesk.domain.RouteType;
import io.routedesk.secrets.InMemoryCredentialStore;
import io.routedesk.ui.model.Activity;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The built-in sandbox keeps its account in the data folder: a restart shows what was changed in it
 * (and no "what changed" notice about a reset that did not happen), and File → Reset sandbox… puts
 * the demo account back after asking.
 */
class SandboxWindowTest extends AccountWindowTestBase {
  private static final String MINE = "made-before-restart";

  @Test
  void theSandboxRemembersItsChangesAcrossARestartAndResetsWhenAsked() throws Exception {
    AccountsWiring firstRun = wiring(InMemoryCredentialStore.working());
    openWindow(firstRun);
    waitForRoutes(DEMO_ROUTE);
    host.accounts()
        .session()
        .client()
        .createRoute(new NewRoute(RouteType.HOST, "mine.example.com:5060", MINE, null))
        .get(20, TimeUnit.SECONDS);
    robot.interact(() -> host.current().shell.refresh());
    waitForRoutes(MINE);

    // Quit and start again over the same folders.
    robot.interact(host::close);
    host = null;
    firstRun.close();
    openWindow(wiring(InMemoryCredentialStore.working()));
    waitForRoutes(MINE);
    // Refreshed from the sandbox after showing the saved copy: that is when a change is told.
    waitUntil(() -> host.current().account.copyRefreshProperty().get() != null, 20);
    WaitForAsyncUtils.waitForFxEvents();
    Activity.Notice afterRestart = host.current().activity.lastNoticeProperty().get();
    assertThat(afterRestart == null ? "" : afterRestart.text())
        .doesNotContain("since the last refresh");

    robot.clickOn("File");
    robot.clickOn("Reset sandbox…");
    robot.clickOn("Reset sandbox"); // the confirmation's button
    waitUntil(() -> !routeAliases().contains(MINE), 20);
    waitUntil(
        () -> {
          Activity.Notice n = host.current().activity.lastNoticeProperty().get();
          return n != null && n.text().equals("The sandbox is back to the demo account.");
        },
        20);
    assertThat(routeAliases()).contains(DEMO_ROUTE);
  }
}
