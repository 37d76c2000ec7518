package io.routedesk.ui.controls;

import atlantafx.base.theme.Styles;
import io.routedesk.ui.model.LoadState;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.scene.AccessibleRole;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;

/**
 * What a list shows instead of rows: a spinner while loading, the error with Retry, or an empty
 * state with a call to action. Follows a {@link LoadState} and a message.
 */
public final class Placeholder extends VBox {
  private final ProgressIndicator spinner = new ProgressIndicator();
  private final Label icon = new Label();
  private final Label message = new Label();
  private final Button action = new Button();

  /**
   * @param emptyIcon icon of the empty state
   * @param emptyAction label of the empty state's button (null for none)
   * @param onEmptyAction what the empty state's button does
   * @param onRetry what Retry does in the error state
   */
  public Placeholder(
      ObservableValue<LoadState> state,
      ObservableValue<String> text,
      Ikon emptyIcon,
      String emptyAction,
      Runnable onEmptyAction,
      Runnable onRetry) {
    getStyleClass().add("placeholder");
    setAlignment(Pos.CENTER);
    setSpacing(10);
    setFillWidth(false);
    spinner.setPrefSize(28, 28);
    spinner.setAccessibleText("Loading");
    message.setWrapText(true);
    message.setMaxWidth(320);
    message.getStyleClass().add("placeholder-message");
    message.setAccessibleRole(AccessibleRole.TEXT);
    message.textProperty().bind(text);
    icon.getStyleClass().add("placeholder-icon");
    Runnable update =
        () -> {
          LoadState s = state.getValue();
          getChildren().clear();
          switch (s) {
            case IDLE, LOADING -> getChildren().addAll(spinner, message);
            case ERROR -> {
              icon.setGraphic(Icons.icon(Icons.ERROR));
              action.setText("Retry");
              action.setGraphic(Icons.icon(Icons.RETRY));
              action.getStyleClass().setAll("button", Styles.ACCENT);
              action.setOnAction(e -> onRetry.run());
              action.setAccessibleText("Retry loading");
              getChildren().addAll(icon, message, action);
              message.getStyleClass().add(Styles.DANGER);
            }
            case LOADED -> {
              icon.setGraphic(Icons.icon(emptyIcon));
              getChildren().addAll(icon, message);
              message.getStyleClass().remove(Styles.DANGER);
              if (emptyAction != null) {
                action.setText(emptyAction);
                action.setGraphic(Icons.icon(Icons.ADD));
                action.getStyleClass().setAll("button", Styles.ACCENT);
                action.setOnAction(e -> onEmptyAction.run());
                action.setAccessibleText(emptyAction);
                getChildren().add(action);
              }
            }
          }
        };
    state.addListener((o, a, b) -> update.run());
    update.run();
  }

  /** The button of the current state (Retry, or the empty state's action). */
  public Button actionButton() {
    return action;
  }
}
