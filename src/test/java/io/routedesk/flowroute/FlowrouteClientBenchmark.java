package io.routedesk.flowroute;

import io.routedesk.domain.NumberDetails;
import io.routedesk.domain.PhoneNumber;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * Prints how long the client takes against a loopback server that adds a fixed latency to every
 * answer: listing 10,000 numbers (50 pages of 200) and loading the details of 500 numbers, each
 * with speculative/adaptive concurrency and, for comparison, one request at a time. Not a unit test
 * (surefire does not pick it up); run it with the test classpath:
 *
 * <pre>
 * ./mvnw -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) \
 *     io.routedesk.flowroute.FlowrouteClientBenchmark [latencyMs] [numbers]
 * </pre>
 */
public final class FlowrouteClientBenchmark {
  private FlowrouteClientBenchmark() {}

  public static void main(String[] args) throws Exception {
    long latencyMs = args.length > 0 ? Long.parseLong(args[0]) : 80;
    int count = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    List<String> numbers = PagingDispatcher.numbers(count);
    System.out.printf(
        Locale.ROOT, "Latency %d ms per request, %d numbers, page size 200%n", latencyMs, count);

    try (MockWebServer server = new MockWebServer()) {
      server.start(InetAddress.getLoopbackAddress(), 0);
      PagingDispatcher pages = new PagingDispatcher(numbers, offset -> 200, offset -> 0, latencyMs);
      server.setDispatcher(
          new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
              if (request.getUrl().pathSegments().size() == 3) { // /v2/numbers/{number}
                TimeUnit.MILLISECONDS.sleep(latencyMs);
                String n = request.getUrl().pathSegments().get(2);
                return new MockResponse.Builder()
                    .code(200)
                    .body(
                        "{\"data\": {\"type\": \"number\", \"id\": \""
                            + n
                            + "\", \"relationships\": {\"primary_route\": {\"data\":"
                            + " {\"type\": \"route\", \"id\": \"0\"}}}}}")
                    .build();
              }
              return pages.dispatch(request);
            }
          });

      // Warm-up (class loading, JIT, connections), not measured.
      run(server, 8, 32, numbers.subList(0, Math.min(50, count)), false);

      for (int[] concurrency : new int[][] {{1, 1}, {8, 32}}) {
        run(server, concurrency[0], concurrency[1], numbers.subList(0, Math.min(500, count)), true);
      }
    }
  }

  private static void run(
      MockWebServer server, int initial, int max, List<String> detailsOf, boolean print)
      throws Exception {
    try (OkHttpFlowrouteClient client =
        OkHttpFlowrouteClient.builder()
            .baseUrl(server.url("/").toString())
            .credentials("12345678", "benchmark-secret")
            .concurrency(initial, max)
            .readTimeout(Duration.ofSeconds(30))
            .build()) {
      int before = server.getRequestCount();
      long t0 = System.nanoTime();
      List<PhoneNumber> listed = client.listAllNumbers(NumberFilter.NONE, null).get();
      long listMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      int listRequests = server.getRequestCount() - before;

      before = server.getRequestCount();
      t0 = System.nanoTime();
      BulkResult<NumberDetails> details =
          client.numberDetails(detailsOf, null, CancellationToken.NONE).get();
      long detailsMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      int detailsRequests = server.getRequestCount() - before;

      if (print) {
        System.out.printf(
            Locale.ROOT,
            "concurrency %2d..%-2d  listAllNumbers: %5d items in %5d ms (%d requests)"
                + "   numberDetails: %4d ok of %d in %5d ms (%d requests)%n",
            initial,
            max,
            listed.size(),
            listMs,
            listRequests,
            details.succeeded().size(),
            detailsOf.size(),
            detailsMs,
            detailsRequests);
      }
    }
  }
}
