package io.routedesk.flowroute;

import io.routedesk.domain.NumberDetails;
import io.routedesk.flowroute.AdaptiveConcurrencyLimiter.Permit;
import io.routedesk.flowroute.ApiCall.Safety;
import io.routedesk.flowroute.BulkRunner.BulkItem;
import io.routedesk.flowroute.FlowrouteClient.ProgressListener;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import okhttp3.HttpUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the details of many numbers, with {@code POST /v2/numbers/details} (up to {@value
 * #FIRST_BATCH_SIZE} numbers per request) where the account answers it, and one {@code GET
 * /v2/numbers/{number}} per number where it does not.
 *
 * <p>The multi-number call is documented only in Flowroute's v2.1 pages, so it may be missing or
 * shaped differently. What the first answer shows is remembered for the life of this reader (one
 * client, so one account): a 404, 405 or 400, or a 2xx whose body cannot be read as a list of
 * number records, switches to per-number reads for good. Once the call has worked, a 413 or 400
 * halves the batch size (never below 1) and the batch is sent again in smaller parts; a number
 * missing from an answer is read on its own. Each switch is logged once.
 */
final class NumberDetailsReader {
  private static final Logger LOG = LoggerFactory.getLogger(NumberDetailsReader.class);

  static final int FIRST_BATCH_SIZE = 100;
  static final String MULTI_PATH = "POST /v2/numbers/details";
  static final String PER_NUMBER_PATH = "GET /v2/numbers/{number}";

  /** Which way this account's number details are read. */
  enum Path {
    /** Not tried yet: the next read sends one batch first and decides from its answer. */
    UNKNOWN,
    /**
     * Worked on this account in an earlier session: batches go out at once, without one alone
     * first, and the first answers decide as that one's would.
     */
    ASSUMED_MULTI,
    MULTI,
    PER_NUMBER
  }

  private final HttpUrl url;
  private final RetryingTransport transport;
  private final BulkRunner bulk;
  private final AdaptiveConcurrencyLimiter limiter;
  private final Executor executor;
  private final BooleanSupplier closed;
  private final AtomicReference<Path> path = new AtomicReference<>(Path.UNKNOWN);
  private final AtomicInteger batchSize = new AtomicInteger(FIRST_BATCH_SIZE);
  // The first batch of a read in progress while the path is unknown; completes with its answer.
  private final AtomicReference<CompletableFuture<Void>> probing = new AtomicReference<>();

  NumberDetailsReader(
      HttpUrl url,
      RetryingTransport transport,
      BulkRunner bulk,
      AdaptiveConcurrencyLimiter limiter,
      Executor executor,
      BooleanSupplier closed) {
    this.url = url;
    this.transport = transport;
    this.bulk = bulk;
    this.limiter = limiter;
    this.executor = executor;
    this.closed = closed;
  }

  Path path() {
    return path.get();
  }

  /**
   * The multi-number call worked on this account before (the caller remembers it from an earlier
   * session): reads send their batches at once and the limiter skips its slow start, as after a
   * first batch that worked. A 404, 405 or 400, or an answer that is not the documented call, still
   * switches to per-number reads: those batches cost one wasted request each, once.
   */
  void assumeMulti() {
    if (path.compareAndSet(Path.UNKNOWN, Path.ASSUMED_MULTI)) {
      limiter.raiseInSlowStart(limiter.maxLimit());
      LOG.info(
          "Reading number details with {} (it worked on this account before), up to {} numbers"
              + " per request.",
          MULTI_PATH,
          batchSize.get());
    }
  }

  int batchSize() {
    return batchSize.get();
  }

  /**
   * @param numbers distinct numbers
   * @param sendable whether a number may go into a batch; the others are read alone (where the
   *     per-number read fails them with a clear error instead of failing a whole batch)
   * @param perNumber reads one number with GET (given the permit for its first request, or null)
   */
  BulkResult<NumberDetails> read(
      List<String> numbers,
      Predicate<String> sendable,
      BulkItem<NumberDetails> perNumber,
      ProgressListener progress,
      CancellationToken cancel)
      throws InterruptedException {
    if (path.get() == Path.PER_NUMBER || numbers.isEmpty()) {
      return bulk.run(numbers, perNumber, progress, cancel);
    }
    Run run = new Run(numbers.size(), progress, cancel);
    List<String> rest = new ArrayList<>();
    for (String number : numbers) {
      (sendable.test(number) ? rest : run.alone).add(number);
    }
    if (path.get() == Path.UNKNOWN && !rest.isEmpty()) {
      rest = rest.subList(probe(run, rest), rest.size());
    }
    List<CompletableFuture<Void>> running = new ArrayList<>();
    for (List<String> batch : partition(rest, batchSize.get())) {
      running.add(run.startBatch(batch));
    }
    awaitBatch(CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)));
    List<String> alone = numbers.stream().filter(run.alone::contains).toList();
    BulkResult<NumberDetails> single = bulk.run(alone, perNumber, run.offsetProgress(), cancel);
    Map<String, NumberDetails> succeeded = new LinkedHashMap<>();
    Map<String, FlowrouteException> failed = new LinkedHashMap<>();
    List<String> skipped = new ArrayList<>();
    for (String number : numbers) {
      if (run.succeeded.containsKey(number)) {
        succeeded.put(number, run.succeeded.get(number));
      } else if (run.failed.containsKey(number)) {
        failed.put(number, run.failed.get(number));
      } else if (run.skipped.contains(number)) {
        skipped.add(number);
      } else if (single.succeeded().containsKey(number)) {
        succeeded.put(number, single.succeeded().get(number));
      } else if (single.failed().containsKey(number)) {
        failed.put(number, single.failed().get(number));
      } else {
        skipped.add(number);
      }
    }
    return new BulkResult<>(succeeded, failed, skipped);
  }

  /**
   * While the path is unknown, sends one batch first and waits for its answer, so an account
   * without the call costs one request, not one per batch; reads running at the same time (a
   * refresh reads each page of numbers as it comes in) wait for that answer instead of sending
   * batches of their own. A probe that decides nothing (its batch failed) leaves the next read to
   * try again.
   *
   * @return how many of {@code sendable}, from the start, were sent as the probe (0 when another
   *     read decided the path)
   */
  private int probe(Run run, List<String> sendable) throws InterruptedException {
    while (path.get() == Path.UNKNOWN) {
      CompletableFuture<Void> mine = new CompletableFuture<>();
      CompletableFuture<Void> other = probing.compareAndExchange(null, mine);
      if (other != null) {
        awaitBatch(other);
        continue;
      }
      try {
        if (path.get() != Path.UNKNOWN) {
          return 0; // decided between the check and taking the probe
        }
        int first = Math.min(batchSize.get(), sendable.size());
        awaitBatch(run.startBatch(sendable.subList(0, first)));
        return first;
      } finally {
        probing.set(null);
        mine.complete(null);
      }
    }
    return 0;
  }

  /** One call of {@link #read}: what each number came to, and the progress so far. */
  private final class Run {
    final Map<String, NumberDetails> succeeded = new ConcurrentHashMap<>();
    final Map<String, FlowrouteException> failed = new ConcurrentHashMap<>();
    final Set<String> skipped = ConcurrentHashMap.newKeySet();
    final Set<String> alone = ConcurrentHashMap.newKeySet();
    private final long total;
    private final ProgressListener progress;
    private final CancellationToken cancel;
    private long done;

    Run(long total, ProgressListener progress, CancellationToken cancel) {
      this.total = total;
      this.progress = progress;
      this.cancel = cancel;
    }

    /** Waits for a permit, then reads the batch on a client thread. */
    CompletableFuture<Void> startBatch(List<String> batch) throws InterruptedException {
      CompletableFuture<Void> finished = new CompletableFuture<>();
      if (path.get() == Path.PER_NUMBER) {
        alone.addAll(batch);
        return CompletableFuture.completedFuture(null);
      }
      Permit permit = cancel.isCancelled() ? null : limiter.acquire();
      if (permit != null && cancel.isCancelled()) {
        permit.release();
        permit = null;
      }
      if (permit == null) {
        skipped.addAll(batch);
        advance(batch.size());
        return CompletableFuture.completedFuture(null);
      }
      Permit first = permit;
      Runnable work =
          () -> {
            try {
              readBatch(batch, first);
            } catch (InterruptedException e) {
              fail(
                  batch,
                  closed.getAsBoolean()
                      ? FlowrouteErrors.clientClosed()
                      : FlowrouteErrors.requestCancelled());
            } catch (RuntimeException e) {
              LOG.error("Unexpected failure while reading number details", e);
              fail(batch, FlowrouteErrors.unexpected(e));
            } finally {
              first.release(); // no-op when the request already released it
              finished.complete(null);
            }
          };
      try {
        executor.execute(work);
      } catch (RejectedExecutionException e) {
        first.release();
        fail(batch, FlowrouteErrors.clientClosed());
        finished.complete(null);
      }
      return finished;
    }

    private void readBatch(List<String> batch, Permit permit) throws InterruptedException {
      Map<String, NumberDetails> answer;
      try {
        answer = post(batch, permit);
      } catch (FlowrouteException e) {
        onFailure(batch, e);
        return;
      }
      boolean known = path.get() == Path.MULTI;
      if (!known && batch.stream().noneMatch(answer::containsKey)) {
        // An answer naming none of the numbers asked for is not the documented call.
        usePerNumber("its answer named none of the " + batch.size() + " numbers asked for");
        alone.addAll(batch);
        return;
      }
      path.compareAndSet(Path.ASSUMED_MULTI, Path.MULTI); // remembered, and confirmed: no news
      if (path.compareAndSet(Path.UNKNOWN, Path.MULTI)) {
        // A full read of the account is now about 150 requests, not 10,000: doubling from the
        // first limit (8, 16, 32) would spend two of its six round trips below the maximum. The
        // limiter's back-off on 429 and 503 applies from here as before.
        limiter.raiseInSlowStart(limiter.maxLimit());
        LOG.info(
            "Reading number details with {}, up to {} numbers per request.",
            MULTI_PATH,
            batchSize.get());
      }
      int read = 0;
      for (String number : batch) {
        NumberDetails details = answer.get(number);
        if (details == null) {
          alone.add(number); // missing from the answer: read on its own
        } else {
          succeeded.put(number, details);
          read++;
        }
      }
      advance(read);
    }

    private void onFailure(List<String> batch, FlowrouteException e) throws InterruptedException {
      int status = e.status();
      boolean known = path.get() == Path.MULTI;
      if (status == 404 || status == 405 || (status == 400 && !known)) {
        usePerNumber("it was answered " + status + " " + FlowrouteErrors.reason(status));
        alone.addAll(batch);
      } else if (e.kind() == FlowrouteException.Kind.BAD_RESPONSE && !known) {
        usePerNumber("its answer could not be read (" + e.getMessage() + ")");
        alone.addAll(batch);
      } else if (status == 413 || status == 400) {
        if (batch.size() == 1) {
          alone.addAll(batch); // a per-number read says what is wrong with this one
          return;
        }
        int smaller = shrinkBelow(batch.size(), status);
        for (List<String> part : partition(batch, smaller)) {
          if (cancel.isCancelled()) {
            skipped.addAll(part);
            advance(part.size());
          } else {
            readBatch(part, null);
          }
        }
      } else if (e.kind() == FlowrouteException.Kind.BAD_RESPONSE) {
        alone.addAll(batch); // a garbled answer once the call has worked: read these alone
      } else {
        fail(batch, e);
      }
    }

    private Map<String, NumberDetails> post(List<String> batch, Permit permit)
        throws InterruptedException {
      ApiCall call =
          new ApiCall(
              "POST",
              url,
              JsonApi.numbersDetailsRequest(batch),
              Safety.READ, // it changes nothing: repeated like a GET
              batch.size() == 1
                  ? "loading number " + batch.get(0)
                  : "loading the details of " + batch.size() + " numbers",
              null);
      return transport.executeStreamed(call, JsonApiStream::numberDetailsList, permit, cancel);
    }

    private void fail(List<String> batch, FlowrouteException e) {
      batch.forEach(n -> failed.put(n, e));
      advance(batch.size());
    }

    private synchronized void advance(long count) {
      if (count > 0) {
        done += count;
        progress.progress(done, total);
      }
    }

    /** Progress of the numbers read alone, counted on from what the batches did. */
    ProgressListener offsetProgress() {
      long before;
      synchronized (this) {
        before = done;
      }
      return (d, t) -> progress.progress(before + d, total);
    }
  }

  private static void awaitBatch(CompletableFuture<Void> batches) throws InterruptedException {
    try {
      batches.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause()); // batches record their failures
    }
  }

  /** Halves the batch size for everyone (once per size, however many batches were refused). */
  private int shrinkBelow(int refusedSize, int status) {
    int target = Math.max(1, refusedSize / 2);
    int before = batchSize.getAndAccumulate(target, Math::min);
    int now = Math.min(before, target);
    if (now < before) {
      LOG.info(
          "{} refused {} numbers at once ({} {}): sending at most {} per request from now on.",
          MULTI_PATH,
          refusedSize,
          status,
          FlowrouteErrors.reason(status),
          now);
    }
    return now;
  }

  private void usePerNumber(String why) {
    if (path.getAndSet(Path.PER_NUMBER) != Path.PER_NUMBER) {
      LOG.info(
          "{} does not work on this account ({}): reading number details with {}, one request"
              + " per number.",
          MULTI_PATH,
          why,
          PER_NUMBER_PATH);
    }
  }

  private static List<List<String>> partition(List<String> items, int size) {
    List<List<String>> parts = new ArrayList<>();
    for (int i = 0; i < items.size(); i += size) {
      parts.add(items.subList(i, Math.min(items.size(), i + size)));
    }
    return parts;
  }
}
