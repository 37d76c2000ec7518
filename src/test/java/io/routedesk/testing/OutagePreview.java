package io.routedesk.testing;

import io.routedesk.app.AppWiring;
import io.routedesk.flowroute.OkHttpFlowrouteClient;
import io.routedesk.sandbox.DemoSeed;
import io.routedesk.sandbox.FlowrouteSandbox;
import io.routedesk.sandbox.SandboxAccount;
import io.routedesk.service.AccountWorkspace;
import io.routedesk.service.ReachabilityWatcher;
import io.routedesk.store.AppDirs;
import io.routedesk.ui.model.ThemeMode;
import io.routedesk.ui.shell.ShellViewModel;
import io.routedesk.ui.shell.WindowLayout;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javafx.application.Application;
import javafx.stage.Stage;

/**
 * Manual preview of an outage: the window on a sandbox that can be stopped and started again on the
 * same port, by writing "down" or "up" lines to standard input (for looking at the offline and
 * back-online banners, e.g. under Xvfb with screenshots). Local data goes where {@code
 * -Droutedesk.home} says; {@code -Doutage.startDown=true} starts with the sandbox down. Probes
 * every 3–6 s so "up" is noticed quickly.
 */
public final class OutagePreview extends Application {
  private FlowrouteSandbox sandbox;
  private SandboxAccount account;
  private int port;
  private OkHttpFlowrouteClient client;
  private AccountWorkspace workspace;
  private AppWiring app;

  /** Starts the preview from the classpath (a main class that is not the Application itself). */
  public static final class Main {
    private Main() {}

    public static void main(String[] args) {
      Application.launch(OutagePreview.class, args);
    }
  }

  @Override
  public void init() throws Exception {
    sandbox = FlowrouteSandbox.builder().seed(DemoSeed.small()).start();
    account = sandbox.account();
    port = sandbox.port();
    client =
        OkHttpFlowrouteClient.builder()
            .baseUrl(sandbox.baseUrl())
            .credentials(sandbox.accessKey(), sandbox.secretKey())
            .build();
    workspace =
        AccountWorkspace.open(
                AppDirs.forCurrentUser().data().resolve("accounts").resolve("preview.db"),
                "preview",
                client,
                new ReachabilityWatcher.Schedule(Duration.ofSeconds(3), Duration.ofSeconds(6)))
            .join();
    if (Boolean.getBoolean("outage.startDown")) {
      sandbox.close(); // start as if Flowroute were unreachable: the window opens on the copy
    }
  }

  @Override
  public void start(Stage stage) {
    app =
        new AppWiring(
            client,
            new ShellViewModel.AccountInfo("Sandbox account (simulated)", true),
            () -> {},
            ThemeMode.LIGHT,
            workspace);
    app.window.show(stage, WindowLayout.DEFAULT, l -> {});
    app.start();
    Thread.ofPlatform().daemon().name("outage-control").start(this::readCommands);
  }

  private void readCommands() {
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        switch (line.strip()) {
          case "down" -> sandbox.close();
          case "up" -> sandbox = FlowrouteSandbox.builder().port(port).account(account).start();
          default -> System.err.println("Commands: down, up");
        }
      }
    } catch (Exception e) {
      e.printStackTrace();
    }
  }

  @Override
  public void stop() {
    app.close();
    workspace.close();
    client.close();
    sandbox.close();
  }
}
