package io.routedesk.flowroute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.routedesk.flowroute.FlowrouteClient.ProgressListener;
import io.routedesk.flowroute.JsonApi.PageLink;
import io.routedesk.flowroute.JsonApi.RawPage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConcurrentPagerTest {
  /** Pages of three that repeat an item of the page before (an insert shifted the list). */
  private static final ConcurrentPager.PageSource<String> OVERLAPPING =
      (limit, offset) -> {
        List<String> page =
            switch (offset) {
              case 0 -> List.of("a", "b", "c");
              case 3 -> List.of("c", "d", "e");
              case 6 -> List.of("e", "f");
              default -> List.of();
            };
        return new RawPage<>(page, offset < 6 ? new PageLink(3, offset + 3) : null);
      };

  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final List<Integer> fetchedOffsets = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger peak = new AtomicInteger();

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  private static List<String> items(int n) {
    return IntStream.range(0, n).mapToObj(i -> "item-" + i).toList();
  }

  /** A server over {@code all}: pages of min(limit, cap), next while more remain. */
  private ConcurrentPager.PageSource<String> source(List<String> all, int cap) {
    return (limit, offset) -> {
      peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      try {
        fetchedOffsets.add(offset);
        Thread.sleep(2);
        int size = Math.min(limit, cap);
        int to = Math.min(all.size(), offset + size);
        List<String> page = offset >= all.size() ? List.of() : all.subList(offset, to);
        return new RawPage<>(page, to < all.size() ? new PageLink(size, offset + size) : null);
      } finally {
        inFlight.decrementAndGet();
      }
    };
  }

  private ConcurrentPager<String> pager(ConcurrentPager.PageSource<String> source, int window) {
    return pager(source, window, false);
  }

  private ConcurrentPager<String> pager(
      ConcurrentPager.PageSource<String> source, int window, boolean guessWithFirstPage) {
    return new ConcurrentPager<>(
        source,
        Function.identity(),
        executor,
        () -> window,
        "listing",
        PagingLimits.DEFAULT,
        Clock.systemUTC(),
        guessWithFirstPage);
  }

  @Test
  void readsAllPagesInOrder() throws Exception {
    List<String> all = items(1_050);

    List<String> listed = pager(source(all, 100), 6).fetchAll(200, ProgressListener.NONE);

    assertThat(listed).containsExactlyElementsOf(all);
    assertThat(fetchedOffsets).contains(0, 100, 200, 1000).doesNotHaveDuplicates();
  }

  @Test
  void withGuessesTheFirstPageGoesOutTogetherWithThem() throws Exception {
    List<String> all = items(1_000);
    CountDownLatch firstAsked = new CountDownLatch(1);
    CountDownLatch guessesAsked = new CountDownLatch(3);
    CountDownLatch answer = new CountDownLatch(1);
    ConcurrentPager.PageSource<String> good = source(all, 100);
    ConcurrentPager.PageSource<String> held =
        (limit, offset) -> {
          (offset == 0 ? firstAsked : guessesAsked).countDown();
          answer.await();
          return good.fetch(limit, offset);
        };
    CompletableFuture<List<String>> listing =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return pager(held, 4, true).fetchAll(100, ProgressListener.NONE);
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });

    // All four pages of the window are asked for while the first is still unanswered.
    assertThat(firstAsked.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(guessesAsked.await(5, TimeUnit.SECONDS)).isTrue();
    answer.countDown();

    assertThat(listing.get(5, TimeUnit.SECONDS)).containsExactlyElementsOf(all);
    assertThat(fetchedOffsets).doesNotHaveDuplicates();
  }

  @Test
  void withGuessesAListOfOnePageCostsAtMostTheWindow() throws Exception {
    List<String> all = items(40);

    assertThat(pager(source(all, 100), 4, true).fetchAll(100, ProgressListener.NONE))
        .containsExactlyElementsOf(all);
    assertThat(fetchedOffsets).hasSizeBetween(1, 4);
  }

  @Test
  void withGuessesRepeatsAndStuckLinksAreHandledAsWithout() throws Exception {
    assertThat(pager(OVERLAPPING, 4, true).fetchAll(3, ProgressListener.NONE))
        .containsExactly("a", "b", "c", "d", "e", "f");
    ConcurrentPager.PageSource<String> stuck =
        (limit, offset) -> new RawPage<>(List.of("x"), new PageLink(limit, 0));
    assertThatThrownBy(() -> pager(stuck, 4, true).fetchAll(100, ProgressListener.NONE))
        .isInstanceOf(FlowrouteException.class)
        .hasMessageContaining("links to offset 0 after offset 0, not forward");
  }

  @Test
  void aServerWithSmallerPagesCorrectsTheFirstGuesses() throws Exception {
    List<String> all = items(1_050);

    // Asked for 200 a page, the server answers 100 and links to offset 100.
    List<String> listed = pager(source(all, 100), 6, true).fetchAll(200, ProgressListener.NONE);

    assertThat(listed).containsExactlyElementsOf(all);
    assertThat(fetchedOffsets).contains(0, 100, 200, 1000);
    // Only the guesses sent with the first page, before its answer, can be asked for twice.
    assertThat(fetchedOffsets.size() - new HashSet<>(fetchedOffsets).size()).isLessThanOrEqualTo(5);
  }

  @Test
  void pagesInFlightStayWithinTheWindow() throws Exception {
    List<String> all = items(2_000);

    pager(source(all, 50), 3).fetchAll(50, ProgressListener.NONE);

    assertThat(peak.get()).isBetween(1, 3);
  }

  @Test
  void stopsAtTheFirstPageWithoutNextAndBoundsSpeculation() throws Exception {
    List<String> all = items(300);

    List<String> listed = pager(source(all, 100), 8).fetchAll(100, ProgressListener.NONE);

    assertThat(listed).containsExactlyElementsOf(all);
    // 3 needed pages, at most a window's worth of guesses beyond them.
    assertThat(fetchedOffsets.size()).isBetween(3, 3 + 8);
  }

  @Test
  void aMismatchedNextLinkRestartsFromTheLink() throws Exception {
    List<String> all = items(500);
    ConcurrentPager.PageSource<String> odd =
        (limit, offset) -> {
          fetchedOffsets.add(offset);
          // Pages of 100 except the one at 100, which the server cut to 30 items.
          int size = offset == 100 ? 30 : Math.min(limit, 100);
          int to = Math.min(all.size(), offset + size);
          List<String> page = offset >= all.size() ? List.of() : all.subList(offset, to);
          return new RawPage<>(page, to < all.size() ? new PageLink(100, to) : null);
        };

    List<String> listed = pager(odd, 4).fetchAll(100, ProgressListener.NONE);

    assertThat(listed).containsExactlyElementsOf(all);
    assertThat(fetchedOffsets).contains(130, 230, 330, 430);
  }

  @Test
  void repeatedItemsAreKeptOnce() throws Exception {

    assertThat(pager(OVERLAPPING, 4).fetchAll(3, ProgressListener.NONE))
        .containsExactly("a", "b", "c", "d", "e", "f");
  }

  @Test
  void eachPageIsHandedOnInOrderWithItsNewItemsOnly() throws Exception {
    List<List<String>> pages = new ArrayList<>();

    List<String> listed = pager(OVERLAPPING, 4).fetchAll(3, ProgressListener.NONE, pages::add);

    assertThat(pages).containsExactly(List.of("a", "b", "c"), List.of("d", "e"), List.of("f"));
    assertThat(pages.stream().flatMap(List::stream).toList()).isEqualTo(listed);
  }

  @Test
  void aFailingPageFailsTheWalk() {
    List<String> all = items(1_000);
    ConcurrentPager.PageSource<String> good = source(all, 100);
    ConcurrentPager.PageSource<String> failing =
        (limit, offset) -> {
          if (offset == 400) {
            throw new FlowrouteException(
                FlowrouteException.Kind.SERVER, 500, null, null, null, "boom", null);
          }
          return good.fetch(limit, offset);
        };

    assertThatThrownBy(() -> pager(failing, 4).fetchAll(100, ProgressListener.NONE))
        .isInstanceOf(FlowrouteException.class)
        .hasMessage("boom");
  }

  @Test
  void aFailingGuessBeyondTheEndIsIgnored() throws Exception {
    List<String> all = items(250);
    ConcurrentPager.PageSource<String> good = source(all, 100);
    ConcurrentPager.PageSource<String> failing =
        (limit, offset) -> {
          if (offset >= 300) {
            throw new FlowrouteException(
                FlowrouteException.Kind.SERVER, 500, null, null, null, "past the end", null);
          }
          return good.fetch(limit, offset);
        };

    assertThat(pager(failing, 8).fetchAll(100, ProgressListener.NONE))
        .containsExactlyElementsOf(all);
  }

  @Test
  void aNextLinkThatDoesNotAdvanceIsABadResponse() {
    ConcurrentPager.PageSource<String> stuck =
        (limit, offset) -> new RawPage<>(List.of("x"), new PageLink(limit, 0));

    assertThatThrownBy(() -> pager(stuck, 4).fetchAll(100, ProgressListener.NONE))
        .isInstanceOf(FlowrouteException.class)
        .hasMessageContaining("links to offset 0 after offset 0, not forward")
        .hasMessageContaining("while listing");
  }

  @Test
  void progressCountsItemsAndEndsWithTheTotal() throws Exception {
    List<long[]> progress = new ArrayList<>();

    pager(source(items(250), 100), 2)
        .fetchAll(100, (done, total) -> progress.add(new long[] {done, total}));

    assertThat(progress)
        .extracting(p -> p[0] + "/" + p[1])
        .containsExactly("100/-1", "200/-1", "250/-1", "250/250");
  }
}
