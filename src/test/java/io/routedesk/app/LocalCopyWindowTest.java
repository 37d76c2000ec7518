package io.routedesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.routedesk.domain.Draft;
import io.routedesk.domain.NewRoute;
import io.routedesk.domain.RouteType;
import io.routedesk.domain.VoiceSlot;
import io.routedesk.sandbox.FlowrouteSandbox;
import io.routedesk.sandbox.SandboxAccount;
import io.routedesk.store.LocalStore;
import io.routedesk.store.SnapshotFixtures;
import io.routedesk.ui.controls.WhyDisabled;
import io.routedesk.ui.model.Connectivity;
import io.routedesk.ui.model.LoadState;
import io.routedesk.ui.model.RouteRow;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.time.Instant;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import org.junit.jupiter.api.Test;

/**
 * The copy of the account on this computer, in the real window: a start with Flowroute unreachable
 * shows the saved numbers and routing at once with the Offline banner; a damaged database still
 * starts, says what was recovered, and is rebuilt from the server.
 */
class LocalCopyWindowTest extends WindowTestBase {

  private boolean visible(String id) {
    return lookup(id).tryQuery().map(Node::isVisible).orElse(false);
  }

  @Test
  void withFlowrouteUnreachableTheWindowOpensOnTheSavedCopyWithTheOfflineBanner() throws Exception {
    // The first start (in the base class) loaded the account and saved it.
    waitUntil(() -> workspace.store().lastRefresh().isPresent(), 10);
    String number = number(3);
    String primary = sandbox.account().primaryRouteId(number);
    String primaryLabel = app.account.routeLabel(primary);
    int numbers = sandbox.account().numberCount();
    closeApp();
    sandbox.close();

    openApp();

    waitUntil(() -> app.account.numbers().size() == numbers, 10);
    assertThat(app.account.showingSavedCopyProperty().get()).isTrue();
    assertThat(app.account.number(number).primaryRouteId()).isEqualTo(primary);
    assertThat(((TableCell<?, ?>) cell(numberRow(number), "col-primary")).getText())
        .isEqualTo(primaryLabel);
    waitUntil(() -> visible("#connectivity-banner"), 20);
    assertThat(app.account.connectivityProperty().get()).isEqualTo(Connectivity.OFFLINE);
    assertThat(lookup("#connectivity-banner-text").queryAs(Label.class).getText())
        .startsWith("Offline — last refreshed today at");
    assertThat(lookup("#status-connectivity").queryAs(Label.class).getText()).isEqualTo("Offline");
    // Live changes are off, and say why; nothing was lost from the copy.
    select(number);
    assertThat(lookup("#assign-primary").queryAs(Button.class).isDisabled()).isTrue();
    assertThat(WhyDisabled.reasonShown(lookup("#assign-primary-holder").query()))
        .startsWith("Offline: numbers cannot be re-routed");
    assertThat(app.account.numbersStateProperty().get()).isEqualTo(LoadState.ERROR);
    assertThat(app.account.numbers()).hasSize(numbers);
  }

  /**
   * Closes the app and leaves a damaged database: drafts (one with a pending assignment of {@code
   * waiting}) written first and a large saved copy after, then the file cut in half.
   */
  private void damageTheDatabase(String waiting) throws Exception {
    closeApp();
    Files.deleteIfExists(databaseFile());
    try (LocalStore store = LocalStore.open(databaseFile())) {
      Draft kept =
          store.createDraft(new NewRoute(RouteType.HOST, "kept.example.com", "kept-draft", null));
      store.addPendingAssignment(kept.id(), waiting, VoiceSlot.PRIMARY);
      store.createDraft(new NewRoute(RouteType.URI, "sip:x@example.com", "kept-uri", null));
      SnapshotFixtures.save(
          store, SnapshotFixtures.account(500, 5_000, 9, Instant.parse("2026-11-01T00:00:00Z")));
    }
    long size = Files.size(databaseFile());
    try (RandomAccessFile raf = new RandomAccessFile(databaseFile().toFile(), "rw")) {
      raf.setLength(size / 2);
    }
  }

  private String storeNotice() {
    return lookup("#store-notice-text").queryAs(Label.class).getText();
  }

  @Test
  void aDamagedDatabaseStillStartsSaysWhatWasRecoveredAndIsRebuiltFromTheServer() throws Exception {
    String waiting = number(0);
    damageTheDatabase(waiting);

    openApp();

    waitUntil(() -> visible("#store-notice"), 20);
    assertThat(storeNotice())
        .contains("moved aside to " + databaseFile().getParent())
        .contains("sandbox.db.unusable-")
        .contains("2 drafts and 1 pending assignment were recovered");
    waitUntil(
        () ->
            app.account.routes().stream().filter(RouteRow::isDraft).count() == 2
                && app.account.routingStateProperty().get() == LoadState.LOADED,
        20);
    // The cache is rebuilt from the server: the sandbox's 25 numbers, not the lost 5,000.
    waitUntil(
        () -> workspace.store().loadSnapshot().numbers().size() == sandbox.account().numberCount(),
        20);
    assertThat(app.account.numbers()).hasSize(sandbox.account().numberCount());
    assertThat(app.account.number(waiting).hasDraftPending()).isTrue();
    // Once rebuilt, the notice says so, in the past tense: no longer "being rebuilt".
    waitUntil(() -> storeNotice().contains("was rebuilt from Flowroute today at"), 10);
    assertThat(storeNotice())
        .doesNotContain("being rebuilt")
        .doesNotContain("could not be rebuilt");
    clickOn("#store-notice-dismiss");
    assertThat(visible("#store-notice")).isFalse();
  }

  @Test
  void aDamagedDatabaseOpenedOfflineSaysTheCopyIsNotRebuiltYetUntilFlowrouteIsBack()
      throws Exception {
    String waiting = number(0);
    int port = sandbox.port();
    SandboxAccount state = sandbox.account();
    damageTheDatabase(waiting);
    sandbox.close(); // Flowroute cannot be reached at start

    openApp();

    waitUntil(() -> visible("#store-notice") && storeNotice().contains("could not be rebuilt"), 30);
    assertThat(storeNotice())
        .contains("2 drafts and 1 pending assignment were recovered")
        .contains("could not be rebuilt from Flowroute yet (")
        .endsWith("it will be at the next refresh that reaches Flowroute.")
        .doesNotContain("was rebuilt");
    assertThat(workspace.store().lastRefresh()).isEmpty();

    // Flowroute is back on the same port: the probe notices, the refresh rebuilds the copy.
    sandbox = FlowrouteSandbox.builder().port(port).account(state).start();
    waitUntil(() -> storeNotice().contains("was rebuilt from Flowroute today at"), 30);
    assertThat(workspace.store().lastRefresh()).isPresent();
    assertThat(storeNotice()).doesNotContain("could not be rebuilt");
    assertThat(visible("#store-notice")).isTrue();
  }
}
