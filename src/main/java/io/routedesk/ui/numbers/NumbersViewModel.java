package io.routedesk.ui.numbers;

import io.routedesk.domain.DraftState;
import io.routedesk.domain.NumberRouting;
import io.routedesk.domain.PhoneNumbers;
import io.routedesk.domain.Plural;
import io.routedesk.domain.Route;
import io.routedesk.domain.VoiceSlot;
import io.routedesk.flowroute.CancellationToken;
import io.routedesk.service.AssignmentPlan;
import io.routedesk.service.AssignmentService;
import io.routedesk.service.BatchListener;
import io.routedesk.service.BatchReport;
import io.routedesk.service.NumberChange;
import io.routedesk.ui.model.AccountState;
import io.routedesk.ui.model.Activity;
import io.routedesk.ui.model.BatchRunner;
import io.routedesk.ui.model.DraftActions;
import io.routedesk.ui.model.LoadState;
import io.routedesk.ui.model.NumberRow;
import io.routedesk.ui.model.RoutePicker;
import io.routedesk.ui.model.RouteRow;
import io.routedesk.ui.text.CountBadge;
import io.routedesk.ui.text.ErrorMessages;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The number-assignment panel: search and scope filters over the account's numbers, the selection,
 * what a drop or an "Assign…" command would do, applying it as a batch, retry and undo.
 */
public final class NumbersViewModel {
  private static final Logger LOG = LoggerFactory.getLogger(NumbersViewModel.class);

  private final AccountState account;
  private final AssignmentService assignments;
  private final DraftActions drafts;
  private final Activity activity;
  private final Executor ui;
  // The view tells the platform's key ("⌘R" on macOS): naming keys needs JavaFX's scene classes.
  private String refreshKeyText = "F5";

  private final StringProperty search = new SimpleStringProperty("");
  private final ObjectProperty<NumberScope> scope = new SimpleObjectProperty<>(NumberScope.ALL);
  private final ObservableList<NumberScope> scopes = FXCollections.observableArrayList();
  private final FilteredList<NumberRow> visible;
  private final ObservableList<NumberRow> selection = FXCollections.observableArrayList();
  private final ObjectProperty<SelectRequest> selectRequest = new SimpleObjectProperty<>();
  private long selectRequests;
  private final BatchViewModel batch = new BatchViewModel();
  private final BooleanProperty canUndo = new SimpleBooleanProperty();
  private final StringProperty undoText = new SimpleStringProperty("Undo");
  private final StringBinding placeholderText;
  private final StringBinding countText;
  private final StringBinding countBadge;
  private final StringBinding countSpoken;
  private final StringBinding assignBlocked;
  private final StringBinding removeBlocked;
  private final ObjectBinding<RoutingBanner> routingBanner;

  /**
   * What the banner over the table says about reading each number's routing: hidden, progress while
   * loading (progress -1 while the total is unknown), or how many numbers failed (with Retry).
   */
  public record RoutingBanner(Kind kind, String text, double progress) {
    public enum Kind {
      HIDDEN,
      LOADING,
      FAILED
    }

    static final RoutingBanner NONE = new RoutingBanner(Kind.HIDDEN, "", 0);
  }

  /**
   * @param drafts pending assignments of draft routes
   */
  public NumbersViewModel(
      AccountState account,
      AssignmentService assignments,
      DraftActions drafts,
      Activity activity,
      Executor ui) {
    this.account = account;
    this.assignments = assignments;
    this.drafts = Objects.requireNonNull(drafts, "drafts");
    this.activity = activity;
    this.ui = ui;
    this.visible = new FilteredList<>(account.numbers());
    search.addListener((o, a, b) -> refilter());
    scope.addListener(
        (o, a, b) -> {
          if (b == null) {
            scope.set(NumberScope.ALL);
          } else {
            refilter();
          }
        });
    account
        .routingRevisionProperty()
        .addListener(
            (o, a, b) -> {
              if (scope.get().dependsOnRouting() || !search.get().isBlank()) {
                refilter();
              }
            });
    account
        .routes()
        .addListener(
            (ListChangeListener<RouteRow>)
                c -> {
                  rebuildScopes();
                  if (!search.get().isBlank()) {
                    refilter(); // a route renamed or added may match the search now
                  }
                });
    rebuildScopes();
    placeholderText =
        Bindings.createStringBinding(
            this::computePlaceholder,
            account.numbersStateProperty(),
            account.numbersErrorProperty(),
            search,
            scope,
            account.numbers());
    countBadge =
        Bindings.createStringBinding(
            () -> CountBadge.text(visible.size(), account.numbers().size()),
            visible,
            account.numbers());
    countSpoken =
        Bindings.createStringBinding(
            () -> CountBadge.spoken(visible.size(), account.numbers().size(), "numbers"),
            visible,
            account.numbers());
    countText =
        Bindings.createStringBinding(
            this::computeCount, visible, account.numbers(), account.routingStateProperty());
    assignBlocked =
        Bindings.createStringBinding(
            () ->
                account.isOffline() && !hasAssignableDraft()
                    ? "Offline: numbers cannot be re-routed until Flowroute can be reached."
                        + " Save a route as a draft to assign it now; it applies when published."
                    : "",
            account.offlineProperty(),
            account.routes());
    routingBanner =
        Bindings.createObjectBinding(
            this::computeRoutingBanner,
            account.routingStateProperty(),
            account.routingDoneProperty(),
            account.routingTotalProperty(),
            account.routingFailuresProperty(),
            account.numbers());
    removeBlocked =
        Bindings.createStringBinding(
            () ->
                account.isOffline()
                    ? "Offline: failovers cannot be removed until Flowroute can be reached."
                    : "",
            account.offlineProperty());
  }

  private RoutingBanner computeRoutingBanner() {
    if (account.routingStateProperty().get() == LoadState.LOADING && !account.numbers().isEmpty()) {
      long done = account.routingDoneProperty().get();
      long total = account.routingTotalProperty().get();
      // Until the numbers to read are counted there is no "of" to show.
      return new RoutingBanner(
          RoutingBanner.Kind.LOADING,
          total == 0
              ? "Reading routes of each number…"
              : String.format(
                  Locale.ROOT, "Reading routes of each number: %,d of %,d…", done, total),
          total == 0 ? -1 : (double) done / total);
    }
    int failed = account.routingFailuresProperty().get();
    if (failed > 0) {
      return new RoutingBanner(
          RoutingBanner.Kind.FAILED,
          Plural.count(failed, "number's", "numbers'")
              + " routing could not be read; they show their last known routes.",
          0);
    }
    return RoutingBanner.NONE;
  }

  /** The routing banner's state and text. */
  public ObjectBinding<RoutingBanner> routingBannerProperty() {
    return routingBanner;
  }

  /** The banner's Retry: reads the routing of the numbers that failed again. */
  public CompletableFuture<Void> retryFailedRouting() {
    return account.retryFailedRouting();
  }

  private boolean hasAssignableDraft() {
    return account.routes().stream().anyMatch(NumbersViewModel::isAssignableDraft);
  }

  /** A draft that can still get pending assignments (not being published or published). */
  public static boolean isAssignableDraft(RouteRow r) {
    return r.isDraft() && r.draft().state().isEditable();
  }

  /**
   * Why "Assign primary/failover…" is disabled ("" when it is not): offline with no draft to
   * assign. Offline with drafts, the picker offers only drafts.
   */
  public StringBinding assignBlockedProperty() {
    return assignBlocked;
  }

  /** Why "Remove failover" is disabled ("" when it is not). */
  public StringBinding removeBlockedProperty() {
    return removeBlocked;
  }

  /** How the window writes the Refresh key on this platform ("F5", "⌘R"), for the texts here. */
  public void setRefreshKeyText(String keyText) {
    this.refreshKeyText = Objects.requireNonNull(keyText, "keyText");
  }

  /** Routes the "Assign…" picker offers now: offline only drafts, which apply when published. */
  public boolean pickable(RouteRow r) {
    if (r.isDraft()) {
      return isAssignableDraft(r);
    }
    return !account.isOffline();
  }

  /**
   * Whether choosing the route would change at least one of the numbers, so the picker does not
   * offer what the assignment then refuses (a number's own primary as its failover, the route it
   * already has). Drafts are checked when their assignment is recorded.
   */
  private static boolean changesAny(RouteRow route, List<NumberRow> targets, VoiceSlot slot) {
    return route.isDraft() || targets.stream().anyMatch(n -> skipKind(n, route.id(), slot) == null);
  }

  /**
   * What "Assign primary…" / "Assign failover…" asks the user, or empty when it cannot ask now (no
   * selection, or offline with no draft to assign): then the reason is told through the activity.
   */
  public Optional<RoutePicker.Request> routePickerRequest(
      VoiceSlot slot, String preselectedRouteId) {
    if (selection.isEmpty()) {
      activity.notify(Activity.Severity.INFO, "Select one or more numbers first.");
      return Optional.empty();
    }
    if (!assignBlocked.get().isEmpty()) {
      activity.notify(Activity.Severity.WARNING, assignBlocked.get());
      return Optional.empty();
    }
    int n = selection.size();
    String whom = n == 1 ? selection.getFirst().formatted() : n + " selected numbers";
    String offlineNote =
        account.isOffline()
            ? "Offline: only drafts can be assigned now; they apply when published.\n"
            : "";
    String slotName = slot.displayName().toLowerCase(Locale.ROOT);
    List<NumberRow> targets = List.copyOf(selection);
    return Optional.of(
        new RoutePicker.Request(
            "Assign " + slotName + " route",
            offlineNote + "Choose the " + slotName + " route for " + whom + ":",
            "Assign",
            account.routes(),
            r -> pickable(r) && changesAny(r, targets, slot),
            preselectedRouteId));
  }

  // ---- filtering ----------------------------------------------------------------------------

  public StringProperty searchProperty() {
    return search;
  }

  public ObjectProperty<NumberScope> scopeProperty() {
    return scope;
  }

  public ObservableList<NumberScope> scopes() {
    return scopes;
  }

  /** The rows the table shows (the view sorts them). */
  public FilteredList<NumberRow> visibleNumbers() {
    return visible;
  }

  /** Shows only the numbers that use a route (from the route list's "Show numbers"). */
  public void showNumbersUsing(String routeId) {
    for (NumberScope s : scopes) {
      if (s.kind() == NumberScope.Kind.USES_ROUTE && s.routeId().equals(routeId)) {
        scope.set(s);
        return;
      }
    }
  }

  /** Numbers another feature asks the table to select; {@code seq} makes a repeat distinct. */
  public record SelectRequest(List<String> numbers, long seq) {}

  /**
   * Asks the table to select these numbers (the Account check's findings): the search and scope are
   * cleared first so every one of them is listed.
   */
  public void select(Collection<String> numbers) {
    search.set("");
    scope.set(NumberScope.ALL);
    selectRequest.set(new SelectRequest(List.copyOf(numbers), ++selectRequests));
  }

  public ReadOnlyObjectProperty<SelectRequest> selectRequestProperty() {
    return selectRequest;
  }

  private void rebuildScopes() {
    NumberScope current = scope.get();
    List<NumberScope> list = new ArrayList<>();
    list.add(NumberScope.ALL);
    list.add(NumberScope.NO_FAILOVER);
    list.add(NumberScope.ROUTING_UNKNOWN);
    for (RouteRow r : account.routes().sorted(RouteRow.BY_LABEL)) {
      list.add(
          r.isDraft()
              ? NumberScope.waitingForDraft(r.id(), r.label())
              : NumberScope.usesRoute(r.id(), r.label()));
    }
    scopes.setAll(list);
    NumberScope keep = NumberScope.ALL;
    for (NumberScope s : list) {
      if (s.kind() == current.kind() && Objects.equals(s.routeId(), current.routeId())) {
        keep = s;
      }
    }
    scope.set(keep);
  }

  private void refilter() {
    Predicate<NumberRow> p =
        predicate(search.get(), scope.get(), routesMatching(search.get(), account.routes()));
    // A fresh instance each time: non-capturing lambdas are singletons, and setting the same
    // predicate again would not re-test rows whose routing changed.
    visible.setPredicate(p == null ? null : p::test);
  }

  /**
   * The published routes whose alias or value contains the query (ignoring case), so that searching
   * "voicemail" finds the numbers routed to the "voicemail" route. Only a query with letters looks
   * at routes: digits are a phone number being typed, and must not also find every number forwarded
   * to a number route that happens to contain them.
   */
  static Set<String> routesMatching(String query, List<RouteRow> routes) {
    String q = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
    if (q.chars().noneMatch(Character::isLetter)) {
      return Set.of();
    }
    Set<String> ids = new HashSet<>();
    for (RouteRow row : routes) {
      Route r = row.route();
      if (!row.isDraft()
          && ((r.alias() != null && r.alias().toLowerCase(Locale.ROOT).contains(q))
              || (r.value() != null && r.value().toLowerCase(Locale.ROOT).contains(q)))) {
        ids.add(row.id());
      }
    }
    return ids;
  }

  /**
   * Which numbers the search and scope show: the search matches a number's digits, its alias, or
   * the alias or value of its primary or failover route ({@code matchingRouteIds}).
   */
  static Predicate<NumberRow> predicate(
      String query, NumberScope scope, Set<String> matchingRouteIds) {
    Predicate<NumberRow> byScope =
        switch (scope.kind()) {
          case ALL -> null;
          case NO_FAILOVER -> r -> r.isRoutingKnown() && r.failoverRouteId() == null;
          case ROUTING_UNKNOWN -> r -> !r.isRoutingKnown();
          case USES_ROUTE ->
              RouteRow.isDraftId(scope.routeId())
                  ? r ->
                      scope.routeId().equals(r.draftRouteId(VoiceSlot.PRIMARY))
                          || scope.routeId().equals(r.draftRouteId(VoiceSlot.FAILOVER))
                  : r -> r.uses(scope.routeId());
        };
    String q = query == null ? "" : query.strip();
    Predicate<NumberRow> byText = null;
    if (!q.isEmpty()) {
      String lower = q.toLowerCase(Locale.ROOT);
      boolean hasLetters = lower.chars().anyMatch(Character::isLetter);
      String digits = PhoneNumbers.digitsOf(q);
      Predicate<NumberRow> byRoute =
          r ->
              !matchingRouteIds.isEmpty()
                  && (isIn(r.primaryRouteId(), matchingRouteIds)
                      || isIn(r.failoverRouteId(), matchingRouteIds));
      if (hasLetters || digits.isEmpty()) {
        byText = r -> r.aliasLower().contains(lower) || byRoute.test(r);
      } else {
        byText =
            r -> r.number().contains(digits) || r.aliasLower().contains(lower) || byRoute.test(r);
      }
    }
    if (byScope == null) {
      return byText;
    }
    return byText == null ? byScope : byScope.and(byText);
  }

  private static boolean isIn(String routeId, Set<String> routeIds) {
    return routeId != null && routeIds.contains(routeId);
  }

  public StringBinding placeholderTextProperty() {
    return placeholderText;
  }

  /** The count beside the title: "25", or "4 of 25" while the search or the scope hides some. */
  public StringBinding countBadgeProperty() {
    return countBadge;
  }

  /** The same for screen readers: "25 numbers", "4 of 25 numbers shown". */
  public StringBinding countSpokenProperty() {
    return countSpoken;
  }

  /** "1,204 of 10,000 numbers" under the table. */
  public StringBinding countTextProperty() {
    return countText;
  }

  private String computePlaceholder() {
    LoadState state = account.numbersStateProperty().get();
    if (state == LoadState.LOADING || state == LoadState.IDLE) {
      return "Loading numbers…";
    }
    if (state == LoadState.ERROR && account.numbers().isEmpty()) {
      return account.numbersErrorProperty().get();
    }
    if (account.numbers().isEmpty()) {
      return "No numbers on this account yet — numbers you buy on Flowroute appear here.";
    }
    if (!search.get().isBlank()) {
      return "No number, alias or route matches “"
          + search.get().strip()
          + "”. To see the numbers of a route, choose it under “Show”.";
    }
    return "No numbers match “" + scope.get().label() + "”.";
  }

  private String computeCount() {
    int total = account.numbers().size();
    int shown = visible.size();
    String base =
        shown == total
            ? String.format(Locale.ROOT, "%,d numbers", total)
            : String.format(Locale.ROOT, "%,d of %,d numbers", shown, total);
    return total == 1 && shown == 1 ? "1 number" : base;
  }

  // ---- selection and proposals --------------------------------------------------------------

  /** The selected rows; the view keeps this in sync with the table. */
  public ObservableList<NumberRow> selection() {
    return selection;
  }

  /**
   * What dropping a route onto these numbers (or running "Assign…" on them) would do. {@code
   * routeId} null removes the slot's route (only "Remove failover" uses that).
   */
  public Proposal propose(String routeId, List<NumberRow> targets, VoiceSlot slot) {
    if (batch.runningProperty().get()) {
      return Proposal.refused("Wait until the running change has finished.");
    }
    if (targets.isEmpty()) {
      return Proposal.refused("Select one or more numbers first.");
    }
    if (RouteRow.isDraftId(routeId)) {
      return proposeDraft(routeId, targets, slot);
    }
    if (account.isOffline()) {
      return Proposal.refused(OFFLINE_REASON);
    }
    RouteRow route = account.route(routeId);
    if (routeId != null && route == null) {
      return Proposal.refused(
          "That route is no longer on the account. Refresh (" + refreshKeyText + ").");
    }
    String label = route == null ? null : route.label();
    List<NumberChange> changes = new ArrayList<>();
    List<Proposal.Skip> skipped = new ArrayList<>();
    Map<SkipKind, Integer> kinds = new LinkedHashMap<>();
    for (NumberRow row : targets) {
      SkipKind kind = skipKind(row, routeId, slot);
      if (kind != null) {
        skipped.add(new Proposal.Skip(row.number(), kind.reason(label, slot, false)));
        kinds.merge(kind, 1, Integer::sum);
        continue;
      }
      NumberRouting before = row.routing();
      changes.add(new NumberChange(before, before.with(slot, routeId)));
    }
    if (changes.isEmpty()) {
      SkipKind kind = kinds.keySet().iterator().next();
      String whom;
      if (targets.size() == 1) {
        whom = targets.getFirst().formatted();
      } else if (kinds.size() == 1) {
        whom = "all " + targets.size() + " numbers";
      } else {
        whom = "these numbers";
      }
      return Proposal.refused(kind.refusal(label, slot, whom, targets.size() > 1));
    }
    String headline = headline(slot, routeId, label, changes);
    String detail = "";
    if (!skipped.isEmpty()) {
      SkipKind top = kinds.keySet().iterator().next();
      detail =
          skipped.size()
              + " unchanged: "
              + top.reason(label, slot, skipped.size() > 1)
              + (kinds.size() > 1 ? ", …" : "");
    }
    return new Proposal(true, headline, detail, new AssignmentPlan(headline, changes), skipped);
  }

  /** Why live changes to numbers are refused while offline. */
  public static final String OFFLINE_REASON =
      "Offline: numbers cannot be re-routed until Flowroute can be reached. Draft routes can"
          + " still be assigned; they apply when published.";

  /** Pending assignments of a draft: nothing is sent now, so this works offline. */
  private Proposal proposeDraft(String rowId, List<NumberRow> targets, VoiceSlot slot) {
    RouteRow route = account.route(rowId);
    if (route == null || !route.isDraft()) {
      return Proposal.refused("That draft no longer exists.");
    }
    if (route.isPublishing() || route.draft().state() == DraftState.PUBLISHED) {
      return Proposal.refused(
          "“" + route.label() + "” is being published; assign it once it is a route.");
    }
    String label = route.label();
    List<NumberChange> changes = new ArrayList<>();
    List<Proposal.Skip> skipped = new ArrayList<>();
    Map<SkipKind, Integer> kinds = new LinkedHashMap<>();
    VoiceSlot other = slot == VoiceSlot.PRIMARY ? VoiceSlot.FAILOVER : VoiceSlot.PRIMARY;
    for (NumberRow row : targets) {
      SkipKind kind =
          rowId.equals(row.draftRouteId(slot))
              ? SkipKind.ALREADY_PENDING
              : rowId.equals(row.draftRouteId(other)) ? SkipKind.PENDING_OTHER_SLOT : null;
      if (kind != null) {
        skipped.add(new Proposal.Skip(row.number(), kind.reason(label, slot, false)));
        kinds.merge(kind, 1, Integer::sum);
        continue;
      }
      NumberRouting before = row.routing();
      changes.add(new NumberChange(before, before.with(slot, rowId)));
    }
    if (changes.isEmpty()) {
      SkipKind kind = kinds.keySet().iterator().next();
      String whom =
          targets.size() == 1
              ? targets.getFirst().formatted()
              : "all " + targets.size() + " numbers";
      return Proposal.refused(kind.refusal(label, slot, whom, targets.size() > 1));
    }
    int count = changes.size();
    String whom =
        count == 1 ? PhoneNumbers.format(changes.getFirst().number()) : count + " numbers";
    String headline = slot.displayName() + " of " + whom + " → " + label + " when published";
    String detail = "";
    if (!skipped.isEmpty()) {
      SkipKind top = kinds.keySet().iterator().next();
      detail = skipped.size() + " unchanged: " + top.reason(label, slot, skipped.size() > 1);
    }
    return new Proposal(
        true,
        headline,
        detail,
        new AssignmentPlan(headline, changes),
        skipped,
        route.draft().id(),
        slot);
  }

  /** The same as {@link #propose} for the current selection. */
  public Proposal proposeForSelection(String routeId, VoiceSlot slot) {
    return propose(routeId, List.copyOf(selection), slot);
  }

  /** Why a number is left out of a proposal. */
  enum SkipKind {
    ROUTING_UNKNOWN,
    ALREADY_SET,
    SAME_AS_OTHER_SLOT,
    NOTHING_TO_REMOVE,
    ALREADY_PENDING,
    PENDING_OTHER_SLOT;

    /** The per-number reason, e.g. "pbx-east is already its primary". */
    String reason(String label, VoiceSlot slot, boolean plural) {
      String slotName = slot.displayName().toLowerCase(Locale.ROOT);
      String its = plural ? "their" : "its";
      return switch (this) {
        case ROUTING_UNKNOWN -> "routing not loaded yet";
        case ALREADY_SET -> label + " is already " + its + " " + slotName;
        case SAME_AS_OTHER_SLOT ->
            slot == VoiceSlot.FAILOVER
                ? label + " is " + its + " primary"
                : label + " is " + its + " failover";
        case NOTHING_TO_REMOVE -> "no " + slotName + " to remove";
        case ALREADY_PENDING -> label + " is already pending as " + its + " " + slotName;
        case PENDING_OTHER_SLOT ->
            label
                + " is pending as "
                + its
                + " "
                + (slot == VoiceSlot.PRIMARY ? "failover" : "primary");
      };
    }

    /** The sentence shown when no number would change. */
    String refusal(String label, VoiceSlot slot, String whom, boolean plural) {
      String slotName = slot.displayName().toLowerCase(Locale.ROOT);
      return switch (this) {
        case ROUTING_UNKNOWN -> "Can't change " + whom + " yet: routing is still loading.";
        case ALREADY_SET -> label + " is already the " + slotName + " of " + whom + ".";
        case SAME_AS_OTHER_SLOT ->
            slot == VoiceSlot.FAILOVER
                ? label
                    + " is the primary of "
                    + whom
                    + ": a failover identical to the primary would never be used."
                : label
                    + " is the failover of "
                    + whom
                    + ": a number's primary and failover must differ.";
        case NOTHING_TO_REMOVE ->
            plural
                ? "None of these numbers has a " + slotName + " to remove."
                : whom + " has no " + slotName + " to remove.";
        case ALREADY_PENDING ->
            label + " is already pending as the " + slotName + " of " + whom + ".";
        case PENDING_OTHER_SLOT ->
            label
                + " is pending as the "
                + (slot == VoiceSlot.PRIMARY ? "failover" : "primary")
                + " of "
                + whom
                + ": a number's primary and failover must differ.";
      };
    }
  }

  private static SkipKind skipKind(NumberRow row, String routeId, VoiceSlot slot) {
    if (!row.isRoutingKnown()) {
      return SkipKind.ROUTING_UNKNOWN;
    }
    String current = row.routeId(slot);
    VoiceSlot other = slot == VoiceSlot.PRIMARY ? VoiceSlot.FAILOVER : VoiceSlot.PRIMARY;
    if (routeId == null) {
      return current == null ? SkipKind.NOTHING_TO_REMOVE : null;
    }
    if (routeId.equals(current)) {
      return SkipKind.ALREADY_SET;
    }
    if (routeId.equals(row.routeId(other))) {
      return SkipKind.SAME_AS_OTHER_SLOT;
    }
    return null;
  }

  private static String headline(
      VoiceSlot slot, String routeId, String label, List<NumberChange> changes) {
    int count = changes.size();
    String whom =
        count == 1 ? PhoneNumbers.format(changes.getFirst().number()) : count + " numbers";
    if (routeId == null) {
      return "Remove " + slot.displayName().toLowerCase(Locale.ROOT) + " of " + whom;
    }
    return slot.displayName() + " of " + whom + " → " + label;
  }

  // ---- applying ----------------------------------------------------------------------------

  public BatchViewModel batch() {
    return batch;
  }

  public ReadOnlyBooleanProperty canUndoProperty() {
    return canUndo;
  }

  /** "Undo Primary of 12 numbers → pbx-east", for the menu. */
  public ReadOnlyStringProperty undoTextProperty() {
    return undoText;
  }

  /**
   * Sends an accepted proposal's plan; the batch panel shows progress and the result. A draft's
   * proposal is saved as pending assignments instead (the future then completes with null).
   */
  public CompletableFuture<BatchReport> apply(Proposal proposal) {
    if (!proposal.accepted()) {
      return CompletableFuture.failedFuture(new IllegalArgumentException(proposal.headline()));
    }
    if (proposal.isDraft()) {
      return drafts
          .assignPending(proposal.draftId(), proposal.plan().numbers(), proposal.slot())
          .thenApply(n -> null);
    }
    return run(
        proposal.plan(),
        (listener, cancel) -> assignments.apply(proposal.plan(), listener, cancel));
  }

  /** Sends again every change of the last batch that did not end as done. */
  public CompletableFuture<BatchReport> retryFailed() {
    BatchReport last = batch.report();
    if (last == null || batch.runningProperty().get() || last.allDone()) {
      return CompletableFuture.completedFuture(last);
    }
    AssignmentPlan plan = AssignmentService.retryPlan(last);
    if (plan.isEmpty()) {
      return CompletableFuture.completedFuture(last);
    }
    return run(plan, (listener, cancel) -> assignments.apply(plan, listener, cancel));
  }

  /** Restores every number of the last batch to its previous primary and failover. */
  public CompletableFuture<BatchReport> undo() {
    if (batch.runningProperty().get() || !assignments.canUndo()) {
      return CompletableFuture.completedFuture(null);
    }
    AssignmentPlan plan = assignments.undoPlan().orElseThrow();
    return run(plan, (listener, cancel) -> assignments.undoLast(listener, cancel));
  }

  /**
   * Runs another feature's batch (publishing drafts, moving numbers off a route that is deleted
   * next) in the batch panel; see {@link BatchRunner}.
   */
  public CompletableFuture<BatchReport> runElsewhere(
      String description, List<String> numbers, BatchRunner.Call call) {
    if (batch.runningProperty().get()) {
      return CompletableFuture.failedFuture(
          new IllegalStateException("Wait until the running change has finished."));
    }
    return run(description, numbers, call);
  }

  private record Progress(BatchListener.Phase phase, long done, long total) {}

  private CompletableFuture<BatchReport> run(AssignmentPlan plan, BatchRunner.Call call) {
    return run(plan.description(), plan.numbers(), call);
  }

  private CompletableFuture<BatchReport> run(
      String description, List<String> numbers, BatchRunner.Call call) {
    CancellationToken cancel = new CancellationToken();
    batch.started(description, numbers.size(), cancel);
    account.markPending(numbers, true);
    Activity.Task task = activity.start(description);
    // Progress arrives per request on client threads: keep the newest and hop to the UI once.
    AtomicReference<Progress> latest = new AtomicReference<>();
    BatchListener listener =
        (phase, done, total) -> {
          if (latest.getAndSet(new Progress(phase, done, total)) == null) {
            ui.execute(
                () -> {
                  Progress p = latest.getAndSet(null);
                  batch.progress(p.phase(), p.done(), p.total());
                  task.update(description, p.done(), p.total());
                });
          }
        };
    return call.start(listener, cancel)
        .whenCompleteAsync(
            (report, error) -> {
              task.finish();
              account.markPending(numbers, false);
              if (error != null) {
                LOG.warn("Batch failed: {}", description, error);
                batch.crashed(ErrorMessages.describe(error));
                activity.notify(Activity.Severity.ERROR, ErrorMessages.describe(error));
              } else {
                account.applyRouting(report.serverState());
                // The batch panel shows the result; no toast repeating it.
                batch.finished(report, account::routeLabel);
              }
              canUndo.set(assignments.canUndo());
              undoText.set(assignments.undoDescription().map(d -> "Undo " + d).orElse("Undo"));
            },
            ui);
  }

  /** True when some selected number has a draft pending for one of its slots. */
  public boolean selectionHasDraftPending() {
    return selection.stream().anyMatch(NumberRow::hasDraftPending);
  }

  /** Drops the pending draft assignments of the selected numbers. */
  public CompletableFuture<Integer> dropPendingOfSelection() {
    return drafts.dropPending(selection.stream().map(NumberRow::number).toList());
  }

  /** Routes for pickers, in list order. */
  public ObservableList<RouteRow> routes() {
    return account.routes();
  }

  /** The rows the table shows now, top to bottom: their routing is read first while loading. */
  public void rowsOnScreen(List<NumberRow> onScreen) {
    account.rowsOnScreen(onScreen);
  }

  public AccountState account() {
    return account;
  }
}
