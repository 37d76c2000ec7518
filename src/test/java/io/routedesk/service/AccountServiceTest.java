package io.routedesk.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.routedesk.domain.NumberDetails;
import io.routedesk.domain.PhoneNumber;
import io.routedesk.domain.RouteType;
import io.routedesk.flowroute.CancellationToken;
import io.routedesk.flowroute.FlowrouteException;
import io.routedesk.testing.FakeFlowrouteClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AccountServiceTest {
  private final FakeFlowrouteClient client = new FakeFlowrouteClient();
  private final AccountService service = new AccountService(client, Runnable::run);

  @Test
  void streamsNumbersPageByPageThenTheirRoutingInChunks() {
    client.addRoute("10", "pbx-east", RouteType.HOST, "pbx-east.example.com");
    for (int i = 0; i < 450; i++) {
      client.addNumber(String.valueOf(12065550000L + i), null, "0", i % 2 == 0 ? "10" : null);
    }
    client.failDetails(
        "12065550007",
        FakeFlowrouteClient.error(FlowrouteException.Kind.SERVER, 500, "Server error (500)."));
    List<Integer> pages = new ArrayList<>();
    List<Integer> chunks = new ArrayList<>();
    List<String> failed = new ArrayList<>();

    NumbersLoad load =
        service
            .loadNumbers(
                new NumbersLoadListener() {
                  @Override
                  public void numbers(List<PhoneNumber> page) {
                    pages.add(page.size());
                  }

                  @Override
                  public void routing(
                      List<NumberDetails> details, Map<String, FlowrouteException> f) {
                    chunks.add(details.size() + f.size());
                    failed.addAll(f.keySet());
                  }

                  @Override
                  public void routingProgress(long done, long total) {}
                },
                new CancellationToken())
            .join();

    assertThat(pages).containsExactly(200, 200, 50);
    assertThat(chunks).containsExactly(200, 200, 50);
    assertThat(failed).containsExactly("12065550007");
    assertThat(load).isEqualTo(new NumbersLoad(450, 449, 1, false));
  }

  @Test
  void failsWhenTheNumberListCannotBeRead() {
    client.failListNumbers(
        FakeFlowrouteClient.error(FlowrouteException.Kind.NETWORK, 0, "No connection."));
    NumbersLoadListener ignore =
        new NumbersLoadListener() {
          @Override
          public void numbers(List<PhoneNumber> page) {}

          @Override
          public void routing(List<NumberDetails> d, Map<String, FlowrouteException> f) {}

          @Override
          public void routingProgress(long done, long total) {}
        };

    assertThatThrownBy(() -> service.loadNumbers(ignore, new CancellationToken()).join())
        .hasRootCauseMessage("No connection.");
  }
}
