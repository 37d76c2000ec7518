package io.routedesk.ui.account;

import atlantafx.base.controls.Message;
import atlantafx.base.theme.Styles;
import io.routedesk.store.AccountProfile;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableStringValue;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The "Connect a Flowroute account" dialog: account name, access key, secret key (masked, with a
 * show toggle), the API address under "Advanced", and the keystore notice. Enter connects, Esc
 * cancels. A refused sign-in keeps the dialog open with everything typed and says why; a successful
 * one closes it with the new profile.
 */
public final class SignInDialog extends Dialog<AccountProfile> {

  /** The dialog's Connect button type (default button: Enter). */
  public static final ButtonType CONNECT = new ButtonType("Connect", ButtonBar.ButtonData.OK_DONE);

  private final SignInViewModel vm;

  /**
   * Builds the dialog; {@link #show()} or {@link #showAndWait()} it, or use {@link #show(Window,
   * SignInViewModel)}. Call on the JavaFX thread.
   *
   * @param owner the window to centre on and take the stylesheets of; may be null
   */
  public SignInDialog(Window owner, SignInViewModel vm) {
    this.vm = Objects.requireNonNull(vm, "vm");
    setTitle("Connect a Flowroute account");
    if (owner != null) {
      initOwner(owner);
      if (owner.getScene() != null) {
        // Dialogs do not inherit the owner's stylesheets (JabRef#5699).
        getDialogPane().getStylesheets().addAll(owner.getScene().getStylesheets());
      }
    }
    setResizable(true);
    getDialogPane().setContent(buildContent());
    getDialogPane().getButtonTypes().setAll(CONNECT, ButtonType.CANCEL);
    getDialogPane().setPrefWidth(520);

    Button connect = (Button) getDialogPane().lookupButton(CONNECT);
    connect.setId("connect");
    connect.getStyleClass().add(Styles.ACCENT);
    connect.setAccessibleText("Connect: check the keys with Flowroute and keep them");
    connect.disableProperty().bind(vm.busyProperty());
    // Keep the dialog open: it closes only once the keys were accepted (see below).
    connect.addEventFilter(
        ActionEvent.ACTION,
        event -> {
          event.consume();
          vm.connect();
        });
    Button cancel = (Button) getDialogPane().lookupButton(ButtonType.CANCEL);
    cancel.setId("cancel");
    cancel.setAccessibleText("Cancel and close without connecting");

    setResultConverter(type -> type == CONNECT ? vm.getConnectedAccount() : null);
    setOnHidden(
        e -> {
          if (getResult() == null) {
            vm.cancel();
          }
        });
    vm.connectedAccountProperty()
        .addListener(
            (o, was, now) -> {
              if (now != null && isShowing()) {
                setResult(now); // closes the dialog
              }
            });
  }

  /**
   * Shows the dialog and waits until the user connected or cancelled. Call on the JavaFX thread.
   *
   * @return the connected account's profile, or empty if cancelled
   */
  public static Optional<AccountProfile> show(Window owner, SignInViewModel vm) {
    return new SignInDialog(owner, vm).showAndWait();
  }

  private Node buildContent() {
    Label heading = new Label("Enter the API keys of your Flowroute account");
    heading.getStyleClass().add(Styles.TITLE_4);
    heading.setWrapText(true);
    Label where = new Label("Find them in the Flowroute portal under Preferences › API Control.");
    where.getStyleClass().add(Styles.TEXT_MUTED);
    where.setWrapText(true);

    TextField name = new TextField();
    name.setId("displayName");
    name.setPromptText("Main office");
    name.textProperty().bindBidirectional(vm.displayNameProperty());
    name.setAccessibleText("Account name (optional)");

    TextField access = new TextField();
    access.setId("accessKey");
    access.setPromptText("8-digit tech prefix");
    access.textProperty().bindBidirectional(vm.accessKeyProperty());
    access.setAccessibleText("Access key");

    PasswordField secretMasked = new PasswordField();
    secretMasked.setId("secretKeyMasked");
    secretMasked.textProperty().bindBidirectional(vm.secretKeyProperty());
    secretMasked.setAccessibleText("Secret key, hidden");
    TextField secretPlain = new TextField();
    secretPlain.setId("secretKeyPlain");
    secretPlain.textProperty().bindBidirectional(vm.secretKeyProperty());
    secretPlain.setAccessibleText("Secret key, shown in clear text");
    secretMasked.visibleProperty().bind(vm.secretVisibleProperty().not());
    secretMasked.managedProperty().bind(secretMasked.visibleProperty());
    secretPlain.visibleProperty().bind(vm.secretVisibleProperty());
    secretPlain.managedProperty().bind(secretPlain.visibleProperty());
    StackPane secretFields = new StackPane(secretMasked, secretPlain);
    HBox.setHgrow(secretFields, Priority.ALWAYS);

    ToggleButton show = new ToggleButton();
    show.setId("showSecret");
    show.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
    show.selectedProperty().bindBidirectional(vm.secretVisibleProperty());
    show.graphicProperty()
        .bind(
            Bindings.when(show.selectedProperty())
                .then((Node) new FontIcon(Material2MZ.VISIBILITY_OFF))
                .otherwise((Node) new FontIcon(Material2MZ.VISIBILITY)));
    show.accessibleTextProperty()
        .bind(
            Bindings.when(show.selectedProperty())
                .then("Hide the secret key")
                .otherwise("Show the secret key"));
    Tooltip tip = new Tooltip();
    tip.textProperty().bind(show.accessibleTextProperty());
    show.setTooltip(tip);
    vm.secretVisibleProperty()
        .addListener(
            (o, was, visible) -> {
              // Keep typing where the user was: focus the field that is now visible.
              if (secretMasked.isFocused() || secretPlain.isFocused() || show.isFocused()) {
                TextInputControl target = visible ? secretPlain : secretMasked;
                Platform.runLater(
                    () -> {
                      target.requestFocus();
                      target.end();
                    });
              }
            });
    vm.focusRequestProperty()
        .addListener(
            (o, was, field) -> {
              if (field == SignInViewModel.Field.SECRET_KEY) {
                TextInputControl target =
                    vm.secretVisibleProperty().get() ? secretPlain : secretMasked;
                // After the connect button is enabled again (it had the focus while checking).
                Platform.runLater(
                    () -> {
                      target.requestFocus();
                      target.selectAll();
                    });
              }
            });
    HBox secretRow = new HBox(4, secretFields, show);

    Label nameLabel = fieldLabel("Account _name", name);
    Label accessLabel = fieldLabel("_Access key", access);
    Label secretLabel = fieldLabel("_Secret key", secretMasked);
    // The label points at whichever secret field is visible.
    secretLabel
        .labelForProperty()
        .bind(
            Bindings.when(vm.secretVisibleProperty())
                .then((Node) secretPlain)
                .otherwise((Node) secretMasked));

    Label accessError = errorLabel("accessKeyError", vm.accessKeyErrorProperty());
    Label secretError = errorLabel("secretKeyError", vm.secretKeyErrorProperty());

    TextField api = new TextField();
    api.setId("apiAddress");
    api.textProperty().bindBidirectional(vm.apiAddressProperty());
    api.setAccessibleText("Flowroute API address");
    Label apiLabel = fieldLabel("API a_ddress", api);
    Label apiError = errorLabel("apiAddressError", vm.apiAddressErrorProperty());
    GridPane advancedGrid = grid();
    advancedGrid.addRow(0, apiLabel, api);
    advancedGrid.add(apiError, 1, 1);
    TitledPane advanced = new TitledPane("Advanced", advancedGrid);
    advanced.setId("advanced");
    advanced.setExpanded(false);
    // Unanimated, so the dialog can grow to the expanded height at once (see growToFit).
    advanced.setAnimated(false);
    advanced.setAccessibleText("Advanced settings: API address");
    // A bad address must not hide in a collapsed pane.
    vm.apiAddressErrorProperty()
        .addListener(
            (o, was, now) -> {
              if (!now.isEmpty()) {
                advanced.setExpanded(true);
              }
            });

    GridPane form = grid();
    form.addRow(0, nameLabel, name);
    form.addRow(1, accessLabel, access);
    form.add(accessError, 1, 2);
    form.addRow(3, secretLabel, secretRow);
    form.add(secretError, 1, 4);

    Message sessionOnly = new Message("Keys kept for this session only", "");
    sessionOnly.setId("sessionOnlyNotice");
    sessionOnly.getStyleClass().add(Styles.WARNING);
    sessionOnly.setGraphic(new FontIcon(Material2MZ.WARNING));
    sessionOnly.descriptionProperty().bind(vm.sessionOnlyNoticeProperty());
    sessionOnly.accessibleTextProperty().bind(vm.sessionOnlyNoticeProperty());
    sessionOnly.visibleProperty().bind(vm.sessionOnlyNoticeProperty().isNotEmpty());
    sessionOnly.managedProperty().bind(sessionOnly.visibleProperty());

    Label storage = new Label();
    storage.setId("keyStorageInfo");
    storage.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
    storage.setWrapText(true);
    storage.textProperty().bind(vm.keyStorageInfoProperty());
    storage.accessibleTextProperty().bind(vm.keyStorageInfoProperty());
    storage.visibleProperty().bind(vm.keyStorageInfoProperty().isNotEmpty());
    storage.managedProperty().bind(storage.visibleProperty());

    ProgressIndicator progress = new ProgressIndicator();
    progress.setId("busy");
    progress.setPrefSize(16, 16);
    progress.setMaxSize(16, 16);
    progress.setAccessibleText("Checking your keys");
    Label message = new Label();
    message.setId("message");
    message.setWrapText(true);
    // A wrapped label in a VBox gets the full width; it must not be cut to one line.
    message.setMinHeight(Region.USE_PREF_SIZE);
    message.setMaxWidth(Double.MAX_VALUE);
    message.setGraphicTextGap(8);
    message.textProperty().bind(vm.messageProperty());
    message.accessibleTextProperty().bind(vm.messageProperty());
    message
        .graphicProperty()
        .bind(Bindings.when(vm.busyProperty()).then((Node) progress).otherwise((Node) null));
    vm.messageKindProperty()
        .addListener(
            (o, was, kind) -> {
              message.getStyleClass().remove(Styles.DANGER);
              if (kind == SignInViewModel.MessageKind.ERROR) {
                message.getStyleClass().add(Styles.DANGER);
              }
            });
    message.visibleProperty().bind(vm.messageProperty().isNotEmpty().or(vm.busyProperty()));
    message.managedProperty().bind(message.visibleProperty());

    VBox content = new VBox(12, heading, where, form, advanced, sessionOnly, storage, message);
    // Theme dialogs without a header leave no room at the left: give the form its own margin.
    content.setPadding(new Insets(8, 4, 4, 16));
    // Parts that appear after the dialog was sized must not push the buttons out of sight.
    ChangeListener<Object> fit = (o, was, now) -> growToFit();
    for (Node part : List.of(sessionOnly, storage, message, accessError, secretError, apiError)) {
      part.visibleProperty().addListener(fit);
    }
    message.textProperty().addListener(fit);
    advanced.expandedProperty().addListener(fit);
    Platform.runLater(access::requestFocus);
    return content;
  }

  /**
   * Grows the dialog when its content needs more height than it was given: the keystore notice
   * arrives after the dialog is shown, and messages and field errors come and go. Never shrinks it
   * (the user may have made it bigger).
   */
  private void growToFit() {
    Platform.runLater(
        () -> {
          DialogPane pane = getDialogPane();
          Window window = pane.getScene() == null ? null : pane.getScene().getWindow();
          if (window == null || !isShowing()) {
            return;
          }
          pane.applyCss();
          pane.layout();
          double needed = pane.prefHeight(pane.getWidth());
          double shown = pane.getScene().getHeight();
          if (needed > shown + 0.5) {
            window.setHeight(window.getHeight() + needed - shown);
          }
        });
  }

  private static GridPane grid() {
    GridPane grid = new GridPane();
    grid.setHgap(12);
    grid.setVgap(6);
    ColumnConstraints labels = new ColumnConstraints();
    ColumnConstraints fields = new ColumnConstraints();
    fields.setHgrow(Priority.ALWAYS);
    fields.setFillWidth(true);
    grid.getColumnConstraints().setAll(labels, fields);
    return grid;
  }

  private static Label fieldLabel(String text, Node field) {
    Label label = new Label(text);
    label.setMnemonicParsing(true);
    label.setLabelFor(field);
    return label;
  }

  private static Label errorLabel(String id, ObservableStringValue error) {
    Label label = new Label();
    label.setId(id);
    label.getStyleClass().addAll(Styles.DANGER, Styles.TEXT_SMALL);
    label.setWrapText(true);
    label.textProperty().bind(error);
    label.accessibleTextProperty().bind(error);
    label.visibleProperty().bind(Bindings.isNotEmpty(error));
    label.managedProperty().bind(label.visibleProperty());
    return label;
  }
}
