package io.routedesk.service.plan;

import io.routedesk.domain.NumberRouting;
import io.routedesk.domain.PhoneNumber;
import io.routedesk.domain.Route;
import io.routedesk.domain.RouteType;
import io.routedesk.domain.RouteValues;
import io.routedesk.domain.Validation;
import io.routedesk.domain.VoiceSlot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Makes the plan: compares a routing file with an account's routing as read, row by row. Pure (no
 * I/O), linear in rows and routes. Every row it cannot plan becomes a {@link FileProblem} with its
 * row number and the reason; the other rows are planned.
 *
 * <p>How a slot cell names a route: by id (then an alias beside it must be that route's), or by
 * alias alone (exact match; when several routes share it, the id is needed). A cell whose alias no
 * route has declares a new route when it gives a type and value. Type and value beside a known
 * route are for reading: they must be the route's (now or as the routes file changes it), so an
 * edited value is never silently ignored.
 */
public final class PlanBuilder {
  private final RoutingFile file;
  private final AccountRouting account;
  private final List<FileProblem> errors = new ArrayList<>();
  private final List<RouteChange> routeChanges = new ArrayList<>();
  private final Map<String, Route> current = new LinkedHashMap<>();

  /** Every route as the plan leaves it, provisional new ones included. */
  private final Map<String, Route> desired = new LinkedHashMap<>();

  private final Map<String, List<String>> idsByAlias = new HashMap<>();

  /** Routes-file rows with problems, by the alias and the id they name: rows using them fail. */
  private final Map<String, Integer> brokenAliases = new HashMap<>();

  private final Map<String, Integer> brokenIds = new HashMap<>();

  /** Routes declared in the numbers file, by alias, with the row that declared them. */
  private final Map<String, Integer> declaredOnRow = new HashMap<>();

  /**
   * Routes declared by the row being planned: kept only if the whole row is valid, so a bad row
   * never creates a route, even when only the valid rows are applied.
   */
  private final Map<String, Route> declaredByThisRow = new LinkedHashMap<>();

  private PlanBuilder(RoutingFile file, AccountRouting account) {
    this.file = file;
    this.account = account;
  }

  public static RoutingPlan build(RoutingFile file, AccountRouting account) {
    return new PlanBuilder(file, account).build();
  }

  private RoutingPlan build() {
    errors.addAll(file.errors());
    account.routes().forEach(r -> current.put(r.id(), r));
    desired.putAll(current);
    for (RouteRow row : file.routes()) {
      routeRow(row);
    }
    desired.values().forEach(this::indexAlias);

    Set<String> accountNumbers = new HashSet<>();
    for (PhoneNumber n : account.numbers()) {
      accountNumbers.add(n.number());
    }
    List<PlannedNumber> changes = new ArrayList<>();
    int unchanged = 0;
    int mentioned = 0;
    for (NumberRow row : file.numbers()) {
      if (!accountNumbers.contains(row.number())) {
        numberError(row, row.number() + " is not a number of this account.");
        continue;
      }
      mentioned++;
      String unreadable = account.unreadable().get(row.number());
      NumberRouting before = account.routing().get(row.number());
      if (before == null) {
        numberError(
            row,
            "The routing of "
                + row.number()
                + " could not be read from Flowroute"
                + (unreadable == null || unreadable.isBlank() ? "" : " (" + unreadable + ")")
                + "; make the plan again.");
        continue;
      }
      List<String> problems = new ArrayList<>(2);
      String primary = resolve(row, VoiceSlot.PRIMARY, row.primary(), before, problems);
      String failover = resolve(row, VoiceSlot.FAILOVER, row.failover(), before, problems);
      if (!problems.isEmpty()) {
        declaredByThisRow.clear();
        numberError(row, String.join(" ", problems));
        continue;
      }
      keepDeclarations(row);
      NumberRouting after = new NumberRouting(row.number(), primary, failover);
      if (after.equals(before)) {
        unchanged++;
      } else {
        changes.add(new PlannedNumber(row.row(), before, after));
      }
    }
    return lintAndFinish(changes, unchanged, account.numbers().size() - mentioned, accountNumbers);
  }

  private RoutingPlan lintAndFinish(
      List<PlannedNumber> changes, int unchanged, int notInFile, Set<String> accountNumbers) {
    boolean complete = account.unreadable().isEmpty();
    List<LintFinding> before = RoutingLint.check(account);
    Map<String, NumberRouting> afterRouting = new LinkedHashMap<>(account.routing());
    changes.forEach(c -> afterRouting.put(c.number(), c.after()));
    List<LintFinding> after =
        RoutingLint.check(desired.values(), afterRouting.values(), accountNumbers, complete);
    Set<String> existingKeys = before.stream().map(LintFinding::key).collect(Collectors.toSet());
    List<LintFinding> brought = new ArrayList<>();
    int remaining = 0;
    for (LintFinding f : after) {
      if (existingKeys.contains(f.key())) {
        remaining++;
      } else {
        brought.add(f);
      }
    }
    errors.sort(
        Comparator.comparing((FileProblem p) -> !p.file().equals(file.routesName()))
            .thenComparingInt(FileProblem::row));
    return new RoutingPlan(
        routeChanges,
        changes,
        unchanged,
        notInFile,
        errors,
        file.notices(),
        brought,
        remaining,
        desired,
        current);
  }

  // ------------------------------------------------------------------------------ routes file

  private void routeRow(RouteRow row) {
    String problem = row.id().isEmpty() ? newRouteRow(row) : existingRouteRow(row);
    if (problem != null) {
      errors.add(new FileProblem(file.routesName(), row.row(), problem));
      if (!row.alias().isEmpty()) {
        brokenAliases.putIfAbsent(row.alias(), row.row());
      }
      if (!row.id().isEmpty()) {
        brokenIds.putIfAbsent(row.id(), row.row());
      }
    }
  }

  private String existingRouteRow(RouteRow row) {
    Route now = current.get(row.id());
    if (now == null) {
      return "No route of this account has the id " + row.id() + ".";
    }
    if (brokenIds.containsKey(row.id()) || changed(row.id())) {
      return "The route id " + row.id() + " is on more than one row.";
    }
    Integer edge;
    RouteType type;
    try {
      edge = edgeStrategy(row.edgeStrategy());
      type = row.type().isEmpty() ? now.type() : type(row.type());
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
    String alias = row.alias().isEmpty() ? null : row.alias();
    String value = row.value().isEmpty() ? null : row.value();
    Route wanted = new Route(now.id(), alias, type, value, edge);
    if (sameRoute(now, wanted)) {
      return null;
    }
    if (now.isSystemRoute()) {
      return "The sip-reg route “0” is built into every account and cannot be changed.";
    }
    String invalid = invalid(alias, type, value);
    if (invalid != null) {
      return invalid;
    }
    for (Route other : current.values()) {
      if (!other.id().equals(now.id()) && Objects.equals(other.alias(), alias)) {
        return "The route id " + other.id() + " already has the alias “" + alias + "”.";
      }
    }
    desired.put(now.id(), wanted);
    routeChanges.add(
        new RouteChange(RouteChange.Kind.UPDATE, file.routesName(), row.row(), now, wanted));
    return null;
  }

  private boolean changed(String id) {
    return routeChanges.stream().anyMatch(c -> c.before() != null && c.before().id().equals(id));
  }

  private String newRouteRow(RouteRow row) {
    if (row.alias().isEmpty()) {
      return "Give a new route an alias (and no id), or give an existing route's id.";
    }
    RouteType type;
    Integer edge;
    try {
      type = type(row.type());
      edge = edgeStrategy(row.edgeStrategy());
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
    List<Route> named =
        current.values().stream().filter(r -> row.alias().equals(r.alias())).toList();
    if (!named.isEmpty()) {
      Route existing = named.getFirst();
      if (named.size() == 1
          && sameRoute(existing, new Route(existing.id(), row.alias(), type, row.value(), edge))) {
        return null; // the route as it is, written without its id
      }
      return "A route named “"
          + row.alias()
          + "” already exists (id "
          + existing.id()
          + "). To change it, put its id in the id column; for a new route, choose another alias.";
    }
    String provisional = RoutingPlan.NEW_ROUTE_PREFIX + row.alias();
    if (desired.containsKey(provisional)) {
      return "The new route “" + row.alias() + "” is on more than one row.";
    }
    String invalid = invalid(row.alias(), type, row.value());
    if (invalid != null) {
      return invalid;
    }
    Route created = new Route(provisional, row.alias(), type, row.value(), edge);
    desired.put(provisional, created);
    routeChanges.add(
        new RouteChange(RouteChange.Kind.CREATE, file.routesName(), row.row(), null, created));
    return null;
  }

  // ----------------------------------------------------------------------------- numbers file

  /** The route id the slot should have (null: none), or null with a problem added. */
  private String resolve(
      NumberRow row, VoiceSlot slot, RouteCell cell, NumberRouting before, List<String> problems) {
    if (cell == null) {
      return before.routeId(slot); // the file has no columns for this slot: left as it is
    }
    String column = slot == VoiceSlot.PRIMARY ? RoutingCsv.PRIMARY : RoutingCsv.FAILOVER;
    if (cell.isBlank()) {
      if (slot == VoiceSlot.PRIMARY) {
        problems.add(
            "No primary route: every number needs one (the default is sip-reg, id "
                + Route.SIP_REG_ID
                + ").");
      }
      return null;
    }
    Route route;
    if (!cell.id().isEmpty()) {
      route = byId(cell, column, problems);
    } else if (cell.alias().isEmpty()) {
      problems.add(
          column + ": give the route's alias or id (" + column + "_id) with its type and value.");
      return null;
    } else {
      route = byAlias(row, cell, column, problems);
    }
    if (route == null) {
      return null;
    }
    String mismatch = readingColumnsMismatch(cell, route, slot);
    if (mismatch != null) {
      problems.add(mismatch);
      return null;
    }
    return route.id();
  }

  private Route byId(RouteCell cell, String column, List<String> problems) {
    Integer broken = brokenIds.get(cell.id());
    if (broken != null) {
      problems.add(
          column + "_id " + cell.id() + " has a problem in the routes file (row " + broken + ").");
      return null;
    }
    Route route = desired.get(cell.id());
    if (route == null || RoutingPlan.isNewRouteId(cell.id())) {
      problems.add(column + "_id: no route of this account has the id " + cell.id() + ".");
      return null;
    }
    Route now = current.get(cell.id());
    if (!cell.alias().isEmpty()
        && !cell.alias().equals(route.alias())
        && !cell.alias().equals(now.alias())) {
      problems.add(
          column
              + " “"
              + cell.alias()
              + "” and "
              + column
              + "_id "
              + cell.id()
              + " (“"
              + route.label()
              + "”) name different routes. To use “"
              + cell.alias()
              + "”, clear "
              + column
              + "_id (and the type and value beside it) in this row, or delete those columns.");
      return null;
    }
    return route;
  }

  private Route byAlias(NumberRow row, RouteCell cell, String column, List<String> problems) {
    String alias = cell.alias();
    Integer broken = brokenAliases.get(alias);
    if (broken != null) {
      problems.add(
          column + " “" + alias + "” has a problem in the routes file (row " + broken + ").");
      return null;
    }
    Route declaredHere = declaredByThisRow.get(alias);
    if (declaredHere != null) {
      return declaredHere;
    }
    List<String> ids = idsByAlias.getOrDefault(alias, List.of());
    if (ids.size() > 1) {
      problems.add(
          ids.size()
              + " routes are named “"
              + alias
              + "” (ids "
              + String.join(", ", ids)
              + "); give the id in "
              + column
              + "_id.");
      return null;
    }
    if (ids.size() == 1) {
      String id = ids.getFirst();
      Integer declared = declaredOnRow.get(alias);
      if (declared != null && declared != row.row() && !sameDeclaration(cell, desired.get(id))) {
        problems.add(
            column
                + " “"
                + alias
                + "” is declared on row "
                + declared
                + " with another type or value.");
        return null;
      }
      return desired.get(id);
    }
    if (!cell.type().isEmpty() || !cell.value().isEmpty()) {
      return declare(cell, column, problems);
    }
    problems.add(column + ": no route is named “" + alias + "”." + suggestion(alias));
    return null;
  }

  /** A new route named in the numbers file with its type and value. */
  private Route declare(RouteCell cell, String column, List<String> problems) {
    RouteType type;
    try {
      type = type(cell.type());
    } catch (IllegalArgumentException e) {
      problems.add(column + " “" + cell.alias() + "” (a new route): " + e.getMessage());
      return null;
    }
    String invalid = invalid(cell.alias(), type, cell.value());
    if (invalid != null) {
      problems.add(column + " “" + cell.alias() + "” (a new route): " + invalid);
      return null;
    }
    Route created =
        new Route(
            RoutingPlan.NEW_ROUTE_PREFIX + cell.alias(), cell.alias(), type, cell.value(), null);
    declaredByThisRow.put(cell.alias(), created);
    return created;
  }

  private void keepDeclarations(NumberRow row) {
    for (Route created : declaredByThisRow.values()) {
      desired.put(created.id(), created);
      indexAlias(created);
      declaredOnRow.put(created.alias(), row.row());
      routeChanges.add(
          new RouteChange(RouteChange.Kind.CREATE, file.numbersName(), row.row(), null, created));
    }
    declaredByThisRow.clear();
  }

  private static boolean sameDeclaration(RouteCell cell, Route route) {
    return (cell.type().isEmpty() || RouteType.fromWire(cell.type()) == route.type())
        && (cell.value().isEmpty() || cell.value().equals(route.value()));
  }

  /** Type and value beside a known route must be the route's, now or as the plan leaves it. */
  private String readingColumnsMismatch(RouteCell cell, Route route, VoiceSlot slot) {
    Route now = current.get(route.id());
    String prefix = slot == VoiceSlot.PRIMARY ? "primary" : "failover";
    if (!cell.type().isEmpty()) {
      RouteType t = RouteType.fromWire(cell.type());
      if (t != route.type() && (now == null || t != now.type())) {
        return prefix
            + "_type “"
            + cell.type()
            + "” is not the type of “"
            + route.label()
            + "” ("
            + route.type().wireName()
            + "). To change a route, edit it in the routes file; to use another route, name it.";
      }
    }
    if (!cell.value().isEmpty()
        && !cell.value().equals(route.value())
        && (now == null || !cell.value().equals(now.value()))) {
      return prefix
          + "_value “"
          + cell.value()
          + "” is not the value of “"
          + route.label()
          + "” (“"
          + Objects.toString(route.value(), "")
          + "”). To change a route, edit it in the routes file; to use another route, name it.";
    }
    return null;
  }

  /** " Did you mean “x”?" for an alias that differs in case, spaces or leading zeros. */
  private String suggestion(String alias) {
    String wanted = RoutingLint.normalizedAlias(alias);
    for (String known : idsByAlias.keySet()) {
      String k = RoutingLint.normalizedAlias(known);
      if (k.equals(wanted) || k.replaceFirst("^0+", "").equals(wanted)) {
        return " Did you mean “" + known + "”?";
      }
    }
    return " Name an existing route, or declare a new one with its type and value.";
  }

  // ---------------------------------------------------------------------------------- helpers

  private void indexAlias(Route r) {
    if (r.alias() != null) {
      idsByAlias.computeIfAbsent(r.alias(), a -> new ArrayList<>(1)).add(r.id());
    }
  }

  private void numberError(NumberRow row, String message) {
    errors.add(new FileProblem(file.numbersName(), row.row(), message));
  }

  private static boolean sameRoute(Route a, Route b) {
    return a.type() == b.type()
        && Objects.equals(emptyToNull(a.alias()), emptyToNull(b.alias()))
        && Objects.equals(emptyToNull(a.value()), emptyToNull(b.value()))
        && Objects.equals(a.edgeStrategyId(), b.edgeStrategyId());
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  private static RouteType type(String text) {
    if (text.isEmpty()) {
      throw new IllegalArgumentException("The type is missing: host, number or uri.");
    }
    RouteType t = RouteType.fromWire(text);
    if (t == RouteType.OTHER) {
      throw new IllegalArgumentException(
          "The type “" + text + "” is not one of host, number, uri (or sip-reg).");
    }
    return t;
  }

  private static Integer edgeStrategy(String text) {
    if (text.isEmpty()) {
      return null;
    }
    try {
      return Integer.valueOf(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "The edge strategy “" + text + "” is not an edge strategy id (a whole number).");
    }
  }

  /** The domain's rules for a route to create or change; null when it passes. */
  private static String invalid(String alias, RouteType type, String value) {
    Validation a = RouteValues.validateAlias(alias);
    if (!a.valid()) {
      return a.message();
    }
    Validation v = RouteValues.validate(type, value);
    return v.valid() ? null : v.message();
  }
}
