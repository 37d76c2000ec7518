package io.routedesk.ui.newroute;

import atlantafx.base.theme.Styles;
import io.routedesk.domain.RouteType;
import io.routedesk.domain.RouteValues;
import io.routedesk.ui.controls.Icons;
import io.routedesk.ui.controls.WhyDisabled;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableStringValue;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.AccessibleRole;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The new-route / edit-route form, shown as a side panel: it stays usable while a create runs, and
 * messages (hints, live validation, server refusals) sit under the field they concern.
 */
public final class RouteFormView extends VBox {
  private final RouteFormViewModel vm;
  private final Runnable onClose;
  private final TextField value = new TextField();
  private final TextField alias = new TextField();
  private final ToggleGroup types = new ToggleGroup();

  public RouteFormView(RouteFormViewModel vm, Runnable onClose) {
    this.vm = vm;
    this.onClose = onClose;
    getStyleClass().addAll("pane", "route-form");
    setId("route-form");
    setAccessibleRole(AccessibleRole.PARENT);
    setAccessibleText("Route form");
    setSpacing(14);

    Label title = new Label();
    title.textProperty().bind(vm.titleProperty());
    title.getStyleClass().addAll(Styles.TITLE_4, "pane-title");
    title.setId("route-form-title");
    title.setWrapText(true);
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    Button close = new Button(null, Icons.icon(Icons.CLOSE));
    close.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
    close.setAccessibleText("Close the route form");
    close.setId("route-form-close");
    close.setOnAction(e -> onClose.run());
    HBox header = new HBox(8, title, spacer, close);
    header.setAlignment(Pos.CENTER_LEFT);
    header.getStyleClass().add("pane-header");

    VBox body =
        new VBox(
            16,
            typeField(),
            valueField(),
            aliasField(),
            edgeField(),
            formError(),
            keepAsDraft(),
            buttons(),
            status(),
            draftWarning());
    body.getStyleClass().add("form-body");
    getChildren().addAll(header, body);

    // Editing a draft, field messages are warnings: a draft may be unfinished.
    PseudoClass draftMode = PseudoClass.getPseudoClass("draft-mode");
    vm.modeProperty()
        .addListener(
            (o, a, m) ->
                pseudoClassStateChanged(draftMode, m == RouteFormViewModel.Mode.EDIT_DRAFT));

    setOnKeyPressed(
        e -> {
          if (e.getCode() == KeyCode.ESCAPE) {
            onClose.run();
            e.consume();
          }
        });
  }

  private VBox typeField() {
    Label label = new Label("Route type");
    label.getStyleClass().add("field-label");
    HBox group = new HBox();
    List<RouteType> options = vm.typeOptions();
    for (int i = 0; i < options.size(); i++) {
      RouteType t = options.get(i);
      ToggleButton b = new ToggleButton(t.displayName(), Icons.icon(Icons.of(t)));
      b.setUserData(t);
      b.setToggleGroup(types);
      b.setId("type-" + t.wireName());
      b.setAccessibleText("Route type " + t.displayName() + ": " + t.summary());
      b.getStyleClass()
          .add(
              i == 0
                  ? Styles.LEFT_PILL
                  : i == options.size() - 1 ? Styles.RIGHT_PILL : Styles.CENTER_PILL);
      b.setMaxWidth(Double.MAX_VALUE);
      HBox.setHgrow(b, Priority.ALWAYS);
      group.getChildren().add(b);
    }
    // A pressed toggle stays pressed: the type is never "none".
    types
        .selectedToggleProperty()
        .addListener(
            (o, old, now) -> {
              if (now == null) {
                types.selectToggle(old);
              } else {
                vm.typeProperty().set((RouteType) now.getUserData());
              }
            });
    // Like a segmented control: arrows change the type (Tab leaves the group, as for radios).
    group.addEventFilter(
        KeyEvent.KEY_PRESSED,
        e -> {
          int step = e.getCode() == KeyCode.RIGHT ? 1 : e.getCode() == KeyCode.LEFT ? -1 : 0;
          if (step == 0) {
            return;
          }
          int i = options.indexOf(vm.typeProperty().get());
          int next = Math.floorMod(i + step, options.size());
          vm.typeProperty().set(options.get(next));
          group.getChildren().get(next).requestFocus();
          e.consume();
        });
    vm.typeProperty().addListener((o, a, t) -> selectType(t));
    selectType(vm.typeProperty().get());
    group.disableProperty().bind(vm.modeProperty().isEqualTo(RouteFormViewModel.Mode.EDIT));
    label.setLabelFor(group);
    return new VBox(6, label, group);
  }

  private void selectType(RouteType t) {
    types.getToggles().stream()
        .filter(tg -> tg.getUserData() == t)
        .findFirst()
        .ifPresent(types::selectToggle);
  }

  private VBox valueField() {
    Label label = new Label("Value");
    label.getStyleClass().add("field-label");
    label.setLabelFor(value);
    value.setId("route-value");
    value.setAccessibleText("Route value");
    value.textProperty().bindBidirectional(vm.valueProperty());
    value.promptTextProperty().bind(vm.valuePromptProperty());
    Label hint = new Label();
    hint.textProperty().bind(vm.valueHintProperty());
    hint.getStyleClass().add("field-hint");
    hint.setWrapText(true);
    Label error = errorLabel(vm.valueErrorProperty(), "route-value-error");
    value.pseudoClassStateChanged(Styles.STATE_DANGER, false);
    vm.valueErrorProperty()
        .addListener((o, a, b) -> value.pseudoClassStateChanged(Styles.STATE_DANGER, !b.isEmpty()));
    return new VBox(6, label, value, error, hint);
  }

  private VBox aliasField() {
    Label label = new Label("Alias");
    label.getStyleClass().add("field-label");
    label.setLabelFor(alias);
    alias.setId("route-alias");
    alias.setAccessibleText("Route alias, a unique name");
    alias.setPromptText("e.g. pbx-east");
    alias.textProperty().bindBidirectional(vm.aliasProperty());
    Label hint = new Label(RouteValues.ALIAS_HINT);
    hint.getStyleClass().add("field-hint");
    hint.setWrapText(true);
    hint.setMinHeight(Region.USE_PREF_SIZE);
    Label error = errorLabel(vm.aliasErrorProperty(), "route-alias-error");
    vm.aliasErrorProperty()
        .addListener((o, a, b) -> alias.pseudoClassStateChanged(Styles.STATE_DANGER, !b.isEmpty()));
    return new VBox(6, label, alias, error, hint);
  }

  private VBox edgeField() {
    Label label = new Label("Edge strategy");
    label.getStyleClass().add("field-label");
    ComboBox<EdgeOption> edge = new ComboBox<>(vm.edgeOptions());
    edge.setId("route-edge");
    edge.setAccessibleText("Edge strategy");
    edge.valueProperty().bindBidirectional(vm.edgeProperty());
    edge.setMaxWidth(Double.MAX_VALUE);
    label.setLabelFor(edge);
    Label hint = new Label();
    hint.getStyleClass().add("field-hint");
    hint.setWrapText(true);
    hint.textProperty()
        .bind(
            Bindings.createStringBinding(
                () -> {
                  EdgeOption o = vm.edgeProperty().get();
                  if (o == null || o.strategy() == null) {
                    return "Where Flowroute sends calls from. None lets Flowroute choose.";
                  }
                  String d = o.strategy().description();
                  return d == null || d.isBlank() ? o.strategy().label() : d;
                },
                vm.edgeProperty()));
    Label error = errorLabel(vm.edgeErrorProperty(), "route-edge-error");
    return new VBox(6, label, edge, error, hint);
  }

  private Label formError() {
    Label l = errorLabel(vm.formErrorProperty(), "route-form-error");
    l.getStyleClass().add("form-error");
    return l;
  }

  private static Label errorLabel(ObservableStringValue text, String id) {
    Label l = new Label();
    l.setId(id);
    l.textProperty().bind(text);
    l.setWrapText(true);
    l.getStyleClass().add("field-error");
    l.setGraphic(Icons.icon(Icons.ERROR));
    l.visibleProperty().bind(Bindings.isNotEmpty(text));
    l.managedProperty().bind(l.visibleProperty());
    l.setAccessibleRole(AccessibleRole.TEXT);
    return l;
  }

  private FlowPane buttons() {
    Button submit = new Button();
    submit.setId("route-submit");
    submit.textProperty().bind(vm.submitTextProperty());
    submit.getStyleClass().add(Styles.ACCENT);
    submit.setDefaultButton(true);
    submit.disableProperty().bind(vm.canSubmitProperty().not());
    submit.accessibleTextProperty().bind(vm.submitTextProperty());
    submit.setOnAction(e -> vm.submit());
    StackPane submitHolder = WhyDisabled.wrap(submit, vm.submitBlockedProperty());
    submitHolder.setId("route-submit-holder");
    ProgressIndicator busy = new ProgressIndicator();
    busy.setPrefSize(18, 18);
    busy.setAccessibleText("Saving");
    busy.visibleProperty().bind(vm.busyProperty());
    busy.managedProperty().bind(busy.visibleProperty());
    Button draft = new Button(null, Icons.icon(Icons.SAVE));
    draft.setId("route-save-draft");
    draft.textProperty().bind(vm.draftButtonTextProperty());
    draft.accessibleTextProperty().bind(vm.draftButtonTextProperty());
    draft.setTooltip(
        new Tooltip("Keep it on this computer, even unfinished; publish it to Flowroute later"));
    draft.setOnAction(e -> vm.saveDraft());
    // While "Keep as draft" is offered next to the failure, one draft button is enough.
    draft.visibleProperty().bind(vm.canSaveDraftProperty().and(vm.offerDraftProperty().not()));
    draft.managedProperty().bind(draft.visibleProperty());
    draft.disableProperty().bind(vm.busyProperty());
    Button cancel = new Button("Close");
    cancel.setId("route-cancel");
    cancel.setAccessibleText("Close the route form");
    cancel.setOnAction(e -> onClose.run());
    cancel.getStyleClass().add(Styles.FLAT);
    // Buttons keep their whole text: the spinner, or a narrow form, moves the last ones to a
    // second line rather than squeezing them to "Save as d…".
    for (Region r : List.of(submit, submitHolder, draft, cancel)) {
      r.setMinWidth(Region.USE_PREF_SIZE);
    }
    busy.setMinSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
    FlowPane box = new FlowPane(8, 8, submitHolder, busy, draft, cancel);
    box.setId("route-form-buttons");
    box.setAlignment(Pos.CENTER_LEFT);
    return box;
  }

  /** After a create failed because Flowroute could not be reached. */
  private HBox keepAsDraft() {
    Button keep = new Button("Keep as draft", Icons.icon(Icons.SAVE));
    keep.setId("route-keep-draft");
    keep.getStyleClass().add(Styles.ACCENT);
    keep.setAccessibleText("Keep this route as a draft");
    keep.setOnAction(e -> vm.keepAsDraft());
    keep.disableProperty().bind(vm.busyProperty());
    HBox box = new HBox(8, keep);
    box.setAlignment(Pos.CENTER_LEFT);
    box.visibleProperty().bind(vm.offerDraftProperty());
    box.managedProperty().bind(box.visibleProperty());
    return box;
  }

  private Label draftWarning() {
    Label l = new Label();
    l.setId("route-draft-warning");
    l.textProperty().bind(vm.draftWarningProperty());
    l.getStyleClass().add("form-warning");
    l.setGraphic(Icons.icon(Icons.WARNING));
    l.setWrapText(true);
    l.visibleProperty().bind(Bindings.isNotEmpty(vm.draftWarningProperty()));
    l.managedProperty().bind(l.visibleProperty());
    return l;
  }

  private Label status() {
    Label l = new Label();
    l.setId("route-form-status");
    l.textProperty().bind(vm.statusProperty());
    l.getStyleClass().add("form-status");
    l.setWrapText(true);
    l.visibleProperty().bind(Bindings.isNotEmpty(vm.statusProperty()));
    l.managedProperty().bind(l.visibleProperty());
    return l;
  }

  /** Puts the cursor where typing starts ({@link RouteFormViewModel#firstField}). */
  public void focusFirstField() {
    TextField field = vm.firstField() == RouteFormViewModel.Field.ALIAS ? alias : value;
    field.requestFocus();
    field.selectAll();
  }
}
