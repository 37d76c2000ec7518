package io.routedesk.flowroute;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.routedesk.domain.NumberDetails;
import io.routedesk.flowroute.NumberDetailsReader.Path;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * POST /v2/numbers/details: used where it works, per-number reads where it does not, the outcome
 * remembered, the batch size halved on 413/400, a missing number read on its own.
 */
class MultiNumberDetailsTest extends ClientTestBase {

  /** A server with the multi-number call; every number's primary route is "7" + its last digit. */
  private static final class Server extends Dispatcher {
    final List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
    final List<String> singleReads = Collections.synchronizedList(new ArrayList<>());
    volatile boolean v2Naming;
    volatile IntPredicate tooLarge = size -> size > 100;
    volatile int tooLargeStatus = 413;
    volatile Set<String> leftOut = Set.of();
    volatile MockResponse multiAnswer; // when set, every POST gets it

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      if (request.getMethod().equals("GET")) {
        String number = request.getUrl().pathSegments().get(2);
        singleReads.add(number);
        return json(200, "{\"data\": " + record(number, false) + "}");
      }
      JsonNode numbers;
      try {
        numbers = bodyOf(request).get("numbers");
      } catch (IOException e) {
        return json(400, "{}");
      }
      batchSizes.add(numbers.size());
      if (multiAnswer != null) {
        return multiAnswer;
      }
      if (tooLarge.test(numbers.size())) {
        return json(tooLargeStatus, "{\"errors\": [{\"title\": \"Too many numbers\"}]}");
      }
      StringBuilder data = new StringBuilder("{\"data\": [");
      String sep = "";
      for (JsonNode n : numbers) {
        String number = n.asText().substring(1); // "+1206…" as documented
        if (!leftOut.contains(number)) {
          data.append(sep).append(record(n.asText(), !v2Naming));
          sep = ",";
        }
      }
      return json(200, data.append("]}").toString());
    }

    private static String record(String id, boolean v21Naming) {
      String primary = v21Naming ? "voice_primary_route" : "primary_route";
      String failover = v21Naming ? "voice_failover_route" : "failover_route";
      return "{\"type\": \"number\", \"id\": \""
          + id
          + "\", \"attributes\": {\"alias\": \"a\"}, \"relationships\": {\""
          + primary
          + "\": {\"data\": {\"type\": \"route\", \"id\": \"7"
          + id.charAt(id.length() - 1)
          + "\"}}, \""
          + failover
          + "\": {\"data\": null}}}";
    }
  }

  private final Server multi = new Server();

  private BulkResult<NumberDetails> read(List<String> numbers) {
    return await(client.numberDetails(numbers, null, CancellationToken.NONE));
  }

  private static void assertRouting(BulkResult<NumberDetails> result, List<String> numbers) {
    assertThat(result.failed()).isEmpty();
    assertThat(result.succeeded().keySet()).containsExactlyElementsOf(numbers);
    for (String n : numbers) {
      NumberDetails d = result.succeeded().get(n);
      assertThat(d.number().number()).isEqualTo(n);
      assertThat(d.routing().primaryRouteId()).isEqualTo("7" + n.charAt(n.length() - 1));
      assertThat(d.routing().failoverRouteId()).isNull();
    }
  }

  @ParameterizedTest(name = "v2 naming: {0}")
  @ValueSource(booleans = {false, true})
  void readsInBatchesOfAHundredWithEitherRelationshipNaming(boolean v2Naming) throws Exception {
    multi.v2Naming = v2Naming;
    server.setDispatcher(multi);
    List<String> numbers = PagingDispatcher.numbers(250);

    BulkResult<NumberDetails> result = read(numbers);

    assertRouting(result, numbers);
    assertThat(multi.batchSizes).containsExactlyInAnyOrder(100, 100, 50);
    assertThat(multi.singleReads).isEmpty();
    assertThat(client.numberDetailsPath()).isEqualTo(Path.MULTI);
    RecordedRequest first = take();
    assertThat(first.getUrl().encodedPath()).isEqualTo("/v2/numbers/details");
    assertThat(bodyOf(first).get("numbers").get(0).asText()).isEqualTo("+12060000000");
  }

  @Test
  void onceTheCallHasWorkedTheClientSkipsTheRestOfItsSlowStart() {
    server.setDispatcher(multi);
    assertThat(client.concurrencyLimit()).isEqualTo(8);

    assertRouting(read(PagingDispatcher.numbers(3)), PagingDispatcher.numbers(3));

    assertThat(multi.batchSizes).containsExactly(3);
    assertThat(client.concurrencyLimit()).isEqualTo(32);
  }

  @Test
  void perNumberReadsKeepTheSlowStart() {
    multi.multiAnswer = json(405, "{\"errors\": [{\"title\": \"Method Not Allowed\"}]}");
    server.setDispatcher(multi);
    List<String> numbers = PagingDispatcher.numbers(3);

    assertRouting(read(numbers), numbers);

    // No jump to the maximum: one more per answer (4), as before the call was tried.
    assertThat(client.concurrencyLimit()).isEqualTo(12);
  }

  @ParameterizedTest(name = "answered {0}")
  @ValueSource(ints = {404, 405, 400})
  void fallsBackToPerNumberReadsAndRemembersIt(int status) {
    multi.multiAnswer = json(status, "{\"errors\": [{\"title\": \"No\"}]}");
    server.setDispatcher(multi);
    List<String> numbers = PagingDispatcher.numbers(30);

    assertRouting(read(numbers), numbers);
    assertThat(multi.batchSizes).containsExactly(30);
    assertThat(multi.singleReads).hasSize(30);
    assertThat(client.numberDetailsPath()).isEqualTo(Path.PER_NUMBER);

    // The next read goes straight to per-number reads: no second POST.
    assertRouting(read(numbers.subList(0, 5)), numbers.subList(0, 5));
    assertThat(multi.batchSizes).hasSize(1);
    assertThat(multi.singleReads).hasSize(35);
  }

  @Test
  void readsStartedWhileTheFirstAnswerIsOutwaitForItInsteadOfSendingTheirOwn() {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            if (request.getMethod().equals("POST")) {
              Thread.sleep(300); // the other reads start meanwhile
              multi.batchSizes.add(-1);
              return json(405, "{\"errors\": [{\"title\": \"Method Not Allowed\"}]}");
            }
            return multi.dispatch(request);
          }
        });
    List<String> numbers = PagingDispatcher.numbers(60);
    List<CompletableFuture<BulkResult<NumberDetails>>> reads = new ArrayList<>();

    // A refresh reads each page of numbers as it comes in: here three pages at once.
    for (int page = 0; page < 3; page++) {
      reads.add(
          client.numberDetails(
              numbers.subList(page * 20, page * 20 + 20), null, CancellationToken.NONE));
    }

    for (int page = 0; page < 3; page++) {
      assertRouting(await(reads.get(page)), numbers.subList(page * 20, page * 20 + 20));
    }
    assertThat(multi.batchSizes).as("multi-number requests").hasSize(1);
    assertThat(multi.singleReads).hasSize(60);
    assertThat(client.numberDetailsPath()).isEqualTo(Path.PER_NUMBER);
  }

  @Test
  void whereTheCallWorkedBeforeReadsSendTheirBatchesAtOnceAtFullConcurrency() {
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger maxInFlight = new AtomicInteger();
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            Thread.sleep(200); // long enough for the three reads to overlap
            inFlight.decrementAndGet();
            return multi.dispatch(request);
          }
        });
    client.assumeDetailsManyAtOnce();
    assertThat(client.concurrencyLimit()).as("no slow start").isEqualTo(32);
    assertThat(client.readsDetailsManyAtOnce()).isTrue();
    List<String> numbers = PagingDispatcher.numbers(300);
    List<CompletableFuture<BulkResult<NumberDetails>>> reads = new ArrayList<>();

    for (int page = 0; page < 3; page++) {
      reads.add(
          client.numberDetails(
              numbers.subList(page * 100, page * 100 + 100), null, CancellationToken.NONE));
    }

    for (int page = 0; page < 3; page++) {
      assertRouting(await(reads.get(page)), numbers.subList(page * 100, page * 100 + 100));
    }
    assertThat(multi.batchSizes).containsExactly(100, 100, 100);
    assertThat(maxInFlight).as("not one batch alone first").hasValue(3);
    assertThat(client.numberDetailsPath()).isEqualTo(Path.MULTI);
  }

  @ParameterizedTest(name = "answered {0}")
  @ValueSource(ints = {404, 405, 400})
  void whereTheCallWorkedBeforeButNoLongerDoesEveryNumberIsStillRead(int status) {
    multi.multiAnswer = json(status, "{\"errors\": [{\"title\": \"No\"}]}");
    server.setDispatcher(multi);
    client.assumeDetailsManyAtOnce();
    List<String> numbers = PagingDispatcher.numbers(250);

    assertRouting(read(numbers), numbers);

    // One wasted request per batch sent before the first answer, then one GET per number.
    assertThat(multi.batchSizes).containsExactlyInAnyOrder(100, 100, 50);
    assertThat(multi.singleReads).hasSize(250);
    assertThat(client.numberDetailsPath()).isEqualTo(Path.PER_NUMBER);
    assertThat(client.readsDetailsManyAtOnce()).isFalse();
  }

  @Test
  void assumingAfterTheFirstReadChangesNothing() {
    multi.multiAnswer = json(405, "{\"errors\": [{\"title\": \"Method Not Allowed\"}]}");
    server.setDispatcher(multi);
    read(PagingDispatcher.numbers(3));
    int limit = client.concurrencyLimit();

    client.assumeDetailsManyAtOnce();

    assertThat(client.numberDetailsPath()).isEqualTo(Path.PER_NUMBER);
    assertThat(client.concurrencyLimit()).isEqualTo(limit);
  }

  @ParameterizedTest(name = "answered {0}")
  @ValueSource(
      strings = {
        "{\"data\": {\"type\": \"number\", \"id\": \"details\"}}", // one record, not a list
        "{\"data\": []}" // a list naming none of the numbers asked for
      })
  void anAnswerItCannotUseFallsBackToPerNumberReads(String answer) {
    multi.multiAnswer = json(200, answer);
    server.setDispatcher(multi);
    List<String> numbers = PagingDispatcher.numbers(12);

    assertRouting(read(numbers), numbers);
    assertThat(multi.singleReads).hasSize(12);
    assertThat(client.numberDetailsPath()).isEqualTo(Path.PER_NUMBER);
  }

  @ParameterizedTest(name = "refused with {0}")
  @ValueSource(ints = {413, 400})
  void halvesTheBatchSizeUntilTheServerAcceptsIt(int status) {
    multi.tooLarge = size -> size > 30;
    multi.tooLargeStatus = status;
    server.setDispatcher(multi);
    List<String> numbers = PagingDispatcher.numbers(100);
    if (status == 400) {
      // A 400 means "too many" only once the call is known to work (else it means "not here").
      assertRouting(read(numbers.subList(0, 30)), numbers.subList(0, 30));
      multi.batchSizes.clear();
    }

    assertRouting(read(numbers), numbers);

    assertThat(client.numberDetailsBatchSize()).isEqualTo(25);
    assertThat(multi.singleReads).isEmpty();
    // 100 refused, 50 refused, then 25s: never a size below what the server took.
    assertThat(multi.batchSizes).startsWith(100, 50).contains(25).doesNotContain(12, 6, 3, 1);

    multi.batchSizes.clear();
    assertRouting(read(numbers), numbers);
    assertThat(multi.batchSizes).containsExactly(25, 25, 25, 25);
  }

  @Test
  void theBatchSizeNeverDropsBelowOne() {
    multi.tooLarge = size -> size > 1;
    server.setDispatcher(multi);
    List<String> numbers = PagingDispatcher.numbers(3);

    assertRouting(read(numbers), numbers);

    assertThat(client.numberDetailsBatchSize()).isEqualTo(1);
    assertThat(multi.batchSizes).startsWith(3).endsWith(1, 1, 1).allMatch(n -> n >= 1);
  }

  @Test
  void aNumberMissingFromTheAnswerIsReadOnItsOwn() {
    multi.leftOut = Set.of("12060000004");
    server.setDispatcher(multi);
    List<String> numbers = PagingDispatcher.numbers(10);

    assertRouting(read(numbers), numbers);

    assertThat(multi.singleReads).containsExactly("12060000004");
    assertThat(client.numberDetailsPath()).isEqualTo(Path.MULTI);
  }

  @Test
  void anInvalidNumberFailsAloneWithoutSpoilingTheBatch() {
    server.setDispatcher(multi);
    List<String> numbers = new ArrayList<>(PagingDispatcher.numbers(5));
    numbers.add("not-a-number");

    BulkResult<NumberDetails> result = read(numbers);

    assertThat(result.succeeded()).hasSize(5);
    assertThat(result.failed()).containsOnlyKeys("not-a-number");
    assertThat(result.failed().get("not-a-number").kind())
        .isEqualTo(FlowrouteException.Kind.INVALID);
    assertThat(multi.batchSizes).containsExactly(5);
  }

  @Test
  void progressCountsEveryNumberOnceUpToTheTotal() {
    multi.leftOut = Set.of("12060000150");
    server.setDispatcher(multi);
    List<String> numbers = PagingDispatcher.numbers(230);
    List<Long> done = Collections.synchronizedList(new ArrayList<>());
    List<Long> totals = Collections.synchronizedList(new ArrayList<>());

    await(
        client.numberDetails(
            numbers,
            (d, total) -> {
              done.add(d);
              totals.add(total);
            },
            CancellationToken.NONE));

    assertThat(done).isSorted().endsWith(230L);
    assertThat(totals).containsOnly(230L);
  }
}
