package io.routedesk.ui.shell;

import atlantafx.base.theme.Styles;
import io.routedesk.ui.controls.Dialogs;
import io.routedesk.ui.model.UserPrompts;
import java.util.function.Supplier;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

/** {@link UserPrompts} as modal dialogs over the main window (once it has one). */
public final class DialogPrompts implements UserPrompts {
  private Supplier<Window> owner = () -> null;

  /** The window the dialogs belong to, known once the main window is built. */
  void ownedBy(Supplier<Window> owner) {
    this.owner = owner;
  }

  @Override
  public boolean confirm(Confirmation question) {
    ButtonType action = new ButtonType(question.confirmLabel(), ButtonBar.ButtonData.OK_DONE);
    Alert a =
        new Alert(Alert.AlertType.CONFIRMATION, question.message(), action, ButtonType.CANCEL);
    Dialogs.adopt(a, owner.get());
    a.setTitle(question.title());
    a.setHeaderText(question.header());
    a.setContentText(question.message());
    if (question.destructive()) {
      ((Button) a.getDialogPane().lookupButton(action)).getStyleClass().add(Styles.DANGER);
    }
    return a.showAndWait().filter(b -> b == action).isPresent();
  }

  @Override
  public void inform(String title, String message) {
    Alert a = new Alert(Alert.AlertType.INFORMATION, message, ButtonType.OK);
    Dialogs.adopt(a, owner.get());
    a.setTitle(title);
    a.setHeaderText(title);
    a.showAndWait();
  }
}
