package io.routedesk.testing;

import io.routedesk.app.AppWiring;
import io.routedesk.domain.RouteType;
import io.routedesk.flowroute.FlowrouteClient;
import io.routedesk.service.AccountWorkspace;
import io.routedesk.ui.common.ThemeMode;
import io.routedesk.ui.shell.ShellViewModel;
import io.routedesk.ui.shell.WindowLayout;
import java.lang.reflect.Proxy;
import java.util.concurrent.CompletableFuture;
import javafx.application.Application;
import javafx.stage.Stage;

/** Manual preview of the window on the in-memory fake account, with simulated latency. */
public final class DevWindow extends Application {
  public static void main(String[] args) {
    launch(args);
  }

  @Override
  public void start(Stage stage) {
    FakeFlowrouteClient fake = new FakeFlowrouteClient();
    fake.addRoute("83834", "pbx-east", RouteType.HOST, "pbx-east.example.com:5060");
    fake.addRoute("83835", "pbx-west", RouteType.HOST, "203.0.113.40:5060");
    fake.addRoute("83836", "oncall-cell", RouteType.NUMBER, "12065559999");
    fake.addRoute(
        "83837", "teams-sbc", RouteType.URI, "sips:support@sbc.example.net;transport=tls");
    String[] aliases = {"Front desk", "Sales", "Support", "Billing", "", "Warehouse", ""};
    for (int i = 0; i < 60; i++) {
      String primary = i % 5 == 0 ? "0" : i % 3 == 0 ? "83835" : "83834";
      String failover = i % 4 == 0 ? null : i % 4 == 1 ? "83836" : "83837";
      fake.addNumber(
          String.valueOf(12065550100L + i * 7), aliases[i % aliases.length], primary, failover);
    }
    FlowrouteClient slow = slow(fake, 150);
    String theme = getParameters().getNamed().getOrDefault("theme", "SYSTEM");
    AppWiring w =
        new AppWiring(
            slow,
            new ShellViewModel.AccountInfo("Sandbox (simulated account)", true),
            () -> {},
            ThemeMode.parse(theme),
            AccountWorkspace.openInMemory("dev", slow).join());
    w.window.show(stage, WindowLayout.DEFAULT, l -> {});
    w.start();
    if (getParameters().getNamed().containsKey("form")) {
      w.window.openNewRouteForm();
      w.routeForm.valueProperty().set("pbx.example.com:70000");
      w.routeForm.aliasProperty().set("pbx-east");
    }
    if (getParameters().getNamed().containsKey("select")) {
      javafx.application.Platform.runLater(
          () ->
              new Thread(
                      () -> {
                        try {
                          Thread.sleep(3000);
                        } catch (InterruptedException e) {
                          return;
                        }
                        javafx.application.Platform.runLater(
                            () -> {
                              var t = w.window.numbersView().tableView();
                              t.getSelectionModel().selectRange(2, 7);
                              w.routes.select("83836");
                            });
                      })
                  .start());
    }
  }

  static FlowrouteClient slow(FlowrouteClient target, long millis) {
    return (FlowrouteClient)
        Proxy.newProxyInstance(
            FlowrouteClient.class.getClassLoader(),
            new Class<?>[] {FlowrouteClient.class},
            (proxy, method, args) -> {
              if (method.getReturnType() != CompletableFuture.class) {
                return method.invoke(target, args);
              }
              return CompletableFuture.supplyAsync(
                  () -> {
                    try {
                      Thread.sleep(millis);
                      return ((CompletableFuture<?>) method.invoke(target, args)).join();
                    } catch (ReflectiveOperationException | InterruptedException e) {
                      throw new IllegalStateException(e);
                    }
                  });
            });
  }
}
