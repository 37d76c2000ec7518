package io.routedesk.ui.newroute;

import io.routedesk.domain.Draft;
import io.routedesk.domain.DraftState;
import io.routedesk.domain.EdgeStrategy;
import io.routedesk.domain.NewRoute;
import io.routedesk.domain.Route;
import io.routedesk.domain.RouteType;
import io.routedesk.domain.RouteValues;
import io.routedesk.domain.Validation;
import io.routedesk.flowroute.FlowrouteException;
import io.routedesk.service.PublishOutcome;
import io.routedesk.service.PublishResult;
import io.routedesk.service.RouteService;
import io.routedesk.ui.model.AccountState;
import io.routedesk.ui.model.Activity;
import io.routedesk.ui.model.DraftActions;
import io.routedesk.ui.model.RouteRow;
import io.routedesk.ui.text.ErrorMessages;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.InvalidationListener;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The new-route / edit-route / edit-draft form: type, value with a per-type hint and live
 * validation, a unique alias, an edge strategy. Creating runs in the background; a refusal from
 * Flowroute is shown next to the field it concerns.
 *
 * <p>Drafts: "Save as draft" works at any time and offline. A draft may be incomplete: validation
 * messages stay visible as warnings, and only an entirely empty form is refused. Publishing (the
 * main button in edit-draft mode) validates again like Create. When a create fails because
 * Flowroute cannot be reached, the form offers to keep what was typed as a draft.
 */
public final class RouteFormViewModel {
  private static final Logger LOG = LoggerFactory.getLogger(RouteFormViewModel.class);

  public enum Mode {
    CREATE,
    EDIT,
    /** Editing a draft saved on this computer; the main button publishes it. */
    EDIT_DRAFT
  }

  /** The field a message belongs to. */
  public enum Field {
    TYPE,
    VALUE,
    ALIAS,
    EDGE,
    FORM
  }

  private final AccountState account;
  private final RouteService routes;
  private final Activity activity;
  private final Executor ui;
  private final DraftActions drafts;

  private final ObjectProperty<Mode> mode = new SimpleObjectProperty<>(Mode.CREATE);
  private final ObjectProperty<Route> editing = new SimpleObjectProperty<>();
  private final ObjectProperty<Draft> editingDraft = new SimpleObjectProperty<>();
  private final BooleanProperty offerDraft = new SimpleBooleanProperty();
  private final StringProperty draftWarning = new SimpleStringProperty("");
  private final ObjectProperty<RouteType> type = new SimpleObjectProperty<>(RouteType.HOST);
  private final StringProperty value = new SimpleStringProperty("");
  private final StringProperty alias = new SimpleStringProperty("");
  private final ObjectProperty<EdgeOption> edge = new SimpleObjectProperty<>(EdgeOption.NONE);
  private final ObservableList<EdgeOption> edgeOptions = FXCollections.observableArrayList();
  private final BooleanProperty submitAttempted = new SimpleBooleanProperty();
  private final BooleanProperty busy = new SimpleBooleanProperty();
  private final StringProperty valueServerError = new SimpleStringProperty("");
  private final StringProperty aliasServerError = new SimpleStringProperty("");
  private final StringProperty edgeServerError = new SimpleStringProperty("");
  private final StringProperty formError = new SimpleStringProperty("");
  private final StringProperty status = new SimpleStringProperty("");

  private final StringBinding valueError;
  private final StringBinding aliasError;
  private final StringBinding valueHint;
  private final StringBinding valuePrompt;
  private final BooleanBinding valid;
  private final BooleanBinding canSubmit;
  private final StringBinding submitBlocked;
  private final BooleanBinding canSaveDraft;
  private final StringBinding title;
  private final StringBinding submitText;
  private final StringBinding draftButtonText;
  private Consumer<Route> onSaved = r -> {};
  private Consumer<Draft> onDraftSaved = d -> {};

  public RouteFormViewModel(
      AccountState account,
      RouteService routes,
      Activity activity,
      Executor ui,
      DraftActions drafts) {
    this.account = account;
    this.routes = routes;
    this.activity = activity;
    this.ui = ui;
    this.drafts = Objects.requireNonNull(drafts, "drafts");

    valueHint = Bindings.createStringBinding(() -> RouteValues.hint(type.get()), type);
    valuePrompt = Bindings.createStringBinding(() -> RouteValues.example(type.get()), type);
    valueError =
        Bindings.createStringBinding(
            () -> {
              if (!valueServerError.get().isEmpty()) {
                return valueServerError.get();
              }
              if (value.get().isBlank() && !submitAttempted.get()) {
                return "";
              }
              Validation v = RouteValues.validate(type.get(), typedValue());
              return v.valid() ? "" : v.message();
            },
            type,
            value,
            submitAttempted,
            valueServerError);
    aliasError =
        Bindings.createStringBinding(
            () -> {
              if (!aliasServerError.get().isEmpty()) {
                return aliasServerError.get();
              }
              if (alias.get().isBlank() && !submitAttempted.get()) {
                return "";
              }
              return aliasProblem(alias.get());
            },
            alias,
            submitAttempted,
            aliasServerError,
            account.routes(),
            editing,
            editingDraft);
    valid =
        Bindings.createBooleanBinding(
            () ->
                RouteValues.validate(type.get(), typedValue()).valid()
                    && aliasProblem(alias.get()).isEmpty(),
            type,
            value,
            alias,
            account.routes(),
            editing,
            editingDraft);
    submitBlocked =
        Bindings.createStringBinding(
            () -> {
              if (!account.isOffline()) {
                return "";
              }
              return switch (mode.get()) {
                case CREATE ->
                    "Offline: Flowroute cannot be reached, so the route cannot be created now."
                        + " Save it as a draft instead; publish it when back online.";
                case EDIT ->
                    "Offline: changes to a route need Flowroute. Try again when back online.";
                case EDIT_DRAFT ->
                    "Offline: the draft can be published once Flowroute can be reached. Save"
                        + " the draft meanwhile.";
              };
            },
            mode,
            account.offlineProperty());
    canSubmit = busy.not().and(submitBlocked.isEmpty());
    canSaveDraft = Bindings.createBooleanBinding(() -> mode.get() != Mode.EDIT, mode);
    title =
        Bindings.createStringBinding(
            () ->
                switch (mode.get()) {
                  case CREATE -> "New route";
                  case EDIT ->
                      "Edit route “" + (editing.get() == null ? "" : editing.get().label()) + "”";
                  case EDIT_DRAFT ->
                      "Edit draft “"
                          + (editingDraft.get() == null ? "" : editingDraft.get().label())
                          + "”";
                },
            mode,
            editing,
            editingDraft);
    submitText =
        Bindings.createStringBinding(
            () ->
                switch (mode.get()) {
                  case CREATE -> "Create route";
                  case EDIT -> "Save changes";
                  case EDIT_DRAFT -> "Publish";
                },
            mode);
    draftButtonText =
        Bindings.createStringBinding(
            () -> mode.get() == Mode.EDIT_DRAFT ? "Save draft" : "Save as draft", mode);

    // A server message is about the value the server saw: drop it once the field changes.
    value.addListener((o, a, b) -> valueServerError.set(""));
    type.addListener((o, a, b) -> valueServerError.set(""));
    alias.addListener((o, a, b) -> aliasServerError.set(""));
    edge.addListener((o, a, b) -> edgeServerError.set(""));
    // Typing again makes the earlier draft warning stale; the live validation takes over. The
    // reason a draft's last publish failed was about the old content too (saving clears it).
    InvalidationListener edited =
        o -> {
          draftWarning.set("");
          if (mode.get() == Mode.EDIT_DRAFT && !busy.get()) {
            formError.set("");
          }
        };
    value.addListener(edited);
    alias.addListener(edited);
    type.addListener(edited);
    account
        .edgeStrategies()
        .addListener((ListChangeListener<EdgeStrategy>) c -> rebuildEdgeOptions());
    rebuildEdgeOptions();
  }

  private void rebuildEdgeOptions() {
    Integer current = edge.get() == null ? null : edge.get().id();
    List<EdgeOption> list = new ArrayList<>();
    list.add(EdgeOption.NONE);
    for (EdgeStrategy e : account.edgeStrategies()) {
      list.add(new EdgeOption(e));
    }
    edgeOptions.setAll(list);
    selectEdge(current);
  }

  private void selectEdge(Integer id) {
    for (EdgeOption o : edgeOptions) {
      if (Objects.equals(o.id(), id)) {
        edge.set(o);
        return;
      }
    }
    // An id the API no longer lists: keep it selectable so editing does not silently drop it.
    if (id != null) {
      EdgeOption unknown = new EdgeOption(new EdgeStrategy(id, null, "", "", ""));
      edgeOptions.add(unknown);
      edge.set(unknown);
    } else {
      edge.set(EdgeOption.NONE);
    }
  }

  private String aliasProblem(String text) {
    Validation v = RouteValues.validateAlias(text);
    if (!v.valid()) {
      return v.message();
    }
    String selfId =
        editing.get() != null
            ? editing.get().id()
            : editingDraft.get() != null ? RouteRow.draftRowId(editingDraft.get().id()) : null;
    for (RouteRow r : account.routes()) {
      if (r.id().equals(selfId) || isPublishedDraft(r)) {
        continue;
      }
      String other = r.route().alias();
      if (RouteValues.sameAlias(other, text)) {
        return r.isDraft()
            ? "A draft is already called “" + other.strip() + "”. Aliases must be unique."
            : "Another route is already called “" + other.strip() + "”. Aliases must be unique.";
      }
    }
    return "";
  }

  private static boolean isPublishedDraft(RouteRow r) {
    // Its route is listed too; the draft only waits for assignments.
    return r.isDraft() && r.draft().state() == DraftState.PUBLISHED;
  }

  // ---- commands -----------------------------------------------------------------------------

  /** Clears the form for a new route; keeps the chosen type (people create several alike). */
  public void startCreate() {
    mode.set(Mode.CREATE);
    editing.set(null);
    editingDraft.set(null);
    clearFields();
  }

  /**
   * A new route like {@code route}: its type, value and edge strategy, and its alias with "-copy"
   * (Flowroute keeps aliases apart only by the user's care; the copy's should differ).
   */
  public void startDuplicate(Route route) {
    startCreate();
    type.set(route.type());
    value.set(route.value() == null ? "" : route.value());
    alias.set(route.alias() == null || route.alias().isBlank() ? "" : route.alias() + "-copy");
    selectEdge(route.edgeStrategyId());
  }

  public void startEdit(Route route) {
    if (route.isSystemRoute()) {
      throw new IllegalArgumentException("The sip-reg route cannot be edited.");
    }
    editing.set(route);
    editingDraft.set(null);
    mode.set(Mode.EDIT);
    type.set(route.type());
    value.set(route.value() == null ? "" : route.value());
    alias.set(route.alias() == null ? "" : route.alias());
    selectEdge(route.edgeStrategyId());
    submitAttempted.set(false);
    clearMessages();
  }

  /** Opens a draft for editing; the reason its last publish failed (if any) is shown. */
  public void startEditDraft(Draft draft) {
    if (!draft.state().isEditable()) {
      throw new IllegalArgumentException(
          "This draft is being published (or already is) and cannot be edited.");
    }
    editing.set(null);
    editingDraft.set(draft);
    mode.set(Mode.EDIT_DRAFT);
    type.set(draft.type());
    value.set(draft.value() == null ? "" : draft.value());
    alias.set(draft.alias() == null ? "" : draft.alias());
    selectEdge(draft.edgeStrategyId());
    submitAttempted.set(false);
    clearMessages();
    if (draft.lastError() != null) {
      formError.set("Not published: " + draft.lastError());
    }
  }

  private void clearFields() {
    value.set("");
    alias.set("");
    edge.set(EdgeOption.NONE);
    submitAttempted.set(false);
    clearMessages();
  }

  private void clearMessages() {
    valueServerError.set("");
    aliasServerError.set("");
    edgeServerError.set("");
    formError.set("");
    status.set("");
    draftWarning.set("");
    offerDraft.set(false);
  }

  /**
   * The value as it is sent: typed forms the app displays (e.g. "+1 (206) 555-1234") normalised.
   */
  private String typedValue() {
    return RouteValues.normalize(type.get(), value.get());
  }

  /**
   * Where typing starts: the value for a new route (the type is already chosen: typing on the type
   * buttons went nowhere), also after a create, when the next route starts; the alias when editing,
   * the value being fixed by then.
   */
  public Field firstField() {
    return mode.get() == Mode.EDIT ? Field.ALIAS : Field.VALUE;
  }

  /** The route the form describes now. */
  public NewRoute toNewRoute() {
    return new NewRoute(
        type.get(), typedValue(), alias.get().strip(), edge.get() == null ? null : edge.get().id());
  }

  /**
   * Creates (or saves) the route in the background. Invalid input is not sent: the errors appear
   * next to their fields and the future fails with the first message.
   */
  public CompletableFuture<Route> submit() {
    submitAttempted.set(true);
    formError.set("");
    // "Created “x”." is about the previous route: it must not stand under this one's errors.
    status.set("");
    if (busy.get()) {
      return CompletableFuture.failedFuture(new IllegalStateException("Already saving."));
    }
    if (!valid.get()) {
      String first = !valueError.get().isEmpty() ? valueError.get() : aliasError.get();
      return CompletableFuture.failedFuture(new IllegalArgumentException(first));
    }
    if (!submitBlocked.get().isEmpty()) {
      formError.set(submitBlocked.get());
      return CompletableFuture.failedFuture(new IllegalStateException(submitBlocked.get()));
    }
    NewRoute route = toNewRoute();
    Mode m = mode.get();
    if (m == Mode.EDIT_DRAFT) {
      return publishDraft(route);
    }
    Route before = editing.get();
    offerDraft.set(false);
    busy.set(true);
    status.set(m == Mode.CREATE ? "Creating “" + route.alias() + "”…" : "Saving…");
    Activity.Task task =
        activity.start(
            (m == Mode.CREATE ? "Creating route " : "Saving route ") + route.alias() + "…");
    CompletableFuture<Route> call =
        m == Mode.CREATE ? routes.create(route) : routes.update(before, route);
    return call.whenCompleteAsync(
        (saved, error) -> {
          task.finish();
          busy.set(false);
          if (error != null) {
            status.set("");
            account.reportFailure(error);
            if (m == Mode.CREATE && ErrorMessages.isOffline(error)) {
              // Nothing typed is lost: offer to keep it locally.
              offerDraft.set(true);
              formError.set(
                  "Flowroute could not be reached, so “"
                      + route.alias()
                      + "” was not created. Keep it as a draft? Everything you typed stays,"
                      + " and you can publish it when back online.");
              return;
            }
            showRefusal(error);
            return;
          }
          account.reportReachable();
          account.routeSaved(saved);
          activity.notify(
              Activity.Severity.SUCCESS,
              (m == Mode.CREATE ? "Created route “" : "Saved route “") + saved.label() + "”.");
          boolean untouched = route.equals(toNewRoute());
          if (m == Mode.CREATE) {
            if (untouched) {
              // Edits typed while the request ran are kept; an untouched form is cleared.
              clearFields();
            }
            status.set("Created “" + saved.label() + "”.");
          } else {
            editing.set(saved);
            status.set("Saved.");
          }
          onSaved.accept(saved);
        },
        ui);
  }

  /** Puts Flowroute's refusal next to the field it is about. */
  private void showRefusal(Throwable error) {
    String message = ErrorMessages.describe(error);
    LOG.info("Route refused: {}", message);
    switch (fieldOf(error)) {
      case VALUE -> valueServerError.set(message);
      case ALIAS -> aliasServerError.set(message);
      case EDGE -> edgeServerError.set(message);
      default -> formError.set(message);
    }
  }

  /** Which field a server refusal concerns, from Flowroute's status, title and detail. */
  static Field fieldOf(Throwable error) {
    FlowrouteException fe = FlowrouteException.unwrap(error);
    if (fe == null) {
      return Field.FORM;
    }
    String text =
        ((fe.title() == null ? "" : fe.title()) + " " + (fe.detail() == null ? "" : fe.detail()))
            .toLowerCase(Locale.ROOT);
    if (text.contains("alias")) {
      return Field.ALIAS;
    }
    if (text.contains("edge")) {
      return Field.EDGE;
    }
    if (text.contains("value")
        || text.contains("host")
        || text.contains("uri")
        || text.contains("number")
        || text.contains("port")) {
      return Field.VALUE;
    }
    if (text.contains("route_type") || text.contains("route type")) {
      return Field.TYPE;
    }
    if (fe.kind() == FlowrouteException.Kind.INVALID) {
      return Field.VALUE;
    }
    if (fe.kind() == FlowrouteException.Kind.FORBIDDEN
        && (text.contains("exist") || text.contains("duplicate") || text.contains("already"))) {
      return Field.ALIAS;
    }
    return Field.FORM;
  }

  /** Publishes the draft being edited: saved first, validated again, then created. */
  private CompletableFuture<Route> publishDraft(NewRoute route) {
    Draft draft = editingDraft.get();
    busy.set(true);
    status.set("Publishing “" + route.alias() + "”…");
    CompletableFuture<Route> result = new CompletableFuture<>();
    drafts
        .updateDraft(draft.id(), route)
        .thenCompose(saved -> drafts.publish(List.of(saved.id())))
        .whenCompleteAsync(
            (results, error) -> {
              busy.set(false);
              status.set("");
              if (error != null) {
                formError.set("Not published: " + ErrorMessages.describe(error));
                result.completeExceptionally(ErrorMessages.unwrap(error));
                return;
              }
              PublishResult r = results.getFirst();
              if (r.draft() != null) {
                editingDraft.set(r.draft());
              }
              if (!r.outcome().isPublished() || r.draft() == null) {
                if (r.outcome() == PublishOutcome.ALIAS_CONFLICT) {
                  aliasServerError.set(r.message());
                } else {
                  formError.set("Not published: " + r.message());
                }
                result.completeExceptionally(new IllegalStateException(r.message()));
                return;
              }
              Draft done = r.draft();
              Route published = done.asRoute(done.serverRouteId());
              status.set("Published “" + published.label() + "”.");
              onSaved.accept(published);
              result.complete(published);
            },
            ui);
    return result;
  }

  /** True when the form can keep its route as a draft (not when editing a route). */
  public boolean canSaveDraft() {
    return canSaveDraft.get();
  }

  public BooleanBinding canSaveDraftProperty() {
    return canSaveDraft;
  }

  /**
   * Keeps the form's route as a draft on this computer (no network needed): a new draft in create
   * mode (the form then edits that draft, so saving again does not make a second one), or the draft
   * being edited. Incomplete input is allowed; what publishing will need is shown as a warning. The
   * future completes after the draft is on disk.
   */
  public CompletableFuture<Draft> saveDraft() {
    if (mode.get() == Mode.EDIT) {
      return CompletableFuture.failedFuture(
          new IllegalStateException("A route being edited cannot be kept as a draft."));
    }
    if (busy.get()) {
      return CompletableFuture.failedFuture(new IllegalStateException("Already saving."));
    }
    NewRoute draft = toNewRoute();
    if (draft.value().isEmpty() && draft.alias().isEmpty()) {
      String why = "Type a value or an alias first: an empty draft would be hard to find later.";
      formError.set(why);
      return CompletableFuture.failedFuture(new IllegalArgumentException(why));
    }
    Draft current = editingDraft.get();
    busy.set(true);
    CompletableFuture<Draft> call =
        mode.get() == Mode.EDIT_DRAFT && current != null
            ? drafts.updateDraft(current.id(), draft)
            : drafts.createDraft(draft);
    return call.whenCompleteAsync(
        (saved, e) -> {
          busy.set(false);
          if (e != null) {
            formError.set("The draft was not saved: " + ErrorMessages.describe(e));
            return;
          }
          offerDraft.set(false);
          formError.set("");
          editing.set(null);
          editingDraft.set(saved);
          mode.set(Mode.EDIT_DRAFT);
          status.set("Saved “" + saved.label() + "” as a draft on this computer.");
          // Said once: next to its field when that shows it, else here.
          draftWarning.set(
              valueError.get().isEmpty() && aliasError.get().isEmpty()
                  ? publishProblem(draft)
                  : "");
          onDraftSaved.accept(saved);
        },
        ui);
  }

  /** What publishing would refuse, as a warning ("" when the draft is ready). */
  private String publishProblem(NewRoute r) {
    Validation v = RouteValues.validate(r.type(), r.value());
    String problem = !v.valid() ? v.message() : aliasProblem(r.alias());
    return problem.isEmpty() ? "" : "Before it can be published: " + problem;
  }

  /** After a create failed offline: keep what was typed as a draft. */
  public CompletableFuture<Draft> keepAsDraft() {
    return saveDraft();
  }

  public void setOnDraftSaved(Consumer<Draft> onDraftSaved) {
    this.onDraftSaved = onDraftSaved;
  }

  public void setOnSaved(Consumer<Route> onSaved) {
    this.onSaved = onSaved;
  }

  // ---- properties ---------------------------------------------------------------------------

  public ReadOnlyObjectProperty<Mode> modeProperty() {
    return mode;
  }

  public ReadOnlyObjectProperty<Route> editingProperty() {
    return editing;
  }

  /** The draft being edited (edit-draft mode), else null. */
  public ReadOnlyObjectProperty<Draft> editingDraftProperty() {
    return editingDraft;
  }

  /** True after a create failed because Flowroute could not be reached: offer "Keep as draft". */
  public ReadOnlyBooleanProperty offerDraftProperty() {
    return offerDraft;
  }

  /** What a saved draft still needs before it can be published ("" when nothing). */
  public ReadOnlyStringProperty draftWarningProperty() {
    return draftWarning;
  }

  /** Why the main button is disabled now ("" when it is not), for its tooltip. */
  public StringBinding submitBlockedProperty() {
    return submitBlocked;
  }

  public StringBinding draftButtonTextProperty() {
    return draftButtonText;
  }

  public ObjectProperty<RouteType> typeProperty() {
    return type;
  }

  public List<RouteType> typeOptions() {
    return List.of(RouteType.HOST, RouteType.NUMBER, RouteType.URI);
  }

  public StringProperty valueProperty() {
    return value;
  }

  public StringProperty aliasProperty() {
    return alias;
  }

  public ObjectProperty<EdgeOption> edgeProperty() {
    return edge;
  }

  public ObservableList<EdgeOption> edgeOptions() {
    return edgeOptions;
  }

  public StringBinding valueErrorProperty() {
    return valueError;
  }

  public StringBinding aliasErrorProperty() {
    return aliasError;
  }

  public ReadOnlyStringProperty edgeErrorProperty() {
    return edgeServerError;
  }

  public ReadOnlyStringProperty formErrorProperty() {
    return formError;
  }

  /** "Creating “x”…", "Created “x”." */
  public ReadOnlyStringProperty statusProperty() {
    return status;
  }

  public StringBinding valueHintProperty() {
    return valueHint;
  }

  public StringBinding valuePromptProperty() {
    return valuePrompt;
  }

  public ReadOnlyBooleanProperty busyProperty() {
    return busy;
  }

  public BooleanBinding canSubmitProperty() {
    return canSubmit;
  }

  public BooleanBinding validProperty() {
    return valid;
  }

  public StringBinding titleProperty() {
    return title;
  }

  public StringBinding submitTextProperty() {
    return submitText;
  }
}
