package io.routedesk.ui.routes;

import io.routedesk.domain.EdgeStrategy;
import io.routedesk.domain.NumberRouting;
import io.routedesk.domain.PhoneNumbers;
import io.routedesk.domain.Plural;
import io.routedesk.domain.Route;
import io.routedesk.domain.RouteType;
import io.routedesk.service.AssignmentPlan;
import io.routedesk.service.ChangeEngine;
import io.routedesk.service.NumberChange;
import io.routedesk.service.RouteService;
import io.routedesk.service.RouteUsage;
import io.routedesk.ui.model.AccountState;
import io.routedesk.ui.model.Activity;
import io.routedesk.ui.model.BatchRunner;
import io.routedesk.ui.model.DraftActions;
import io.routedesk.ui.model.LoadState;
import io.routedesk.ui.model.NumberRow;
import io.routedesk.ui.model.RouteRow;
import io.routedesk.ui.model.UserPrompts;
import io.routedesk.ui.text.CountBadge;
import io.routedesk.ui.text.ErrorMessages;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.IntegerBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The route list: search, type and draft filters, selection, the delete workflow, and the draft
 * commands (edit, delete, publish one or all).
 */
public final class RoutesViewModel {
  private static final Logger LOG = LoggerFactory.getLogger(RoutesViewModel.class);

  private final AccountState account;
  private final RouteService routeService;
  private final BatchRunner batches;
  private final DraftActions drafts;
  private final Activity activity;
  private final UserPrompts prompts;
  private final Executor ui;

  private final StringProperty search = new SimpleStringProperty("");
  private final ObjectProperty<RouteType> typeFilter = new SimpleObjectProperty<>();
  private final BooleanProperty draftsOnly = new SimpleBooleanProperty();
  private final IntegerBinding draftCount;
  private final FilteredList<RouteRow> visible;
  private final ObjectProperty<RouteRow> selected = new SimpleObjectProperty<>();
  private final ObjectProperty<SelectRequest> selectRequest = new SimpleObjectProperty<>();
  private final StringBinding placeholderText;
  private final StringBinding publishAllBlocked;
  private final StringBinding publishSelectedBlocked;
  private final BooleanBinding noRoutesYet;
  private final StringBinding countBadge;
  private final StringBinding countSpoken;
  private long selectRequests;

  /** Asks the view to select (and scroll to) a route; {@code seq} makes repeats distinct. */
  public record SelectRequest(String routeId, long seq) {}

  /**
   * @param batches runs the moves of "Move numbers and delete" in the numbers panel's batch panel
   * @param drafts the draft commands
   */
  public RoutesViewModel(
      AccountState account,
      RouteService routeService,
      BatchRunner batches,
      DraftActions drafts,
      Activity activity,
      UserPrompts prompts,
      Executor ui) {
    this.account = account;
    this.prompts = Objects.requireNonNull(prompts, "prompts");
    this.routeService = routeService;
    this.batches = Objects.requireNonNull(batches, "batches");
    this.drafts = Objects.requireNonNull(drafts, "drafts");
    this.activity = activity;
    this.ui = ui;
    this.visible = new FilteredList<>(account.routes());
    search.addListener((o, a, b) -> refilter());
    typeFilter.addListener((o, a, b) -> refilter());
    draftsOnly.addListener((o, a, b) -> refilter());
    draftCount =
        Bindings.createIntegerBinding(
            () -> (int) account.routes().stream().filter(RouteRow::isDraft).count(),
            account.routes());
    // The filter goes away with the last draft, so it cannot hide every route. A list change
    // listener added after the filtered list's own: the filtered list has taken the change in
    // before its filter changes (refiltering in the middle of the change read rows gone already).
    account
        .routes()
        .addListener(
            (ListChangeListener<RouteRow>)
                c -> {
                  if (draftsOnly.get() && draftCount.get() == 0) {
                    draftsOnly.set(false);
                  }
                });
    countBadge =
        Bindings.createStringBinding(
            () -> CountBadge.text(visible.size(), account.routes().size()),
            visible,
            account.routes());
    countSpoken =
        Bindings.createStringBinding(
            () -> CountBadge.spoken(visible.size(), account.routes().size(), "routes"),
            visible,
            account.routes());
    placeholderText =
        Bindings.createStringBinding(
            this::computePlaceholder,
            account.routesStateProperty(),
            account.routesErrorProperty(),
            account.routes(),
            search,
            typeFilter,
            draftsOnly);
    noRoutesYet =
        Bindings.createBooleanBinding(
            () ->
                account.routesStateProperty().get() == LoadState.LOADED
                    && hasOnlySystemRoute()
                    && search.get().isBlank()
                    && typeFilter.get() == null
                    && !draftsOnly.get(),
            account.routesStateProperty(),
            account.routes(),
            search,
            typeFilter,
            draftsOnly);
    publishAllBlocked =
        Bindings.createStringBinding(
            () ->
                account.isOffline()
                    ? OFFLINE_PUBLISH
                    : drafts.publishingProperty().get() ? "Publishing…" : "",
            account.offlineProperty(),
            drafts.publishingProperty());
    publishSelectedBlocked =
        Bindings.createStringBinding(
            () -> {
              RouteRow row = selected.get();
              if (row == null || !row.isDraft()) {
                return "";
              }
              if (account.isOffline()) {
                return OFFLINE_PUBLISH;
              }
              return row.isPublishing() || drafts.publishingProperty().get() ? "Publishing…" : "";
            },
            selected,
            account.offlineProperty(),
            drafts.publishingProperty());
  }

  private static final String OFFLINE_PUBLISH =
      "Offline: drafts are published once Flowroute can be reached.";

  /** Why "Publish N" (every draft) is disabled now, "" when it is not. */
  public StringBinding publishAllBlockedProperty() {
    return publishAllBlocked;
  }

  /** Why the selected draft's Publish button is disabled now, "" when it is not. */
  public StringBinding publishSelectedBlockedProperty() {
    return publishSelectedBlocked;
  }

  /**
   * Why a route's commands (edit, delete, assign) are not offered now, or "" when they are:
   * offline, Flowroute cannot take changes.
   */
  public String routeChangesBlocked() {
    return account.isOffline() ? "Offline: routes can't be changed now" : "";
  }

  /** The label of a draft's "Publish draft" command now (offline it says why not). */
  public String publishDraftLabel() {
    return account.isOffline() ? "Publish draft (offline: not now)" : "Publish draft";
  }

  /** Shows only drafts (routes saved on this computer, not on Flowroute yet). */
  public BooleanProperty draftsOnlyProperty() {
    return draftsOnly;
  }

  /** Draft rows in the list (the draft filter shows when there are some). */
  public IntegerBinding draftCountProperty() {
    return draftCount;
  }

  /** The draft commands. */
  public DraftActions drafts() {
    return drafts;
  }

  /** True while Flowroute cannot be reached (live changes are paused). */
  public BooleanBinding offlineProperty() {
    return account.offlineProperty();
  }

  /** Why a live change to a route is refused now, or null. */
  public String offlineReason() {
    return account.isOffline()
        ? "Offline: routes on Flowroute cannot be changed until it can be reached. Drafts still"
            + " work."
        : null;
  }

  /**
   * True when the account has no route of its own (only Flowroute's sip-reg): the list then invites
   * the user to create one.
   */
  public BooleanBinding noRoutesYetProperty() {
    return noRoutesYet;
  }

  public StringProperty searchProperty() {
    return search;
  }

  /** null shows every type. */
  public ObjectProperty<RouteType> typeFilterProperty() {
    return typeFilter;
  }

  public List<RouteType> typeOptions() {
    return List.of(RouteType.HOST, RouteType.NUMBER, RouteType.URI, RouteType.SIP_REG);
  }

  public FilteredList<RouteRow> visibleRoutes() {
    return visible;
  }

  /** The count beside the title: "9", or "3 of 9" while the search or a filter hides some. */
  public StringBinding countBadgeProperty() {
    return countBadge;
  }

  /** The same for screen readers: "9 routes", "3 of 9 routes shown". */
  public StringBinding countSpokenProperty() {
    return countSpoken;
  }

  public ObjectProperty<RouteRow> selectedProperty() {
    return selected;
  }

  public ReadOnlyObjectProperty<SelectRequest> selectRequestProperty() {
    return selectRequest;
  }

  /** Selects a route in the list (e.g. the one just created), clearing filters that hide it. */
  public void select(String routeId) {
    RouteRow row = account.route(routeId);
    if (row == null) {
      return;
    }
    if (!visible.contains(row)) {
      search.set("");
      typeFilter.set(null);
      draftsOnly.set(false);
    }
    selectRequest.set(new SelectRequest(routeId, ++selectRequests));
  }

  public EdgeStrategy edgeStrategy(Integer id) {
    return account.edgeStrategy(id);
  }

  public ObservableList<EdgeStrategy> edgeStrategies() {
    return account.edgeStrategies();
  }

  /** Every route, for pickers (e.g. where to move numbers before deleting). */
  public ObservableList<RouteRow> allRoutes() {
    return account.routes();
  }

  public ReadOnlyObjectProperty<LoadState> loadStateProperty() {
    return account.routesStateProperty();
  }

  public StringBinding placeholderTextProperty() {
    return placeholderText;
  }

  public CompletableFuture<Void> refresh() {
    return account.refresh();
  }

  private void refilter() {
    String q = search.get() == null ? "" : search.get().strip().toLowerCase(Locale.ROOT);
    RouteType type = typeFilter.get();
    boolean onlyDrafts = draftsOnly.get();
    if (q.isEmpty() && type == null && !onlyDrafts) {
      visible.setPredicate(null);
      return;
    }
    visible.setPredicate(
        r ->
            (type == null || r.route().type() == type)
                && (!onlyDrafts || r.isDraft())
                && (q.isEmpty() || r.searchText().contains(q)));
  }

  private String computePlaceholder() {
    LoadState state = account.routesStateProperty().get();
    if (state == LoadState.LOADING || state == LoadState.IDLE) {
      return "Loading routes…";
    }
    if (state == LoadState.ERROR && account.routes().isEmpty()) {
      return account.routesErrorProperty().get();
    }
    boolean onlySystem = account.routes().stream().allMatch(r -> r.route().isSystemRoute());
    if (onlySystem && search.get().isBlank() && typeFilter.get() == null) {
      return "No routes yet — create one";
    }
    if (!search.get().isBlank()) {
      return "No routes match “" + search.get().strip() + "”.";
    }
    if (draftsOnly.get()) {
      return "No drafts.";
    }
    RouteType type = typeFilter.get();
    return type == null ? "No routes." : "No " + type.displayName() + " routes.";
  }

  /** True when the list holds nothing but the built-in sip-reg route. */
  public boolean hasOnlySystemRoute() {
    return account.routes().stream().allMatch(r -> r.route().isSystemRoute());
  }

  // ---- edit / delete -----------------------------------------------------------------------

  /** Why a route cannot be edited, or null when it can. */
  private String editBlockedReason(RouteRow row) {
    if (row == null) {
      return "Select a route first.";
    }
    if (row.isDraft()) {
      return row.draft().state().isEditable()
          ? null
          : "“"
              + row.label()
              + "” is being published (or waits for its assignments); it can no longer be"
              + " edited as a draft.";
    }
    if (row.route().isSystemRoute()) {
      return "sip-reg is Flowroute's built-in route; it cannot be edited.";
    }
    return offlineReason();
  }

  /**
   * Whether the row can be edited now; when not, tells the user why (the view opens the form only
   * on true).
   */
  public boolean allowEdit(RouteRow row) {
    String blocked = editBlockedReason(row);
    if (blocked == null) {
      return true;
    }
    prompts.inform(row.isDraft() ? "Cannot edit draft" : "Cannot edit route", blocked);
    return false;
  }

  /**
   * Deletes a route or draft the user asked to delete: explains why it cannot be deleted now, or
   * asks for confirmation and deletes. A route that numbers use cannot be deleted before they move:
   * returns its check then, for the view to offer the move.
   */
  public Optional<DeleteCheck> requestDelete(RouteRow row) {
    DeleteCheck check = checkDelete(row);
    switch (check.kind()) {
      case SYSTEM -> prompts.inform("Cannot delete route", check.message());
      case UNKNOWN_USAGE -> prompts.inform("Cannot check this route yet", check.message());
      case BLOCKED -> prompts.inform("Cannot delete now", check.message());
      case FREE -> {
        if (prompts.confirm(
            new UserPrompts.Confirmation(
                "Delete route",
                "Delete “" + row.label() + "”?",
                "No number uses this route. Deleting it cannot be undone.",
                "Delete route",
                true))) {
          delete(row);
        }
      }
      case DRAFT -> {
        if (prompts.confirm(
            new UserPrompts.Confirmation(
                "Delete draft",
                "Delete draft “" + row.label() + "”?",
                check.message(),
                "Delete draft",
                true))) {
          deleteDraft(row);
        }
      }
      case IN_USE -> {
        return Optional.of(check);
      }
    }
    return Optional.empty();
  }

  public DeleteCheck checkDelete(RouteRow row) {
    Route r = row.route();
    if (row.isDraft()) {
      if (row.isPublishing()) {
        return new DeleteCheck(
            DeleteCheck.Kind.BLOCKED,
            "“" + r.label() + "” is being published; wait for the result before deleting it.",
            RouteUsage.of(r.id(), List.of(), 0));
      }
      int pending = row.primaryUses() + row.failoverUses();
      return new DeleteCheck(
          DeleteCheck.Kind.DRAFT,
          "This draft exists only on this computer; deleting it cannot be undone."
              + (pending == 0
                  ? ""
                  : " Its "
                      + Plural.count(pending, "pending assignment is", "pending assignments are")
                      + " dropped too; the numbers keep their current routes."),
          RouteUsage.of(r.id(), List.of(), 0));
    }
    if (account.isOffline() && !r.isSystemRoute()) {
      return new DeleteCheck(
          DeleteCheck.Kind.BLOCKED, offlineReason(), RouteUsage.of(r.id(), List.of(), 0));
    }
    if (r.isSystemRoute()) {
      return new DeleteCheck(
          DeleteCheck.Kind.SYSTEM,
          "sip-reg is Flowroute's built-in route; it cannot be deleted.",
          RouteUsage.of(r.id(), List.of(), 0));
    }
    RouteUsage usage = account.usageOf(r.id());
    if (usage.inUse()) {
      return new DeleteCheck(
          DeleteCheck.Kind.IN_USE,
          "“"
              + r.label()
              + "” is the primary route of "
              + Plural.count(usage.primaryOf().size(), "number")
              + " and the failover of "
              + Plural.count(usage.failoverOf().size(), "number")
              + ". Flowroute refuses to delete a route that numbers still use: move them to"
              + " another route first.",
          usage);
    }
    if (usage.unknown() > 0) {
      return new DeleteCheck(
          DeleteCheck.Kind.UNKNOWN_USAGE,
          "The routing of "
              + Plural.count(usage.unknown(), "number")
              + " is not loaded yet, so RouteDesk cannot tell whether “"
              + r.label()
              + "” is in use. Wait for loading to finish (or refresh) and try again.",
          usage);
    }
    return new DeleteCheck(
        DeleteCheck.Kind.FREE, "Delete “" + r.label() + "”? No number uses it.", usage);
  }

  /** Deletes a draft (and its pending assignments) from this computer. */
  public CompletableFuture<Boolean> deleteDraft(RouteRow row) {
    if (!row.isDraft()) {
      return CompletableFuture.failedFuture(new IllegalArgumentException("Not a draft."));
    }
    return drafts.deleteDraft(row.draft().id());
  }

  /** Publishes one draft (validated again first); the result shows on its row and in a toast. */
  public CompletableFuture<?> publish(RouteRow row) {
    if (!row.isDraft()) {
      return CompletableFuture.failedFuture(new IllegalArgumentException("Not a draft."));
    }
    return drafts.publish(List.of(row.draft().id())).exceptionally(e -> null);
  }

  /** Publishes every draft not yet on Flowroute. */
  public CompletableFuture<?> publishAll() {
    return drafts.publishAll().exceptionally(e -> null);
  }

  /** Deletes an unused route. */
  public CompletableFuture<Void> delete(RouteRow row) {
    Route r = row.route();
    Activity.Task task = activity.start("Deleting route " + r.label() + "…");
    return routeService
        .delete(r, account.usageOf(r.id()))
        .whenCompleteAsync(
            (v, e) -> {
              task.finish();
              if (e != null) {
                LOG.warn("Deleting route {} failed: {}", r.id(), ErrorMessages.describe(e));
                activity.notify(
                    Activity.Severity.ERROR,
                    "“" + r.label() + "” was not deleted: " + ErrorMessages.describe(e));
              } else {
                account.routeDeleted(r.id());
                activity.notify(Activity.Severity.SUCCESS, "Deleted route “" + r.label() + "”.");
              }
            },
            ui);
  }

  /**
   * The plan that moves every number off {@code row} onto {@code targetRouteId}: primaries go to
   * the target; failovers go to the target, or are removed when the target is null or is that
   * number's primary. A number whose failover is the target loses that failover when its primary
   * moves there (primary and failover must differ).
   */
  public AssignmentPlan movePlan(RouteRow row, String targetRouteId) {
    String id = row.id();
    List<NumberChange> changes = new ArrayList<>();
    for (NumberRow n : account.numbers()) {
      if (!n.isRoutingKnown() || !n.uses(id)) {
        continue;
      }
      String primary = n.primaryRouteId();
      String failover = n.failoverRouteId();
      if (id.equals(primary)) {
        if (targetRouteId == null) {
          throw new IllegalArgumentException("Numbers use this route as primary: pick a route.");
        }
        primary = targetRouteId;
      }
      if (id.equals(failover)) {
        failover = targetRouteId;
      }
      if (Objects.equals(primary, failover)) {
        failover = null;
      }
      NumberRouting before = n.routing();
      changes.add(new NumberChange(before, new NumberRouting(n.number(), primary, failover)));
    }
    String target = targetRouteId == null ? "none" : account.routeLabel(targetRouteId);
    return new AssignmentPlan(
        "Move " + Plural.count(changes.size(), "number") + " from " + row.label() + " to " + target,
        changes);
  }

  /**
   * Moves the numbers off a route and deletes it, as one operation of the change engine (nothing
   * else can change the account between the last move and the delete), with its progress, Cancel
   * and per-number results in the numbers panel's batch panel. The route is deleted only when every
   * move landed; otherwise it stays and the notice says why.
   */
  public CompletableFuture<Void> moveAndDelete(RouteRow row, String targetRouteId) {
    AssignmentPlan plan = movePlan(row, targetRouteId);
    RouteUsage usage = account.usageOf(row.id());
    // Checked here too so a refusal is a notice, not an empty batch in the numbers panel.
    String refusal = routeService.moveAndDeleteRefusal(row.route(), plan, usage);
    if (refusal != null) {
      activity.notify(
          Activity.Severity.WARNING, "“" + row.label() + "” was not deleted. " + refusal);
      return CompletableFuture.failedFuture(new IllegalStateException(refusal));
    }
    // The batch panel takes the moves' report; whether the route went comes beside it.
    AtomicReference<ChangeEngine.MoveAndDelete> outcome = new AtomicReference<>();
    return batches
        .run(
            plan.description(),
            plan.numbers(),
            (listener, cancel) ->
                routeService
                    .moveAndDelete(row.route(), plan, usage, listener, cancel)
                    .thenApply(
                        result -> {
                          outcome.set(result);
                          return result.moves();
                        }))
        .thenComposeAsync(
            report -> {
              ChangeEngine.MoveAndDelete result = outcome.get();
              if (!result.deleted()) {
                activity.notify(Activity.Severity.ERROR, result.message());
                return CompletableFuture.failedFuture(
                    new CompletionException(new IllegalStateException(result.message())));
              }
              account.routeDeleted(row.id());
              activity.notify(Activity.Severity.SUCCESS, "Deleted route “" + row.label() + "”.");
              return CompletableFuture.completedFuture(null);
            },
            ui);
  }

  /** The numbers a slot of the details panel names before "and N more". */
  static final int NUMBERS_NAMED = 5;

  /** The edge strategy's name for the list and the details, null when the route has none. */
  public String edgeLabel(Integer id) {
    if (id == null) {
      return null;
    }
    EdgeStrategy strategy = account.edgeStrategy(id);
    return strategy != null ? strategy.label() : "Edge " + id;
  }

  /** What the details panel shows for a published route (drafts have their own panel). */
  public RouteDetails details(RouteRow row) {
    Route r = row.route();
    RouteUsage usage = account.usageOf(r.id());
    String edge = edgeLabel(r.edgeStrategyId());
    String unknown =
        usage.unknown() == 0
            ? ""
            : " (the routing of " + Plural.count(usage.unknown(), "number") + " is not read yet)";
    return new RouteDetails(
        r.label(),
        r.type().displayName(),
        r.value() == null ? "Devices registered to the account" : r.value(),
        edge == null ? "None" : edge,
        slotUse("Primary", usage.primaryOf()) + unknown,
        slotUse("Failover", usage.failoverOf()) + unknown,
        usage.inUse());
  }

  /** "Primary of 2 numbers: +1 (206) 555-0002, +1 (206) 555-0003", "Failover of no number". */
  private static String slotUse(String slot, List<String> numbers) {
    if (numbers.isEmpty()) {
      return slot + " of no number";
    }
    List<String> named =
        numbers.stream()
            .sorted()
            .limit(NUMBERS_NAMED)
            // No-break spaces: a wrapped line never splits a number.
            .map(n -> PhoneNumbers.format(n).replace(' ', '\u00A0'))
            .toList();
    int more = numbers.size() - named.size();
    return slot
        + " of "
        + Plural.count(numbers.size(), "number")
        + ": "
        + String.join(", ", named)
        + (more > 0 ? " and " + more + " more" : "");
  }

  /** The "used by" cell's tooltip: how many numbers use the route (or will, for a draft). */
  static String usageTooltip(RouteRow row) {
    String primary = Plural.count(row.primaryUses(), "number");
    String failover = Plural.count(row.failoverUses(), "number");
    return row.isDraft()
        ? "When published, becomes the primary of " + primary + " and the failover of " + failover
        : "Primary route of " + primary + ", failover of " + failover;
  }
}
