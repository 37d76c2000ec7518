package io.routedesk.flowroute;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * Serves GET /v2/numbers (or /v2/routes) from a fixed list like Flowroute: pages of at most the
 * requested limit (and at most {@code pageSize(offset)}), links.next on api.flowroute.com while
 * more items exist. Counts requests and the most that were in flight at once.
 */
class PagingDispatcher extends Dispatcher {
  private final List<String> numbers;
  private final IntUnaryOperator pageSize;
  private final IntUnaryOperator shift;
  private final long delayMillis;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger peakInFlight = new AtomicInteger();
  final List<String> requestedOffsets = Collections.synchronizedList(new ArrayList<>());

  /**
   * @param pageSize the server's own cap on a page starting at an offset
   * @param shift how many items were inserted before an offset by the time it is read (simulates a
   *     list that grows during the walk, which repeats items across pages)
   */
  PagingDispatcher(
      List<String> numbers, IntUnaryOperator pageSize, IntUnaryOperator shift, long delayMillis) {
    this.numbers = List.copyOf(numbers);
    this.pageSize = pageSize;
    this.shift = shift;
    this.delayMillis = delayMillis;
  }

  static List<String> numbers(int count) {
    List<String> numbers = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      numbers.add(Long.toString(12060000000L + i));
    }
    return numbers;
  }

  int peakInFlight() {
    return peakInFlight.get();
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
    int now = inFlight.incrementAndGet();
    peakInFlight.accumulateAndGet(now, Math::max);
    try {
      if (delayMillis > 0) {
        TimeUnit.MILLISECONDS.sleep(delayMillis);
      }
      int limit = Integer.parseInt(request.getUrl().queryParameter("limit"));
      int offset = Integer.parseInt(request.getUrl().queryParameter("offset"));
      requestedOffsets.add(Integer.toString(offset));
      int size = Math.min(limit, pageSize.applyAsInt(offset));
      int from = Math.max(0, offset - shift.applyAsInt(offset));
      int to = Math.min(numbers.size(), from + size);
      StringBuilder body = new StringBuilder("{\"data\": [");
      for (int i = from; i < to; i++) {
        if (i > from) {
          body.append(',');
        }
        String n = numbers.get(i);
        body.append("{\"type\": \"number\", \"id\": \"")
            .append(n)
            .append("\", \"attributes\": {\"value\": \"")
            .append(n)
            .append("\", \"alias\": null, \"rate_center\": \"seattle\", \"state\": \"wa\",")
            .append(" \"number_type\": \"standard\", \"cnam_lookups_enabled\": false}}");
      }
      body.append("], \"links\": {\"self\": \"https://api.flowroute.com/v2/numbers?limit=")
          .append(size)
          .append("&offset=")
          .append(offset)
          .append('"');
      if (to < numbers.size()) {
        body.append(", \"next\": \"https://api.flowroute.com/v2/numbers?limit=")
            .append(size)
            .append("&offset=")
            .append(offset + size)
            .append('"');
      }
      body.append("}}");
      return new MockResponse.Builder()
          .code(200)
          .setHeader("Content-Type", "application/vnd.api+json")
          .body(body.toString())
          .build();
    } finally {
      inFlight.decrementAndGet();
    }
  }
}
