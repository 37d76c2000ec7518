package io.routedesk.ui.newroute;

import io.routedesk.domain.EdgeStrategy;
import io.routedesk.domain.NewRoute;
import io.routedesk.domain.Route;
import io.routedesk.domain.RouteType;
import io.routedesk.domain.RouteValues;
import io.routedesk.domain.Validation;
import io.routedesk.flowroute.FlowrouteException;
import io.routedesk.service.RouteService;
import io.routedesk.ui.common.AccountState;
import io.routedesk.ui.common.Activity;
import io.routedesk.ui.common.ErrorMessages;
import io.routedesk.ui.common.RouteRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
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
 * The new-route / edit-route form: type, value with a per-type hint and live validation, a unique
 * alias, an edge strategy. Creating runs in the background; a refusal from Flowroute is shown next
 * to the field it concerns.
 */
public final class RouteFormViewModel {
  private static final Logger LOG = LoggerFactory.getLogger(RouteFormViewModel.class);

  public enum Mode {
    CREATE,
    EDIT
  }

  /** The field a message belongs to. */
  public enum Field {
    TYPE,
    VALUE,
    ALIAS,
    EDGE,
    FORM
  }

  /**
   * Extension point for "Save as draft" (the drafts feature plugs in here): keeps the form's route
   * locally instead of sending it. When none is given the form has no draft button.
   */
  @FunctionalInterface
  public interface DraftSaver {
    CompletableFuture<Void> saveDraft(NewRoute draft);
  }

  private final AccountState account;
  private final RouteService routes;
  private final Activity activity;
  private final Executor ui;
  private final DraftSaver draftSaver;

  private final ObjectProperty<Mode> mode = new SimpleObjectProperty<>(Mode.CREATE);
  private final ObjectProperty<Route> editing = new SimpleObjectProperty<>();
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
  private final StringBinding title;
  private final StringBinding submitText;
  private Consumer<Route> onSaved = r -> {};

  public RouteFormViewModel(
      AccountState account,
      RouteService routes,
      Activity activity,
      Executor ui,
      DraftSaver draftSaver) {
    this.account = account;
    this.routes = routes;
    this.activity = activity;
    this.ui = ui;
    this.draftSaver = draftSaver;

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
              Validation v = RouteValues.validate(type.get(), value.get());
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
            editing);
    valid =
        Bindings.createBooleanBinding(
            () ->
                RouteValues.validate(type.get(), value.get()).valid()
                    && aliasProblem(alias.get()).isEmpty(),
            type,
            value,
            alias,
            account.routes(),
            editing);
    canSubmit = busy.not();
    title =
        Bindings.createStringBinding(
            () ->
                mode.get() == Mode.CREATE
                    ? "New route"
                    : "Edit route “" + (editing.get() == null ? "" : editing.get().label()) + "”",
            mode,
            editing);
    submitText =
        Bindings.createStringBinding(
            () -> mode.get() == Mode.CREATE ? "Create route" : "Save changes", mode);

    // A server message is about the value the server saw: drop it once the field changes.
    value.addListener((o, a, b) -> valueServerError.set(""));
    type.addListener((o, a, b) -> valueServerError.set(""));
    alias.addListener((o, a, b) -> aliasServerError.set(""));
    edge.addListener((o, a, b) -> edgeServerError.set(""));
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
      if (java.util.Objects.equals(o.id(), id)) {
        edge.set(o);
        return;
      }
    }
    // An id the API no longer lists: keep it selectable so editing does not silently drop it.
    if (id != null) {
      EdgeOption unknown =
          new EdgeOption(new io.routedesk.domain.EdgeStrategy(id, null, "", "", ""));
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
    String a = text.strip().toLowerCase(Locale.ROOT);
    Route self = editing.get();
    for (RouteRow r : account.routes()) {
      if (self != null && r.id().equals(self.id())) {
        continue;
      }
      String other = r.route().alias();
      if (other != null && other.strip().toLowerCase(Locale.ROOT).equals(a)) {
        return "Another route is already called “" + other.strip() + "”. Aliases must be unique.";
      }
    }
    return "";
  }

  // ---- commands -----------------------------------------------------------------------------

  /** Clears the form for a new route; keeps the chosen type (people create several alike). */
  public void startCreate() {
    mode.set(Mode.CREATE);
    editing.set(null);
    clearFields();
  }

  public void startEdit(Route route) {
    if (route.isSystemRoute()) {
      throw new IllegalArgumentException("The sip-reg route cannot be edited.");
    }
    editing.set(route);
    mode.set(Mode.EDIT);
    type.set(route.type());
    value.set(route.value() == null ? "" : route.value());
    alias.set(route.alias() == null ? "" : route.alias());
    selectEdge(route.edgeStrategyId());
    submitAttempted.set(false);
    clearMessages();
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
  }

  /** The route the form describes now. */
  public NewRoute toNewRoute() {
    return new NewRoute(
        type.get(),
        value.get().strip(),
        alias.get().strip(),
        edge.get() == null ? null : edge.get().id());
  }

  /**
   * Creates (or saves) the route in the background. Invalid input is not sent: the errors appear
   * next to their fields and the future fails with the first message.
   */
  public CompletableFuture<Route> submit() {
    submitAttempted.set(true);
    formError.set("");
    if (busy.get()) {
      return CompletableFuture.failedFuture(new IllegalStateException("Already saving."));
    }
    if (!valid.get()) {
      String first = !valueError.get().isEmpty() ? valueError.get() : aliasError.get();
      return CompletableFuture.failedFuture(new IllegalArgumentException(first));
    }
    NewRoute route = toNewRoute();
    Mode m = mode.get();
    Route before = editing.get();
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
            showRefusal(error);
            return;
          }
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

  public boolean canSaveDraft() {
    return draftSaver != null;
  }

  /** Keeps the form's route as a local draft (only when a {@link DraftSaver} was given). */
  public CompletableFuture<Void> saveDraft() {
    if (draftSaver == null) {
      return CompletableFuture.failedFuture(new IllegalStateException("Drafts are not available."));
    }
    NewRoute draft = toNewRoute();
    return draftSaver
        .saveDraft(draft)
        .whenCompleteAsync(
            (v, e) -> {
              if (e != null) {
                formError.set("The draft was not saved: " + ErrorMessages.describe(e));
              } else {
                status.set("Saved “" + draft.alias() + "” as a draft.");
              }
            },
            ui);
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
