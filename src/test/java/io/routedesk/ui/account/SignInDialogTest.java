package io.routedesk.ui.account;

import static io.routedesk.testing.SignInFixture.ACCESS_KEY;
import static io.routedesk.testing.SignInFixture.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.controls.Message;
import atlantafx.base.theme.PrimerLight;
import io.routedesk.secrets.CredentialStore;
import io.routedesk.secrets.InMemoryCredentialStore;
import io.routedesk.testing.SignInFixture;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.TitledPane;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The dialog on a real (headless, Monocle) JavaFX stage: the service runs on a background executor
 * and comes back through Platform::runLater, as in the app.
 */
@ExtendWith(ApplicationExtension.class)
class SignInDialogTest {
  @TempDir Path root;
  private Stage owner;
  private SignInFixture fx;
  private SignInDialog dialog;
  private final ExecutorService io =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "test-io");
            t.setDaemon(true);
            return t;
          });

  @Start
  void start(Stage stage) {
    Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
    owner = stage;
    stage.setScene(new Scene(new StackPane(new Label("RouteDesk")), 640, 480));
    stage.show();
  }

  @AfterEach
  void tearDown(FxRobot robot) {
    robot.interact(
        () -> {
          if (dialog != null && dialog.isShowing()) {
            dialog.setResult(null);
            dialog.close();
          }
        });
    if (fx != null) {
      fx.close();
    }
    io.shutdownNow();
  }

  private SignInViewModel openDialog(FxRobot robot, CredentialStore keystore) {
    fx = new SignInFixture(root, keystore, io);
    SignInViewModel vm = new SignInViewModel(fx.service, Platform::runLater);
    robot.interact(
        () -> {
          dialog = new SignInDialog(owner, vm);
          dialog.show();
        });
    return vm;
  }

  private static void waitUntil(FxRobot robot, Callable<Boolean> condition) throws Exception {
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition);
    WaitForAsyncUtils.waitForFxEvents();
  }

  @Test
  void aWrongKeyShowsTheMessageAndKeepsTheDialogAndWhatWasTyped(FxRobot robot) throws Exception {
    SignInViewModel vm = openDialog(robot, InMemoryCredentialStore.working());
    Label message = robot.lookup("#message").queryAs(Label.class);

    robot.clickOn("#displayName").write("Main office");
    robot.clickOn("#accessKey").write(ACCESS_KEY);
    robot.clickOn("#secretKeyMasked").write("wrong-secret");
    robot.type(KeyCode.ENTER);
    waitUntil(robot, () -> message.getText().startsWith("Flowroute did not accept"));

    assertThat(dialog.isShowing()).isTrue();
    assertThat(message.getStyleClass()).contains("danger");
    assertThat(robot.lookup("#displayName").queryAs(TextField.class).getText())
        .isEqualTo("Main office");
    assertThat(robot.lookup("#accessKey").queryAs(TextField.class).getText()).isEqualTo(ACCESS_KEY);
    PasswordField masked = robot.lookup("#secretKeyMasked").queryAs(PasswordField.class);
    assertThat(masked.getText()).isEqualTo("wrong-secret");
    // The cursor is back where the fix is typed, not in the account name.
    waitUntil(robot, masked::isFocused);
    assertThat(((InMemoryCredentialStore) fx.keystore).size()).isZero();

    // The show toggle swaps to a clear-text field holding the same text.
    robot.clickOn("#showSecret");
    TextField plain = robot.lookup("#secretKeyPlain").queryAs(TextField.class);
    assertThat(plain.isVisible()).isTrue();
    assertThat(masked.isVisible()).isFalse();
    assertThat(plain.getText()).isEqualTo("wrong-secret");

    // Fix the secret there and connect with Enter: the dialog closes with the account.
    robot.interact(() -> plain.setText(""));
    robot.clickOn(plain).write(SECRET);
    robot.type(KeyCode.ENTER);
    waitUntil(robot, () -> !dialog.isShowing());

    assertThat(dialog.getResult()).isNotNull();
    assertThat(dialog.getResult().displayName()).isEqualTo("Main office");
    assertThat(((InMemoryCredentialStore) fx.keystore).holds(dialog.getResult().id())).isTrue();
    assertThat(vm.secretKeyProperty().get()).isEmpty();
  }

  @Test
  void withoutAKeystoreTheSessionOnlyNoticeIsShown(FxRobot robot) throws Exception {
    openDialog(
        robot,
        InMemoryCredentialStore.unsupported("no keyring service is running in this session"));
    Message notice = robot.lookup("#sessionOnlyNotice").queryAs(Message.class);

    waitUntil(robot, () -> !notice.getDescription().isEmpty());

    assertThat(notice.isVisible()).isTrue();
    assertThat(notice.getDescription())
        .isEqualTo(
            "Your keys are kept in memory for this session only because no keyring service is"
                + " running in this session. RouteDesk will ask for them again next time.");
    assertThat(notice.getAccessibleText()).isEqualTo(notice.getDescription());
    assertThat(robot.lookup("#keyStorageInfo").queryAs(Label.class).isVisible()).isFalse();
  }

  @Test
  void escapeCancelsAndKeepsNothing(FxRobot robot) throws Exception {
    SignInViewModel vm = openDialog(robot, InMemoryCredentialStore.working());
    robot.clickOn("#accessKey").write(ACCESS_KEY);
    robot.clickOn("#secretKeyMasked").write(SECRET);

    robot.type(KeyCode.ESCAPE);
    waitUntil(robot, () -> !dialog.isShowing());

    assertThat(dialog.getResult()).isNull();
    assertThat(vm.secretKeyProperty().get()).isEmpty();
    assertThat(fx.flowroute.clients()).isEmpty();
  }

  @Test
  void emptyKeysAreMarkedAndNothingIsSent(FxRobot robot) throws Exception {
    openDialog(robot, InMemoryCredentialStore.working());

    robot.clickOn("#connect");
    WaitForAsyncUtils.waitForFxEvents();

    assertThat(dialog.isShowing()).isTrue();
    assertThat(robot.lookup("#accessKeyError").queryAs(Label.class).getText())
        .isEqualTo("Enter the access key.");
    assertThat(robot.lookup("#secretKeyError").queryAs(Label.class).getText())
        .isEqualTo("Enter the secret key.");
    assertThat(fx.flowroute.clients()).isEmpty();
  }

  @Test
  void everyControlHasAnAccessibleText(FxRobot robot) {
    openDialog(robot, InMemoryCredentialStore.working());
    List<Control> controls = new ArrayList<>();
    robot.interact(() -> collect(dialog.getDialogPane(), controls));

    List<Control> interactive =
        controls.stream()
            .filter(
                c ->
                    c instanceof TextInputControl
                        || c instanceof ButtonBase
                        || c instanceof TitledPane)
            .toList();
    assertThat(interactive).hasSizeGreaterThanOrEqualTo(8);
    assertThat(interactive)
        .allSatisfy(
            c -> assertThat(c.getAccessibleText()).as("accessible text of %s", c).isNotBlank());
  }

  private static void collect(Node node, List<Control> out) {
    if (node instanceof Control control) {
      out.add(control);
    }
    if (node instanceof TitledPane pane && pane.getContent() != null) {
      collect(pane.getContent(), out);
    }
    if (node instanceof Parent parent) {
      for (Node child : parent.getChildrenUnmodifiable()) {
        collect(child, out);
      }
    }
  }
}
