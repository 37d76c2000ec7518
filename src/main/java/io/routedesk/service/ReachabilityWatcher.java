package io.routedesk.service;

import io.routedesk.flowroute.FlowrouteClient;
import io.routedesk.flowroute.FlowrouteException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices when Flowroute can be reached again while the app is offline: a cheap request (one route)
 * now and then, never on the UI thread, first after {@code schedule.first()} and then at growing
 * intervals up to {@code schedule.max()}, so a long outage costs little. It only watches: what to
 * do when the account is reachable (refresh, offer to publish drafts) is the caller's choice.
 *
 * <p>While online it also notices the reverse when nothing else would ({@link #watchWhileOnline}):
 * an idle window sends no request that could fail. It probes only when no call has been answered
 * for {@link Schedule#onlineQuiet()} ({@link #answered()} records the answers), and gives a probe
 * {@link #PROBE_DEADLINE}, so an idle app learns it is offline within about ten seconds of the last
 * answer, and a busy one sends no probes at all.
 */
public final class ReachabilityWatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReachabilityWatcher.class);

  /**
   * When to probe while offline: first after {@code first}, then each wait 1.5 times longer, up to
   * {@code max}. While online: after {@code onlineQuiet} without an answer.
   */
  public record Schedule(Duration first, Duration max, Duration onlineQuiet) {
    /** 10 s, 15 s, 22.5 s, then every 30 s; online, after 5 s without an answer. */
    public static final Schedule DEFAULT =
        new Schedule(Duration.ofSeconds(10), Duration.ofSeconds(30));

    public Schedule {
      Objects.requireNonNull(first, "first");
      Objects.requireNonNull(max, "max");
      Objects.requireNonNull(onlineQuiet, "onlineQuiet");
      if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
        throw new IllegalArgumentException("Need 0 < first <= max: " + first + ", " + max);
      }
      if (onlineQuiet.isNegative() || onlineQuiet.isZero()) {
        throw new IllegalArgumentException("Need 0 < onlineQuiet: " + onlineQuiet);
      }
    }

    /** Online, a probe after {@link #ONLINE_QUIET} without an answer. */
    public Schedule(Duration first, Duration max) {
      this(first, max, ONLINE_QUIET);
    }

    Duration after(Duration previous) {
      Duration next = Duration.ofNanos((long) (previous.toNanos() * 1.5));
      return next.compareTo(max) > 0 ? max : next;
    }
  }

  /**
   * The watcher's only use of time: runs a task after a delay and tells the time, so tests can
   * drive both.
   */
  public interface Timer extends AutoCloseable {
    /** A task waiting to run. */
    interface Scheduled {
      void cancel();
    }

    Scheduled after(Duration delay, Runnable task);

    /** Now, in {@link System#nanoTime()}'s units. */
    long nanoTime();

    @Override
    void close();

    /** A daemon thread of its own, on the system's clock. */
    static Timer onOwnThread() {
      ScheduledExecutorService executor =
          Executors.newSingleThreadScheduledExecutor(
              Thread.ofPlatform().name("routedesk-reachability").daemon().factory());
      return new Timer() {
        @Override
        public Scheduled after(Duration delay, Runnable task) {
          ScheduledFuture<?> f = executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
          return () -> f.cancel(false);
        }

        @Override
        public long nanoTime() {
          return System.nanoTime();
        }

        @Override
        public void close() {
          executor.shutdownNow();
        }
      };
    }
  }

  /** While online, by default: how long without an answer from Flowroute before a probe. */
  public static final Duration ONLINE_QUIET = Duration.ofSeconds(5);

  /** While online: a probe that has not been answered by then counts as unreachable. */
  public static final Duration PROBE_DEADLINE = Duration.ofSeconds(4);

  private final Supplier<CompletableFuture<Boolean>> probe;
  private final Schedule schedule;
  private final Timer timer;
  private long lastAnswerNanos; // guarded by this
  private Runnable onUnreachable; // guarded by this; non-null while watching online
  private Timer.Scheduled onlineCheck; // guarded by this
  private long onlineRound; // guarded by this
  private Timer.Scheduled pending;
  private Runnable onReachable;
  private Duration nextWait;
  private long round;
  private boolean closed;

  /** Probes the account with {@link #probe(FlowrouteClient)}. */
  public ReachabilityWatcher(FlowrouteClient client, Schedule schedule) {
    this(() -> probe(client), schedule);
  }

  /**
   * @param probe completes with true when Flowroute answered; must not throw
   */
  public ReachabilityWatcher(Supplier<CompletableFuture<Boolean>> probe, Schedule schedule) {
    this(probe, schedule, Timer.onOwnThread());
  }

  /**
   * @param probe completes with true when Flowroute answered; must not throw
   * @param timer runs the probes and tells the time; closed with the watcher
   */
  public ReachabilityWatcher(
      Supplier<CompletableFuture<Boolean>> probe, Schedule schedule, Timer timer) {
    this.probe = Objects.requireNonNull(probe, "probe");
    this.schedule = Objects.requireNonNull(schedule, "schedule");
    this.timer = Objects.requireNonNull(timer, "timer");
  }

  /**
   * True when Flowroute answered the cheapest request there is (one route). An answer that is an
   * error about the request itself (401, 403, ...) still means the network works; only no answer, a
   * timeout or a server that is down (5xx, garbled) counts as unreachable.
   */
  public static CompletableFuture<Boolean> probe(FlowrouteClient client) {
    try {
      return client
          .listRoutes(null, 1, 0)
          .handle(
              (page, error) -> {
                if (error == null) {
                  return true;
                }
                FlowrouteException fe = FlowrouteException.unwrap(error);
                return fe != null && !fe.isRetryable();
              });
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(false);
    }
  }

  /**
   * Starts probing (if not already): {@code onReachable} runs once, on the watcher's thread, when a
   * probe succeeds; the watcher then stops until asked again.
   */
  public synchronized void watch(Runnable onReachable) {
    Objects.requireNonNull(onReachable, "onReachable");
    if (closed) {
      return;
    }
    this.onReachable = onReachable;
    if (pending != null) {
      return;
    }
    nextWait = schedule.first();
    scheduleNext(++round);
  }

  /** Stops probing (e.g. a refresh reached Flowroute by itself). */
  public synchronized void stop() {
    round++;
    if (pending != null) {
      pending.cancel();
      pending = null;
    }
    onReachable = null;
  }

  /**
   * While the account is online: {@code onUnreachable} runs once, on the watcher's thread, when a
   * probe sent after {@link Schedule#onlineQuiet()} without an answer gets none within {@link
   * #PROBE_DEADLINE}; the online watch then stops (the caller goes offline and {@link #watch}es for
   * the way back). Replaces an online watch already running.
   */
  public synchronized void watchWhileOnline(Runnable onUnreachable) {
    Objects.requireNonNull(onUnreachable, "onUnreachable");
    if (closed) {
      return;
    }
    stopWhileOnline();
    this.onUnreachable = onUnreachable;
    lastAnswerNanos = timer.nanoTime(); // what made the caller think it is online
    scheduleOnlineCheck(schedule.onlineQuiet(), onlineRound);
  }

  /** Stops the online watch (the account went offline another way, or the window closes). */
  public synchronized void stopWhileOnline() {
    onlineRound++;
    onUnreachable = null;
    if (onlineCheck != null) {
      onlineCheck.cancel();
      onlineCheck = null;
    }
  }

  /** A call was answered by Flowroute: no probe is needed for a while. Any thread. */
  public synchronized void answered() {
    lastAnswerNanos = timer.nanoTime();
  }

  public synchronized boolean isWatchingWhileOnline() {
    return onUnreachable != null;
  }

  /** The online watch's check, run by its timer: waits longer while calls are being answered. */
  private void checkWhileOnline() {
    long round;
    synchronized (this) {
      if (onUnreachable == null || closed) {
        return;
      }
      round = onlineRound;
      long quietNanos = timer.nanoTime() - lastAnswerNanos;
      if (quietNanos < schedule.onlineQuiet().toNanos()) {
        scheduleOnlineCheck(schedule.onlineQuiet().minusNanos(quietNanos), round);
        return;
      }
    }
    CompletableFuture<Boolean> answer;
    try {
      answer = probe.get().orTimeout(PROBE_DEADLINE.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RuntimeException e) {
      answer = CompletableFuture.completedFuture(false);
    }
    answer.whenComplete(
        (reachable, error) -> afterOnlineProbe(round, Boolean.TRUE.equals(reachable)));
  }

  private void afterOnlineProbe(long round, boolean reachable) {
    Runnable callback;
    synchronized (this) {
      if (round != onlineRound || closed) {
        return; // stopped or restarted while the probe was out
      }
      if (reachable) {
        lastAnswerNanos = timer.nanoTime();
        scheduleOnlineCheck(schedule.onlineQuiet(), round);
        return;
      }
      callback = onUnreachable;
      stopWhileOnline();
    }
    LOG.info("Flowroute did not answer a probe while idle: offline");
    callback.run();
  }

  private void scheduleOnlineCheck(Duration wait, long round) {
    onlineCheck =
        timer.after(
            wait,
            () -> {
              synchronized (this) {
                if (round != onlineRound) {
                  return;
                }
              }
              checkWhileOnline();
            });
  }

  public synchronized boolean isWatching() {
    return pending != null;
  }

  /** The wait before the next probe (for the status line and tests). */
  public synchronized Duration nextWait() {
    return nextWait;
  }

  private void scheduleNext(long forRound) {
    Duration wait = nextWait;
    pending = timer.after(wait, () -> runProbe(forRound));
  }

  private void runProbe(long forRound) {
    CompletableFuture<Boolean> answer;
    try {
      answer = probe.get();
    } catch (RuntimeException e) {
      answer = CompletableFuture.completedFuture(false);
    }
    answer.whenComplete((reachable, error) -> afterProbe(forRound, Boolean.TRUE.equals(reachable)));
  }

  private void afterProbe(long forRound, boolean reachable) {
    Runnable callback;
    synchronized (this) {
      if (forRound != round || closed) {
        return; // stopped (or restarted) while the probe was out
      }
      if (!reachable) {
        nextWait = schedule.after(nextWait);
        LOG.debug("Flowroute still unreachable; next probe in {}", nextWait);
        scheduleNext(forRound);
        return;
      }
      callback = onReachable;
      pending = null;
      onReachable = null;
      round++;
    }
    LOG.info("Flowroute can be reached again");
    if (callback != null) {
      callback.run();
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    stop();
    stopWhileOnline();
    timer.close();
  }
}
