package io.routedesk.ui.routingfile;

import atlantafx.base.theme.Styles;
import io.routedesk.ui.controls.CutOffText;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The plan review window: summary, filters, one line per change, problem and finding, the selected
 * line's explanation, and Apply with its choices, progress, Cancel and result.
 */
public final class PlanReviewView {
  private final PlanReviewViewModel vm;
  private final Stage stage = new Stage();

  public PlanReviewView(PlanReviewViewModel vm, Window owner) {
    this.vm = vm;
    stage.initOwner(owner);
    stage.setTitle(vm.title());
    stage.setScene(new Scene(layout(), 1040, 660));
    if (owner != null && owner.getScene() != null) {
      stage.getScene().getStylesheets().setAll(owner.getScene().getStylesheets());
    }
    stage.getScene().getAccelerators().put(new KeyCodeCombination(KeyCode.ESCAPE), this::close);
    stage.setOnCloseRequest(
        e -> {
          if (vm.phaseProperty().get() == PlanReviewViewModel.Phase.APPLYING) {
            e.consume(); // the apply keeps running; Cancel stops it
          }
        });
  }

  public Stage stage() {
    return stage;
  }

  public void show() {
    stage.show();
    stage.toFront();
  }

  private void close() {
    if (vm.phaseProperty().get() != PlanReviewViewModel.Phase.APPLYING) {
      stage.close();
    }
  }

  private BorderPane layout() {
    Label summary = new Label(vm.summary());
    summary.setId("plan-summary");
    summary.setWrapText(true);
    summary.getStyleClass().add(Styles.TEXT_BOLD);

    ToggleGroup filters = new ToggleGroup();
    HBox filterBar = new HBox();
    filterBar.setId("plan-filters");
    PlanReviewViewModel.Filter[] all = PlanReviewViewModel.Filter.values();
    for (int i = 0; i < all.length; i++) {
      PlanReviewViewModel.Filter f = all[i];
      ToggleButton b = new ToggleButton();
      b.setId("plan-filter-" + f.name().toLowerCase(java.util.Locale.ROOT));
      b.setToggleGroup(filters);
      b.setUserData(f);
      b.getStyleClass()
          .add(
              i == 0
                  ? Styles.LEFT_PILL
                  : i == all.length - 1 ? Styles.RIGHT_PILL : Styles.CENTER_PILL);
      filterBar.getChildren().add(b);
    }
    filters.selectToggle(filters.getToggles().getFirst());
    filters
        .selectedToggleProperty()
        .addListener(
            (o, was, now) -> {
              if (now == null) {
                filters.selectToggle(was); // one filter is always on
              } else {
                vm.filterProperty().set((PlanReviewViewModel.Filter) now.getUserData());
              }
            });
    Runnable relabel =
        () ->
            filters
                .getToggles()
                .forEach(
                    t ->
                        ((ToggleButton) t)
                            .setText(vm.filterLabel((PlanReviewViewModel.Filter) t.getUserData())));
    relabel.run();
    vm.phaseProperty().addListener((o, was, now) -> relabel.run());
    VBox top = new VBox(8, summary, filterBar);

    TableView<PlanReviewViewModel.Line> table = new TableView<>(vm.visibleLines());
    table.setId("plan-lines");
    table.setPlaceholder(new Label("Nothing here with this filter."));
    table
        .getColumns()
        .setAll(
            column("Row", 50, l -> l.row() > 0 ? Integer.toString(l.row()) : ""),
            column("Type", 80, l -> typeOf(l.kind())),
            column("Number or route", 150, PlanReviewViewModel.Line::subject),
            column("Primary", 170, PlanReviewViewModel.Line::primary),
            column("Failover", 170, PlanReviewViewModel.Line::failover),
            column("What", 250, PlanReviewViewModel.Line::note),
            column("Result", 140, PlanReviewViewModel.Line::result));
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);

    TextArea details = new TextArea();
    details.setId("plan-details");
    details.setEditable(false);
    details.setWrapText(true);
    details.setPromptText("Select a line to see why it matters and how to fix it.");
    table
        .getSelectionModel()
        .selectedItemProperty()
        .addListener(
            (o, was, now) ->
                details.setText(
                    now == null
                        ? ""
                        : String.join(
                            "\n\n",
                            java.util.stream.Stream.of(now.note(), now.details(), now.result())
                                .filter(s -> !s.isBlank())
                                .distinct()
                                .toList())));
    SplitPane split = new SplitPane(table, details);
    split.setOrientation(Orientation.VERTICAL);
    split.setDividerPositions(0.78);

    BorderPane root = new BorderPane(split, top, null, bottom(), null);
    BorderPane.setMargin(top, new Insets(0, 0, 10, 0));
    BorderPane.setMargin(split, new Insets(0, 0, 10, 0));
    root.setPadding(new Insets(14));
    root.setId("plan-review");
    return root;
  }

  private VBox bottom() {
    CheckBox onlyValid =
        new CheckBox("Apply only the valid rows (the rows with errors are left out)");
    onlyValid.setId("plan-only-valid");
    onlyValid.selectedProperty().bindBidirectional(vm.onlyValidProperty());
    onlyValid.setVisible(vm.hasErrors());
    onlyValid.setManaged(vm.hasErrors());
    CheckBox accept =
        new CheckBox(
            "I have read the "
                + io.routedesk.domain.Plural.count(vm.warningCount(), "warning")
                + " and apply anyway");
    accept.setId("plan-accept-warnings");
    accept.selectedProperty().bindBidirectional(vm.acceptWarningsProperty());
    accept.setVisible(vm.warningCount() > 0);
    accept.setManaged(vm.warningCount() > 0);
    onlyValid
        .disableProperty()
        .bind(vm.phaseProperty().isNotEqualTo(PlanReviewViewModel.Phase.REVIEW));
    accept
        .disableProperty()
        .bind(vm.phaseProperty().isNotEqualTo(PlanReviewViewModel.Phase.REVIEW));

    Label why = new Label();
    why.setId("plan-apply-blocked");
    why.getStyleClass().add(Styles.TEXT_MUTED);
    why.setWrapText(true);
    why.textProperty().bind(vm.applyBlockedProperty());
    Label result = new Label();
    result.setId("plan-result");
    result.setWrapText(true);
    result.textProperty().bind(vm.resultTextProperty());
    ProgressBar progress = new ProgressBar();
    progress.setId("plan-progress");
    progress.setPrefWidth(220);
    progress.progressProperty().bind(vm.progressProperty());
    progress
        .visibleProperty()
        .bind(vm.phaseProperty().isEqualTo(PlanReviewViewModel.Phase.APPLYING));
    progress.managedProperty().bind(progress.visibleProperty());

    Button apply = new Button("Apply");
    apply.setId("plan-apply");
    apply.getStyleClass().add(Styles.ACCENT);
    apply.setDefaultButton(true);
    apply.disableProperty().bind(Bindings.isNotEmpty(vm.applyBlockedProperty()));
    apply.setOnAction(e -> vm.apply());
    Button cancel = new Button("Cancel apply");
    cancel.setId("plan-cancel");
    cancel.visibleProperty().bind(vm.phaseProperty().isEqualTo(PlanReviewViewModel.Phase.APPLYING));
    cancel.managedProperty().bind(cancel.visibleProperty());
    cancel.setOnAction(e -> vm.cancel());
    Button close = new Button("Close");
    close.setId("plan-close");
    close.setCancelButton(true);
    close.disableProperty().bind(cancel.visibleProperty());
    close.setOnAction(e -> close());
    Region gap = new Region();
    HBox.setHgrow(gap, Priority.ALWAYS);
    HBox.setHgrow(result, Priority.SOMETIMES);
    HBox buttons = new HBox(8, progress, result, gap, cancel, apply, close);
    buttons.setAlignment(Pos.CENTER_LEFT);
    return new VBox(6, onlyValid, accept, why, buttons);
  }

  private static String typeOf(PlanReviewViewModel.Kind kind) {
    return switch (kind) {
      case ROUTE_CHANGE, NUMBER_CHANGE -> "Change";
      case FILE_ERROR, LINT_ERROR -> "Error";
      case LINT_WARNING -> "Warning";
      case NOTICE -> "Notice";
    };
  }

  private static <T> TableColumn<T, String> column(
      String title, double width, Function<T, String> value) {
    TableColumn<T, String> c = new TableColumn<>(title);
    c.setPrefWidth(width);
    c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
    c.setCellFactory(
        col -> {
          TableCell<T, String> cell =
              new TableCell<>() {
                @Override
                protected void updateItem(String text, boolean empty) {
                  super.updateItem(text, empty);
                  setText(empty ? null : text);
                  // The theme's own colours, so light and dark both read well.
                  setStyle(
                      empty
                          ? null
                          : "Error".equals(text)
                              ? "-fx-text-fill: -color-danger-fg;"
                              : "Warning".equals(text)
                                  ? "-fx-text-fill: -color-warning-fg;"
                                  : null);
                }
              };
          CutOffText.showFullTextOnHover(cell, cell);
          return cell;
        });
    return c;
  }
}
