package io.routedesk.ui.routingfile;

import io.routedesk.domain.NumberRouting;
import io.routedesk.domain.PhoneNumbers;
import io.routedesk.domain.Plural;
import io.routedesk.domain.Route;
import io.routedesk.domain.VoiceSlot;
import io.routedesk.service.AssignmentPlan;
import io.routedesk.service.AssignmentService;
import io.routedesk.service.BatchReport;
import io.routedesk.service.NumberChange;
import io.routedesk.service.plan.LintFinding;
import io.routedesk.service.plan.LintRule;
import io.routedesk.service.plan.RoutingLint;
import io.routedesk.ui.model.AccountState;
import io.routedesk.ui.model.BatchRunner;
import io.routedesk.ui.model.NumberRow;
import io.routedesk.ui.model.RoutePicker;
import io.routedesk.ui.model.RouteRow;
import io.routedesk.ui.text.ErrorMessages;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.beans.InvalidationListener;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Account check: the routing lint on the window's account (as Flowroute last confirmed it),
 * findings grouped by rule with why each matters and how to fix it, and a fix action where one
 * exists. Every fix goes through the window's own flows (the route picker, the batch panel and the
 * change engine, the route list's delete), so it is journaled and undoable from the History.
 */
public final class AccountCheckViewModel {
  /** What a group's fix button does. */
  public enum Fix {
    CHOOSE_FAILOVER("Choose a failover…"),
    CHOOSE_PRIMARY("Choose a primary…"),
    REMOVE_FAILOVER("Remove the failover"),
    DELETE_ROUTE("Delete route…"),
    NONE("");

    private final String label;

    Fix(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    static Fix of(LintRule rule) {
      return switch (rule) {
        case NO_FAILOVER, FAILOVER_TO_OWN_NUMBER -> CHOOSE_FAILOVER;
        case ON_DEFAULT_SIP_REG -> CHOOSE_PRIMARY;
        case FAILOVER_SAME_AS_PRIMARY -> REMOVE_FAILOVER;
        case UNUSED_ROUTE -> DELETE_ROUTE;
        case WEIGHT_ON_ONE_ROUTE, SIMILAR_ALIASES -> NONE;
      };
    }
  }

  /** One rule's findings. */
  public record Group(LintRule rule, List<Item> items) {
    public Fix fix() {
      return Fix.of(rule);
    }

    /** "⚠ The number has no failover route. (12)" as the list shows it. */
    public String heading() {
      return (rule.severity() == LintRule.Severity.ERROR ? "Error: " : "")
          + rule.title()
          + " ("
          + items.size()
          + ")";
    }

    public String explanation() {
      return PlanReviewViewModel.explain(rule);
    }
  }

  /** One finding as the list shows it: the number or route it is about, and what was found. */
  public record Item(LintFinding finding, String subject, String message) {
    public boolean isNumber() {
      return finding.kind() == LintFinding.Subject.NUMBER;
    }
  }

  private final AccountState account;
  private final RoutePicker picker;
  private final BatchRunner runner;
  private final AssignmentService assignments;
  private final Consumer<String> deleteRoute;
  private final Consumer<List<String>> selectNumbers;
  private final ObservableList<Group> groups = FXCollections.observableArrayList();
  private final ObjectProperty<Group> selected = new SimpleObjectProperty<>(this, "selected");
  private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
  private final ReadOnlyStringWrapper fixNote = new ReadOnlyStringWrapper(this, "fixNote", "");
  // A route deleted through the route list's flow (which asks first, so its end is not the fix's)
  // changes the route list: the check follows while it is shown.
  private final InvalidationListener routesChanged = o -> check();
  private boolean watching;

  /**
   * @param picker asks for a route (the window's route picker)
   * @param runner runs a fix in the numbers panel's batch panel (progress, Cancel, results)
   * @param assignments sends a fix as an assignment: journaled, and Edit → Undo undoes it
   * @param deleteRoute starts the route list's delete flow for a route id (it asks first)
   * @param selectNumbers selects these numbers in the numbers panel
   */
  public AccountCheckViewModel(
      AccountState account,
      RoutePicker picker,
      BatchRunner runner,
      AssignmentService assignments,
      Consumer<String> deleteRoute,
      Consumer<List<String>> selectNumbers) {
    this.account = Objects.requireNonNull(account, "account");
    this.picker = Objects.requireNonNull(picker, "picker");
    this.runner = Objects.requireNonNull(runner, "runner");
    this.assignments = Objects.requireNonNull(assignments, "assignments");
    this.deleteRoute = Objects.requireNonNull(deleteRoute, "deleteRoute");
    this.selectNumbers = Objects.requireNonNull(selectNumbers, "selectNumbers");
  }

  /**
   * While on (the window is shown), checks again whenever the account's routes change; turning it
   * on checks at once.
   */
  public void watch(boolean on) {
    if (on && !watching) {
      account.routes().addListener(routesChanged);
    } else if (!on && watching) {
      account.routes().removeListener(routesChanged);
    }
    watching = on;
    if (on) {
      check();
    }
  }

  public ObservableList<Group> groups() {
    return groups;
  }

  public ObjectProperty<Group> selectedProperty() {
    return selected;
  }

  /** "2 errors, 14 warnings in 500 numbers and 12 routes." */
  public ReadOnlyStringProperty summaryProperty() {
    return summary.getReadOnlyProperty();
  }

  /** What the last fix left out and why, or why it failed; "" when neither. */
  public ReadOnlyStringProperty fixNoteProperty() {
    return fixNote.getReadOnlyProperty();
  }

  /** Runs the lint on the account as the window has it now; keeps the selected rule selected. */
  public void check() {
    List<Route> routes = new ArrayList<>();
    for (RouteRow r : account.routes()) {
      if (!r.isDraft()) {
        routes.add(r.route());
      }
    }
    List<NumberRouting> routing = new ArrayList<>();
    Set<String> numbers = new HashSet<>();
    for (NumberRow n : account.numbers()) {
      numbers.add(n.number());
      if (n.isRoutingKnown()) {
        routing.add(n.routing());
      }
    }
    boolean complete = routing.size() == numbers.size();
    List<LintFinding> findings = RoutingLint.check(routes, routing, numbers, complete);
    Map<LintRule, List<Item>> byRule = new EnumMap<>(LintRule.class);
    for (LintFinding f : findings) {
      byRule.computeIfAbsent(f.rule(), r -> new ArrayList<>()).add(item(f));
    }
    LintRule wasSelected = selected.get() == null ? null : selected.get().rule();
    List<Group> found = new ArrayList<>();
    byRule.forEach((rule, items) -> found.add(new Group(rule, List.copyOf(items))));
    // Errors first: they are what Flowroute refuses or what loses calls.
    found.sort(
        (a, b) ->
            a.rule().severity() != b.rule().severity()
                ? a.rule().severity().compareTo(b.rule().severity())
                : a.rule().compareTo(b.rule()));
    groups.setAll(found);
    selected.set(
        found.stream()
            .filter(g -> g.rule() == wasSelected)
            .findFirst()
            .orElse(found.isEmpty() ? null : found.getFirst()));
    long errors = findings.stream().filter(f -> f.severity() == LintRule.Severity.ERROR).count();
    summary.set(
        (findings.isEmpty()
                ? "No findings"
                : Plural.count(errors, "error")
                    + ", "
                    + Plural.count(findings.size() - errors, "warning"))
            + " in "
            + Plural.count(numbers.size(), "number")
            + " and "
            + Plural.count(routes.size(), "route")
            + "."
            + (complete
                ? ""
                : " The routing of "
                    + Plural.count(numbers.size() - routing.size(), "number")
                    + " is not known yet: they were not checked, and no route is called unused."));
  }

  private Item item(LintFinding f) {
    String subject =
        f.kind() == LintFinding.Subject.NUMBER
            ? PhoneNumbers.format(f.subject())
            : account.routeLabel(f.subject());
    return new Item(f, subject, f.message());
  }

  /** Selects the numbers of these findings (all of the group's when none are given). */
  public void selectInNumbers(Group group, List<Item> chosen) {
    List<String> numbers = numbersOf(group, chosen);
    if (!numbers.isEmpty()) {
      selectNumbers.accept(numbers);
    }
  }

  /** True when the group has numbers to select in the numbers panel. */
  public boolean hasNumbers(Group group) {
    return group != null && group.items().stream().anyMatch(Item::isNumber);
  }

  /**
   * Runs the group's fix on the chosen findings (all of the group's when none are chosen), then
   * checks again. Completes with the batch's report, or null when the user cancelled or the fix is
   * a flow of its own (delete asks first).
   */
  public CompletableFuture<BatchReport> fix(Group group, List<Item> chosen) {
    fixNote.set("");
    CompletableFuture<BatchReport> done =
        switch (group.fix()) {
          case CHOOSE_FAILOVER -> chooseRoute(group, chosen, VoiceSlot.FAILOVER);
          case CHOOSE_PRIMARY -> chooseRoute(group, chosen, VoiceSlot.PRIMARY);
          case REMOVE_FAILOVER -> send(numbersOf(group, chosen), VoiceSlot.FAILOVER, null);
          case DELETE_ROUTE -> {
            List<Item> routes = chosen.isEmpty() ? group.items() : chosen;
            // One route at a time: the delete flow asks about each.
            deleteRoute.accept(routes.getFirst().finding().subject());
            yield CompletableFuture.completedFuture(null);
          }
          case NONE -> CompletableFuture.completedFuture(null);
        };
    return done.whenComplete(
        (r, e) -> {
          if (e != null) {
            fixNote.set("Not fixed: " + ErrorMessages.describe(e));
          }
          check();
        });
  }

  private CompletableFuture<BatchReport> chooseRoute(
      Group group, List<Item> chosen, VoiceSlot slot) {
    List<String> numbers = numbersOf(group, chosen);
    String slotName = slot.displayName().toLowerCase(Locale.ROOT);
    Optional<RouteRow> route =
        picker.pick(
            new RoutePicker.Request(
                "Choose a " + slotName + " route",
                "Choose the "
                    + slotName
                    + " route for "
                    + Plural.count(numbers.size(), "number")
                    + ":",
                "Assign",
                account.routes(),
                r -> !r.isDraft() && !(slot == VoiceSlot.FAILOVER && r.route().isSystemRoute()),
                null));
    return route.isEmpty()
        ? CompletableFuture.completedFuture(null)
        : send(numbers, slot, route.get().id());
  }

  /**
   * Gives the numbers {@code routeId} (null: none) in the slot, leaving out numbers whose other
   * slot already is that route (a failover must differ from the primary).
   */
  private CompletableFuture<BatchReport> send(
      List<String> numbers, VoiceSlot slot, String routeId) {
    List<NumberChange> changes = new ArrayList<>();
    int sameInBothSlots = 0;
    for (String n : numbers) {
      NumberRow row = account.number(n);
      if (row == null || !row.isRoutingKnown()) {
        continue;
      }
      NumberRouting before = row.routing();
      NumberRouting after =
          slot == VoiceSlot.PRIMARY
              ? new NumberRouting(n, routeId, before.failoverRouteId())
              : new NumberRouting(n, before.primaryRouteId(), routeId);
      boolean sameInBoth =
          routeId != null && Objects.equals(after.primaryRouteId(), after.failoverRouteId());
      if (sameInBoth) {
        sameInBothSlots++;
      } else if (!after.equals(before)) {
        changes.add(new NumberChange(before, after));
      }
    }
    if (sameInBothSlots > 0) {
      fixNote.set(
          Plural.count(sameInBothSlots, "number was", "numbers were")
              + " left out: "
              + account.routeLabel(routeId)
              + " is already their other route, and primary and failover must differ.");
    }
    if (changes.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    String slotName = slot == VoiceSlot.PRIMARY ? "Primary" : "Failover";
    String description =
        routeId == null
            ? "Account check: remove failover of " + Plural.count(changes.size(), "number")
            : "Account check: "
                + slotName
                + " of "
                + Plural.count(changes.size(), "number")
                + " → "
                + account.routeLabel(routeId);
    AssignmentPlan plan = new AssignmentPlan(description, changes);
    return runner.run(
        description,
        plan.numbers(),
        (listener, cancel) -> assignments.apply(plan, listener, cancel));
  }

  private static List<String> numbersOf(Group group, List<Item> chosen) {
    List<Item> items = chosen == null || chosen.isEmpty() ? group.items() : chosen;
    return items.stream().filter(Item::isNumber).map(i -> i.finding().subject()).toList();
  }
}
