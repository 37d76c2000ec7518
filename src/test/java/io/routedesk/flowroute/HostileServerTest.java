package io.routedesk.flowroute;

import static org.assertj.core.api.Assertions.assertThat;

import io.routedesk.domain.Route;
import io.routedesk.flowroute.FlowrouteException.Kind;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/**
 * A loopback server that misbehaves: answers too large to hold, paging that never ends or never
 * moves, a call that outlives its timeout. Each must end with a clear error, within a bound.
 */
class HostileServerTest extends ClientTestBase {
  private static final long LIMIT = 64 << 10;

  /** A 200 answer that starts like a route list and goes on for {@code bytes}. */
  private static Buffer hugeRouteList(int bytes) {
    Buffer body = new Buffer().writeUtf8("{\"data\": [");
    String route =
        "{\"type\": \"route\", \"id\": \"1\", \"attributes\": {\"alias\": \"a\", \"route_type\":"
            + " \"host\", \"value\": \"1.2.3.4\"}},";
    while (body.size() < bytes) {
      body.writeUtf8(route);
    }
    return body;
  }

  // ---- answer size ----

  @Test
  void anAnswerDeclaredLargerThanTheLimitFailsClearlyAndIsNotRetried() {
    useClient(b -> b.maxAnswerBytes(LIMIT));
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .setHeader("Content-Type", "application/vnd.api+json")
            .body(hugeRouteList(1 << 20))
            .build());

    FlowrouteException e = failure(client.listRoutes(null, 10, 0));

    assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
    assertThat(e.getMessage())
        .contains("while listing routes was 1 MB, more than RouteDesk reads (64 KB)")
        .contains("not requested again");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void anUndeclaredAnswerIsReadAsAStreamOnlyUpToTheLimit() {
    useClient(b -> b.maxAnswerBytes(LIMIT));
    // Chunked: no Content-Length, so the size shows only while reading.
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .setHeader("Content-Type", "application/vnd.api+json")
            .chunkedBody(hugeRouteList(4 << 20), 8 << 10)
            .build());

    FlowrouteException e = failure(client.listRoutes(null, 10, 0));

    assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
    assertThat(e.getMessage()).contains("was larger than 64 KB").contains("not requested again");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aHugeErrorPageIsNotReadButTheStatusStillDecidesTheRetry() {
    useClient(b -> b.maxAnswerBytes(LIMIT));
    Buffer html = new Buffer();
    while (html.size() < (1 << 20)) {
      html.writeUtf8("<html><body>Service Unavailable</body></html>\n");
    }
    server.enqueue(
        new MockResponse.Builder()
            .code(503)
            .setHeader("Content-Type", "text/html")
            .body(html)
            .build());
    server.enqueue(json(200, "{\"data\": [], \"links\": {}}"));

    List<Route> routes = await(client.listRoutes(null, 10, 0)).items();

    assertThat(routes).isEmpty();
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  // ---- paging ----

  /** Serves GET /v2/numbers: 10 new numbers per page, and a next link as {@code nextOf} says. */
  private static final class EndlessNumbers extends Dispatcher {
    final AtomicInteger requests = new AtomicInteger();
    final java.util.function.IntUnaryOperator nextOf;
    final boolean samePage;
    final FakeTime time;
    final Duration perPage;

    EndlessNumbers(
        java.util.function.IntUnaryOperator nextOf,
        boolean samePage,
        FakeTime time,
        Duration perPage) {
      this.nextOf = nextOf;
      this.samePage = samePage;
      this.time = time;
      this.perPage = perPage;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      requests.incrementAndGet();
      time.advance(perPage);
      int offset = Integer.parseInt(request.getUrl().queryParameter("offset"));
      int first = samePage ? 0 : offset;
      StringBuilder body = new StringBuilder("{\"data\": [");
      for (int i = 0; i < 10; i++) {
        body.append(i == 0 ? "" : ",")
            .append("{\"type\": \"number\", \"id\": \"")
            .append(12060000000L + first + i)
            .append("\", \"attributes\": {}}");
      }
      body.append(
              "], \"links\": {\"next\": \"https://api.flowroute.com/v2/numbers?limit=10&offset=")
          .append(nextOf.applyAsInt(offset))
          .append("\"}}");
      return json(200, body.toString());
    }
  }

  private EndlessNumbers serve(
      java.util.function.IntUnaryOperator nextOf, boolean samePage, Duration perPage) {
    EndlessNumbers dispatcher = new EndlessNumbers(nextOf, samePage, time, perPage);
    server.setDispatcher(dispatcher);
    return dispatcher;
  }

  @Test
  void theSameNextLinkTwiceStopsTheWalk() {
    EndlessNumbers endless = serve(offset -> 10, false, Duration.ZERO);

    FlowrouteException e = failure(client.listAllNumbers(NumberFilter.NONE, null));

    assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
    assertThat(e.getMessage())
        .contains("listing numbers")
        .contains("links to offset 10 after offset 10, not forward");
    assertThat(endless.requests.get()).isLessThan(50);
  }

  @Test
  void aPageOfOnlyRepeatedItemsStopsTheWalk() {
    EndlessNumbers endless = serve(offset -> offset + 10, true, Duration.ZERO);

    FlowrouteException e = failure(client.listAllNumbers(NumberFilter.NONE, null));

    assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
    assertThat(e.getMessage())
        .contains("holding only items it had already listed")
        .contains("listing numbers")
        .contains("stopped reading");
    assertThat(endless.requests.get()).isLessThan(50);
  }

  @Test
  void aListThatNeverEndsStopsAtThePageBound() {
    useClient(b -> b.pagingLimits(new PagingLimits(30, 1_000_000, Duration.ofHours(1))));
    EndlessNumbers endless = serve(offset -> offset + 10, false, Duration.ZERO);

    FlowrouteException e = failure(client.listAllNumbers(NumberFilter.NONE, null));

    assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
    assertThat(e.getMessage())
        .contains("went on for more than 30 pages while listing numbers")
        .contains("stopped reading");
    // The pages asked for speculatively beyond the bound: at most one window of them.
    assertThat(endless.requests.get()).isBetween(30, 30 + 32);
  }

  @Test
  void aListThatNeverEndsStopsAtTheItemBound() {
    useClient(b -> b.pagingLimits(new PagingLimits(1_000, 250, Duration.ofHours(1))));
    serve(offset -> offset + 10, false, Duration.ZERO);

    FlowrouteException e = failure(client.listAllNumbers(NumberFilter.NONE, null));

    assertThat(e.getMessage()).contains("more than 250 items while listing numbers");
  }

  @Test
  void aListThatNeverEndsStopsAtTheTimeBound() {
    useClient(b -> b.pagingLimits(new PagingLimits(1_000, 1_000_000, Duration.ofMinutes(1))));
    // Each page takes 10 s of the (fake) clock.
    EndlessNumbers endless = serve(offset -> offset + 10, false, Duration.ofSeconds(10));

    FlowrouteException e = failure(client.listAllNumbers(NumberFilter.NONE, null));

    assertThat(e.getMessage()).contains("still more pages after 60 s while listing numbers");
    assertThat(endless.requests.get()).isLessThan(1_000);
  }

  @Test
  void aListingOfRoutesIsBoundedToo() {
    useClient(b -> b.pagingLimits(new PagingLimits(5, 1_000_000, Duration.ofHours(1))));
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            int offset = Integer.parseInt(request.getUrl().queryParameter("offset"));
            return json(
                200,
                "{\"data\": [{\"type\": \"route\", \"id\": \""
                    + (100 + offset)
                    + "\", \"attributes\": {\"route_type\": \"host\", \"value\": \"h\"}}],"
                    + " \"links\": {\"next\": \"/v2/routes?limit=1&offset="
                    + (offset + 1)
                    + "\"}}");
          }
        });

    FlowrouteException e = failure(client.listAllRoutes(null, null));

    assertThat(e.getMessage()).contains("more than 5 pages while listing routes");
  }

  // ---- timeouts ----

  @Test
  void theCallTimeoutIsReportedAsATimeoutNotACancellation() {
    useClient(
        b ->
            b.retryPolicy(RetryPolicy.NO_RETRIES)
                .readTimeout(Duration.ofSeconds(5))
                .callTimeout(Duration.ofMillis(300)));
    server.enqueue(
        new MockResponse.Builder()
            .headersDelay(3, TimeUnit.SECONDS)
            .body("{\"data\": []}")
            .build());

    FlowrouteException e = failure(client.listRoutes(null, 10, 0));

    assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
    assertThat(e.getMessage())
        .startsWith("The request timed out: Flowroute did not answer within 300 ms while listing")
        .doesNotContain("cancel");
  }
}
