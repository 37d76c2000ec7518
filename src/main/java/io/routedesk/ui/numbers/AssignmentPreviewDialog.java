package io.routedesk.ui.numbers;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import io.routedesk.domain.PhoneNumbers;
import io.routedesk.domain.Plural;
import io.routedesk.domain.VoiceSlot;
import io.routedesk.service.NumberChange;
import io.routedesk.ui.controls.Dialogs;
import io.routedesk.ui.controls.Screens;
import io.routedesk.ui.controls.WindowPlacement;
import io.routedesk.ui.model.NumberRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.css.PseudoClass;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.stage.Window;

/**
 * Before a change to several numbers is sent (or, for a draft, saved as pending assignments applied
 * when it is published): every number with its current and new primary and failover, and the
 * numbers left unchanged with why. Enter applies, Esc cancels.
 *
 * <p>The dialog sizes itself to what it shows, within the screen it opens on: each column as wide
 * as its longest text (long aliases are not cut), the list as tall as its rows up to what the
 * screen leaves, then it scrolls. A table wider than the screen scrolls sideways.
 */
public final class AssignmentPreviewDialog extends Dialog<Boolean> {
  /** Rows are this tall (the dense table style's height), so the list's height is exact. */
  static final double ROW_HEIGHT = 28;

  // Room the dialog needs besides the list: title bar, header, notes, buttons, paddings.
  private static final double CHROME_HEIGHT = 330;
  private static final double CHROME_WIDTH = 80;
  // Cell padding, the column's resize handle, and a little air, beside a cell's text.
  private static final double CELL_PADDING = 28;
  private static final double SCROLL_BAR = 16;
  // Kept free between the dialog and the screen's edges.
  private static final double SCREEN_MARGIN = 16;
  private static final double MIN_LIST_WIDTH = 560;
  private static final int MAX_ROWS_SHOWN = 18;

  private final TableView<NumberChange> table = new TableView<>();
  private final Function<String, String> routeLabel;
  // Takes the dialog's font from the stylesheets, to measure texts with.
  private final Label fontProbe = new Label();

  public AssignmentPreviewDialog(
      Window owner, Proposal proposal, Function<String, String> routeLabel) {
    this.routeLabel = routeLabel;
    Dialogs.adopt(this, owner);
    setTitle("Review changes");
    setHeaderText(proposal.headline());
    getDialogPane().getStyleClass().add("preview-dialog");
    int n = proposal.changeCount();
    ButtonType apply =
        new ButtonType(
            (proposal.isDraft() ? "Save " : "Apply ") + Plural.count(n, "change"),
            ButtonBar.ButtonData.OK_DONE);
    getDialogPane().getButtonTypes().setAll(apply, ButtonType.CANCEL);
    ((Button) getDialogPane().lookupButton(apply)).getStyleClass().add(Styles.ACCENT);

    table.setId("preview-table");
    table.setAccessibleText("Numbers that will change");
    table.getStyleClass().addAll(Styles.DENSE, Tweaks.EDGE_TO_EDGE);
    table.getItems().setAll(proposal.plan().changes());
    table.setFixedCellSize(ROW_HEIGHT);
    TableColumn<NumberChange, String> number = new TableColumn<>("Number");
    number.setId("preview-number");
    number.setCellValueFactory(
        c -> new ReadOnlyStringWrapper(PhoneNumbers.format(c.getValue().number())));
    table.getColumns().add(number);
    for (VoiceSlot slot : VoiceSlot.values()) {
      TableColumn<NumberChange, NumberChange> col = new TableColumn<>(slot.displayName());
      col.setId("preview-" + slot.name().toLowerCase(Locale.ROOT));
      col.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
      col.setCellFactory(c -> new ChangeCell(slot, routeLabel));
      table.getColumns().add(col);
    }
    fontProbe.setManaged(false);
    fontProbe.setVisible(false);

    VBox content = new VBox(10, table, fontProbe);
    if (!proposal.skipped().isEmpty()) {
      Label skipped =
          new Label(
              proposal.detail()
                  + ". "
                  + (proposal.skipped().size() == 1
                      ? "1 number is left as it is."
                      : Plural.count(proposal.skipped().size(), "number")
                          + " are left as they are."));
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
    // Sized once the stylesheets give the font, before the dialog sizes itself to its content.
    setOnShowing(e -> fitToContent(owner));
  }

  /**
   * Makes each column as wide as its longest text and the list as tall as its rows, within what the
   * owner's screen leaves for them.
   */
  private void fitToContent(Window owner) {
    getDialogPane().applyCss();
    Font font = fontProbe.getFont();
    Font bold = Font.font(font.getFamily(), FontWeight.BOLD, font.getSize());
    List<NumberChange> rows = table.getItems();
    double numberWidth = measure(bold, "Number");
    for (NumberChange c : rows) {
      numberWidth = Math.max(numberWidth, measure(font, PhoneNumbers.format(c.number())));
    }
    List<Double> widths = new ArrayList<>();
    widths.add(numberWidth + CELL_PADDING);
    for (VoiceSlot slot : VoiceSlot.values()) {
      double w = measure(bold, slot.displayName());
      for (NumberChange c : rows) {
        // Changed slots are shown in bold.
        w =
            Math.max(
                w, measure(c.changes(slot) ? bold : font, ChangeCell.text(c, slot, routeLabel)));
      }
      widths.add(w + CELL_PADDING);
    }
    double columns = 0;
    for (int i = 0; i < widths.size(); i++) {
      TableColumn<NumberChange, ?> col = table.getColumns().get(i);
      col.setMinWidth(widths.get(i));
      col.setPrefWidth(widths.get(i));
      columns += widths.get(i);
    }

    WindowPlacement.Area screen =
        owner != null ? Screens.screenOf(owner) : Screens.visualBounds().getFirst();
    double maxListHeight = Math.max(3 * ROW_HEIGHT, screen.height() - CHROME_HEIGHT);
    double header = ROW_HEIGHT + 4;
    double listHeight =
        Math.min(header + ROW_HEIGHT * Math.min(rows.size(), MAX_ROWS_SHOWN) + 2, maxListHeight);
    boolean scrollsDown = listHeight < header + ROW_HEIGHT * rows.size() + 2;
    double wanted = columns + (scrollsDown ? SCROLL_BAR : 0) + 4;
    double maxListWidth = screen.width() - CHROME_WIDTH - 2 * SCREEN_MARGIN;
    boolean fits = wanted <= maxListWidth;
    // When it fits, the last column takes what a wider dialog gives; else the list scrolls
    // sideways.
    table.setColumnResizePolicy(
        fits
            ? TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN
            : TableView.UNCONSTRAINED_RESIZE_POLICY);
    table.setPrefWidth(Math.max(MIN_LIST_WIDTH, Math.min(wanted, maxListWidth)));
    table.setPrefHeight(listHeight + (fits ? 0 : SCROLL_BAR));
    // The theme caps dialogs at 600 px, which cut the list off: this one may use the screen.
    getDialogPane().setMaxWidth(screen.width() - 2 * SCREEN_MARGIN);
  }

  private static double measure(Font font, String text) {
    Text t = new Text(text);
    t.setFont(font);
    return Math.ceil(t.getLayoutBounds().getWidth());
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
      pseudoClassStateChanged(PseudoClass.getPseudoClass("changed"), changed);
      pseudoClassStateChanged(
          PseudoClass.getPseudoClass("unchanged"), !empty && c != null && !changed);
      setText(empty || c == null ? null : text(c, slot, routeLabel));
    }

    /** "pbx-west → pbx-east" for a slot that changes, "pbx-west" for one that does not. */
    static String text(NumberChange c, VoiceSlot slot, Function<String, String> routeLabel) {
      String before = label(c.before().routeId(slot), routeLabel);
      return c.changes(slot)
          ? before + "  →  " + label(c.after().routeId(slot), routeLabel)
          : before;
    }

    private static String label(String id, Function<String, String> routeLabel) {
      return id == null ? NumberRow.NO_ROUTE : routeLabel.apply(id);
    }
  }
}
