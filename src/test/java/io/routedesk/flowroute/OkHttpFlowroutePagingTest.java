package io.routedesk.flowroute;

import static org.assertj.core.api.Assertions.assertThat;

import io.routedesk.domain.PhoneNumber;
import io.routedesk.domain.Route;
import io.routedesk.flowroute.FlowrouteException.Kind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/** listAll* across many pages: in order, complete, de-duplicated, bounded concurrency. */
class OkHttpFlowroutePagingTest extends ClientTestBase {

  private List<String> listAll(List<long[]> progress) {
    return await(
            client.listAllNumbers(
                NumberFilter.NONE,
                (done, total) -> {
                  synchronized (progress) {
                    progress.add(new long[] {done, total});
                  }
                }))
        .stream()
        .map(PhoneNumber::number)
        .toList();
  }

  @Test
  void readsEveryPageInOrderWhenTheServerCapsThePageSize() {
    List<String> numbers = PagingDispatcher.numbers(1_000);
    PagingDispatcher dispatcher = new PagingDispatcher(numbers, offset -> 50, offset -> 0, 0);
    server.setDispatcher(dispatcher);
    List<long[]> progress = new ArrayList<>();

    List<String> listed = listAll(progress);

    assertThat(listed).containsExactlyElementsOf(numbers);
    // 20 pages are needed; a few speculative ones past the end are allowed, not a flood.
    assertThat(server.getRequestCount()).isBetween(20, 20 + 32);
    assertThat(progress.getLast()).containsExactly(1_000, 1_000);
    assertThat(progress.subList(0, progress.size() - 1))
        .allSatisfy(p -> assertThat(p[1]).isEqualTo(-1));
  }

  @Test
  void itemsRepeatedByAGrowingListAppearOnce() {
    List<String> numbers = PagingDispatcher.numbers(600);
    // From offset 200 on, one item was inserted before: the first item of each page repeats.
    PagingDispatcher dispatcher =
        new PagingDispatcher(numbers, offset -> 200, offset -> offset >= 200 ? 1 : 0, 0);
    server.setDispatcher(dispatcher);

    List<String> listed = listAll(new ArrayList<>());

    assertThat(listed).doesNotHaveDuplicates().containsExactlyElementsOf(numbers);
  }

  @Test
  void wrongGuessesAreDroppedWhenTheServerChangesItsPageSize() {
    List<String> numbers = PagingDispatcher.numbers(1_234);
    // Pages of 200 up to offset 400, then the server only gives 90 at a time.
    PagingDispatcher dispatcher =
        new PagingDispatcher(numbers, offset -> offset < 400 ? 200 : 90, offset -> 0, 0);
    server.setDispatcher(dispatcher);

    List<String> listed = listAll(new ArrayList<>());

    assertThat(listed).containsExactlyElementsOf(numbers);
    assertThat(dispatcher.requestedOffsets).contains("400", "490", "580");
  }

  @Test
  void aSinglePageNeedsOneRequest() {
    List<String> numbers = PagingDispatcher.numbers(37);
    server.setDispatcher(new PagingDispatcher(numbers, offset -> 200, offset -> 0, 0));

    assertThat(listAll(new ArrayList<>())).containsExactlyElementsOf(numbers);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void theWholeAccountOfOnePageCostsAtMostTheFirstWindowOfGuesses() {
    List<String> numbers = PagingDispatcher.numbers(37);
    server.setDispatcher(new PagingDispatcher(numbers, offset -> 200, offset -> 0, 0));

    List<PhoneNumber> listed = await(client.listAllNumbers(NumberFilter.NONE, null, page -> {}));

    assertThat(listed).extracting(PhoneNumber::number).containsExactlyElementsOf(numbers);
    // The first page and the guesses sent with it: half the starting limit of 8.
    assertThat(server.getRequestCount()).isBetween(1, 4);
  }

  @Test
  void concurrencyNeverExceedsTheConfiguredMaximum() {
    useClient(b -> b.concurrency(2, 4));
    List<String> numbers = PagingDispatcher.numbers(3_000);
    PagingDispatcher dispatcher = new PagingDispatcher(numbers, offset -> 100, offset -> 0, 15);
    server.setDispatcher(dispatcher);

    assertThat(listAll(new ArrayList<>())).containsExactlyElementsOf(numbers);
    assertThat(dispatcher.peakInFlight()).isBetween(2, 4);
  }

  @Test
  void routesAreListedWithAQuarterOfTheLimitSoTheNumbersListedAlongsideGetTheRest() {
    useClient(b -> b.concurrency(8, 8));
    List<String> ids = PagingDispatcher.numbers(1_000);
    PagingDispatcher dispatcher = new PagingDispatcher(ids, offset -> 100, offset -> 0, 15);
    server.setDispatcher(dispatcher);

    List<String> listed =
        await(client.listAllRoutes(null, FlowrouteClient.ProgressListener.NONE)).stream()
            .map(Route::id)
            .toList();

    assertThat(listed).containsExactlyElementsOf(ids);
    assertThat(dispatcher.peakInFlight()).isEqualTo(2);
    // 10 pages, and at most the window of 2 guessed past the end.
    assertThat(server.getRequestCount()).isBetween(10, 12);
  }

  @Test
  void aPageThatKeepsFailingFailsTheWholeListing() {
    List<String> numbers = PagingDispatcher.numbers(1_000);
    PagingDispatcher pages = new PagingDispatcher(numbers, offset -> 100, offset -> 0, 0);
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            if ("300".equals(request.getUrl().queryParameter("offset"))) {
              return json(500, "{\"errors\":[{\"status\":500,\"title\":\"Internal\"}]}");
            }
            return pages.dispatch(request);
          }
        });

    FlowrouteException e = failure(client.listAllNumbers(NumberFilter.NONE, null));

    assertThat(e.kind()).isEqualTo(Kind.SERVER);
    assertThat(e.getMessage()).contains("listing numbers").endsWith("(Tried 4 times.)");
  }

  @Test
  void aTransientFailureOnOnePageIsRetriedAndNothingIsLost() {
    List<String> numbers = PagingDispatcher.numbers(1_000);
    PagingDispatcher pages = new PagingDispatcher(numbers, offset -> 100, offset -> 0, 0);
    AtomicInteger failuresLeft = new AtomicInteger(2);
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            if ("500".equals(request.getUrl().queryParameter("offset"))
                && failuresLeft.getAndDecrement() > 0) {
              return json(503, "{\"errors\":[{\"status\":503,\"title\":\"Busy\"}]}");
            }
            return pages.dispatch(request);
          }
        });

    assertThat(listAll(new ArrayList<>())).containsExactlyElementsOf(numbers);
  }

  @Test
  void filtersAreSentOnEveryPage() {
    List<String> numbers = PagingDispatcher.numbers(450);
    List<String> queries = Collections.synchronizedList(new ArrayList<>());
    PagingDispatcher pages = new PagingDispatcher(numbers, offset -> 200, offset -> 0, 0);
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            queries.add(request.getUrl().queryParameter("starts_with"));
            return pages.dispatch(request);
          }
        });

    List<PhoneNumber> listed =
        await(client.listAllNumbers(new NumberFilter("1206", null, null, null), null));

    assertThat(listed).hasSize(450);
    assertThat(queries).isNotEmpty().containsOnly("1206");
  }
}
