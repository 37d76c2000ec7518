package io.routedesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.routedesk.domain.NewRoute;
import io.routedesk.domain.Route;
import io.routedesk.domain.RouteType;
import io.routedesk.flowroute.FlowrouteClient;
import io.routedesk.flowroute.FlowrouteException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;

/** The new-route form on the real window and sandbox: each type, and refusals by Flowroute. */
class RouteFormWindowTest extends WindowTestBase {
  /** A host the simulated Flowroute refuses with 422 (see {@link #decorate()}). */
  private static final String REFUSED_HOST = "blocked.example.net";

  @Test
  void aSuccessToastCoversNeitherTheFormsTitleNorItsButtons() throws Exception {
    clickOn("#new-route");
    clickOn("#route-value").write("10.20.30.41");
    clickOn("#route-alias").write("toast-check");
    clickOn("#route-submit");

    waitUntil(() -> lookup("#toast").tryQuery().isPresent(), 10);
    Node toast = lookup("#toast").query();
    Bounds toastBounds = toast.localToScene(toast.getBoundsInLocal());
    for (String covered :
        List.of(
            "#route-form-title",
            "#route-form-close",
            "#route-form-buttons",
            "#route-value",
            "#route-alias",
            "#numbers-count-badge",
            "#refresh-routes")) {
      Node n = lookup(covered).query();
      assertThat(toastBounds.intersects(n.localToScene(n.getBoundsInLocal())))
          .as("the toast covers " + covered)
          .isFalse();
    }
    // It rests on the status bar, at the bottom of the window.
    Node status = lookup("#status-bar").query();
    assertThat(toastBounds.getMaxY())
        .isGreaterThan(status.localToScene(status.getBoundsInLocal()).getMinY());
  }

  @Test
  void createsARouteOfEachTypeThroughTheForm() throws Exception {
    String[][] cases = {
      {"host", "10.20.30.40:5062", "lab-pbx"},
      {"number", "16476998778", "toronto-cell"},
      {"uri", "sips:alice@atlanta.example.com;transport=tls", "alice-tls"},
    };
    clickOn("#new-route");
    for (String[] c : cases) {
      clickOn("#type-" + c[0]);
      clickOn("#route-value").write(c[1]);
      clickOn("#route-alias").write(c[2]);
      clickOn("#route-submit");
      waitUntil(
          () -> sandbox.account().routes().stream().anyMatch(r -> c[2].equals(r.alias())), 10);
      Route created =
          sandbox.account().routes().stream()
              .filter(r -> c[2].equals(r.alias()))
              .findFirst()
              .orElseThrow();
      assertThat(created.type()).isEqualTo(RouteType.fromWire(c[0]));
      assertThat(created.value()).isEqualTo(c[1]);
      // The new route is selected in the list; the form is ready for the next one.
      waitUntil(
          () ->
              routesTable().getSelectionModel().getSelectedItem() != null
                  && routesTable().getSelectionModel().getSelectedItem().id().equals(created.id()),
          5);
      assertThat(lookup("#route-value").queryAs(TextField.class).getText()).isEmpty();
    }
    assertThat(lookup("#route-form-status").queryAs(Label.class).getText())
        .isEqualTo("Created “alice-tls”.");
  }

  @Test
  void typingAfterNewRouteAndAfterACreateGoesIntoTheValue() throws Exception {
    clickOn(routesTable());
    push(KeyCode.SHORTCUT, KeyCode.N);
    waitUntil(() -> lookup("#route-value").queryAs(TextField.class).isFocused(), 5);
    write("10.1.1.1");
    clickOn("#route-alias").write("focus-one");
    type(KeyCode.ENTER);
    waitUntil(
        () -> sandbox.account().routes().stream().anyMatch(r -> "focus-one".equals(r.alias())), 10);
    // The next route starts with its value, not with the alias typed last.
    waitUntil(() -> lookup("#route-value").queryAs(TextField.class).isFocused(), 5);
    write("10.1.1.2");
    assertThat(lookup("#route-value").queryAs(TextField.class).getText()).isEqualTo("10.1.1.2");
  }

  @Test
  void aRefusalOfTheValueIsShownNextToTheValueField() throws Exception {
    clickOn("#new-route");
    clickOn("#type-host");
    clickOn("#route-value").write(REFUSED_HOST);
    clickOn("#route-alias").write("blocked");
    type(KeyCode.ENTER);

    waitUntil(() -> lookup("#route-value-error").queryAs(Label.class).isVisible(), 10);
    assertThat(lookup("#route-value-error").queryAs(Label.class).getText())
        .contains("not reachable from Flowroute");
    assertThat(lookup("#route-alias-error").queryAs(Label.class).isVisible()).isFalse();
    assertThat(sandbox.account().routes()).noneMatch(r -> "blocked".equals(r.alias()));

    // Editing the value clears the refusal: it was about the old value.
    clickOn("#route-value").write("2");
    assertThat(lookup("#route-value-error").queryAs(Label.class).isVisible()).isFalse();
  }

  @Test
  void aDuplicateAliasRefusedByFlowrouteIsShownNextToTheAlias() throws Exception {
    // Someone else creates "shared-pbx" after the window loaded its routes: the form cannot know,
    // the sandbox answers 403.
    sandbox.account().addRoute(RouteType.HOST, "other.example.com", "shared-pbx", null);
    clickOn("#new-route");
    clickOn("#route-value").write("mine.example.com");
    clickOn("#route-alias").write("shared-pbx");
    clickOn("#route-submit");

    waitUntil(() -> lookup("#route-alias-error").queryAs(Label.class).isVisible(), 10);
    assertThat(lookup("#route-alias-error").queryAs(Label.class).getText())
        .contains("already exists");
    assertThat(lookup("#route-value-error").queryAs(Label.class).isVisible()).isFalse();
  }

  @Test
  void editsARoutesAliasValueAndEdgeStrategyWithTheKeyboard() throws Exception {
    String id = routeId("pbx-west");
    clickOn(routeRow(id));
    type(KeyCode.F2);
    waitUntil(() -> app.window.isFormOpen(), 5);
    assertThat(lookup("#route-form-title").queryAs(Label.class).getText())
        .isEqualTo("Edit route “pbx-west”");
    // The alias field has the focus with its text selected: typing replaces it.
    write("pbx-west-2");
    clickOn("#route-value").eraseText(40).write("198.51.100.7:5070");
    interact(() -> app.routeForm.edgeProperty().set(app.routeForm.edgeOptions().getLast()));
    type(KeyCode.ENTER);

    waitUntil(() -> "pbx-west-2".equals(sandbox.account().route(id).orElseThrow().alias()), 10);
    var updated = sandbox.account().route(id).orElseThrow();
    assertThat(updated.value()).isEqualTo("198.51.100.7:5070");
    assertThat(updated.edgeStrategyId()).isEqualTo(app.routeForm.edgeOptions().getLast().id());
    waitUntil(() -> !app.window.isFormOpen(), 5);
    // Numbers using it show the new name.
    assertThat(app.account.routeLabel(id)).isEqualTo("pbx-west-2");
  }

  @Test
  void invalidInputIsExplainedLiveAndNeverSent() throws Exception {
    long before = sandbox.requests().routePostsReceived();
    clickOn("#new-route");
    clickOn("#type-number");
    clickOn("#route-value").write("+1 647");
    assertThat(lookup("#route-value-error").queryAs(Label.class).getText())
        .contains("has 11 digits");
    clickOn("#route-alias").write("x");
    clickOn("#route-submit");
    assertThat(sandbox.requests().routePostsReceived()).isEqualTo(before);
    type(KeyCode.ESCAPE);
    assertThat(app.window.isFormOpen()).isFalse();
  }

  /** Flowroute refuses values the client cannot check (here: a host it cannot reach) with 422. */
  @Override
  protected UnaryOperator<FlowrouteClient> decorate() {
    return real ->
        (FlowrouteClient)
            Proxy.newProxyInstance(
                FlowrouteClient.class.getClassLoader(),
                new Class<?>[] {FlowrouteClient.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("createRoute")
                      && args[0] instanceof NewRoute r
                      && REFUSED_HOST.equals(r.value())) {
                    String detail =
                        "Invalid value for a host route: "
                            + REFUSED_HOST
                            + " is not reachable from Flowroute.";
                    return CompletableFuture.failedFuture(
                        new FlowrouteException(
                            FlowrouteException.Kind.INVALID,
                            422,
                            "Unprocessable Entity",
                            detail,
                            null,
                            "Flowroute rejected a value while creating the route (422"
                                + " Unprocessable Entity): "
                                + detail,
                            null));
                  }
                  try {
                    return method.invoke(real, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
  }
}
