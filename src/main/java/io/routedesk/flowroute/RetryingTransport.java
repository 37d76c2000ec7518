package io.routedesk.flowroute;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.routedesk.flowroute.AdaptiveConcurrencyLimiter.Permit;
import io.routedesk.flowroute.ApiCall.Safety;
import io.routedesk.flowroute.FlowrouteErrors.BodyProblem;
import io.routedesk.flowroute.FlowrouteErrors.Timeouts;
import io.routedesk.flowroute.JsonApi.ErrorInfo;
import io.routedesk.flowroute.JsonApi.ShapeException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one Flowroute request and repeats it when that is safe: the rules depend on whether the
 * request may be repeated ({@link ApiCall.Safety}), the retry policy's attempts and time budget,
 * and the server's Retry-After. Every attempt takes a permit of the shared {@link
 * AdaptiveConcurrencyLimiter} and tells it how the server answered.
 */
final class RetryingTransport {
  private static final Logger LOG = LoggerFactory.getLogger(RetryingTransport.class);

  static final String JSON_API = "application/vnd.api+json";

  /**
   * The most a 2xx answer may hold by default: 16 MiB. Flowroute's largest answers (a page of 200
   * numbers, the details of 100 numbers) are about 100 KB.
   */
  static final long DEFAULT_MAX_ANSWER_BYTES = 16L << 20;

  /** Error bodies are a title and a detail; beyond 64 KiB only the status is used. */
  private static final long MAX_ERROR_BODY_BYTES = 64L << 10;

  /** How much of a body is looked at to say what it was when it is not JSON. */
  private static final long HEAD_BYTES = 64;

  private static final MediaType JSON_API_TYPE = MediaType.get(JSON_API);

  private final OkHttpClient http;
  private final String hostPort;
  private final String authorization; // the Basic header value: never logged or printed
  private final AdaptiveConcurrencyLimiter limiter;
  private final RetryPolicy retryPolicy;
  private final Clock clock;
  private final Sleeper sleeper;
  private final DoubleSupplier jitter;
  private final Timeouts timeouts;
  private final BooleanSupplier closed;
  private final long maxAnswerBytes;

  /**
   * @param closed whether the client was closed (an interrupted call is then reported as closed,
   *     not cancelled)
   */
  RetryingTransport(
      OkHttpClient.Builder http,
      String hostPort,
      String authorization,
      AdaptiveConcurrencyLimiter limiter,
      RetryPolicy retryPolicy,
      Clock clock,
      Sleeper sleeper,
      DoubleSupplier jitter,
      Timeouts timeouts,
      long maxAnswerBytes,
      BooleanSupplier closed) {
    this.http = http.eventListener(new SentTracker()).build();
    this.hostPort = hostPort;
    this.authorization = authorization;
    this.limiter = limiter;
    this.retryPolicy = retryPolicy;
    this.clock = clock;
    this.sleeper = sleeper;
    this.jitter = jitter;
    this.timeouts = timeouts;
    this.closed = closed;
    this.maxAnswerBytes = maxAnswerBytes;
  }

  OkHttpClient http() {
    return http;
  }

  /** Finds what an ambiguous create made, or null when it did not land. */
  @FunctionalInterface
  interface CreatedLookup<T> {
    T find(FlowrouteException ambiguous) throws InterruptedException;
  }

  /**
   * Sends a POST that creates something, never blindly repeated. A 429 was not processed, and a
   * refused connection never carried the request: both are simply retried. After an ambiguous
   * failure (timeout, dropped connection, 5xx, a garbled 201) what it creates may exist already, so
   * after the backoff {@code lookup} searches for it; only when none is found is the POST sent
   * again. All of it within the retry policy's attempts and time budget.
   */
  <T> T executeCreate(ApiCall post, Handler<T> handler, CreatedLookup<T> lookup)
      throws InterruptedException {
    Instant start = clock.instant();
    boolean mayHaveLanded = false;
    for (int attempt = 1; ; attempt++) {
      Failure failure;
      try {
        Exchange exchange = send(post, limiter.acquire(), null);
        if (exchange.successful()) {
          try {
            return read(post, exchange, handler);
          } catch (FlowrouteException unreadable) {
            // Created, but the answer does not say which route: find it like a lost answer.
            throw new AttemptFailed(new Failure(unreadable, true, true));
          }
        }
        failure = statusFailure(post, exchange);
      } catch (AttemptFailed e) {
        failure = e.failure;
      }
      Decision decision = decide(failure, Safety.CREATE);
      if (decision == Decision.FAIL) {
        if (mayHaveLanded && failure.error().status() == 403) {
          // Flowroute refuses duplicates with 403: an earlier, ambiguous POST probably landed
          // after our last look at the list.
          T created = lookup.find(failure.error());
          if (created != null) {
            return created;
          }
        }
        throw failure.error();
      }
      mayHaveLanded |= decision == Decision.AMBIGUOUS;
      Duration delay = nextDelay(start, attempt, failure.error().retryAfter());
      if (delay != null) {
        LOG.info(
            "{} failed ({}); {} in {}",
            post.describe(),
            failure.error().kind(),
            decision == Decision.AMBIGUOUS ? "checking whether it landed" : "sending again",
            FlowrouteErrors.describe(delay));
        sleeper.sleep(delay);
      }
      if (decision == Decision.AMBIGUOUS) {
        T created = lookup.find(failure.error());
        if (created != null) {
          LOG.info("What the failed {} creates exists: using it.", post.describe());
          return created;
        }
      }
      if (delay == null) {
        throw gaveUp(failure.error(), attempt);
      }
    }
  }

  @FunctionalInterface
  interface Handler<T> {
    /** Maps a 2xx body (null when empty) to the result. */
    T handle(JsonNode document) throws ShapeException;
  }

  /**
   * Reads a 2xx body straight from the parser, for answers that come by the hundred (no tree is
   * built). Called with the parser on the body's first token (an empty body is a shape problem
   * without calling it); it reads the whole root value, and throws a shape problem only after that,
   * so trailing bytes are still found and make the answer garbled, as with a tree.
   */
  @FunctionalInterface
  interface StreamHandler<T> {
    T read(JsonParser parser) throws IOException, ShapeException;
  }

  /** What to do after a failed attempt. */
  private enum Decision {
    RETRY,
    /** POST only: it may have been processed; look for its result before sending it again. */
    AMBIGUOUS,
    FAIL
  }

  /**
   * @param requestSent the request had started going out (a write may have landed)
   * @param garbledSuccess a 2xx whose body could not be read (retrying a GET can help)
   */
  private record Failure(FlowrouteException error, boolean requestSent, boolean garbledSuccess) {}

  /** Internal: one attempt failed in a way the retry loop must look at. */
  private static final class AttemptFailed extends Exception {
    private final transient Failure failure;

    AttemptFailed(Failure failure) {
      super(failure.error().getMessage(), null, false, false);
      this.failure = failure;
    }
  }

  /**
   * One answer: status, body text and the server's Retry-After. A 2xx read by a {@link
   * StreamHandler} has no document but what the handler made of it ({@code streamed}).
   */
  private record Exchange(
      int status,
      String contentType,
      JsonNode document,
      BodyProblem problem,
      JsonProcessingException parseError,
      Duration retryAfter,
      Streamed streamed) {
    boolean successful() {
      return successful(status);
    }

    static boolean successful(int status) {
      return status >= 200 && status < 300;
    }
  }

  /** A body as read: the JSON (null when empty), or what was wrong with it. */
  private record Body(
      JsonNode document, BodyProblem problem, JsonProcessingException error, Streamed streamed) {
    Body(JsonNode document, BodyProblem problem, JsonProcessingException error) {
      this(document, problem, error, null);
    }
  }

  /** What a {@link StreamHandler} read: its result, or the shape problem (an empty body is one). */
  private record Streamed(Object value, ShapeException shape) {}

  /**
   * Sends {@code call}, retrying per its safety, the retry policy and Retry-After.
   *
   * @param firstPermit a limiter permit already held for the first attempt, or null
   * @param cancel stops further retries (the last error is thrown)
   */
  <T> T execute(ApiCall call, Handler<T> handler, Permit firstPermit, CancellationToken cancel)
      throws InterruptedException {
    return execute(call, handler, null, firstPermit, cancel);
  }

  /**
   * As {@link #execute(ApiCall, Handler, Permit, CancellationToken)}, a 2xx body read by {@code
   * reader} as it streams in; error answers are read as before.
   */
  <T> T executeStreamed(
      ApiCall call, StreamHandler<T> reader, Permit firstPermit, CancellationToken cancel)
      throws InterruptedException {
    return execute(call, null, reader, firstPermit, cancel);
  }

  private <T> T execute(
      ApiCall call,
      Handler<T> handler,
      StreamHandler<T> reader,
      Permit firstPermit,
      CancellationToken cancel)
      throws InterruptedException {
    Instant start = clock.instant();
    Permit permit = firstPermit;
    for (int attempt = 1; ; attempt++) {
      Failure failure;
      try {
        Permit p = permit != null ? permit : limiter.acquire();
        permit = null;
        Exchange exchange = send(call, p, reader);
        if (exchange.successful()) {
          return reader != null ? readStreamed(call, exchange) : read(call, exchange, handler);
        }
        if (handler != null
            && attempt > 1
            && exchange.status() == 404
            && call.method().equals("DELETE")) {
          // An earlier attempt landed and only its answer was lost.
          LOG.info("{} answered 404 on a retry: the earlier attempt deleted it.", call.describe());
          return handler.handle(null);
        }
        failure = statusFailure(call, exchange);
      } catch (AttemptFailed e) {
        failure = e.failure;
      } catch (ShapeException e) {
        throw new IllegalStateException("A DELETE handler must accept an empty body", e);
      } finally {
        if (permit != null) {
          permit.release(); // acquire() was interrupted before the permit was used
        }
      }
      if (failure.error().kind() == FlowrouteException.Kind.NETWORK) {
        // The connection died; the idle ones pooled with it most likely did too (the server
        // closed them, or the network changed). Without this, each retry picks up another dead
        // connection and the whole retry budget is spent on them.
        http.connectionPool().evictAll();
      }
      if (decide(failure, call.safety()) != Decision.RETRY) {
        throw failure.error();
      }
      Duration delay = nextDelay(start, attempt, failure.error().retryAfter());
      if (delay == null) {
        throw gaveUp(failure.error(), attempt);
      }
      if (cancel.isCancelled()) {
        throw failure
            .error()
            .withMessage(
                failure.error().getMessage()
                    + " Not tried again because the operation was cancelled.");
      }
      LOG.info(
          "{} failed ({} {}); retry {} in {}",
          call.describe(),
          failure.error().kind(),
          failure.error().status(),
          attempt,
          FlowrouteErrors.describe(delay));
      sleeper.sleep(delay);
    }
  }

  private static Decision decide(Failure failure, Safety safety) {
    FlowrouteException error = failure.error();
    boolean create = safety == Safety.CREATE;
    return switch (error.kind()) {
      case RATE_LIMITED -> Decision.RETRY; // 429: not processed, safe for every method
      case SERVER -> {
        int status = error.status();
        boolean gateway = status == 502 || status == 503 || status == 504;
        if (create) {
          yield gateway || status == 500 ? Decision.AMBIGUOUS : Decision.FAIL;
        }
        yield gateway || (status == 500 && safety == Safety.READ) ? Decision.RETRY : Decision.FAIL;
      }
      case TIMEOUT, NETWORK -> {
        if (!failure.requestSent()) {
          yield Decision.RETRY; // nothing left this machine: repeating is always safe
        }
        yield create ? Decision.AMBIGUOUS : Decision.RETRY;
      }
      case BAD_RESPONSE -> {
        if (!failure.garbledSuccess()) {
          yield Decision.FAIL;
        }
        yield create ? Decision.AMBIGUOUS : Decision.RETRY;
      }
      default -> Decision.FAIL;
    };
  }

  /** The wait before the next attempt, or null when attempts or the time budget are used up. */
  private Duration nextDelay(Instant start, int attemptsMade, Duration retryAfter) {
    if (attemptsMade >= retryPolicy.maxAttempts()) {
      return null;
    }
    double u = Math.min(Math.max(jitter.getAsDouble(), 0.0), Math.nextDown(1.0));
    Duration delay = retryAfter != null ? retryAfter : retryPolicy.backoff(attemptsMade, u);
    Duration elapsed = Duration.between(start, clock.instant());
    if (elapsed.plus(delay).compareTo(retryPolicy.totalBudget()) > 0) {
      return null;
    }
    return delay;
  }

  private static FlowrouteException gaveUp(FlowrouteException last, int attempts) {
    if (attempts <= 1) {
      return last;
    }
    return last.withMessage(last.getMessage() + " (Tried " + attempts + " times.)");
  }

  /**
   * One HTTP exchange. Always releases {@code permit}, telling the limiter how it went. A 2xx body
   * is read by {@code reader} when there is one, else as a tree.
   */
  private Exchange send(ApiCall call, Permit permit, StreamHandler<?> reader) throws AttemptFailed {
    SentFlag sent = new SentFlag();
    Request.Builder request =
        new Request.Builder()
            .url(call.url())
            .header("Authorization", authorization)
            .header("Accept", JSON_API)
            .tag(SentFlag.class, sent);
    try {
      RequestBody body =
          call.body() == null
              ? null
              : RequestBody.create(JsonApi.MAPPER.writeValueAsBytes(call.body()), JSON_API_TYPE);
      request.method(call.method(), body);
    } catch (JsonProcessingException e) {
      permit.release();
      throw new IllegalStateException("Could not write a request body", e);
    }
    Call httpCall = http.newCall(request.build());
    long started = System.nanoTime();
    try (Response response = httpCall.execute()) {
      int status = response.code();
      Body body = readBody(call, response, reader);
      Duration retryAfter =
          FlowrouteErrors.parseRetryAfter(response.header("Retry-After"), clock.instant());
      if (status == 429 || status == 503) {
        permit.overloaded(retryAfter);
      } else if (status >= 500) {
        permit.release();
      } else {
        permit.succeeded();
      }
      if (LOG.isDebugEnabled()) {
        LOG.debug(
            "{} -> {} in {} ms",
            call.describe(),
            status,
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
      }
      return new Exchange(
          status,
          response.header("Content-Type"),
          body.document(),
          body.problem(),
          body.error(),
          retryAfter,
          body.streamed());
    } catch (IOException e) {
      permit.release();
      // Only closing the client and interrupting the caller cancel a call on purpose. OkHttp
      // also marks a call cancelled when its call timeout fires: that one is a timeout.
      if (closed.getAsBoolean() || Thread.currentThread().isInterrupted()) {
        throw new AttemptFailed(
            new Failure(
                FlowrouteErrors.cancelled(call, closed.getAsBoolean(), e), sent.value, false));
      }
      LOG.debug("{} failed: {}", call.describe(), e.toString());
      throw new AttemptFailed(
          new Failure(
              FlowrouteErrors.fromIOException(call, e, sent.value, hostPort, timeouts),
              sent.value,
              false));
    } finally {
      permit.release(); // no-op when already released above
    }
  }

  /**
   * Parses the body as a stream, never holding more than {@code maxAnswerBytes} of it: a 2xx beyond
   * that fails the attempt for good (a server that sends 500 MB once will do it again); an error
   * body beyond its smaller bound is ignored, and the status alone decides.
   */
  private Body readBody(ApiCall call, Response response, StreamHandler<?> reader)
      throws IOException, AttemptFailed {
    int status = response.code();
    boolean success = Exchange.successful(status);
    long limit = success ? maxAnswerBytes : Math.min(maxAnswerBytes, MAX_ERROR_BODY_BYTES);
    ResponseBody body = response.body();
    String contentType = response.header("Content-Type");
    long declared = body.contentLength();
    if (declared > limit) {
      if (success) {
        throw tooLarge(call, status, declared, limit);
      }
      return new Body(null, BodyProblem.NOT_JSON, null);
    }
    BufferedSource source = body.source();
    source.request(HEAD_BYTES);
    Buffer buffered = source.getBuffer();
    String head = buffered.snapshot((int) Math.min(HEAD_BYTES, buffered.size())).utf8();
    try (InputStream in = new BoundedInputStream(source.inputStream(), limit)) {
      if (success && reader != null) {
        return new Body(null, null, null, stream(in, reader));
      }
      return new Body(JsonApi.parse(in), null, null);
    } catch (AnswerTooLarge e) {
      if (success) {
        throw tooLarge(call, status, -1, limit);
      }
      return new Body(null, bodyProblem(head, contentType), null);
    } catch (JsonProcessingException e) {
      return new Body(null, bodyProblem(head, contentType), e);
    }
  }

  /** Reads one JSON value with {@code reader}; anything after it makes the answer garbled. */
  private static Streamed stream(InputStream in, StreamHandler<?> reader) throws IOException {
    try (JsonParser parser = JsonApi.MAPPER.createParser(in)) {
      if (parser.nextToken() == null) {
        return new Streamed(null, new ShapeException("the answer was empty"));
      }
      Object value = null;
      ShapeException shape = null;
      try {
        value = reader.read(parser);
      } catch (ShapeException e) {
        shape = e;
      }
      JsonToken trailing = parser.nextToken();
      if (trailing != null) {
        throw new JsonParseException(
            parser, "Trailing token (of type " + trailing + ") found after the answer's value");
      }
      return new Streamed(value, shape);
    }
  }

  private static AttemptFailed tooLarge(ApiCall call, int status, long declared, long limit) {
    // Not retried: the request went out, and the next answer would be as large.
    return new AttemptFailed(
        new Failure(FlowrouteErrors.answerTooLarge(call, status, declared, limit), true, false));
  }

  /** A 2xx body that is not JSON may be a glitch: the attempt failed (retryable for reads). */
  private static void failIfNotJson(ApiCall call, Exchange exchange) throws AttemptFailed {
    if (exchange.parseError() != null) {
      throw new AttemptFailed(
          new Failure(
              FlowrouteErrors.badBody(
                  call, exchange.status(), exchange.problem(), null, exchange.parseError()),
              true,
              true));
    }
  }

  /** Reads a 2xx body with a {@link Handler}. */
  private static <T> T read(ApiCall call, Exchange exchange, Handler<T> handler)
      throws AttemptFailed {
    failIfNotJson(call, exchange);
    JsonNode document = exchange.document();
    try {
      return handler.handle(document);
    } catch (ShapeException e) {
      throw FlowrouteErrors.badBody(
          call,
          exchange.status(),
          BodyProblem.UNEXPECTED_SHAPE,
          document == null ? "the answer was empty" : e.getMessage(),
          null);
    }
  }

  /** A 2xx read by a {@link StreamHandler}: its result, or the same failures as {@link #read}. */
  @SuppressWarnings("unchecked") // the value came from the StreamHandler<T> of this call
  private static <T> T readStreamed(ApiCall call, Exchange exchange) throws AttemptFailed {
    failIfNotJson(call, exchange);
    Streamed streamed = exchange.streamed();
    if (streamed.shape() != null) {
      throw FlowrouteErrors.badBody(
          call,
          exchange.status(),
          BodyProblem.UNEXPECTED_SHAPE,
          streamed.shape().getMessage(),
          null);
    }
    return (T) streamed.value();
  }

  private static Failure statusFailure(ApiCall call, Exchange exchange) {
    ErrorInfo info = JsonApi.error(exchange.document());
    return new Failure(
        FlowrouteErrors.fromStatus(
            call, exchange.status(), info, exchange.problem(), exchange.retryAfter()),
        true,
        false);
  }

  private static BodyProblem bodyProblem(String head, String contentType) {
    String body = head.stripLeading();
    String type = contentType == null ? "" : contentType;
    if (body.startsWith("<") || type.toLowerCase(Locale.ROOT).contains("html")) {
      return BodyProblem.HTML;
    }
    if (body.startsWith("{") || body.startsWith("[")) {
      return BodyProblem.TRUNCATED;
    }
    return BodyProblem.NOT_JSON;
  }

  /** Thrown by {@link BoundedInputStream} when a body goes past its bound. */
  private static final class AnswerTooLarge extends IOException {
    AnswerTooLarge() {
      super("the answer is larger than allowed", null);
    }
  }

  /** Passes at most {@code limit} bytes, then fails instead of reading on. */
  private static final class BoundedInputStream extends FilterInputStream {
    private long remaining;

    BoundedInputStream(InputStream in, long limit) {
      super(in);
      this.remaining = limit;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) throws AnswerTooLarge {
      remaining -= n;
      if (remaining < 0) {
        throw new AnswerTooLarge();
      }
    }
  }

  /** Marks, through OkHttp's events, that the request started going out on the wire. */
  private static final class SentFlag {
    volatile boolean value;
  }

  private static final class SentTracker extends EventListener {
    @Override
    public void requestHeadersStart(Call call) {
      SentFlag flag = call.request().tag(SentFlag.class);
      if (flag != null) {
        flag.value = true;
      }
    }
  }
}
