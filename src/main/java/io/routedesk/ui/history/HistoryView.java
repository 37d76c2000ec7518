package io.routedesk.ui.history;

import atlantafx.base.theme.Styles;
import io.routedesk.ui.controls.Dialogs;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.BiFunction;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The History window of an account: batches (newest first), a filter, the selected batch's changes,
 * Undo with a preview of what is left alone, and CSV export.
 */
public final class HistoryView {
  private final HistoryViewModel vm;
  private final Stage stage = new Stage();
  private final BiFunction<Window, String, Optional<Path>> chooseFile;

  /**
   * @param chooseFile asks where to save a CSV (window, suggested name); tests answer directly
   */
  public HistoryView(
      HistoryViewModel vm, Window owner, BiFunction<Window, String, Optional<Path>> chooseFile) {
    this.vm = vm;
    this.chooseFile = chooseFile;
    stage.initOwner(owner);
    stage.setTitle("History");
    stage.setScene(new Scene(layout(), 980, 640));
    if (owner != null && owner.getScene() != null) {
      stage.getScene().getStylesheets().setAll(owner.getScene().getStylesheets());
    }
    stage.getScene().getAccelerators().put(new KeyCodeCombination(KeyCode.ESCAPE), stage::close);
  }

  /** A save dialog for CSV files. */
  public static Optional<Path> saveCsvDialog(Window owner, String suggestedName) {
    FileChooser chooser = new FileChooser();
    chooser.setTitle("Export to CSV");
    chooser.setInitialFileName(suggestedName);
    chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
    return Optional.ofNullable(chooser.showSaveDialog(owner)).map(java.io.File::toPath);
  }

  public Stage stage() {
    return stage;
  }

  public void show() {
    vm.load();
    stage.show();
    stage.toFront();
  }

  private BorderPane layout() {
    TextField filter = new TextField();
    filter.setId("history-filter");
    filter.setPromptText("Filter by number, route or words");
    filter.textProperty().bindBidirectional(vm.filterProperty());
    HBox.setHgrow(filter, Priority.ALWAYS);
    Label status = new Label();
    status.setId("history-status");
    status.textProperty().bind(vm.statusProperty());
    status.getStyleClass().add(Styles.TEXT_MUTED);
    HBox top = new HBox(12, filter, status);
    top.setAlignment(Pos.CENTER_LEFT);

    TableView<HistoryViewModel.BatchRow> batches = new TableView<>(vm.batches());
    batches.setId("history-batches");
    batches.setPlaceholder(new Label("No changes recorded yet."));
    batches
        .getColumns()
        .setAll(
            column("When", 150, HistoryViewModel.BatchRow::when),
            column("What", 420, HistoryViewModel.BatchRow::what),
            column("Who", 100, HistoryViewModel.BatchRow::who),
            column("Result", 260, HistoryViewModel.BatchRow::counts));
    batches
        .getSelectionModel()
        .selectedItemProperty()
        .addListener((o, was, now) -> vm.selectedProperty().set(now));
    vm.selectedProperty()
        .addListener(
            (o, was, now) -> {
              if (now != batches.getSelectionModel().getSelectedItem()) {
                batches.getSelectionModel().select(now);
              }
            });

    TableView<HistoryViewModel.ChangeRow> changes = new TableView<>(vm.changes());
    changes.setId("history-changes");
    changes.setPlaceholder(new Label("Select a batch to see each change."));
    changes
        .getColumns()
        .setAll(
            column("Number or route", 170, HistoryViewModel.ChangeRow::subject),
            column("Before", 260, HistoryViewModel.ChangeRow::before),
            column("After", 260, HistoryViewModel.ChangeRow::after),
            column("Result", 260, HistoryViewModel.ChangeRow::result));

    SplitPane split = new SplitPane(batches, changes);
    split.setOrientation(Orientation.VERTICAL);

    Button undo = new Button("Undo…");
    undo.setId("history-undo");
    undo.disableProperty().bind(vm.selectedProperty().isNull().or(vm.busyProperty()));
    undo.setOnAction(e -> confirmUndo());
    Button exportBatch = new Button("Export batch…");
    exportBatch.setId("history-export-batch");
    exportBatch.disableProperty().bind(vm.selectedProperty().isNull());
    exportBatch.setOnAction(
        e -> chooseFile.apply(stage, "routedesk-batch.csv").ifPresent(vm::exportSelected));
    Button exportAll = new Button("Export history…");
    exportAll.setId("history-export-all");
    exportAll.disableProperty().bind(Bindings.isEmpty(vm.batches()));
    exportAll.setOnAction(
        e -> chooseFile.apply(stage, "routedesk-history.csv").ifPresent(vm::exportListed));
    Button clear = new Button("Clear history…");
    clear.setId("history-clear");
    clear.disableProperty().bind(Bindings.isEmpty(vm.batches()).or(vm.busyProperty()));
    clear.setOnAction(e -> confirmClear());
    Region gap = new Region();
    HBox.setHgrow(gap, Priority.ALWAYS);
    Button close = new Button("Close");
    close.setOnAction(e -> stage.close());
    HBox buttons = new HBox(8, undo, clear, gap, exportBatch, exportAll, close);
    buttons.setAlignment(Pos.CENTER_LEFT);

    BorderPane root = new BorderPane(split, top, null, buttons, null);
    BorderPane.setMargin(top, new Insets(0, 0, 8, 0));
    BorderPane.setMargin(buttons, new Insets(8, 0, 0, 0));
    root.setPadding(new Insets(12));
    root.setId("history-root");
    return root;
  }

  private static <T> TableColumn<T, String> column(
      String title, double width, java.util.function.Function<T, String> value) {
    TableColumn<T, String> c = new TableColumn<>(title);
    c.setPrefWidth(width);
    c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
    c.setSortable(false);
    return c;
  }

  private void confirmClear() {
    ButtonType go = new ButtonType("Clear history", ButtonBar.ButtonData.OK_DONE);
    Alert a = new Alert(Alert.AlertType.CONFIRMATION, "", go, ButtonType.CANCEL);
    Dialogs.adopt(a, stage);
    a.setTitle("Clear history");
    a.setHeaderText("Clear the change history of this account?");
    a.setContentText(
        "Every finished batch is deleted from this computer; they can no longer be undone from"
            + " here. An interrupted change stays until you decide about it.");
    ((Button) a.getDialogPane().lookupButton(go)).getStyleClass().add(Styles.DANGER);
    a.showAndWait().filter(b -> b == go).ifPresent(b -> vm.clear());
  }

  private void confirmUndo() {
    vm.previewUndo()
        .thenAccept(
            preview -> {
              ButtonType go = new ButtonType("Undo", ButtonBar.ButtonData.OK_DONE);
              Alert a = new Alert(Alert.AlertType.CONFIRMATION, "", go, ButtonType.CANCEL);
              Dialogs.adopt(a, stage);
              a.setTitle("Undo");
              a.setHeaderText(preview.plan().description());
              a.setContentText(vm.describe(preview));
              a.getDialogPane().setId("history-undo-preview");
              ((Button) a.getDialogPane().lookupButton(go)).setDisable(preview.plan().isEmpty());
              a.showAndWait().filter(b -> b == go).ifPresent(b -> vm.undo(preview));
            })
        .exceptionally(
            e -> {
              javafx.application.Platform.runLater(
                  () -> {
                    Alert a = new Alert(Alert.AlertType.ERROR, e.getMessage(), ButtonType.OK);
                    Dialogs.adopt(a, stage);
                    a.setHeaderText("The numbers could not be read from Flowroute");
                    a.show();
                  });
              return null;
            });
  }
}
