package io.routedesk.ui.routingfile;

import atlantafx.base.theme.Styles;
import io.routedesk.service.plan.LintRule;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
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
 * The Account check window: the rules with findings (left), the selected rule's why and how to fix,
 * its findings, and its fix action (right).
 */
public final class AccountCheckView {
  private final AccountCheckViewModel vm;
  private final Stage stage = new Stage();
  private TableView<AccountCheckViewModel.Item> items;

  public AccountCheckView(AccountCheckViewModel vm, Window owner) {
    this.vm = vm;
    stage.initOwner(owner);
    stage.setTitle("Account check");
    stage.setScene(new Scene(layout(), 1040, 620));
    if (owner != null && owner.getScene() != null) {
      stage.getScene().getStylesheets().setAll(owner.getScene().getStylesheets());
    }
    stage.getScene().getAccelerators().put(new KeyCodeCombination(KeyCode.ESCAPE), stage::close);
    stage.setOnHidden(e -> vm.watch(false));
  }

  public Stage stage() {
    return stage;
  }

  /** Checks the account again and shows (or brings to the front) the window. */
  public void show() {
    vm.watch(true);
    stage.show();
    stage.toFront();
  }

  private BorderPane layout() {
    Label summary = new Label();
    summary.setId("check-summary");
    summary.setWrapText(true);
    summary.getStyleClass().add(Styles.TEXT_BOLD);
    summary.textProperty().bind(vm.summaryProperty());

    ListView<AccountCheckViewModel.Group> rules = new ListView<>(vm.groups());
    rules.setId("check-rules");
    rules.setPlaceholder(new Label("Nothing to report: the routing passes every check."));
    rules.setCellFactory(
        l ->
            new ListCell<>() {
              @Override
              protected void updateItem(AccountCheckViewModel.Group g, boolean empty) {
                super.updateItem(g, empty);
                getStyleClass().remove(Styles.DANGER);
                setWrapText(true);
                // Wraps to the list's width instead of widening the cell past it.
                setPrefWidth(0);
                if (empty || g == null) {
                  setText(null);
                } else {
                  setText(g.heading());
                  if (g.rule().severity() == LintRule.Severity.ERROR) {
                    getStyleClass().add(Styles.DANGER);
                  }
                }
              }
            });
    rules
        .getSelectionModel()
        .selectedItemProperty()
        .addListener(
            (o, was, now) -> {
              if (now != null) {
                vm.selectedProperty().set(now);
              }
            });
    vm.selectedProperty()
        .addListener(
            (o, was, now) -> {
              if (now != rules.getSelectionModel().getSelectedItem()) {
                rules.getSelectionModel().select(now);
              }
            });
    // A new check replaces the groups (and the list's selection with them): keep the rule shown.
    vm.groups()
        .addListener(
            (ListChangeListener<AccountCheckViewModel.Group>)
                c -> rules.getSelectionModel().select(vm.selectedProperty().get()));
    rules.setPrefWidth(340);
    SplitPane split = new SplitPane(rules, details());
    split.setDividerPositions(0.34);

    Region gap = new Region();
    HBox.setHgrow(gap, Priority.ALWAYS);
    Button again = new Button("Check again");
    again.setId("check-again");
    again.setOnAction(e -> vm.check());
    Button close = new Button("Close");
    close.setCancelButton(true);
    close.setOnAction(e -> stage.close());
    HBox bottom = new HBox(8, gap, again, close);
    bottom.setAlignment(Pos.CENTER_LEFT);

    BorderPane root = new BorderPane(split, summary, null, bottom, null);
    BorderPane.setMargin(summary, new Insets(0, 0, 10, 0));
    BorderPane.setMargin(bottom, new Insets(10, 0, 0, 0));
    root.setPadding(new Insets(14));
    root.setId("account-check");
    return root;
  }

  private VBox details() {
    Label explanation = new Label();
    explanation.setId("check-explanation");
    explanation.setWrapText(true);
    explanation.setMinHeight(Region.USE_PREF_SIZE);
    explanation
        .textProperty()
        .bind(
            Bindings.createStringBinding(
                () ->
                    vm.selectedProperty().get() == null
                        ? ""
                        : vm.selectedProperty().get().explanation(),
                vm.selectedProperty()));

    items = new TableView<>();
    items.setId("check-findings");
    items.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
    items.setPlaceholder(new Label("Select a rule to see its findings."));
    TableColumn<AccountCheckViewModel.Item, String> subject = new TableColumn<>("Number or route");
    subject.setPrefWidth(170);
    subject.setCellValueFactory(d -> new ReadOnlyStringWrapper(d.getValue().subject()));
    TableColumn<AccountCheckViewModel.Item, String> finding = new TableColumn<>("Finding");
    finding.setCellValueFactory(d -> new ReadOnlyStringWrapper(d.getValue().message()));
    items.getColumns().setAll(List.of(subject, finding));
    items.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    VBox.setVgrow(items, Priority.ALWAYS);
    vm.selectedProperty()
        .addListener(
            (o, was, now) -> items.getItems().setAll(now == null ? List.of() : now.items()));

    Button fix = new Button();
    fix.setId("check-fix");
    fix.getStyleClass().add(Styles.ACCENT);
    fix.textProperty()
        .bind(
            Bindings.createStringBinding(
                () ->
                    vm.selectedProperty().get() == null
                        ? "Fix"
                        : vm.selectedProperty().get().fix().label(),
                vm.selectedProperty()));
    fix.visibleProperty()
        .bind(
            Bindings.createBooleanBinding(
                () ->
                    vm.selectedProperty().get() != null
                        && vm.selectedProperty().get().fix() != AccountCheckViewModel.Fix.NONE,
                vm.selectedProperty()));
    fix.managedProperty().bind(fix.visibleProperty());
    fix.setOnAction(e -> vm.fix(vm.selectedProperty().get(), chosen()));
    Button select = new Button("Select in the numbers list");
    select.setId("check-select-numbers");
    select
        .disableProperty()
        .bind(
            Bindings.createBooleanBinding(
                () -> !vm.hasNumbers(vm.selectedProperty().get()), vm.selectedProperty()));
    select.setOnAction(e -> vm.selectInNumbers(vm.selectedProperty().get(), chosen()));
    Label scope =
        new Label("Acts on the selected findings, or on all of them when none is selected.");
    scope.getStyleClass().add(Styles.TEXT_MUTED);
    scope.setWrapText(true);
    Label note = new Label();
    note.setId("check-fix-note");
    note.setWrapText(true);
    note.getStyleClass().add(Styles.WARNING);
    note.textProperty().bind(vm.fixNoteProperty());
    note.visibleProperty().bind(note.textProperty().isNotEmpty());
    note.managedProperty().bind(note.visibleProperty());
    fix.setMinWidth(Region.USE_PREF_SIZE);
    select.setMinWidth(Region.USE_PREF_SIZE);
    HBox buttons = new HBox(8, fix, select);
    buttons.setAlignment(Pos.CENTER_LEFT);

    VBox box = new VBox(10, explanation, items, scope, note, buttons);
    box.setPadding(new Insets(0, 0, 0, 12));
    return box;
  }

  private List<AccountCheckViewModel.Item> chosen() {
    return List.copyOf(items.getSelectionModel().getSelectedItems());
  }
}
