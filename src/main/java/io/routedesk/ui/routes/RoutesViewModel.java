package io.routedesk.ui.routes;

import io.routedesk.domain.NumberRouting;
import io.routedesk.domain.Route;
import io.routedesk.domain.RouteType;
import io.routedesk.service.AssignmentPlan;
import io.routedesk.service.NumberChange;
import io.routedesk.service.RouteService;
import io.routedesk.service.RouteUsage;
import io.routedesk.ui.common.AccountState;
import io.routedesk.ui.common.Activity;
import io.routedesk.ui.common.ErrorMessages;
import io.routedesk.ui.common.LoadState;
import io.routedesk.ui.common.NumberRow;
import io.routedesk.ui.common.PlanRunner;
import io.routedesk.ui.common.RouteRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.transformation.FilteredList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The route list: search, type filter, selection, and the delete workflow. */
public final class RoutesViewModel {
  private static final Logger LOG = LoggerFactory.getLogger(RoutesViewModel.class);

  private final AccountState account;
  private final RouteService routeService;
  private final PlanRunner planRunner;
  private final Activity activity;
  private final Executor ui;

  private final StringProperty search = new SimpleStringProperty("");
  private final ObjectProperty<RouteType> typeFilter = new SimpleObjectProperty<>();
  private final FilteredList<RouteRow> visible;
  private final ObjectProperty<RouteRow> selected = new SimpleObjectProperty<>();
  private final ObjectProperty<SelectRequest> selectRequest = new SimpleObjectProperty<>();
  private final StringBinding placeholderText;
  private final javafx.beans.binding.BooleanBinding noRoutesYet;
  private long selectRequests;

  /** Asks the view to select (and scroll to) a route; {@code seq} makes repeats distinct. */
  public record SelectRequest(String routeId, long seq) {}

  public RoutesViewModel(
      AccountState account,
      RouteService routeService,
      PlanRunner planRunner,
      Activity activity,
      Executor ui) {
    this.account = account;
    this.routeService = routeService;
    this.planRunner = planRunner;
    this.activity = activity;
    this.ui = ui;
    this.visible = new FilteredList<>(account.routes());
    search.addListener((o, a, b) -> refilter());
    typeFilter.addListener((o, a, b) -> refilter());
    placeholderText =
        Bindings.createStringBinding(
            this::computePlaceholder,
            account.routesStateProperty(),
            account.routesErrorProperty(),
            account.routes(),
            search,
            typeFilter);
    noRoutesYet =
        Bindings.createBooleanBinding(
            () ->
                account.routesStateProperty().get() == LoadState.LOADED
                    && hasOnlySystemRoute()
                    && search.get().isBlank()
                    && typeFilter.get() == null,
            account.routesStateProperty(),
            account.routes(),
            search,
            typeFilter);
  }

  /**
   * True when the account has no route of its own (only Flowroute's sip-reg): the list then invites
   * the user to create one.
   */
  public javafx.beans.binding.BooleanBinding noRoutesYetProperty() {
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
    }
    selectRequest.set(new SelectRequest(routeId, ++selectRequests));
  }

  public io.routedesk.domain.EdgeStrategy edgeStrategy(Integer id) {
    return account.edgeStrategy(id);
  }

  public javafx.collections.ObservableList<io.routedesk.domain.EdgeStrategy> edgeStrategies() {
    return account.edgeStrategies();
  }

  /** Every route, for pickers (e.g. where to move numbers before deleting). */
  public javafx.collections.ObservableList<RouteRow> allRoutes() {
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
    if (q.isEmpty() && type == null) {
      visible.setPredicate(null);
      return;
    }
    visible.setPredicate(
        r ->
            (type == null || r.route().type() == type)
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
    RouteType type = typeFilter.get();
    return type == null ? "No routes." : "No " + type.displayName() + " routes.";
  }

  /** True when the list holds nothing but the built-in sip-reg route. */
  public boolean hasOnlySystemRoute() {
    return account.routes().stream().allMatch(r -> r.route().isSystemRoute());
  }

  // ---- edit / delete -----------------------------------------------------------------------

  /** Why a route cannot be edited, or null when it can. */
  public String editBlockedReason(RouteRow row) {
    if (row == null) {
      return "Select a route first.";
    }
    return row.route().isSystemRoute()
        ? "sip-reg is Flowroute's built-in route; it cannot be edited."
        : null;
  }

  public DeleteCheck checkDelete(RouteRow row) {
    Route r = row.route();
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
              + usage.primaryOf().size()
              + " and the failover of "
              + usage.failoverOf().size()
              + (usage.numberCount() == 1 ? " number" : " numbers")
              + ". Flowroute refuses to delete a route that numbers still use: move them to"
              + " another route first.",
          usage);
    }
    if (usage.unknown() > 0) {
      return new DeleteCheck(
          DeleteCheck.Kind.UNKNOWN_USAGE,
          "The routing of "
              + usage.unknown()
              + (usage.unknown() == 1 ? " number" : " numbers")
              + " is not loaded yet, so RouteDesk cannot tell whether “"
              + r.label()
              + "” is in use. Wait for loading to finish (or refresh) and try again.",
          usage);
    }
    return new DeleteCheck(
        DeleteCheck.Kind.FREE, "Delete “" + r.label() + "”? No number uses it.", usage);
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
        "Move "
            + changes.size()
            + (changes.size() == 1 ? " number" : " numbers")
            + " from "
            + row.label()
            + " to "
            + target,
        changes);
  }

  /** Moves the numbers off a route, then deletes it if every move succeeded. */
  public CompletableFuture<Void> moveAndDelete(RouteRow row, String targetRouteId) {
    AssignmentPlan plan = movePlan(row, targetRouteId);
    return planRunner
        .runWithoutUndo(plan)
        .thenComposeAsync(
            report -> {
              if (!report.allDone()) {
                String msg =
                    "“"
                        + row.label()
                        + "” was not deleted: "
                        + report.notDone().size()
                        + " of "
                        + plan.size()
                        + " numbers could not be moved (see the result panel).";
                activity.notify(Activity.Severity.ERROR, msg);
                return CompletableFuture.failedFuture(
                    new CompletionException(new IllegalStateException(msg)));
              }
              return delete(row);
            },
            ui);
  }
}
