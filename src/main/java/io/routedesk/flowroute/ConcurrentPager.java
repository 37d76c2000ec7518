package io.routedesk.flowroute;

import io.routedesk.flowroute.FlowrouteClient.ProgressListener;
import io.routedesk.flowroute.JsonApi.PageLink;
import io.routedesk.flowroute.JsonApi.RawPage;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntSupplier;

/**
 * Reads every page of a Flowroute list fast. Flowroute returns no total count, so walking
 * links.next one page at a time costs one round trip per page (50 round trips for 10,000 numbers).
 * Instead, once the first page shows the step (next offset minus this offset) and page size, the
 * pager fetches the following offsets speculatively, up to {@code window} pages in flight, and
 * consumes the answers strictly in order:
 *
 * <ul>
 *   <li>the first page without links.next ends the walk; speculative pages beyond it that have not
 *       started are skipped and those in flight are ignored;
 *   <li>when a page's links.next is not the offset we guessed (the server pages differently, or the
 *       list changed meanwhile), the guesses after it are thrown away and the walk continues from
 *       the link, so no item is missed;
 *   <li>items are de-duplicated by id (an insert during the walk shifts offsets and repeats an item
 *       on the next page), keeping the first occurrence, so the result is in server order;
 *   <li>a page of only repeated items, a link that does not move forward, or a walk beyond the
 *       {@link PagingLimits} stops the walk with an error ({@link PageWalk}).
 * </ul>
 *
 * A failed page (after the client's own retries) fails the whole walk: a partial list shown as
 * complete would be wrong.
 */
final class ConcurrentPager<T> {

  /** Fetches one page; blocking. Throws FlowrouteException on failure. */
  @FunctionalInterface
  interface PageSource<T> {
    RawPage<T> fetch(int limit, int offset) throws InterruptedException;
  }

  private final PageSource<T> source;
  private final Function<T, String> idOf;
  private final Executor executor;
  private final IntSupplier window;
  private final String action;
  private final PagingLimits limits;
  private final Clock clock;
  private final boolean guessWithFirstPage;

  /**
   * @param window how many pages may be in flight at once; read before each refill so it follows
   *     the adaptive limiter
   * @param action what is being listed, for error messages ("listing numbers")
   * @param guessWithFirstPage whether the guesses go out with the first page instead of after it:
   *     for long lists, where waiting for the first answer leaves a round trip to one request; each
   *     guess is wasted on a list of one page
   */
  ConcurrentPager(
      PageSource<T> source,
      Function<T, String> idOf,
      Executor executor,
      IntSupplier window,
      String action,
      PagingLimits limits,
      Clock clock,
      boolean guessWithFirstPage) {
    this.source = Objects.requireNonNull(source);
    this.idOf = Objects.requireNonNull(idOf);
    this.executor = Objects.requireNonNull(executor);
    this.window = Objects.requireNonNull(window);
    this.action = Objects.requireNonNull(action);
    this.limits = Objects.requireNonNull(limits);
    this.clock = Objects.requireNonNull(clock);
    this.guessWithFirstPage = guessWithFirstPage;
  }

  List<T> fetchAll(int pageSize, ProgressListener progress) throws InterruptedException {
    return fetchAll(pageSize, progress, page -> {});
  }

  /**
   * As {@link #fetchAll(int, ProgressListener)}, handing each page's new items (repeats already
   * removed, possibly none) to {@code onPage} in list order as soon as the page is in, on the
   * calling thread, so work on them can start while later pages are still being read.
   */
  List<T> fetchAll(int pageSize, ProgressListener progress, Consumer<List<T>> onPage)
      throws InterruptedException {
    PageWalk<T> walk = new PageWalk<>(action, limits, clock, idOf);
    Accepted<T> items = new Accepted<>(walk, onPage);
    if (guessWithFirstPage) {
      // Flowroute pages by offset += limit; a first page that says otherwise corrects the guesses
      // as any later page does.
      walk(0, pageSize, pageSize, items, progress);
    } else {
      RawPage<T> first = source.fetch(pageSize, 0);
      items.add(0, first);
      progress.progress(items.size(), -1);
      PageLink next = first.next();
      if (next != null) {
        walk(next.offset(), stepBetween(0, next), next.limit(), items, progress);
      }
    }
    progress.progress(items.size(), items.size());
    return items.all;
  }

  /** Reads the pages from {@code firstOffset} on, {@code step} apart, a window of them at once. */
  private void walk(
      int firstOffset, int step, int limit, Accepted<T> items, ProgressListener progress)
      throws InterruptedException {
    int nextToSchedule = firstOffset;
    Deque<Pending<T>> inFlight = new ArrayDeque<>();
    // Set when the guesses spawned with it are no longer wanted: those not started yet skip.
    AtomicBoolean unwanted = new AtomicBoolean();
    try {
      while (true) {
        int size = Math.max(1, window.getAsInt());
        while (inFlight.size() < size) {
          inFlight.addLast(spawn(limit, nextToSchedule, unwanted));
          nextToSchedule += step;
        }
        Pending<T> head = inFlight.removeFirst();
        RawPage<T> page = await(head.page());
        items.add(head.offset(), page);
        progress.progress(items.size(), -1);
        PageLink link = page.next();
        if (link == null) {
          return;
        }
        if (link.offset() != head.offset() + step || link.limit() != limit) {
          // Our guesses after this page are wrong: drop them and continue from the link.
          step = stepBetween(head.offset(), link);
          limit = link.limit();
          nextToSchedule = link.offset();
          inFlight.clear(); // results of fetches already running are ignored
          unwanted.set(true);
          unwanted = new AtomicBoolean();
        }
      }
    } finally {
      unwanted.set(true);
    }
  }

  /** Positive: the page walk has refused every link that does not move forward. */
  private static int stepBetween(int offset, PageLink next) {
    return next.offset() - offset;
  }

  private Pending<T> spawn(int limit, int offset, AtomicBoolean unwanted) {
    CompletableFuture<RawPage<T>> page = new CompletableFuture<>();
    Runnable fetch =
        () -> {
          if (unwanted.get()) {
            page.complete(null); // the walk ended or moved on before this guess started
            return;
          }
          try {
            page.complete(source.fetch(limit, offset));
          } catch (Throwable t) {
            page.completeExceptionally(t);
          }
        };
    try {
      executor.execute(fetch);
    } catch (RuntimeException e) {
      page.completeExceptionally(e);
    }
    return new Pending<>(offset, page);
  }

  private RawPage<T> await(CompletableFuture<RawPage<T>> page) throws InterruptedException {
    try {
      return page.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof InterruptedException ie) {
        throw ie;
      }
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    }
  }

  /** The items accepted so far, each page's new ones also handed to the page consumer. */
  private static final class Accepted<T> {
    private final PageWalk<T> walk;
    private final Consumer<List<T>> onPage;
    private final List<T> all = new ArrayList<>();

    Accepted(PageWalk<T> walk, Consumer<List<T>> onPage) {
      this.walk = walk;
      this.onPage = onPage;
    }

    void add(int offset, RawPage<T> page) {
      List<T> fresh =
          walk.accept(offset, page.items(), page.next() == null ? null : page.next().offset());
      all.addAll(fresh);
      onPage.accept(fresh);
    }

    int size() {
      return all.size();
    }
  }

  private record Pending<T>(int offset, CompletableFuture<RawPage<T>> page) {}
}
