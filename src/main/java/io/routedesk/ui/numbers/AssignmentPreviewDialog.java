package io.routedesk.ui.numbers;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import io.routedesk.domain.PhoneNumbers;
import io.routedesk.domain.VoiceSlot;
import io.routedesk.service.NumberChange;
import io.routedesk.ui.common.Dialogs;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * Before a change to several numbers is sent: every number with its current and new primary and
 * failover, and the numbers left unchanged with why. Enter applies, Esc cancels.
 */
public final class AssignmentPreviewDialog extends Dialog<Boolean> {

  public AssignmentPreviewDialog(
      Window owner, Proposal proposal, Function<String, String> routeLabel) {
    Dialogs.adopt(this, owner);
    setTitle("Review changes");
    setHeaderText(proposal.headline());
    getDialogPane().getStyleClass().add("preview-dialog");
    int n = proposal.changeCount();
    ButtonType apply =
        new ButtonType(
            (proposal.isDraft() ? "Save " : "Apply ") + n + (n == 1 ? " change" : " changes"),
            ButtonBar.ButtonData.OK_DONE);
    getDialogPane().getButtonTypes().setAll(apply, ButtonType.CANCEL);
    ((Button) getDialogPane().lookupButton(apply)).getStyleClass().add(Styles.ACCENT);

    TableView<NumberChange> table = new TableView<>();
    table.setId("preview-table");
    table.setAccessibleText("Numbers that will change");
    table.getStyleClass().addAll(Styles.DENSE, Tweaks.EDGE_TO_EDGE);
    table.getItems().setAll(proposal.plan().changes());
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    TableColumn<NumberChange, String> number = new TableColumn<>("Number");
    number.setCellValueFactory(
        c -> new ReadOnlyStringWrapper(PhoneNumbers.format(c.getValue().number())));
    number.setPrefWidth(150);
    table.getColumns().add(number);
    for (VoiceSlot slot : VoiceSlot.values()) {
      TableColumn<NumberChange, NumberChange> col = new TableColumn<>(slot.displayName());
      col.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
      col.setCellFactory(c -> new ChangeCell(slot, routeLabel));
      col.setPrefWidth(220);
      table.getColumns().add(col);
    }
    table.setPrefHeight(Math.min(360, 34 + 30 * n));
    table.setPrefWidth(640);

    VBox content = new VBox(10, table);
    if (!proposal.skipped().isEmpty()) {
      Label skipped =
          new Label(
              proposal.detail()
                  + ". "
                  + proposal.skipped().size()
                  + (proposal.skipped().size() == 1 ? " number is" : " numbers are")
                  + " left as they are.");
      skipped.setWrapText(true);
      skipped.getStyleClass().add(Styles.TEXT_MUTED);
      content.getChildren().add(skipped);
    }
    Label note =
        new Label(
            proposal.isDraft()
                ? "Nothing is sent now: these are saved on this computer as pending assignments"
                    + " and applied when the draft is published."
                : "Changes are sent one number at a time. You can cancel, retry failures and"
                    + " undo.");
    note.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
    note.setWrapText(true);
    content.getChildren().add(note);
    getDialogPane().setContent(content);
    setResultConverter(b -> b == apply);
  }

  /** "sip-reg → pbx-east" with the new part emphasised; unchanged slots are muted. */
  private static final class ChangeCell extends TableCell<NumberChange, NumberChange> {
    private final VoiceSlot slot;
    private final Function<String, String> routeLabel;

    ChangeCell(VoiceSlot slot, Function<String, String> routeLabel) {
      this.slot = slot;
      this.routeLabel = routeLabel;
    }

    @Override
    protected void updateItem(NumberChange c, boolean empty) {
      super.updateItem(c, empty);
      boolean changed = !empty && c != null && c.changes(slot);
      pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("changed"), changed);
      pseudoClassStateChanged(
          javafx.css.PseudoClass.getPseudoClass("unchanged"), !empty && c != null && !changed);
      if (empty || c == null) {
        setText(null);
        return;
      }
      String before = label(c.before().routeId(slot));
      if (c.changes(slot)) {
        setText(before + "  →  " + label(c.after().routeId(slot)));
      } else {
        setText(before);
      }
    }

    private String label(String id) {
      return id == null ? "none" : routeLabel.apply(id);
    }
  }
}
