package io.routedesk.flowroute;

import java.time.Duration;

/**
 * How the client waits between retries and while a rate limit lasts. The real one sleeps; tests
 * pass one that records the wait and advances a fake clock, so retry tests run in milliseconds.
 */
@FunctionalInterface
public interface Sleeper {
  Sleeper SYSTEM = Thread::sleep;

  void sleep(Duration duration) throws InterruptedException;
}
