package io.routedesk.cli;

import io.routedesk.domain.NumberRouting;
import io.routedesk.domain.PhoneNumbers;
import io.routedesk.domain.Plural;
import io.routedesk.domain.Route;
import io.routedesk.domain.RouteType;
import io.routedesk.domain.VoiceSlot;
import io.routedesk.service.plan.ApplyReport;
import io.routedesk.service.plan.FileProblem;
import io.routedesk.service.plan.LintFinding;
import io.routedesk.service.plan.LintRule;
import io.routedesk.service.plan.PlannedNumber;
import io.routedesk.service.plan.RouteChange;
import io.routedesk.service.plan.RoutingPlan;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Plans, lint findings and apply results as text for people and as JSON documents for scripts. The
 * JSON field names are part of the command line's contract (docs/command-line.md).
 */
final class Reports {
  private Reports() {}

  /** Findings of one rule shown by example in text; --json lists them all. */
  static final int EXAMPLES_PER_RULE = 10;

  // ------------------------------------------------------------------------------------- plan

  static Map<String, Object> planJson(RoutingPlan plan, String account) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("account", account);
    doc.put("hasChanges", plan.hasChanges());
    doc.put("hasErrors", plan.hasErrors());
    List<Object> routes = new ArrayList<>();
    for (RouteChange c : plan.routeChanges()) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("action", c.kind().name().toLowerCase(Locale.ROOT));
      r.put("file", c.file());
      r.put("row", c.row());
      r.put("id", c.before() == null ? null : c.before().id());
      r.put("before", c.before() == null ? null : routeJson(c.before()));
      r.put("after", routeJson(c.after()));
      routes.add(r);
    }
    doc.put("routes", routes);
    List<Object> numbers = new ArrayList<>();
    for (PlannedNumber n : plan.numberChanges()) {
      numbers.add(numberJson(plan, n));
    }
    doc.put("numbers", numbers);
    doc.put("unchangedNumbers", plan.unchangedNumbers());
    doc.put("numbersNotInFile", plan.numbersNotInFile());
    doc.put("errors", plan.errors().stream().map(Reports::problemJson).toList());
    doc.put("notices", plan.notices());
    doc.put("findings", plan.newFindings().stream().map(Reports::findingJson).toList());
    doc.put("findingsAlreadyOnAccount", plan.existingFindings());
    return doc;
  }

  private static Map<String, Object> numberJson(RoutingPlan plan, PlannedNumber n) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("number", n.number());
    m.put("row", n.row());
    for (VoiceSlot slot : VoiceSlot.values()) {
      Map<String, Object> s = new LinkedHashMap<>();
      String before = n.before().routeId(slot);
      String after = n.after().routeId(slot);
      s.put("changes", n.changes(slot));
      s.put(
          "before",
          before == null ? null : Map.of("id", before, "alias", plan.labelBefore(before)));
      Map<String, Object> a = new LinkedHashMap<>();
      if (after != null) {
        a.put("id", RoutingPlan.isNewRouteId(after) ? null : after);
        a.put("alias", plan.label(after));
        a.put("new", RoutingPlan.isNewRouteId(after));
      }
      s.put("after", after == null ? null : a);
      m.put(slot.name().toLowerCase(Locale.ROOT), s);
    }
    return m;
  }

  private static Map<String, Object> routeJson(Route r) {
    return routeJson(r.alias(), r.type(), r.value(), r.edgeStrategyId());
  }

  /** A route's values as every document writes them: alias, type, value, edge strategy. */
  static Map<String, Object> routeJson(String alias, RouteType type, String value, Integer edge) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("alias", alias);
    m.put("type", type.wireName());
    m.put("value", value);
    m.put("edgeStrategy", edge);
    return m;
  }

  private static Map<String, Object> problemJson(FileProblem p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("file", p.file());
    m.put("row", p.row());
    m.put("message", p.message());
    return m;
  }

  static Map<String, Object> findingJson(LintFinding f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rule", f.rule().id());
    m.put("severity", f.severity().name().toLowerCase(Locale.ROOT));
    m.put(f.kind() == LintFinding.Subject.NUMBER ? "number" : "routeId", f.subject());
    m.put("message", f.message());
    m.put("why", f.rule().why());
    m.put("fix", f.rule().fix());
    return m;
  }

  static void printPlan(RoutingPlan plan, String account, PrintWriter out) {
    out.println("Plan against " + account + ":");
    if (!plan.routeChanges().isEmpty()) {
      out.println();
      out.println("Routes: " + Plural.count(plan.routeChanges().size(), "change"));
      for (RouteChange c : plan.routeChanges()) {
        out.println("  " + describe(c) + "  (" + c.file() + ", row " + c.row() + ")");
      }
    }
    out.println();
    out.println(
        "Numbers: "
            + String.format("%,d", plan.numberChanges().size())
            + " to change"
            + ", "
            + String.format("%,d", plan.unchangedNumbers())
            + " unchanged, "
            + String.format("%,d", plan.numbersNotInFile())
            + " of the account not in the file (left as they are)");
    for (PlannedNumber n : plan.numberChanges()) {
      out.println("  " + describe(plan, n) + "  (row " + n.row() + ")");
    }
    if (!plan.notices().isEmpty()) {
      out.println();
      plan.notices().forEach(notice -> out.println("Notice: " + notice));
    }
    if (!plan.errors().isEmpty()) {
      out.println();
      out.println("Errors (" + plan.errors().size() + "): these rows are not planned");
      plan.errors().forEach(p -> out.println("  " + p));
    }
    out.println();
    int brought = plan.newFindings().size();
    out.println(
        "Lint: "
            + Plural.count(brought, "new finding")
            + " from this plan"
            + (plan.existingFindings() > 0
                ? "; "
                    + String.format("%,d", plan.existingFindings())
                    + " already on the account (routedesk check lists them)"
                : ""));
    printFindings(plan.newFindings(), out);
    out.println();
    if (plan.hasErrors()) {
      out.println(
          "Result: errors; an apply would send nothing (or, with --only-valid, the valid rows).");
    } else if (plan.hasChanges()) {
      out.println(
          "Result: "
              + Plural.count(plan.numberChanges().size(), "number")
              + " and "
              + Plural.count(plan.routeChanges().size(), "route")
              + " would change.");
    } else {
      out.println("Result: no changes.");
    }
  }

  private static String describe(RouteChange c) {
    Route a = c.after();
    if (c.kind() == RouteChange.Kind.CREATE) {
      return "+ create “"
          + a.alias()
          + "”: "
          + a.type().wireName()
          + " "
          + Objects.toString(a.value(), "");
    }
    Route b = c.before();
    List<String> parts = new ArrayList<>();
    if (!Objects.equals(b.alias(), a.alias())) {
      parts.add("alias “" + b.alias() + "” → “" + a.alias() + "”");
    }
    if (b.type() != a.type()) {
      parts.add("type " + b.type().wireName() + " → " + a.type().wireName());
    }
    if (!Objects.equals(b.value(), a.value())) {
      parts.add("value " + b.value() + " → " + a.value());
    }
    if (!Objects.equals(b.edgeStrategyId(), a.edgeStrategyId())) {
      parts.add("edge strategy " + b.edgeStrategyId() + " → " + a.edgeStrategyId());
    }
    return "~ change “" + b.label() + "” (id " + b.id() + "): " + String.join(", ", parts);
  }

  private static String describe(RoutingPlan plan, PlannedNumber n) {
    List<String> parts = new ArrayList<>(2);
    for (VoiceSlot slot : VoiceSlot.values()) {
      if (n.changes(slot)) {
        parts.add(
            slot.displayName().toLowerCase(Locale.ROOT)
                + " "
                + plan.labelBefore(n.before().routeId(slot))
                + " → "
                + plan.label(n.after().routeId(slot)));
      }
    }
    return PhoneNumbers.format(n.number()) + "  " + String.join("; ", parts);
  }

  // ------------------------------------------------------------------------------------- lint

  /** Findings grouped by rule, errors first: the rule, why, how to fix, and some examples. */
  static void printFindings(List<LintFinding> findings, PrintWriter out) {
    Map<LintRule, List<LintFinding>> byRule = new EnumMap<>(LintRule.class);
    findings.forEach(f -> byRule.computeIfAbsent(f.rule(), r -> new ArrayList<>()).add(f));
    for (LintRule.Severity severity : LintRule.Severity.values()) {
      byRule.forEach(
          (rule, list) -> {
            if (rule.severity() != severity) {
              return;
            }
            out.println();
            out.println(
                "  "
                    + severity.name()
                    + " "
                    + rule.id()
                    + " ("
                    + String.format("%,d", list.size())
                    + "): "
                    + rule.title());
            out.println("    Why: " + rule.why());
            out.println("    Fix: " + rule.fix());
            list.stream()
                .limit(EXAMPLES_PER_RULE)
                .forEach(f -> out.println("    - " + f.message()));
            if (list.size() > EXAMPLES_PER_RULE) {
              out.println(
                  "    … and " + String.format("%,d", list.size() - EXAMPLES_PER_RULE) + " more");
            }
          });
    }
  }

  // ------------------------------------------------------------------------------------ apply

  static Map<String, Object> applyJson(ApplyReport report, RoutingPlan plan, String account) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("account", account);
    doc.put("cancelled", report.cancelled());
    Map<String, Object> counts = new LinkedHashMap<>();
    for (ApplyReport.Status s : ApplyReport.Status.values()) {
      counts.put(s.name().toLowerCase(Locale.ROOT), report.count(s));
    }
    doc.put("counts", counts);
    List<Object> routes = new ArrayList<>();
    for (ApplyReport.RouteResult r : report.routes()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("action", r.change().kind().name().toLowerCase(Locale.ROOT));
      m.put("alias", r.change().after().alias());
      m.put("id", r.created() != null ? r.created().id() : idOf(r.change()));
      m.put("status", r.status().name().toLowerCase(Locale.ROOT));
      m.put("reason", r.reason());
      routes.add(m);
    }
    doc.put("routes", routes);
    List<Object> numbers = new ArrayList<>();
    for (ApplyReport.NumberResult n : report.numbers()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("number", n.planned().number());
      m.put("row", n.planned().row());
      m.put("status", n.status().name().toLowerCase(Locale.ROOT));
      m.put("reason", n.reason());
      m.put("primary", plan.label(n.planned().after().primaryRouteId()));
      m.put(
          "failover",
          n.planned().after().failoverRouteId() == null
              ? null
              : plan.label(n.planned().after().failoverRouteId()));
      NumberRouting server = n.serverState();
      m.put(
          "server",
          server == null
              ? null
              : Map.of(
                  "primaryRouteId", Objects.toString(server.primaryRouteId(), ""),
                  "failoverRouteId", Objects.toString(server.failoverRouteId(), "")));
      numbers.add(m);
    }
    doc.put("numbers", numbers);
    return doc;
  }

  private static String idOf(RouteChange c) {
    return c.before() == null ? null : c.before().id();
  }

  static void printApply(ApplyReport report, RoutingPlan plan, PrintWriter out) {
    for (ApplyReport.RouteResult r : report.routes()) {
      out.println(
          "  "
              + r.status().name()
              + "  "
              + describe(r.change())
              + (r.reason().isEmpty() ? "" : ": " + r.reason()));
    }
    for (ApplyReport.NumberResult n : report.numbers()) {
      if (n.status() != ApplyReport.Status.DONE || !n.reason().isEmpty()) {
        out.println(
            "  "
                + n.status().name()
                + "  "
                + describe(plan, n.planned())
                + "  (row "
                + n.planned().row()
                + ")"
                + (n.reason().isEmpty() ? "" : ": " + n.reason()));
      }
    }
    out.println(
        "Applied: "
            + report.count(ApplyReport.Status.DONE)
            + " done, "
            + report.count(ApplyReport.Status.FAILED)
            + " failed, "
            + report.count(ApplyReport.Status.CONFLICT)
            + " conflicts (changed since the plan; not touched), "
            + report.count(ApplyReport.Status.SKIPPED)
            + " not sent"
            + (report.cancelled() ? " (cancelled)." : "."));
  }
}
