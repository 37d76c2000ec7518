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
import java.util.concurrent.CompletableFuture;
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
    // The first chunk is a screenful; the others are 100 numbers (one multi-number request).
    assertThat(chunks).containsExactly(25, 100, 75, 100, 100, 50);
    assertThat(failed).containsExactly("12065550007");
    assertThat(load).isEqualTo(new NumbersLoad(450, 449, 1, false));
  }

  @Test
  void readsTheRoutingOfNumbersOnScreenBeforeTheRest() {
    for (int i = 0; i < 450; i++) {
      client.addNumber(String.valueOf(12065550000L + i), null, null, null);
    }
    FakeFlowrouteClient.HeldDetails reads = client.holdDetails();
    RoutingReadOrder order = new RoutingReadOrder();
    CompletableFuture<NumbersLoad> load =
        service.loadNumbers(IGNORE, new CancellationToken(), order);
    // All three pages are listed; four chunks are being read, numbers 300 to 449 wait.
    assertThat(reads.asked())
        .extracting(List::getFirst)
        .containsExactly("12065550000", "12065550025", "12065550125", "12065550200");

    // The window scrolls to the end: those rows are read as soon as a lane is free, alone.
    order.prefer(List.of("12065550445", "12065550446", "12065550100", "12065550447"));
    reads.answerNext();

    assertThat(reads.asked().get(4)).containsExactly("12065550445", "12065550446", "12065550447");
    reads.answerAll();
    // Then the rest in listing order.
    assertThat(reads.asked().get(5)).hasSize(100).startsWith("12065550300");
    assertThat(reads.asked().get(6))
        .hasSize(47)
        .doesNotContain("12065550445")
        .startsWith("12065550400");
    assertThat(load.join()).isEqualTo(new NumbersLoad(450, 450, 0, false));
    assertThat(reads.asked().stream().mapToInt(List::size).sum()).isEqualTo(450);
  }

  private static final NumbersLoadListener IGNORE =
      new NumbersLoadListener() {
        @Override
        public void numbers(List<PhoneNumber> page) {}

        @Override
        public void routing(List<NumberDetails> d, Map<String, FlowrouteException> f) {}

        @Override
        public void routingProgress(long done, long total) {}
      };

  @Test
  void failsWhenTheNumberListCannotBeRead() {
    client.failListNumbers(
        FakeFlowrouteClient.error(FlowrouteException.Kind.NETWORK, 0, "No connection."));

    assertThatThrownBy(() -> service.loadNumbers(IGNORE, new CancellationToken()).join())
        .hasRootCauseMessage("No connection.");
  }
}
