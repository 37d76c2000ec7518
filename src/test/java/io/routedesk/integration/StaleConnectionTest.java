package io.routedesk.integration;

import static org.assertj.core.api.Assertions.assertThat;

import io.routedesk.domain.PhoneNumber;
import io.routedesk.domain.Route;
import io.routedesk.flowroute.CancellationToken;
import io.routedesk.flowroute.FlowrouteClient.ProgressListener;
import io.routedesk.flowroute.OkHttpFlowrouteClient;
import io.routedesk.flowroute.RetryPolicy;
import io.routedesk.sandbox.DemoSeed;
import io.routedesk.sandbox.FlowrouteSandbox;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Servers close idle keep-alive connections (the sandbox after 30 s, load balancers after a
 * minute): the client's pool then holds dead connections. The first call after such a pause must
 * still work on the first visible try, with the user's usual retry budget: a dead pooled connection
 * is dropped, not tried again and again.
 */
class StaleConnectionTest {
  @Test
  void callsAfterTheServerDroppedEveryPooledConnectionStillSucceed() throws Exception {
    FlowrouteSandbox first = FlowrouteSandbox.builder().seed(DemoSeed.small()).start();
    int port = first.port();
    try (OkHttpFlowrouteClient client =
        SandboxClients.client(
            first,
            b ->
                b.retryPolicy(
                    new RetryPolicy(
                        3, Duration.ofMillis(5), Duration.ofMillis(50), Duration.ofSeconds(30))))) {
      // Many calls at once: the pool fills with several connections.
      List<String> numbers = first.account().numbers().stream().map(PhoneNumber::number).toList();
      SandboxClients.await(
          client.numberDetails(numbers, ProgressListener.NONE, CancellationToken.NONE));

      // The server goes away and comes back (as an idle timeout would close the connections).
      first.close();
      try (FlowrouteSandbox second =
          FlowrouteSandbox.builder().port(port).account(first.account()).start()) {
        List<Route> routes =
            SandboxClients.await(client.listAllRoutes(null, ProgressListener.NONE));
        assertThat(routes).hasSize(first.account().routeCount());
        assertThat(second.requests().total()).isGreaterThanOrEqualTo(1);
      }
    }
  }
}
