package io.routedesk.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.routedesk.domain.NumberDetails;
import io.routedesk.domain.PhoneNumber;
import io.routedesk.flowroute.CancellationToken;
import io.routedesk.flowroute.FlowrouteException;
import io.routedesk.flowroute.FlowrouteException.Kind;
import io.routedesk.flowroute.OkHttpFlowrouteClient;
import io.routedesk.flowroute.PagingLimits;
import io.routedesk.flowroute.RetryPolicy;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The window's streaming number loader ({@link AccountService#loadNumbers}) against a loopback
 * server whose paging is broken: it must stop with a clear error instead of asking for the same
 * page over and over, and show each number once.
 */
class StreamingLoadBoundsTest {
  private final MockWebServer server = new MockWebServer();
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final AtomicInteger listRequests = new AtomicInteger();
  // The client's pager keeps at most half its limit of 32 requests in guessed pages.
  private static final int MOST_GUESSES = 16;
  private OkHttpFlowrouteClient client;

  @BeforeEach
  void start() throws IOException {
    server.start(InetAddress.getLoopbackAddress(), 0);
    client = client(PagingLimits.DEFAULT);
  }

  private OkHttpFlowrouteClient client(PagingLimits limits) {
    return OkHttpFlowrouteClient.builder()
        .baseUrl(server.url("/").toString())
        .credentials("key", "secret")
        .retryPolicy(RetryPolicy.NO_RETRIES)
        .pagingLimits(limits)
        .build();
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
    executor.shutdownNow();
  }

  /**
   * Pages of 10 numbers at {@code firstOf(offset)}, each with a next link to {@code
   * nextOf(offset)}; number details are not served (routing is not what these tests are about).
   */
  private void serve(IntUnaryOperator firstOf, IntUnaryOperator nextOf) {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            if (!request.getMethod().equals("GET")
                || !request.getUrl().encodedPath().equals("/v2/numbers")) {
              return new MockResponse.Builder().code(405).build();
            }
            listRequests.incrementAndGet();
            int offset = Integer.parseInt(request.getUrl().queryParameter("offset"));
            int first = firstOf.applyAsInt(offset);
            StringBuilder body = new StringBuilder("{\"data\": [");
            for (int i = 0; i < 10; i++) {
              body.append(i == 0 ? "" : ",")
                  .append("{\"type\": \"number\", \"id\": \"")
                  .append(12060000000L + first + i)
                  .append("\", \"attributes\": {}}");
            }
            body.append("], \"links\": {\"next\": \"/v2/numbers?limit=10&offset=")
                .append(nextOf.applyAsInt(offset))
                .append("\"}}");
            return new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "application/vnd.api+json")
                .body(body.toString())
                .build();
          }
        });
  }

  /** Numbers shown, in order, as the window would add them. */
  private final List<String> shown = Collections.synchronizedList(new ArrayList<>());

  private FlowrouteException load(AccountService service) {
    NumbersLoadListener listener =
        new NumbersLoadListener() {
          @Override
          public void numbers(List<PhoneNumber> page) {
            page.forEach(n -> shown.add(n.number()));
          }

          @Override
          public void routing(
              List<NumberDetails> details, Map<String, FlowrouteException> failed) {}

          @Override
          public void routingProgress(long done, long total) {}
        };
    Throwable t =
        catchThrowable(
            () -> service.loadNumbers(listener, CancellationToken.NONE).get(20, TimeUnit.SECONDS));
    FlowrouteException e = FlowrouteException.unwrap(t);
    assertThat(e).as("failed with a FlowrouteException, got %s", t).isNotNull();
    return e;
  }

  @Test
  void aNextLinkToTheSamePageStopsAtOnce() {
    serve(offset -> 0, offset -> offset); // every page links to itself

    FlowrouteException e = load(new AccountService(client, executor));

    assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
    assertThat(e.getMessage())
        .contains("links to offset 0 after offset 0, not forward")
        .contains("while listing numbers")
        .contains("stopped reading");
    // The first page and the guesses sent with it (half the starting limit of 8), nothing after.
    assertThat(listRequests.get()).isBetween(1, 4);
    assertThat(shown).isEmpty(); // the page was refused as a whole
  }

  @Test
  void aNextLinkThatMovesButRepeatsThePageStopsWithoutDuplicateRows() {
    serve(offset -> 0, offset -> offset + 10); // the server ignores the offset

    FlowrouteException e = load(new AccountService(client, executor));

    assertThat(e.getMessage()).contains("holding only items it had already listed");
    // The first page, then at most the pages guessed in flight with the second.
    assertThat(listRequests.get()).isBetween(2, 1 + MOST_GUESSES);
    assertThat(shown).hasSize(10).doesNotHaveDuplicates();
  }

  @Test
  void aListThatNeverEndsStopsAtThePageBound() {
    serve(offset -> offset, offset -> offset + 10);
    client.close();
    client = client(new PagingLimits(40, 1_000_000, Duration.ofHours(1)));

    FlowrouteException e = load(new AccountService(client, executor));

    assertThat(e.getMessage()).contains("went on for more than 40 pages while listing numbers");
    // Beyond the bound: a window of guesses in flight, and the 3 guesses sent with the first page
    // (pages of 200 at offsets 200, 400, 600), which its link to offset 10 made useless.
    assertThat(listRequests.get()).isBetween(40, 40 + MOST_GUESSES + 3);
    assertThat(shown).hasSize(390).doesNotHaveDuplicates();
  }
}
