package io.routedesk.sandbox;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The faults the sandbox injects, changeable at any time from any thread (tests, the command line).
 *
 * <p>Random faults are deterministic given the seed: the n-th request the sandbox receives (counted
 * from creation or {@link #reset()}) gets the same latency, drop and error decisions on every run.
 * With concurrent clients the arrival order, and so the assignment to requests, may vary. For exact
 * control a test scripts faults with {@link #failNext(Endpoint, FaultType)}: scripted faults apply
 * to the next matching requests, in order, before any random one.
 *
 * <p>Order inside one request: latency, then connection drop / 500 / 503, then authentication, then
 * the rate limit (429), then the request is processed, then drop-after-commit, then the (possibly
 * throttled) response body.
 */
public final class Faults {
  private static final long SALT_JITTER = 1;
  private static final long SALT_DROP = 2;
  private static final long SALT_ERROR = 3;
  private static final long SALT_DROP_AFTER_COMMIT = 4;

  private final LongSupplier nanoClock;
  private final AtomicLong sequence = new AtomicLong();
  private volatile long seed;

  private volatile long latencyMillis;
  private volatile long jitterMillis;
  private volatile double serverErrorRate;
  private volatile double unavailableRate;
  private volatile double dropRate;
  private volatile double dropAfterCommitRate;
  private volatile long slowBodyBytesPerSecond;
  private volatile boolean retryAfterHeader;

  private final Object limitsLock = new Object();
  private TokenBucket globalLimit;
  private final Map<Endpoint, TokenBucket> endpointLimits = new EnumMap<>(Endpoint.class);

  private final List<Scripted> scripted = new ArrayList<>();

  /** No faults, seed 0. */
  public Faults() {
    this(0L);
  }

  /** No faults yet; random faults set later draw from this seed. */
  public Faults(long seed) {
    this(seed, System::nanoTime);
  }

  Faults(long seed, LongSupplier nanoClock) {
    this.seed = seed;
    this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
  }

  public long seed() {
    return seed;
  }

  /** Changes the seed and restarts the request sequence, so decisions repeat from here. */
  public Faults reseed(long newSeed) {
    this.seed = newSeed;
    sequence.set(0);
    return this;
  }

  /** Fixed delay before each request is answered. */
  public Faults latencyMillis(long millis) {
    this.latencyMillis = requireNonNegative(millis, "latency");
    return this;
  }

  /** Extra random delay from 0 to {@code millis} (inclusive) per request, on top of latency. */
  public Faults jitterMillis(long millis) {
    this.jitterMillis = requireNonNegative(millis, "jitter");
    return this;
  }

  /** Shares (0..1) of requests answered 500 and 503. Their sum must not exceed 1. */
  public Faults errorRates(double serverError, double unavailable) {
    requireShare(serverError, "500 share");
    requireShare(unavailable, "503 share");
    if (serverError + unavailable > 1.0) {
      throw new IllegalArgumentException(
          "500 and 503 shares together exceed 1: " + serverError + " + " + unavailable);
    }
    this.serverErrorRate = serverError;
    this.unavailableRate = unavailable;
    return this;
  }

  /** A share (0..1) of requests answered with an error, half 500 and half 503. */
  public Faults errorRate(double share) {
    requireShare(share, "error share");
    return errorRates(share / 2, share / 2);
  }

  /** Share (0..1) of requests whose connection is closed before any response. */
  public Faults dropRate(double share) {
    this.dropRate = requireShare(share, "drop share");
    return this;
  }

  /**
   * Share (0..1) of mutating requests that are applied and then answered by a dropped connection.
   */
  public Faults dropAfterCommitRate(double share) {
    this.dropAfterCommitRate = requireShare(share, "drop-after-commit share");
    return this;
  }

  /** Throttles every response body to this many bytes per second; 0 turns throttling off. */
  public Faults slowBody(long bytesPerSecond) {
    this.slowBodyBytesPerSecond = requireNonNegative(bytesPerSecond, "slow body rate");
    return this;
  }

  /** Whether 429 answers carry a Retry-After header (Flowroute documents none; default off). */
  public Faults retryAfterHeader(boolean enabled) {
    this.retryAfterHeader = enabled;
    return this;
  }

  /**
   * A global rate limit over all endpoints: a token bucket of {@code requestsPerSecond} with a
   * burst of max(1, requestsPerSecond) requests. 0 removes it.
   */
  public Faults rateLimit(double requestsPerSecond) {
    return rateLimit(requestsPerSecond, defaultBurst(requestsPerSecond));
  }

  /** A global token-bucket rate limit with an explicit burst size. 0 rps removes it. */
  public Faults rateLimit(double requestsPerSecond, int burst) {
    TokenBucket bucket = bucketOrNull(requestsPerSecond, burst);
    synchronized (limitsLock) {
      globalLimit = bucket;
    }
    return this;
  }

  /** A rate limit for one endpoint only (Flowroute limits per endpoint). 0 rps removes it. */
  public Faults rateLimit(Endpoint endpoint, double requestsPerSecond) {
    return rateLimit(endpoint, requestsPerSecond, defaultBurst(requestsPerSecond));
  }

  /** A per-endpoint token-bucket rate limit with an explicit burst size. 0 rps removes it. */
  public Faults rateLimit(Endpoint endpoint, double requestsPerSecond, int burst) {
    Objects.requireNonNull(endpoint, "endpoint");
    TokenBucket bucket = bucketOrNull(requestsPerSecond, burst);
    synchronized (limitsLock) {
      if (bucket == null) {
        endpointLimits.remove(endpoint);
      } else {
        endpointLimits.put(endpoint, bucket);
      }
    }
    return this;
  }

  /** The next request of any endpoint gets this fault (DROP_AFTER_COMMIT: next mutating one). */
  public Faults failNext(FaultType type) {
    return failNext(null, type, 1);
  }

  /** The next request to {@code endpoint} gets this fault. */
  public Faults failNext(Endpoint endpoint, FaultType type) {
    return failNext(endpoint, type, 1);
  }

  /**
   * The next {@code times} requests to {@code endpoint} (null: any endpoint) get this fault. A
   * scripted fault is used up when a request matches it, whatever that request's outcome.
   */
  public Faults failNext(Endpoint endpoint, FaultType type, int times) {
    Objects.requireNonNull(type, "type");
    if (times < 1) {
      throw new IllegalArgumentException("times must be at least 1: " + times);
    }
    if (type == FaultType.DROP_AFTER_COMMIT && endpoint != null && !endpoint.mutating()) {
      throw new IllegalArgumentException(
          "drop-after-commit applies to mutating requests only, not " + endpoint.label());
    }
    synchronized (scripted) {
      for (int i = 0; i < times; i++) {
        scripted.add(new Scripted(endpoint, type));
      }
    }
    return this;
  }

  /** How many scripted faults have not been used yet. */
  public int pendingScriptedFaults() {
    synchronized (scripted) {
      return scripted.size();
    }
  }

  /** Removes every fault, rate limit and scripted fault and restarts the request sequence. */
  public Faults reset() {
    latencyMillis = 0;
    jitterMillis = 0;
    serverErrorRate = 0;
    unavailableRate = 0;
    dropRate = 0;
    dropAfterCommitRate = 0;
    slowBodyBytesPerSecond = 0;
    retryAfterHeader = false;
    synchronized (limitsLock) {
      globalLimit = null;
      endpointLimits.clear();
    }
    synchronized (scripted) {
      scripted.clear();
    }
    sequence.set(0);
    return this;
  }

  public long latencyMillis() {
    return latencyMillis;
  }

  public long jitterMillis() {
    return jitterMillis;
  }

  public double serverErrorRate() {
    return serverErrorRate;
  }

  public double unavailableRate() {
    return unavailableRate;
  }

  public double dropRate() {
    return dropRate;
  }

  public double dropAfterCommitRate() {
    return dropAfterCommitRate;
  }

  public long slowBodyBytesPerSecond() {
    return slowBodyBytesPerSecond;
  }

  public boolean retryAfterHeader() {
    return retryAfterHeader;
  }

  /** A one-line summary for the command line, e.g. "latency 200 ms, drop 5%". */
  public String describe() {
    List<String> parts = new ArrayList<>();
    if (latencyMillis > 0 || jitterMillis > 0) {
      parts.add(
          "latency "
              + latencyMillis
              + " ms"
              + (jitterMillis > 0 ? " + jitter 0.." + jitterMillis + " ms" : ""));
    }
    synchronized (limitsLock) {
      if (globalLimit != null) {
        parts.add(
            "rate limit "
                + globalLimit.ratePerSecond()
                + " req/s (burst "
                + globalLimit.capacity()
                + ")");
      }
      endpointLimits.forEach(
          (e, b) -> parts.add(e.label() + " limit " + b.ratePerSecond() + " req/s"));
    }
    if (serverErrorRate > 0 || unavailableRate > 0) {
      parts.add("500 " + percent(serverErrorRate) + ", 503 " + percent(unavailableRate));
    }
    if (dropRate > 0) {
      parts.add("dropped connections " + percent(dropRate));
    }
    if (dropAfterCommitRate > 0) {
      parts.add("drop after commit " + percent(dropAfterCommitRate));
    }
    if (slowBodyBytesPerSecond > 0) {
      parts.add("bodies at " + slowBodyBytesPerSecond + " B/s");
    }
    if (retryAfterHeader) {
      parts.add("Retry-After on 429");
    }
    return parts.isEmpty() ? "none" : String.join(", ", parts) + " (seed " + seed + ")";
  }

  // ---- used by the request handler ----

  /** What happens to one arriving request, decided when it arrives. */
  record Plan(
      long sequence,
      long delayMillis,
      FaultType early,
      boolean forcedRateLimit,
      boolean dropAfterCommit) {}

  Plan plan(Endpoint endpoint) {
    long n = sequence.getAndIncrement();
    long jitter = jitterMillis;
    long delay = latencyMillis + (jitter > 0 ? (long) (draw(n, SALT_JITTER) * (jitter + 1)) : 0);
    FaultType scriptedFault = takeScripted(endpoint);
    if (scriptedFault != null) {
      return switch (scriptedFault) {
        case DROP_AFTER_COMMIT -> new Plan(n, delay, null, false, true);
        case RATE_LIMITED -> new Plan(n, delay, null, true, false);
        default -> new Plan(n, delay, scriptedFault, false, false);
      };
    }
    FaultType early = null;
    if (dropRate > 0 && draw(n, SALT_DROP) < dropRate) {
      early = FaultType.DROP_CONNECTION;
    } else {
      double e = draw(n, SALT_ERROR);
      double r500 = serverErrorRate;
      double r503 = unavailableRate;
      if (e < r500) {
        early = FaultType.SERVER_ERROR;
      } else if (e < r500 + r503) {
        early = FaultType.SERVICE_UNAVAILABLE;
      }
    }
    boolean afterCommit =
        early == null
            && endpoint.mutating()
            && dropAfterCommitRate > 0
            && draw(n, SALT_DROP_AFTER_COMMIT) < dropAfterCommitRate;
    return new Plan(n, delay, early, false, afterCommit);
  }

  /**
   * Takes a token from the global and the endpoint's bucket. Returns 0 when the request may pass,
   * otherwise the nanoseconds until it could.
   */
  long rateLimitWaitNanos(Endpoint endpoint) {
    TokenBucket global;
    TokenBucket own;
    synchronized (limitsLock) {
      global = globalLimit;
      own = endpointLimits.get(endpoint);
    }
    long wait = global == null ? 0 : global.tryAcquire();
    if (wait > 0) {
      return wait;
    }
    long ownWait = own == null ? 0 : own.tryAcquire();
    if (ownWait > 0 && global != null) {
      global.refund();
    }
    return ownWait;
  }

  private FaultType takeScripted(Endpoint endpoint) {
    synchronized (scripted) {
      for (Iterator<Scripted> it = scripted.iterator(); it.hasNext(); ) {
        Scripted s = it.next();
        boolean endpointMatches = s.endpoint == null || s.endpoint == endpoint;
        boolean typeApplies = s.type != FaultType.DROP_AFTER_COMMIT || endpoint.mutating();
        if (endpointMatches && typeApplies) {
          it.remove();
          return s.type;
        }
      }
      return null;
    }
  }

  /** A uniform draw in [0, 1) fixed by (seed, request number, purpose). */
  private double draw(long requestNumber, long salt) {
    long x = mix(seed ^ mix(requestNumber * 0x9E3779B97F4A7C15L + salt));
    return (x >>> 11) * 0x1.0p-53;
  }

  /** SplitMix64's finalizer: a fast, well-spread 64-bit hash. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private TokenBucket bucketOrNull(double requestsPerSecond, int burst) {
    if (requestsPerSecond == 0) {
      return null;
    }
    return new TokenBucket(requestsPerSecond, burst, nanoClock);
  }

  private static int defaultBurst(double requestsPerSecond) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.floor(requestsPerSecond)));
  }

  private static double requireShare(double share, String what) {
    if (!(share >= 0 && share <= 1)) {
      throw new IllegalArgumentException(what + " must be from 0 to 1: " + share);
    }
    return share;
  }

  private static long requireNonNegative(long value, String what) {
    if (value < 0) {
      throw new IllegalArgumentException(what + " must not be negative: " + value);
    }
    return value;
  }

  private static String percent(double share) {
    return Math.round(share * 1000) / 10.0 + "%";
  }

  private record Scripted(Endpoint endpoint, FaultType type) {}
}
