package io.routedesk.flowroute;

import static org.assertj.core.api.Assertions.assertThat;

import io.routedesk.domain.NumberDetails;
import io.routedesk.domain.VoiceSlot;
import io.routedesk.flowroute.FlowrouteException.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/** Bulk details and bulk assignment: every key accounted for, cancellation, bounded concurrency. */
class OkHttpFlowrouteBulkTest extends ClientTestBase {
  /** Lets a deliberately stuck server answer at the end of a test. */
  private final CountDownLatch release = new CountDownLatch(1);

  private static String details(String number, String primary) {
    return "{\"data\": {\"type\": \"number\", \"id\": \""
        + number
        + "\", \"attributes\": {\"value\": \""
        + number
        + "\"}, \"relationships\": {\"primary_route\": {\"data\": {\"type\": \"route\", \"id\": \""
        + primary
        + "\"}}, \"failover_route\": {\"data\": null}}}}";
  }

  private static String lastSegment(RecordedRequest request) {
    List<String> segments = request.getUrl().pathSegments();
    return segments.get(segments.size() - 1);
  }

  /** The answer of a server without POST /v2/numbers/details: the per-number path is tested. */
  private static boolean refusedMultiNumberCall(RecordedRequest request) {
    return request.getMethod().equals("POST");
  }

  /**
   * Details of every number; 404 for numbers ending in 13; counts in-flight requests. No
   * multi-number call (405), so these tests exercise the per-number reads.
   */
  private static final class DetailsDispatcher extends Dispatcher {
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger peak = new AtomicInteger();
    final long delayMillis;

    DetailsDispatcher(long delayMillis) {
      this.delayMillis = delayMillis;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
      if (refusedMultiNumberCall(request)) {
        return json(405, "{}");
      }
      peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      try {
        TimeUnit.MILLISECONDS.sleep(delayMillis);
        String number = lastSegment(request);
        if (number.endsWith("13")) {
          return json(404, FlowrouteDocExamples.ERROR_404);
        }
        return json(200, details(number, "83834"));
      } finally {
        inFlight.decrementAndGet();
      }
    }
  }

  @Test
  void everyNumberEndsSucceededOrFailedInInputOrder() {
    server.setDispatcher(new DetailsDispatcher(0));
    List<String> numbers = new ArrayList<>(PagingDispatcher.numbers(40));
    numbers.add("not-a-number");
    numbers.add(numbers.get(0)); // duplicates are asked for once
    List<long[]> progress = Collections.synchronizedList(new ArrayList<>());

    BulkResult<NumberDetails> result =
        await(
            client.numberDetails(
                numbers,
                (done, total) -> progress.add(new long[] {done, total}),
                CancellationToken.NONE));

    assertThat(result.failed()).containsOnlyKeys("12060000013", "not-a-number");
    assertThat(result.failed().get("12060000013").kind()).isEqualTo(Kind.NOT_FOUND);
    assertThat(result.failed().get("not-a-number").kind()).isEqualTo(Kind.INVALID);
    assertThat(result.skipped()).isEmpty();
    assertThat(result.succeeded()).hasSize(39);
    assertThat(result.succeeded().keySet())
        .containsExactlyElementsOf(
            numbers.subList(0, 40).stream().filter(n -> !n.endsWith("13")).toList());
    assertThat(result.succeeded().get("12060000000").routing().primaryRouteId()).isEqualTo("83834");
    assertThat(server.getRequestCount()).isEqualTo(1 + 40); // the refused POST, then each number
    assertThat(progress).hasSize(41);
    assertThat(progress).allSatisfy(p -> assertThat(p[1]).isEqualTo(41));
    assertThat(progress.stream().mapToLong(p -> p[0]).toArray()).isSorted().contains(41);
  }

  @Test
  void concurrencyStaysWithinTheMaximum() {
    useClient(b -> b.concurrency(3, 5));
    DetailsDispatcher dispatcher = new DetailsDispatcher(10);
    server.setDispatcher(dispatcher);

    BulkResult<NumberDetails> result =
        await(client.numberDetails(PagingDispatcher.numbers(60), null, CancellationToken.NONE));

    assertThat(result.succeeded().size() + result.failed().size()).isEqualTo(60);
    assertThat(dispatcher.peak.get()).isBetween(3, 5);
  }

  @Test
  void cancellingSkipsEverythingNotYetStarted() {
    useClient(b -> b.concurrency(1, 1));
    CancellationToken cancel = new CancellationToken();
    AtomicInteger seen = new AtomicInteger();
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            if (refusedMultiNumberCall(request)) {
              return json(405, "{}");
            }
            if (seen.incrementAndGet() == 2) {
              cancel.cancel(); // while the second number is in flight
            }
            return json(200, details(lastSegment(request), "0"));
          }
        });
    List<String> numbers = PagingDispatcher.numbers(10);

    BulkResult<NumberDetails> result = await(client.numberDetails(numbers, null, cancel));

    assertThat(result.succeeded()).containsOnlyKeys(numbers.get(0), numbers.get(1));
    assertThat(result.failed()).isEmpty();
    assertThat(result.skipped()).containsExactlyElementsOf(numbers.subList(2, 10));
    assertThat(result.allSucceeded()).isFalse();
    assertThat(server.getRequestCount()).isEqualTo(1 + 2);
  }

  @Test
  void anAlreadyCancelledTokenSkipsEverything() {
    CancellationToken cancel = new CancellationToken();
    cancel.cancel();

    BulkResult<NumberDetails> result =
        await(client.numberDetails(PagingDispatcher.numbers(5), null, cancel));

    assertThat(result.skipped()).hasSize(5);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void cancellingStopsRetriesAndReportsTheLastError() {
    useClient(b -> b.concurrency(1, 1));
    CancellationToken cancel = new CancellationToken();
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            cancel.cancel();
            return json(503, "{\"errors\":[{\"status\":503,\"title\":\"Busy\"}]}");
          }
        });
    List<String> numbers = PagingDispatcher.numbers(4);

    BulkResult<Void> result =
        await(client.setRoutes(Map.of(numbers.get(0), "7"), VoiceSlot.PRIMARY, null, cancel));

    FlowrouteException e = result.failed().get(numbers.get(0));
    assertThat(e.status()).isEqualTo(503);
    assertThat(e.getMessage()).contains("Not tried again because the operation was cancelled.");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void setRoutesPatchesOrDeletesPerNumberAndReportsEach() {
    Set<String> seen = Collections.synchronizedSet(new HashSet<>());
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String body = request.getBody() == null ? "" : request.getBody().utf8();
            seen.add(request.getMethod() + " " + request.getUrl().encodedPath() + " " + body);
            if (request.getUrl().encodedPath().contains("12060000003")) {
              return json(403, FlowrouteDocExamples.ERROR_403_NOT_AUTHORIZED);
            }
            return noContent();
          }
        });
    Map<String, String> plan = new LinkedHashMap<>();
    plan.put("12060000001", "83834");
    plan.put("12060000002", null);
    plan.put("12060000003", "83834");

    BulkResult<Void> result = await(client.setRoutes(plan, VoiceSlot.FAILOVER, null, null));

    assertThat(result.succeeded()).containsOnlyKeys("12060000001", "12060000002");
    assertThat(result.failed()).containsOnlyKeys("12060000003");
    assertThat(result.failed().get("12060000003").kind()).isEqualTo(Kind.FORBIDDEN);
    assertThat(seen)
        .containsExactlyInAnyOrder(
            "PATCH /v2/numbers/12060000001/relationships/failover_route"
                + " {\"data\":{\"type\":\"route\",\"id\":\"83834\"}}",
            "DELETE /v2/numbers/12060000002/relationships/failover_route ",
            "PATCH /v2/numbers/12060000003/relationships/failover_route"
                + " {\"data\":{\"type\":\"route\",\"id\":\"83834\"}}");
  }

  @Test
  void rateLimitingSlowsDownAndEveryItemStillLands() {
    useClient(b -> b.concurrency(8, 8));
    AtomicInteger limited = new AtomicInteger(5);
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            if (limited.getAndDecrement() > 0) {
              return new MockResponse.Builder()
                  .code(429)
                  .setHeader("Retry-After", "1")
                  .body("{\"errors\":[{\"status\":429,\"title\":\"Too Many Requests\"}]}")
                  .build();
            }
            return noContent();
          }
        });
    Map<String, String> plan = new LinkedHashMap<>();
    PagingDispatcher.numbers(20).forEach(n -> plan.put(n, "83834"));

    BulkResult<Void> result = await(client.setRoutes(plan, VoiceSlot.PRIMARY, null, null));

    assertThat(result.allSucceeded()).isTrue();
    assertThat(result.succeeded()).hasSize(20);
    assertThat(server.getRequestCount()).isEqualTo(25);
    assertThat(time.sleeps()).contains(Duration.ofSeconds(1));
  }

  @Test
  void closingFailsRunningCallsAndRefusesNewOnes() throws Exception {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            release.await(10, TimeUnit.SECONDS);
            return noContent();
          }
        });
    var running = client.setRoute("12065551212", VoiceSlot.PRIMARY, "7");
    take(); // the request is on the wire

    long started = System.nanoTime();
    client.close();

    assertThat(failure(running).kind()).isEqualTo(Kind.CANCELLED);
    assertThat(failure(client.listRoutes(null, 10, 0)).kind()).isEqualTo(Kind.CANCELLED);
    assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).isLessThan(4);
    release.countDown();
  }

  @Test
  void cancellingTheFutureAbandonsTheCall() throws Exception {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            release.await(10, TimeUnit.SECONDS);
            return noContent();
          }
        });
    var running = client.numberDetails("12065551212");
    take();

    running.cancel(true);

    assertThat(running.isCancelled()).isTrue();
    release.countDown();
    // The client still works for other calls.
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return json(200, details("12065551212", "0"));
          }
        });
    assertThat(await(client.numberDetails("12065551212")).routing().primaryRouteId())
        .isEqualTo("0");
  }
}
