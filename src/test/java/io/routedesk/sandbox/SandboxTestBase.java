package io.routedesk.sandbox;

import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A fresh sandbox with the small demo seed for each test, a client with its keys and its base URL;
 * closed after the test. A test that needs other data or keys calls {@link #restartWith}.
 */
abstract class SandboxTestBase {
  FlowrouteSandbox sandbox;
  SandboxHttp http;
  String base;

  @BeforeEach
  void startSandbox() throws IOException {
    use(FlowrouteSandbox.builder().seed(DemoSeed.small()));
  }

  @AfterEach
  void stopSandbox() {
    sandbox.close();
  }

  /** Replaces this test's sandbox (and client) with one started from {@code builder}. */
  void restartWith(FlowrouteSandbox.Builder builder) throws IOException {
    sandbox.close();
    use(builder);
  }

  private void use(FlowrouteSandbox.Builder builder) throws IOException {
    sandbox = builder.start();
    http = new SandboxHttp(sandbox);
    base = sandbox.baseUrl();
  }
}
