package io.routedesk.ui.routingfile;

import io.routedesk.domain.NumberRouting;
import io.routedesk.domain.PhoneNumbers;
import io.routedesk.domain.Plural;
import io.routedesk.domain.VoiceSlot;
import io.routedesk.flowroute.CancellationToken;
import io.routedesk.service.plan.ApplyReport;
import io.routedesk.service.plan.FileProblem;
import io.routedesk.service.plan.LintFinding;
import io.routedesk.service.plan.LintRule;
import io.routedesk.service.plan.PlanApplier;
import io.routedesk.service.plan.PlannedNumber;
import io.routedesk.service.plan.RouteChange;
import io.routedesk.service.plan.RoutingPlan;
import io.routedesk.ui.model.AccountState;
import io.routedesk.ui.model.Activity;
import io.routedesk.ui.model.NumberRow;
import io.routedesk.ui.text.ErrorMessages;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The review of a routing file's plan before it is applied: the counts, one line per change, file
 * problem, lint finding and notice (filtered by {@link Filter}), what stops the apply, and the
 * apply itself with progress, Cancel and each number's result (conflicts included).
 *
 * <p>Apply follows the command line's rules: a plan with errors is sent only when the user chooses
 * to apply the valid rows ({@link #onlyValidProperty()}, as {@code apply --only-valid}); lint
 * warnings the plan brings in must be accepted ({@link #acceptWarningsProperty()}).
 */
public final class PlanReviewViewModel {
  /** The review's filters; each keeps the lines it names. */
  public enum Filter {
    ALL("Everything"),
    CHANGES("Changes"),
    WARNINGS("Warnings"),
    ERRORS("Errors"),
    CONFLICTS("Conflicts");

    private final String label;

    Filter(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** What a line of the review is. */
  public enum Kind {
    ROUTE_CHANGE,
    NUMBER_CHANGE,
    FILE_ERROR,
    LINT_ERROR,
    LINT_WARNING,
    NOTICE
  }

  /** Where the review is: before the apply, during it, after it. */
  public enum Phase {
    REVIEW,
    APPLYING,
    APPLIED
  }

  /**
   * One line of the review.
   *
   * @param key the number's digits or the route's id (what the apply's results are matched by), ""
   *     for other lines
   * @param row the file row it comes from, 0 when none
   * @param subject the number, route or file it is about
   * @param primary "before → after", or the primary as it stays
   * @param note what the line says: the change, the problem, the finding
   * @param details the longer text shown for the selected line (why a finding matters, how to fix)
   * @param status the apply's outcome for this line, null before the apply
   * @param result the outcome in words, "" before the apply
   */
  public record Line(
      String key,
      Kind kind,
      int row,
      String subject,
      String primary,
      String failover,
      String note,
      String details,
      ApplyReport.Status status,
      String result) {

    Line withResult(ApplyReport.Status s, String text) {
      return new Line(key, kind, row, subject, primary, failover, note, details, s, text);
    }

    boolean isChange() {
      return kind == Kind.ROUTE_CHANGE || kind == Kind.NUMBER_CHANGE;
    }
  }

  private final RoutingPlan plan;
  private final String fileName;
  private final PlanApplier applier;
  private final AccountState account;
  private final Activity activity;
  private final Executor ui;
  private final Runnable onApplied;

  private final ObservableList<Line> lines = FXCollections.observableArrayList();
  private final FilteredList<Line> visible = new FilteredList<>(lines);
  private final ObjectProperty<Filter> filter = new SimpleObjectProperty<>(this, "filter");
  private final BooleanProperty onlyValid = new SimpleBooleanProperty(this, "onlyValid");
  private final BooleanProperty acceptWarnings = new SimpleBooleanProperty(this, "acceptWarnings");
  private final ReadOnlyObjectWrapper<Phase> phase =
      new ReadOnlyObjectWrapper<>(this, "phase", Phase.REVIEW);
  private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress");
  private final ReadOnlyStringWrapper resultText = new ReadOnlyStringWrapper(this, "result", "");
  private final StringBinding applyBlocked;
  private final int warnings;
  private CancellationToken cancel;
  private ApplyReport report;

  /**
   * @param fileName the numbers file's name, for the title and messages
   * @param onApplied called on {@code ui} after an apply (the history window reloads)
   */
  public PlanReviewViewModel(
      RoutingPlan plan,
      String fileName,
      PlanApplier applier,
      AccountState account,
      Activity activity,
      Executor ui,
      Runnable onApplied) {
    this.plan = Objects.requireNonNull(plan, "plan");
    this.fileName = Objects.requireNonNull(fileName, "fileName");
    this.applier = Objects.requireNonNull(applier, "applier");
    this.account = Objects.requireNonNull(account, "account");
    this.activity = Objects.requireNonNull(activity, "activity");
    this.ui = Objects.requireNonNull(ui, "ui");
    this.onApplied = Objects.requireNonNull(onApplied, "onApplied");
    this.warnings =
        (int)
            plan.newFindings().stream()
                .filter(f -> f.severity() == LintRule.Severity.WARNING)
                .count();
    lines.setAll(linesOf(plan));
    filter.addListener((o, was, now) -> visible.setPredicate(line -> matches(line, now)));
    filter.set(Filter.ALL);
    applyBlocked =
        Bindings.createStringBinding(this::whyNotApply, phase, onlyValid, acceptWarnings);
  }

  public RoutingPlan plan() {
    return plan;
  }

  public String title() {
    return "Plan of " + fileName;
  }

  /** The lines the filter keeps, in file order: routes, numbers, then problems and findings. */
  public FilteredList<Line> visibleLines() {
    return visible;
  }

  public ObjectProperty<Filter> filterProperty() {
    return filter;
  }

  /** How many lines the filter would keep: for "Errors (3)". */
  public long count(Filter f) {
    return lines.stream().filter(l -> matches(l, f)).count();
  }

  public String filterLabel(Filter f) {
    return f == Filter.ALL ? f.label() : f.label() + " (" + count(f) + ")";
  }

  /**
   * The plan in one paragraph: routes to create and change, numbers changing, unchanged (counted,
   * not listed), not in the file, errors and warnings.
   */
  public String summary() {
    long creates =
        plan.routeChanges().stream().filter(c -> c.kind() == RouteChange.Kind.CREATE).count();
    long updates = plan.routeChanges().size() - creates;
    List<String> parts = new ArrayList<>();
    parts.add(
        creates + updates == 0
            ? "no route changes"
            : Plural.count(creates, "route", "routes")
                + " to create, "
                + Plural.count(updates, "route", "routes")
                + " to change");
    parts.add(Plural.count(plan.numberChanges().size(), "number changes", "numbers change"));
    parts.add(Plural.count(plan.unchangedNumbers(), "number stays", "numbers stay") + " as is");
    if (plan.numbersNotInFile() > 0) {
      parts.add(Plural.count(plan.numbersNotInFile(), "number is", "numbers are") + " not in file");
    }
    parts.add(Plural.count(errorCount(), "error"));
    parts.add(Plural.count(warnings, "warning"));
    String joined = String.join(" · ", parts);
    return Character.toUpperCase(joined.charAt(0)) + joined.substring(1);
  }

  private long errorCount() {
    return plan.errors().size() + plan.blockingFindings().size();
  }

  /** Apply the valid rows of a plan with errors (the command line's --only-valid). */
  public BooleanProperty onlyValidProperty() {
    return onlyValid;
  }

  public boolean hasErrors() {
    return plan.hasErrors();
  }

  /** The lint warnings the plan brings in are accepted. */
  public BooleanProperty acceptWarningsProperty() {
    return acceptWarnings;
  }

  public int warningCount() {
    return warnings;
  }

  /** Why Apply cannot run now, "" when it can. */
  public StringBinding applyBlockedProperty() {
    return applyBlocked;
  }

  public ReadOnlyObjectProperty<Phase> phaseProperty() {
    return phase.getReadOnlyProperty();
  }

  /** 0..1 while applying. */
  public ReadOnlyDoubleProperty progressProperty() {
    return progress.getReadOnlyProperty();
  }

  /** What the apply did, in a sentence (or why it could not run). */
  public ReadOnlyStringProperty resultTextProperty() {
    return resultText.getReadOnlyProperty();
  }

  /** The last apply's report; null before. */
  public ApplyReport report() {
    return report;
  }

  private String whyNotApply() {
    if (phase.get() == Phase.APPLYING) {
      return "Applying…";
    }
    if (phase.get() == Phase.APPLIED) {
      return "Applied. Import the file again for a new plan.";
    }
    if (plan.hasErrors() && !onlyValid.get()) {
      return "The plan has "
          + Plural.count(errorCount(), "error")
          + ": fix the file, or choose to apply only the valid rows.";
    }
    if (!plan.hasChanges()) {
      return "Nothing to change: the account already is as the file says.";
    }
    if (warnings > 0 && !acceptWarnings.get()) {
      return "Accept the " + Plural.count(warnings, "warning") + " first.";
    }
    return "";
  }

  /**
   * Sends the plan through the change engine: routes first, then the numbers, each re-read just
   * before it changes; numbers changed since the plan was made are left alone as conflicts. The
   * window's account takes the routing Flowroute reports back.
   */
  public CompletableFuture<ApplyReport> apply() {
    String blocked = whyNotApply();
    if (!blocked.isEmpty()) {
      return CompletableFuture.failedFuture(new IllegalStateException(blocked));
    }
    phase.set(Phase.APPLYING);
    progress.set(0);
    resultText.set("");
    cancel = new CancellationToken();
    Activity.Task task = activity.start("Applying " + fileName);
    AtomicReference<long[]> latest = new AtomicReference<>();
    PlanApplier.Progress onProgress =
        (done, total) -> {
          // Progress comes per number from client threads: keep the newest, hop to the UI once.
          if (latest.getAndSet(new long[] {done, total}) == null) {
            ui.execute(
                () -> {
                  long[] p = latest.getAndSet(null);
                  progress.set(p[1] == 0 ? 1 : (double) p[0] / p[1]);
                  task.update("Applying " + fileName, p[0], p[1]);
                });
          }
        };
    return applier
        .apply(plan, onlyValid.get(), onProgress, cancel)
        .whenCompleteAsync(
            (r, error) -> {
              task.finish();
              if (error != null) {
                phase.set(Phase.REVIEW);
                resultText.set("Not applied: " + ErrorMessages.describe(error));
                activity.notify(Activity.Severity.ERROR, resultText.get());
              } else {
                finished(r);
              }
              onApplied.run();
            },
            ui);
  }

  /** Stops sending; what is in flight lands, the rest is reported as skipped. */
  public void cancel() {
    if (cancel != null) {
      cancel.cancel();
    }
  }

  private void finished(ApplyReport r) {
    report = r;
    phase.set(Phase.APPLIED);
    progress.set(1);
    Map<String, NumberRouting> confirmed = new HashMap<>();
    Map<String, ApplyReport.NumberResult> byNumber = new HashMap<>();
    for (ApplyReport.NumberResult n : r.numbers()) {
      byNumber.put(n.planned().number(), n);
      if (n.serverState() != null) {
        confirmed.put(n.planned().number(), n.serverState());
      }
    }
    Map<String, ApplyReport.RouteResult> byRoute = new HashMap<>();
    for (ApplyReport.RouteResult route : r.routes()) {
      byRoute.put(route.change().after().id(), route);
      if (route.created() != null) {
        account.routeSaved(route.created());
      }
    }
    account.applyRouting(confirmed);
    List<Line> updated = new ArrayList<>(lines.size());
    for (Line line : lines) {
      updated.add(withResult(line, byNumber, byRoute));
    }
    lines.setAll(updated);
    resultText.set(describe(r));
    activity.notify(
        r.allDone() ? Activity.Severity.SUCCESS : Activity.Severity.WARNING,
        fileName + ": " + resultText.get());
  }

  private Line withResult(
      Line line,
      Map<String, ApplyReport.NumberResult> byNumber,
      Map<String, ApplyReport.RouteResult> byRoute) {
    if (line.kind() == Kind.NUMBER_CHANGE) {
      ApplyReport.NumberResult n = byNumber.get(line.key());
      return n == null
          ? line.withResult(
              ApplyReport.Status.SKIPPED, "Left out: the plan would give it a lint error.")
          : line.withResult(n.status(), resultWords(n.status(), n.reason()));
    }
    if (line.kind() == Kind.ROUTE_CHANGE) {
      ApplyReport.RouteResult route = byRoute.get(line.key());
      return route == null
          ? line
          : line.withResult(route.status(), resultWords(route.status(), route.reason()));
    }
    return line;
  }

  private static String resultWords(ApplyReport.Status status, String reason) {
    String word =
        switch (status) {
          case DONE -> "Done";
          case FAILED -> "Failed";
          case SKIPPED -> "Not sent";
          case CONFLICT -> "Conflict";
        };
    return reason == null || reason.isBlank() ? word : word + ": " + reason;
  }

  /** "12 done, 1 failed, 2 conflicts (changed since the plan, left alone)." */
  static String describe(ApplyReport r) {
    List<String> parts = new ArrayList<>();
    parts.add(r.count(ApplyReport.Status.DONE) + " done");
    long failed = r.count(ApplyReport.Status.FAILED);
    if (failed > 0) {
      parts.add(failed + " failed");
    }
    long conflicts = r.count(ApplyReport.Status.CONFLICT);
    if (conflicts > 0) {
      parts.add(
          Plural.count(conflicts, "conflict") + " (changed since the plan was made, left alone)");
    }
    long skipped = r.count(ApplyReport.Status.SKIPPED);
    if (skipped > 0) {
      parts.add(skipped + " not sent");
    }
    return (r.cancelled() ? "Cancelled: " : "Applied: ") + String.join(", ", parts) + ".";
  }

  // ---- lines ----------------------------------------------------------------------------------

  private static boolean matches(Line line, Filter f) {
    if (f == null) {
      return true;
    }
    return switch (f) {
      case ALL -> true;
      case CHANGES -> line.isChange();
      case WARNINGS -> line.kind() == Kind.LINT_WARNING || line.kind() == Kind.NOTICE;
      case ERRORS ->
          line.kind() == Kind.FILE_ERROR
              || line.kind() == Kind.LINT_ERROR
              || line.status() == ApplyReport.Status.FAILED;
      case CONFLICTS -> line.status() == ApplyReport.Status.CONFLICT;
    };
  }

  private List<Line> linesOf(RoutingPlan p) {
    List<Line> out = new ArrayList<>();
    for (RouteChange c : p.routeChanges()) {
      String before = c.before() == null ? "" : c.before().label() + ": " + valueOf(c.before());
      String after = c.after().label() + ": " + valueOf(c.after());
      out.add(
          new Line(
              c.after().id(),
              Kind.ROUTE_CHANGE,
              c.row(),
              c.after().label(),
              "",
              "",
              c.kind() == RouteChange.Kind.CREATE
                  ? "New route " + after
                  : "Route changes: " + before + " → " + after,
              "",
              null,
              ""));
    }
    Map<String, Integer> rowOfNumber = new HashMap<>();
    for (PlannedNumber n : p.numberChanges()) {
      rowOfNumber.put(n.number(), n.row());
      out.add(
          new Line(
              n.number(),
              Kind.NUMBER_CHANGE,
              n.row(),
              PhoneNumbers.format(n.number()),
              slot(n, VoiceSlot.PRIMARY),
              slot(n, VoiceSlot.FAILOVER),
              changeNote(n),
              "",
              null,
              ""));
    }
    for (FileProblem problem : p.errors()) {
      out.add(
          new Line(
              "",
              Kind.FILE_ERROR,
              problem.row(),
              shortName(problem.file()),
              "",
              "",
              problem.message(),
              // The note already says what is wrong: the details add only where.
              problem.row() > 0 ? problem.file() + ", row " + problem.row() + "." : problem.file(),
              null,
              ""));
    }
    for (LintFinding f : p.newFindings()) {
      boolean number = f.kind() == LintFinding.Subject.NUMBER;
      out.add(
          new Line(
              "",
              f.severity() == LintRule.Severity.ERROR ? Kind.LINT_ERROR : Kind.LINT_WARNING,
              number ? rowOfNumber.getOrDefault(f.subject(), 0) : 0,
              number ? PhoneNumbers.format(f.subject()) : p.label(f.subject()),
              "",
              "",
              f.rule().title(),
              f.message() + "\n" + explain(f.rule()),
              null,
              ""));
    }
    for (String notice : p.notices()) {
      out.add(new Line("", Kind.NOTICE, 0, shortName(fileName), "", "", notice, notice, null, ""));
    }
    return out;
  }

  /** "Why it matters: … How to fix: …": the rule's own words, as the command line prints them. */
  static String explain(LintRule rule) {
    return "Why it matters: " + rule.why() + "\nHow to fix: " + rule.fix();
  }

  /** "pbx-east → pbx-west" for a slot the plan changes, "pbx-east" for one it leaves. */
  private String slot(PlannedNumber n, VoiceSlot s) {
    String before = label(routeIn(n.before(), s), true);
    return n.changes(s) ? before + " → " + label(routeIn(n.after(), s), false) : before;
  }

  private static String routeIn(NumberRouting r, VoiceSlot s) {
    return s == VoiceSlot.PRIMARY ? r.primaryRouteId() : r.failoverRouteId();
  }

  private String label(String routeId, boolean before) {
    if (routeId == null) {
      return NumberRow.NO_ROUTE;
    }
    return before ? plan.labelBefore(routeId) : plan.label(routeId);
  }

  private static String changeNote(PlannedNumber n) {
    boolean primary = n.changes(VoiceSlot.PRIMARY);
    boolean failover = n.changes(VoiceSlot.FAILOVER);
    return primary && failover ? "Primary and failover" : primary ? "Primary" : "Failover";
  }

  private static String valueOf(io.routedesk.domain.Route r) {
    return r.value() == null ? r.type().displayName() : r.value();
  }

  private static String shortName(String file) {
    int slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
    return slash < 0 ? file : file.substring(slash + 1);
  }
}
