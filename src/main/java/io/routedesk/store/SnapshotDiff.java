package io.routedesk.store;

import io.routedesk.domain.NumberRouting;
import io.routedesk.domain.PhoneNumber;
import io.routedesk.domain.Route;
import io.routedesk.domain.VoiceSlot;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What changed between two snapshots of an account ("since the last refresh"): routes added,
 * removed or edited, numbers added or removed, and numbers whose routing changed.
 */
public record SnapshotDiff(
    List<Route> routesAdded,
    List<Route> routesRemoved,
    List<RouteChange> routesChanged,
    List<PhoneNumber> numbersAdded,
    List<PhoneNumber> numbersRemoved,
    List<RoutingChange> routingsChanged) {

  public SnapshotDiff {
    routesAdded = List.copyOf(routesAdded);
    routesRemoved = List.copyOf(routesRemoved);
    routesChanged = List.copyOf(routesChanged);
    numbersAdded = List.copyOf(numbersAdded);
    numbersRemoved = List.copyOf(numbersRemoved);
    routingsChanged = List.copyOf(routingsChanged);
  }

  /** A route whose alias, type, value or edge strategy changed; same id. */
  public record RouteChange(Route before, Route after) {}

  /**
   * A number, present in both snapshots, whose primary or failover route changed. {@code before} is
   * null when the older snapshot did not know the number's routing.
   */
  public record RoutingChange(String number, NumberRouting before, NumberRouting after) {
    public Set<VoiceSlot> changedSlots() {
      Set<VoiceSlot> slots = EnumSet.noneOf(VoiceSlot.class);
      for (VoiceSlot slot : VoiceSlot.values()) {
        String old = before == null ? null : before.routeId(slot);
        if (!Objects.equals(old, after.routeId(slot))) {
          slots.add(slot);
        }
      }
      return slots;
    }
  }

  public boolean isEmpty() {
    return routesAdded.isEmpty()
        && routesRemoved.isEmpty()
        && routesChanged.isEmpty()
        && numbersAdded.isEmpty()
        && numbersRemoved.isEmpty()
        && routingsChanged.isEmpty();
  }

  /**
   * The changes from {@code before} to {@code after}, each list in the order of the snapshot it
   * comes from. A number whose routing the newer snapshot does not know (its details could not be
   * read) is not reported as changed: unknown is not "none".
   */
  public static SnapshotDiff diff(AccountSnapshot before, AccountSnapshot after) {
    Map<String, Route> oldRoutes = before.routesById();
    Map<String, Route> newRoutes = after.routesById();
    List<Route> added = new ArrayList<>();
    List<RouteChange> changed = new ArrayList<>();
    for (Route r : newRoutes.values()) {
      Route old = oldRoutes.get(r.id());
      if (old == null) {
        added.add(r);
      } else if (!old.equals(r)) {
        changed.add(new RouteChange(old, r));
      }
    }
    List<Route> removed = new ArrayList<>();
    for (Route r : oldRoutes.values()) {
      if (!newRoutes.containsKey(r.id())) {
        removed.add(r);
      }
    }

    Map<String, PhoneNumber> oldNumbers = before.numbersByDigits();
    Map<String, PhoneNumber> newNumbers = after.numbersByDigits();
    List<PhoneNumber> numbersAdded = new ArrayList<>();
    for (PhoneNumber n : newNumbers.values()) {
      if (!oldNumbers.containsKey(n.number())) {
        numbersAdded.add(n);
      }
    }
    List<PhoneNumber> numbersRemoved = new ArrayList<>();
    for (PhoneNumber n : oldNumbers.values()) {
      if (!newNumbers.containsKey(n.number())) {
        numbersRemoved.add(n);
      }
    }

    Map<String, NumberRouting> oldRouting = before.routingByNumber();
    List<RoutingChange> routingChanges = new ArrayList<>();
    for (NumberRouting now : after.routingByNumber().values()) {
      if (!oldNumbers.containsKey(now.number()) || !newNumbers.containsKey(now.number())) {
        continue;
      }
      NumberRouting old = oldRouting.get(now.number());
      if (now.equals(old)) {
        continue; // the usual case, decided without building a change
      }
      RoutingChange change = new RoutingChange(now.number(), old, now);
      if (!change.changedSlots().isEmpty()) {
        routingChanges.add(change);
      }
    }
    return new SnapshotDiff(added, removed, changed, numbersAdded, numbersRemoved, routingChanges);
  }
}
