package io.routedesk.ui.numbers;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import io.routedesk.service.NumberOutcome;
import io.routedesk.ui.controls.Command;
import io.routedesk.ui.controls.Icons;
import io.routedesk.ui.controls.Shortcuts;
import io.routedesk.ui.controls.StableCellSkin;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Stream;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The running or last batch under the numbers table: progress and Cancel while running; then the
 * summary, Retry failed, Undo, and each number's outcome with the reason.
 */
public final class BatchPanel extends VBox {
  private final BatchViewModel batch;

  public BatchPanel(NumbersViewModel vm) {
    this.batch = vm.batch();
    getStyleClass().add("batch-panel");
    setId("batch-panel");
    setAccessibleText("Result of the last change");

    FontIcon icon = new FontIcon();
    icon.getStyleClass().add("batch-icon");
    Label title = new Label();
    title.getStyleClass().add(Styles.TEXT_BOLD);
    title.textProperty().bind(batch.titleProperty());
    title.setId("batch-title");
    Label summary = new Label();
    summary.textProperty().bind(batch.summaryProperty());
    summary.setId("batch-summary");
    summary.getStyleClass().add("batch-summary");
    VBox texts = new VBox(2, title, summary);
    HBox.setHgrow(texts, Priority.ALWAYS);

    Button cancel = new Button("Cancel", Icons.icon(Icons.CANCEL));
    cancel.setId("batch-cancel");
    cancel.setAccessibleText("Cancel the running change");
    cancel.setOnAction(e -> batch.cancel());
    cancel.visibleProperty().bind(batch.runningProperty());
    cancel.managedProperty().bind(cancel.visibleProperty());

    Button retry = new Button("Retry failed", Icons.icon(Icons.RETRY));
    retry.setId("batch-retry");
    retry.setAccessibleText("Retry the numbers that failed");
    retry.setOnAction(e -> vm.retryFailed());
    retry.visibleProperty().bind(batch.canRetryProperty().and(batch.runningProperty().not()));
    retry.managedProperty().bind(retry.visibleProperty());

    Button undo = new Button("Undo", Icons.icon(Icons.UNDO));
    undo.setId("batch-undo");
    undo.setAccessibleText("Undo the last change");
    undo.setTooltip(
        Shortcuts.forThisComputer()
            .tooltip("Restore the previous primary and failover", Command.UNDO));
    undo.setOnAction(e -> vm.undo());
    undo.visibleProperty().bind(vm.canUndoProperty().and(batch.runningProperty().not()));
    undo.managedProperty().bind(undo.visibleProperty());

    ToggleButton details = new ToggleButton("Details");
    details.setAccessibleText("Show each number's result");
    details.setId("batch-details");
    details.disableProperty().bind(Bindings.isEmpty(batch.outcomes()));

    Button close = new Button(null, Icons.icon(Icons.CLOSE));
    close.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
    close.setAccessibleText("Close the result panel");
    close.setOnAction(e -> batch.dismiss());
    close.disableProperty().bind(batch.runningProperty());

    HBox top = new HBox(10, icon, texts, cancel, retry, undo, details, close);
    top.setAlignment(Pos.CENTER_LEFT);

    ProgressBar progress = new ProgressBar();
    progress.progressProperty().bind(batch.progressProperty());
    progress.setMaxWidth(Double.MAX_VALUE);
    progress.getStyleClass().add(Styles.SMALL);
    progress.visibleProperty().bind(batch.runningProperty());
    progress.managedProperty().bind(progress.visibleProperty());
    progress.setAccessibleText("Progress of the running change");

    TableView<OutcomeRow> outcomes = outcomeTable();
    // Problems open the list by themselves; a clean run keeps it folded.
    batch
        .resultProperty()
        .addListener(
            (o, a, r) ->
                details.setSelected(
                    r == BatchViewModel.Result.PARTIAL || r == BatchViewModel.Result.FAILED));
    outcomes.visibleProperty().bind(details.selectedProperty());
    outcomes.managedProperty().bind(outcomes.visibleProperty());

    getChildren().addAll(top, progress, outcomes);
    setSpacing(8);
    visibleProperty().bind(batch.visibleProperty());
    managedProperty().bind(visibleProperty());

    batch
        .resultProperty()
        .addListener(
            (o, a, r) -> {
              getStyleClass().removeIf(s -> s.startsWith("result-"));
              getStyleClass().add("result-" + r.name().toLowerCase(Locale.ROOT));
              icon.setIconCode(
                  switch (r) {
                    case RUNNING -> Icons.PENDING;
                    case SUCCESS -> Icons.SUCCESS;
                    case PARTIAL, CANCELLED -> Icons.WARNING;
                    case FAILED -> Icons.ERROR;
                  });
            });
    icon.setIconCode(Icons.PENDING);
  }

  private TableView<OutcomeRow> outcomeTable() {
    TableView<OutcomeRow> t = new TableView<>(batch.outcomes());
    t.setId("batch-outcomes");
    t.setAccessibleText("Each number's result");
    t.getStyleClass().addAll(Styles.DENSE, Tweaks.EDGE_TO_EDGE, "outcome-table");
    t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    t.setPrefHeight(170);
    t.setMinHeight(120);

    // Result and number keep their whole text (a phone number is never cut); the route changes
    // share what is left, and Details takes the rest only when some outcome has a reason.
    TableColumn<OutcomeRow, NumberOutcome.Status> status = new TableColumn<>("Result");
    status.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().status()));
    status.setCellFactory(c -> new StatusCell());
    fixedWidth(status, 96);
    TableColumn<OutcomeRow, String> number = new TableColumn<>("Number");
    number.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().formattedNumber()));
    number.getStyleClass().add("number-column");
    // As wide as the numbers table's number column, which fits "+1 (206) 555-1234".
    fixedWidth(number, 150);
    TableColumn<OutcomeRow, String> primary = new TableColumn<>("Primary");
    primary.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().primaryChange()));
    primary.setPrefWidth(170);
    primary.setMinWidth(90);
    TableColumn<OutcomeRow, String> failover = new TableColumn<>("Failover");
    failover.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().failoverChange()));
    failover.setPrefWidth(170);
    failover.setMinWidth(90);
    TableColumn<OutcomeRow, String> reason = new TableColumn<>("Details");
    reason.setId("outcome-details");
    reason.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().reason()));
    reason.setPrefWidth(260);
    reason.setMinWidth(120);
    reason.visibleProperty().bind(batch.anyDetailsProperty());
    // A route change cut off shows whole on hover.
    for (TableColumn<OutcomeRow, String> c : List.of(number, primary, failover, reason)) {
      c.setCellFactory(StableCellSkin.textCells());
    }
    t.getColumns().setAll(List.of(status, number, primary, failover, reason));
    // The route changes as wide as their longest text, so "callcenter-weighted → voicemail" is
    // not cut while room is left over; the last column shown takes what remains.
    Text measure = new Text();
    batch
        .outcomes()
        .addListener(
            (ListChangeListener<OutcomeRow>)
                c -> {
                  measure.setFont(Font.getDefault());
                  primary.setPrefWidth(
                      widest(measure, primary.getText(), OutcomeRow::primaryChange));
                  failover.setPrefWidth(
                      widest(measure, failover.getText(), OutcomeRow::failoverChange));
                });
    t.setRowFactory(
        v ->
            new TableRow<>() {
              @Override
              protected void updateItem(OutcomeRow item, boolean empty) {
                super.updateItem(item, empty);
                setAccessibleText(
                    empty || item == null
                        ? null
                        : item.formattedNumber()
                            + ": "
                            + item.statusText()
                            + (item.reason().isEmpty() ? "" : ", " + item.reason()));
              }
            });
    Region none = new Region();
    t.setPlaceholder(none);
    return t;
  }

  /** The width a column needs for its header and its longest text (cell padding included). */
  private double widest(Text measure, String header, Function<OutcomeRow, String> text) {
    double widest = 0;
    for (String t :
        Stream.concat(Stream.of(header), batch.outcomes().stream().map(text)).toList()) {
      measure.setText(t);
      widest = Math.max(widest, measure.getLayoutBounds().getWidth());
    }
    return Math.clamp(widest + 28, 90, 360);
  }

  private static void fixedWidth(TableColumn<OutcomeRow, ?> column, double width) {
    column.setPrefWidth(width);
    column.setMinWidth(width);
    column.setMaxWidth(width);
    column.setResizable(false);
  }

  private static final class StatusCell extends TableCell<OutcomeRow, NumberOutcome.Status> {
    private final FontIcon icon = new FontIcon();

    StatusCell() {
      getStyleClass().add("outcome-cell");
    }

    @Override
    protected void updateItem(NumberOutcome.Status s, boolean empty) {
      super.updateItem(s, empty);
      for (NumberOutcome.Status other : NumberOutcome.Status.values()) {
        pseudoClassStateChanged(
            PseudoClass.getPseudoClass(other.name().toLowerCase(Locale.ROOT)),
            !empty && other == s);
      }
      if (empty || s == null) {
        setText(null);
        setGraphic(null);
        return;
      }
      icon.setIconCode(
          switch (s) {
            case DONE -> Icons.SUCCESS;
            case FAILED -> Icons.ERROR;
            case SKIPPED -> Icons.REMOVE;
          });
      setGraphic(icon);
      setText(
          switch (s) {
            case DONE -> "Done";
            case FAILED -> "Failed";
            case SKIPPED -> "Skipped";
          });
    }
  }
}
