package io.routedesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.routedesk.secrets.InMemoryCredentialStore;
import io.routedesk.store.AppDirs;
import io.routedesk.ui.model.ThemeMode;
import io.routedesk.ui.shell.WindowLayout;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;

/**
 * What the window's first frame shows on a start with a saved copy: all of it, with no "0 of 0"
 * count, never tables that fill in row by row.
 */
class FirstFrameWindowTest extends AccountWindowTestBase {

  private record FirstFrame(int routeRows, int numberRows, int shownNumberRows, String banner) {}

  @Test
  void aRestartShowsTheWholeSavedCopyInTheWindowsFirstFrame() throws Exception {
    AccountsWiring firstRun = wiring(InMemoryCredentialStore.working());
    openWindow(firstRun);
    waitForRoutes(DEMO_ROUTE);
    waitUntil(() -> host.current().account.copyRefreshProperty().get() != null, 20);
    int routes = host.current().account.routes().size();
    int numbers = host.current().account.numbers().size();
    robot.interact(host::close);
    host = null;
    firstRun.close();

    accounts = wiring(InMemoryCredentialStore.working());
    CompletableFuture<FirstFrame> firstFrame = new CompletableFuture<>();
    robot.interact(
        () -> {
          host =
              new MainWindowHost(
                  stage,
                  accounts.signIn,
                  AppDirs.under(root),
                  ThemeMode.LIGHT,
                  new WindowLayout(0.0, 0.0, 1270.0, 790.0, false, 0.4),
                  layout -> {},
                  mode -> {},
                  () -> firstFrame.complete(firstFrame()));
          host.useSandboxOf(accounts);
          host.start();
        });

    FirstFrame frame = firstFrame.get(30, TimeUnit.SECONDS);
    assertThat(frame.routeRows()).isEqualTo(routes);
    assertThat(frame.numberRows()).isEqualTo(numbers);
    // Laid out: as many rows as fit are on screen, not the first few of a table filling in.
    assertThat(frame.shownNumberRows()).isGreaterThanOrEqualTo(Math.min(numbers, 10));
    assertThat(frame.banner()).doesNotContain("0 of 0");
  }

  /** Read in the pulse that laid the window out for its first frame. */
  private FirstFrame firstFrame() {
    AppWiring w = host.current();
    TableView<?> table = w.window.numbersView().tableView();
    int shown = 0;
    for (Node n : table.lookupAll(".table-row-cell")) {
      if (n instanceof TableRow<?> row && !row.isEmpty() && row.isVisible()) {
        shown++;
      }
    }
    String banner =
        table.getScene().getRoot().lookupAll(".routing-banner .label").stream()
            .map(n -> ((Label) n).getText())
            .reduce("", String::concat);
    return new FirstFrame(w.account.routes().size(), w.account.numbers().size(), shown, banner);
  }
}
