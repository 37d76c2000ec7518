package io.routedesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.routedesk.domain.Draft;
import io.routedesk.domain.DraftState;
import io.routedesk.domain.NewRoute;
import io.routedesk.domain.Route;
import io.routedesk.domain.RouteType;
import io.routedesk.domain.VoiceSlot;
import io.routedesk.sandbox.FlowrouteSandbox;
import io.routedesk.sandbox.SandboxAccount;
import io.routedesk.service.NumberOutcome;
import io.routedesk.ui.controls.CutOffText;
import io.routedesk.ui.controls.WhyDisabled;
import io.routedesk.ui.drafts.LocalCopyViewModel;
import io.routedesk.ui.model.Connectivity;
import io.routedesk.ui.model.RouteRow;
import java.util.List;
import javafx.geometry.Orientation;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.stage.Screen;
import javafx.stage.Window;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Drafts on the real window against the sandbox: drafting while Flowroute is down (offline banner,
 * Save as draft, a failed create kept as a draft, pending assignments), then the sandbox back on
 * the same port with the same account: back online is noticed, publishing creates each route once
 * and applies the pending assignments; an alias taken meanwhile keeps the draft with the reason.
 */
class DraftsWindowTest extends WindowTestBase {

  private RouteRow draftRow(String alias) {
    return app.account.routes().stream()
        .filter(r -> r.isDraft() && alias.equals(r.label()))
        .findFirst()
        .orElse(null);
  }

  private List<Route> serverRoutes(String alias) {
    return sandbox.account().routes().stream().filter(r -> alias.equals(r.alias())).toList();
  }

  private String text(String id) {
    return lookup(id).queryAs(Label.class).getText();
  }

  private boolean visible(String id) {
    return lookup(id).tryQuery().map(Node::isVisible).orElse(false);
  }

  @Test
  void draftingOfflineThenPublishingWhenFlowrouteIsBack() throws Exception {
    int port = sandbox.port();
    SandboxAccount state = sandbox.account();
    String first = number(0);
    String second = number(1);
    String firstPrimaryBefore = state.primaryRouteId(first);
    sandbox.close(); // Flowroute is unreachable from now on

    // A create fails because Flowroute cannot be reached: the form offers to keep it.
    clickOn("#new-route");
    clickOn("#type-host");
    clickOn("#route-value").write("10.9.8.7:5060");
    clickOn("#route-alias").write("pbx-offline");
    clickOn("#route-submit");
    waitUntil(() -> visible("#route-keep-draft"), 30);
    assertThat(text("#route-form-error")).contains("Keep it as a draft?");

    // The window knows it is offline: banner with the last refresh, live changes disabled.
    waitUntil(() -> visible("#connectivity-banner"), 10);
    assertThat(text("#connectivity-banner-text"))
        .startsWith("Offline — last refreshed today at")
        .contains("Drafts still work");
    assertThat(lookup("#route-submit").queryAs(Button.class).isDisabled()).isTrue();
    assertThat(WhyDisabled.reasonShown(lookup("#route-submit-holder").query()))
        .contains("Save it as a draft instead");

    clickOn("#route-keep-draft");
    waitUntil(() -> draftRow("pbx-offline") != null, 10);
    // On disk before the window showed it.
    assertThat(workspace.store().listDrafts())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.alias()).isEqualTo("pbx-offline");
              assertThat(d.value()).isEqualTo("10.9.8.7:5060");
              assertThat(d.type()).isEqualTo(RouteType.HOST);
            });
    assertThat(lookup("#route-form-title").queryAs(Label.class).getText())
        .isEqualTo("Edit draft “pbx-offline”");

    // Save as draft works at any time, even unfinished (an alias only).
    clickOn("#new-route");
    clickOn("#route-alias").write("pbx-later");
    clickOn("#route-save-draft");
    waitUntil(() -> draftRow("pbx-later") != null, 10);
    assertThat(text("#route-draft-warning")).startsWith("Before it can be published:");
    clickOn("#route-form-close");

    // Pending assignments: drag a draft onto a number, or pick it with "Assign primary…".
    drag(routeRow(RouteRow.draftRowId(draftRow("pbx-offline").draft().id())))
        .dropTo(cell(numberRow(first), "col-number"));
    String draftId = RouteRow.draftRowId(draftRow("pbx-offline").draft().id());
    waitUntil(() -> draftId.equals(app.account.number(first).draftRouteId(VoiceSlot.PRIMARY)), 10);
    select(second);
    assertThat(lookup("#remove-failover").queryAs(Button.class).isDisabled()).isTrue();
    assertThat(WhyDisabled.reasonShown(lookup("#remove-failover-holder").query()))
        .startsWith("Offline");
    clickOn("#assign-primary");
    pickRoute("pbx-off");
    waitUntil(() -> draftId.equals(app.account.number(second).draftRouteId(VoiceSlot.PRIMARY)), 10);
    TableCell<?, ?> pendingCell = (TableCell<?, ?>) cell(numberRow(first), "col-primary");
    assertThat(pendingCell.getText()).isEqualTo("pbx-offline (draft)");
    assertThat(pendingCell.getPseudoClassStates().toString()).contains("draft-pending");
    assertThat(workspace.store().allPendingAssignments()).hasSize(2);
    assertThat(app.account.number(first).primaryRouteId()).isEqualTo(firstPrimaryBefore);

    // Flowroute is back, on the same port with the same account: noticed by the probe.
    sandbox = FlowrouteSandbox.builder().port(port).account(state).start();
    waitUntil(
        () -> app.localCopy.bannerProperty().get() == LocalCopyViewModel.Banner.BACK_ONLINE, 30);
    assertThat(app.account.connectivityProperty().get()).isEqualTo(Connectivity.ONLINE);
    assertThat(lookup("#banner-publish-drafts").queryAs(Button.class).getText())
        .isEqualTo("Publish 2 drafts");
    assertThat(serverRoutes("pbx-offline")).isEmpty(); // nothing published without asking

    clickOn("#banner-publish-drafts");
    waitUntil(
        () ->
            !serverRoutes("pbx-offline").isEmpty()
                && !app.numbers.batch().runningProperty().get()
                && app.numbers.batch().visibleProperty().get(),
        30);

    List<Route> created = serverRoutes("pbx-offline");
    assertThat(created).hasSize(1);
    String routeId = created.getFirst().id();
    assertThat(sandbox.account().primaryRouteId(first)).isEqualTo(routeId);
    assertThat(sandbox.account().primaryRouteId(second)).isEqualTo(routeId);
    assertThat(app.numbers.batch().outcomes())
        .hasSize(2)
        .allMatch(o -> o.status() == NumberOutcome.Status.DONE);
    waitUntil(() -> routeId.equals(app.account.number(first).primaryRouteId()), 10);
    assertThat(app.account.number(first).hasDraftPending()).isFalse();
    assertThat(draftRow("pbx-offline")).isNull();
    assertThat(app.account.route(routeId)).isNotNull();
    // The unfinished draft stays, with why it was not published; nothing of it reached Flowroute.
    RouteRow later = draftRow("pbx-later");
    assertThat(later).isNotNull();
    assertThat(later.draft().lastError()).isNotBlank();
    assertThat(serverRoutes("pbx-later")).isEmpty();
    assertThat(workspace.store().listDrafts())
        .extracting(Draft::alias, Draft::state)
        .containsExactlyInAnyOrder(
            Tuple.tuple("pbx-offline", DraftState.PUBLISHED),
            Tuple.tuple("pbx-later", DraftState.DRAFT));
    assertThat(sandbox.requests().routePostsReceived()).isEqualTo(1);
  }

  @Test
  void anAliasTakenMeanwhileKeepsTheDraftWithTheReasonOnItsRow() throws Exception {
    clickOn("#new-route");
    clickOn("#type-host");
    clickOn("#route-value").write("pbx.example.net:5060");
    clickOn("#route-alias").write("shared-pbx");
    clickOn("#route-save-draft");
    waitUntil(() -> draftRow("shared-pbx") != null, 10);
    clickOn("#route-form-close");
    // Someone else creates a route with that alias before the draft is published.
    sandbox.account().addRoute(RouteType.URI, "sip:desk@elsewhere.example.com", "shared-pbx", null);

    RouteRow row = draftRow("shared-pbx");
    interact(() -> routesTable().getSelectionModel().select(row));
    waitUntil(() -> visible("#draft-detail"), 5);
    clickOn("#draft-publish");

    waitUntil(
        () -> draftRow("shared-pbx") != null && draftRow("shared-pbx").draft().lastError() != null,
        20);
    assertThat(text("#draft-detail-text")).contains("already exists");
    assertThat(text("#draft-detail-title")).endsWith("Not published");
    assertThat(serverRoutes("shared-pbx")).hasSize(1);
    assertThat(serverRoutes("shared-pbx").getFirst().type()).isEqualTo(RouteType.URI);
    assertThat(workspace.store().listDrafts())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.state()).isEqualTo(DraftState.DRAFT);
              assertThat(d.value()).isEqualTo("pbx.example.net:5060");
              assertThat(d.lastError()).contains("already exists");
            });
    // The row itself is marked.
    assertThat(routeRow(row.id()).getPseudoClassStates().toString()).contains("draft-error");
  }

  @Test
  void aDraftsBadgeGivesUpItsWordBeforeTheAliasIsCut() throws Exception {
    String alias = "callcenter-weighted-backup";
    interact(
        () ->
            app.drafts.createDraft(
                new NewRoute(RouteType.HOST, "backup.example.com", alias, null)));
    waitUntil(() -> draftRow(alias) != null, 10);
    TableColumn<RouteRow, ?> aliasColumn =
        routesTable().getColumns().stream()
            .filter(c -> "col-alias".equals(c.getId()))
            .findFirst()
            .orElseThrow();

    interact(() -> aliasColumn.setPrefWidth(330));
    Labeled wide = badgeOf(draftRow(alias).id());
    assertThat(wide.getContentDisplay()).isEqualTo(ContentDisplay.TEXT_ONLY);
    assertThat(wide.getText()).isEqualTo("Draft");
    assertThat(CutOffText.isCutOff(aliasText(draftRow(alias).id()))).isFalse();

    // Narrower by less than the word takes: alias and icon fit, alias and word do not.
    double wordWidth = wide.getWidth();
    Labeled shown = aliasText(draftRow(alias).id());
    double needed = shown.getLayoutX() + shown.getWidth() + 3 + wordWidth + 8;
    interact(() -> aliasColumn.setPrefWidth(needed - 8));
    assertThat(aliasColumn.getWidth()).isLessThan(needed);
    Labeled narrow = badgeOf(draftRow(alias).id());
    assertThat(narrow.getContentDisplay()).isEqualTo(ContentDisplay.GRAPHIC_ONLY);
    assertThat(CutOffText.isCutOff(aliasText(draftRow(alias).id()))).isFalse();
  }

  private Labeled badgeOf(String rowId) {
    WaitForAsyncUtils.waitForFxEvents();
    return from(routeRow(rowId)).lookup(".draft-badge").queryLabeled();
  }

  private Labeled aliasText(String rowId) {
    return from(routeRow(rowId)).lookup(".alias-text").queryLabeled();
  }

  @Test
  void thePreviewOfPendingAssignmentsShowsEveryTextWholeWithinTheScreen() throws Exception {
    String alias = "draft-pbx-with-a-rather-long-alias-name";
    interact(
        () ->
            app.drafts.createDraft(new NewRoute(RouteType.HOST, "pbx-9.example.com", alias, null)));
    waitUntil(() -> draftRow(alias) != null, 10);
    interact(() -> numbersTable().getSelectionModel().selectAll());
    int count = numbersTable().getItems().size();

    clickOn("#assign-primary");
    pickRoute("draft-pbx");
    waitUntil(() -> lookup(".preview-dialog").tryQuery().isPresent(), 10);

    TableView<?> preview = lookup("#preview-table").queryAs(TableView.class);
    assertThat(preview.getItems()).hasSize(count);
    Window dialog = preview.getScene().getWindow();
    Rectangle2D screen = Screen.getPrimary().getVisualBounds();
    assertThat(dialog.getX()).isGreaterThanOrEqualTo(screen.getMinX());
    assertThat(dialog.getY()).isGreaterThanOrEqualTo(screen.getMinY());
    assertThat(dialog.getX() + dialog.getWidth()).isLessThanOrEqualTo(screen.getMaxX());
    assertThat(dialog.getY() + dialog.getHeight()).isLessThanOrEqualTo(screen.getMaxY());
    // Wider than the theme's 600 px dialogs: the long alias needs it.
    assertThat(dialog.getWidth()).isGreaterThan(700);

    // Every cell shown says all it has to say: no text is cut to "…".
    List<TableCell<?, ?>> cells =
        from(preview).lookup(".table-cell").queryAll().stream()
            .filter(n -> n instanceof TableCell<?, ?> c && c.getText() != null && c.isVisible())
            .<TableCell<?, ?>>map(n -> (TableCell<?, ?>) n)
            .toList();
    assertThat(cells).hasSizeGreaterThan(3 * 10);
    assertThat(cells)
        .filteredOn(c -> c.getText().contains(alias))
        .isNotEmpty()
        .allSatisfy(c -> assertThat(shownText(c)).isEqualTo(c.getText()));
    assertThat(cells).allSatisfy(c -> assertThat(shownText(c)).isEqualTo(c.getText()));
    // The list is as tall as the screen allows and scrolls for the rest.
    assertThat(preview.getHeight()).isLessThan(screen.getHeight());
    assertThat(
            from(preview).lookup(".scroll-bar").queryAll().stream()
                .filter(n -> n instanceof ScrollBar b && b.getOrientation() == Orientation.VERTICAL)
                .anyMatch(Node::isVisible))
        .isTrue();

    type(KeyCode.ESCAPE);
    waitUntil(() -> lookup(".preview-dialog").tryQuery().isEmpty(), 5);
    assertThat(workspace.store().allPendingAssignments()).isEmpty();
  }

  /** The text a labeled cell actually draws (ellipsized when it does not fit). */
  private static String shownText(TableCell<?, ?> cell) {
    return cell.getChildrenUnmodifiable().stream()
        .filter(n -> n instanceof Text)
        .map(n -> ((Text) n).getText())
        .findFirst()
        .orElse("");
  }
}
