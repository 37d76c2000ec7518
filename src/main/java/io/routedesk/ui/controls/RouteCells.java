package io.routedesk.ui.controls;

import io.routedesk.domain.Route;
import io.routedesk.ui.model.RouteRow;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.kordamp.ikonli.javafx.FontIcon;

/** Shared rendering of a route in lists and pickers: type icon, label, value. */
public final class RouteCells {
  private RouteCells() {}

  /** A list cell showing "[icon] pbx-east pbx-east.example.com:5060", drafts with a badge. */
  public static ListCell<RouteRow> listCell() {
    return new ListCell<>() {
      private final FontIcon icon = new FontIcon();
      private final Label label = new Label();
      private final Label value = new Label();
      private final Label draft = new Label("Draft");
      private final HBox box = new HBox(8, icon, label, draft, value);

      {
        box.setAlignment(Pos.CENTER_LEFT);
        // The list is as wide as its dialog, never wider: a long value is cut with "…" instead
        // of giving the list a horizontal scroll bar; the alias keeps its room.
        setPrefWidth(0);
        value.setMinWidth(0);
        label.setMinWidth(Label.USE_PREF_SIZE);
        draft.getStyleClass().add("draft-badge");
        draft.setMinWidth(Label.USE_PREF_SIZE);
        icon.getStyleClass().add("route-type-icon");
        value.getStyleClass().add("muted");
        HBox.setHgrow(value, Priority.ALWAYS);
        value.setMaxWidth(Double.MAX_VALUE);
      }

      @Override
      protected void updateItem(RouteRow item, boolean empty) {
        super.updateItem(item, empty);
        if (empty || item == null) {
          setGraphic(null);
          setText(null);
          setAccessibleText(null);
          return;
        }
        Route r = item.route();
        icon.setIconCode(Icons.of(r.type()));
        label.setText(r.label());
        value.setText(r.value() == null ? r.type().displayName() : r.value());
        draft.setVisible(item.isDraft());
        draft.setManaged(item.isDraft());
        setText(null);
        setGraphic(box);
        setAccessibleText(
            r.label()
                + (item.isDraft() ? ", draft, applied when published" : "")
                + ", "
                + r.type().displayName()
                + ", "
                + value.getText());
      }
    };
  }
}
