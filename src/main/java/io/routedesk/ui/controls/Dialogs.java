package io.routedesk.ui.controls;

import javafx.scene.Scene;
import javafx.scene.control.Dialog;
import javafx.stage.Modality;
import javafx.stage.Window;
import javafx.stage.WindowEvent;

/** Makes dialogs look and behave like the window they belong to. */
public final class Dialogs {
  private Dialogs() {}

  /**
   * Owner, modality and the window's stylesheets (so dark mode reaches dialogs too); once shown,
   * the dialog is pulled entirely onto its screen (shrunk if it is larger).
   */
  public static void adopt(Dialog<?> dialog, Window owner) {
    if (owner != null) {
      dialog.initOwner(owner);
      Scene scene = owner.getScene();
      if (scene != null) {
        dialog.getDialogPane().getStylesheets().setAll(scene.getStylesheets());
      }
    }
    dialog.initModality(Modality.WINDOW_MODAL);
    dialog.getDialogPane().getStyleClass().add("routedesk-dialog");
    dialog.setResizable(true);
    Window own = dialog.getDialogPane().getScene().getWindow();
    if (own != null) {
      own.addEventHandler(WindowEvent.WINDOW_SHOWN, e -> Screens.keepOnScreen(own));
    }
  }
}
