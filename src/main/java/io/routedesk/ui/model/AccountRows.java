package io.routedesk.ui.model;

import io.routedesk.domain.Draft;
import io.routedesk.domain.EdgeStrategy;
import io.routedesk.domain.NumberDetails;
import io.routedesk.domain.NumberRouting;
import io.routedesk.domain.PendingAssignment;
import io.routedesk.domain.PhoneNumber;
import io.routedesk.domain.Route;
import io.routedesk.domain.VoiceSlot;
import io.routedesk.flowroute.FlowrouteException;
import io.routedesk.service.RouteUsage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The rows the window shows: routes (and draft routes after them), edge strategies and numbers with
 * their routing, indexed by id, with the "used by" counts and the drafts waiting for each number
 * kept in step. Knows nothing of where rows come from (a load, the saved copy, a change made in
 * this window). UI thread only.
 *
 * <p>Routing changes are published together: a mutator marks them, {@link #publishRoutingChanges()}
 * recounts usage and bumps {@link #routingRevisionProperty()} once, so a batch of pages costs one
 * pass of the filters.
 */
final class AccountRows {
  private final ObservableList<RouteRow> routes = FXCollections.observableArrayList();
  private final Map<String, RouteRow> routeIndex = new HashMap<>();
  private final ObservableList<EdgeStrategy> edgeStrategies = FXCollections.observableArrayList();
  private final ObservableList<NumberRow> numbers = FXCollections.observableArrayList();
  private final Map<String, NumberRow> numberIndex = new HashMap<>();
  private final LongProperty routingRevision = new SimpleLongProperty();
  private final LongProperty routeLabelsRevision = new SimpleLongProperty();
  private final PendingDraftIndex draftPending = new PendingDraftIndex();
  private final RouteUsageCounts usage = new RouteUsageCounts();
  // Routing changed since the last publishRoutingChanges().
  private boolean routingChanged;

  // ---- reading ------------------------------------------------------------------------------

  ObservableList<RouteRow> routes() {
    return routes;
  }

  RouteRow route(String id) {
    return id == null ? null : routeIndex.get(id);
  }

  String routeLabel(String id) {
    if (id == null) {
      return "";
    }
    RouteRow r = routeIndex.get(id);
    return r != null ? r.label() : "Route " + id;
  }

  ObservableList<EdgeStrategy> edgeStrategies() {
    return edgeStrategies;
  }

  EdgeStrategy edgeStrategy(Integer id) {
    if (id == null) {
      return null;
    }
    for (EdgeStrategy e : edgeStrategies) {
      if (e.id() == id) {
        return e;
      }
    }
    return null;
  }

  ObservableList<NumberRow> numbers() {
    return numbers;
  }

  NumberRow number(String digits) {
    return numberIndex.get(digits);
  }

  ReadOnlyLongProperty routingRevisionProperty() {
    return routingRevision;
  }

  ReadOnlyLongProperty routeLabelsRevisionProperty() {
    return routeLabelsRevision;
  }

  int countRouting(NumberRow.RoutingStatus status) {
    int n = 0;
    for (NumberRow r : numbers) {
      if (r.routingStatus() == status) {
        n++;
      }
    }
    return n;
  }

  int unknownRoutingCount() {
    int n = 0;
    for (NumberRow r : numbers) {
      if (!r.isRoutingKnown()) {
        n++;
      }
    }
    return n;
  }

  /** The numbers whose routing could not be read. */
  List<String> failedRoutingNumbers() {
    List<String> failed = new ArrayList<>();
    for (NumberRow r : numbers) {
      if (r.routingStatus() == NumberRow.RoutingStatus.FAILED) {
        failed.add(r.number());
      }
    }
    return failed;
  }

  RouteUsage usageOf(String routeId) {
    List<NumberRouting> known = new ArrayList<>();
    int unknown = 0;
    for (NumberRow r : numbers) {
      if (r.isRoutingKnown()) {
        known.add(r.routing());
      } else {
        unknown++;
      }
    }
    return RouteUsage.of(routeId, known, unknown);
  }

  // ---- routes -------------------------------------------------------------------------------

  /** Replaces the routes with a listing; draft rows are not on Flowroute and stay. */
  void setRoutes(List<Route> list) {
    Set<String> ids = new HashSet<>();
    List<RouteRow> added = new ArrayList<>();
    for (Route r : list) {
      ids.add(r.id());
      RouteRow row = routeIndex.get(r.id());
      if (row == null) {
        row = new RouteRow(r);
        routeIndex.put(r.id(), row);
        usage.showOn(row);
        added.add(row);
      } else if (!row.route().equals(r)) {
        row.update(r);
        routes.set(routes.indexOf(row), row);
      }
    }
    routes.removeIf(row -> !row.isDraft() && !ids.contains(row.id()));
    routeIndex.keySet().removeIf(id -> !RouteRow.isDraftId(id) && !ids.contains(id));
    routes.addAll(firstDraftIndex(), added);
    usage.pushChanged(routeIndex::get);
    routeLabelsChanged();
  }

  void addOrUpdateRoute(Route route) {
    RouteRow row = routeIndex.get(route.id());
    if (row == null) {
      row = new RouteRow(route);
      routeIndex.put(route.id(), row);
      usage.showOn(row);
      routes.add(firstDraftIndex(), row);
    } else {
      row.update(route);
      // Replacing the element tells sorted/filtered views that its text changed.
      int i = routes.indexOf(row);
      if (i >= 0) {
        routes.set(i, row);
      }
    }
    usage.pushChanged(routeIndex::get);
    routeLabelsChanged();
  }

  void removeRoute(String routeId) {
    RouteRow row = routeIndex.remove(routeId);
    if (row != null) {
      routes.remove(row);
      routeLabelsChanged();
    }
  }

  /** Routes first, drafts after them (in list order): where a new route row goes. */
  private int firstDraftIndex() {
    for (int i = 0; i < routes.size(); i++) {
      if (routes.get(i).isDraft()) {
        return i;
      }
    }
    return routes.size();
  }

  private void routeLabelsChanged() {
    routeLabelsRevision.set(routeLabelsRevision.get() + 1);
  }

  // ---- numbers and routing ------------------------------------------------------------------

  /**
   * Adds the numbers of a page not shown yet and updates the others; {@code seen} gets them all.
   */
  void addNumbers(List<PhoneNumber> page, Set<String> seen) {
    List<NumberRow> added = new ArrayList<>(page.size());
    for (PhoneNumber n : page) {
      seen.add(n.number());
      NumberRow row = numberIndex.get(n.number());
      if (row == null) {
        row = new NumberRow(n);
        numberIndex.put(n.number(), row);
        added.add(row);
        if (draftPending.has(n.number())) {
          showDraftPending(n.number());
        }
      } else {
        row.update(n);
      }
    }
    numbers.addAll(added);
  }

  /** Drops the numbers a complete listing did not have (released, or moved to another account). */
  void removeNumbersNotIn(Set<String> seen) {
    if (numbers.size() == seen.size()) {
      return;
    }
    numbers.removeIf(
        row -> {
          if (seen.contains(row.number())) {
            return false;
          }
          usage.addNumber(row, -1);
          return true;
        });
    numberIndex.keySet().retainAll(seen);
    routingChanged = true;
  }

  /** Shows routing for the numbers that have a row (others are ignored). */
  void setRouting(Collection<NumberRouting> routing) {
    for (NumberRouting r : routing) {
      NumberRow row = numberIndex.get(r.number());
      if (row != null) {
        setRouting(row, r);
      }
    }
    routingChanged = true;
  }

  /**
   * Shows the routing read for some numbers and why it could not be read for others. Routes seen in
   * a number's details but missing from the list (created elsewhere) are added.
   */
  void applyDetails(List<NumberDetails> details, Map<String, FlowrouteException> fail) {
    for (NumberDetails d : details) {
      NumberRow row = numberIndex.get(d.number().number());
      if (row != null) {
        setRouting(row, d.routing());
      }
      for (Route included : d.includedRoutes()) {
        if (!routeIndex.containsKey(included.id())) {
          addOrUpdateRoute(included);
        }
      }
    }
    for (Map.Entry<String, FlowrouteException> f : fail.entrySet()) {
      NumberRow row = numberIndex.get(f.getKey());
      if (row != null) {
        row.setRoutingFailed(f.getValue().getMessage());
      }
    }
    routingChanged = true;
  }

  /** Rows whose routing was never read say why instead of "Loading…"; returns how many. */
  int markUnknownRoutingFailed(String reason) {
    int marked = 0;
    for (NumberRow r : numbers) {
      if (r.routingStatus() == NumberRow.RoutingStatus.UNKNOWN) {
        r.setRoutingFailed(reason);
        marked++;
      }
    }
    return marked;
  }

  private void setRouting(NumberRow row, NumberRouting r) {
    usage.addNumber(row, -1);
    row.setRouting(r);
    usage.addNumber(row, 1);
  }

  void markPending(Collection<String> numberIds, boolean pending) {
    for (String n : numberIds) {
      NumberRow row = numberIndex.get(n);
      if (row != null) {
        row.setPending(pending);
      }
    }
  }

  /** When routing changed since the last call: recounts usage and bumps the routing revision. */
  void publishRoutingChanges() {
    if (!routingChanged) {
      return;
    }
    routingChanged = false;
    usage.pushChanged(routeIndex::get);
    routingRevision.set(routingRevision.get() + 1);
  }

  // ---- drafts -------------------------------------------------------------------------------

  void setDrafts(List<Draft> drafts, List<PendingAssignment> pending) {
    Set<String> keep = new HashSet<>();
    for (Draft d : drafts) {
      keep.add(RouteRow.draftRowId(d.id()));
      showDraft(d);
    }
    List<RouteRow> gone = new ArrayList<>();
    for (RouteRow r : routes) {
      if (r.isDraft() && !keep.contains(r.id())) {
        gone.add(r);
      }
    }
    for (RouteRow r : gone) {
      routeIndex.remove(r.id());
    }
    routes.removeAll(gone);
    setPendingAssignments(pending);
    routeLabelsChanged();
  }

  void draftSaved(Draft d) {
    showDraft(d);
    routeLabelsChanged();
  }

  private void showDraft(Draft d) {
    String id = RouteRow.draftRowId(d.id());
    RouteRow row = routeIndex.get(id);
    if (row == null) {
      row = RouteRow.forDraft(d);
      routeIndex.put(id, row);
      routes.add(row);
    } else if (!d.equals(row.draft())) {
      row.updateDraft(d);
      int i = routes.indexOf(row);
      if (i >= 0) {
        routes.set(i, row);
      }
    }
  }

  void draftRemoved(UUID draftId) {
    String id = RouteRow.draftRowId(draftId);
    RouteRow row = routeIndex.remove(id);
    if (row != null) {
      routes.remove(row);
    }
    for (String n : draftPending.removeDraft(id)) {
      showDraftPending(n);
    }
    routeLabelsChanged();
    routingChanged = true;
    publishRoutingChanges();
  }

  RouteRow draft(UUID draftId) {
    return routeIndex.get(RouteRow.draftRowId(draftId));
  }

  void setPendingAssignments(List<PendingAssignment> pending) {
    Set<String> touched = new HashSet<>();
    Map<String, EnumMap<VoiceSlot, Integer>> perDraft = draftPending.replaceAll(pending, touched);
    for (String n : touched) {
      showDraftPending(n);
    }
    for (RouteRow r : routes) {
      if (r.isDraft()) {
        EnumMap<VoiceSlot, Integer> c = perDraft.get(r.id());
        r.setUses(
            c == null ? 0 : c.getOrDefault(VoiceSlot.PRIMARY, 0),
            c == null ? 0 : c.getOrDefault(VoiceSlot.FAILOVER, 0));
      }
    }
    // Filters on "waiting for a draft" follow, as they do routing changes.
    routingChanged = true;
    publishRoutingChanges();
  }

  List<PendingAssignment> pendingOf(Collection<String> numberIds) {
    return draftPending.pendingOf(numberIds);
  }

  private void showDraftPending(String number) {
    NumberRow row = numberIndex.get(number);
    if (row == null) {
      return;
    }
    for (VoiceSlot slot : VoiceSlot.values()) {
      row.setDraftRoute(slot, draftPending.draftRowId(number, slot));
    }
  }
}
