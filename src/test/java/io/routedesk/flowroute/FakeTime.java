package io.routedesk.flowroute;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that only moves when something sleeps on it: retry tests wait for nothing. */
final class FakeTime extends Clock implements Sleeper {
  private final Instant origin;
  private final AtomicLong elapsedNanos = new AtomicLong();
  private final List<Duration> sleeps = new ArrayList<>();

  FakeTime() {
    this(Instant.parse("2026-01-15T10:00:00Z"));
  }

  FakeTime(Instant origin) {
    this.origin = origin;
  }

  @Override
  public void sleep(Duration duration) {
    synchronized (sleeps) {
      sleeps.add(duration);
    }
    // Sleep "until now + duration": concurrent sleepers overlap as they would in real time
    // instead of adding their waits up.
    long target = elapsedNanos.get() + duration.toNanos();
    elapsedNanos.accumulateAndGet(target, Math::max);
  }

  void advance(Duration duration) {
    elapsedNanos.addAndGet(duration.toNanos());
  }

  List<Duration> sleeps() {
    synchronized (sleeps) {
      return List.copyOf(sleeps);
    }
  }

  @Override
  public Instant instant() {
    return origin.plusNanos(elapsedNanos.get());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException();
  }
}
