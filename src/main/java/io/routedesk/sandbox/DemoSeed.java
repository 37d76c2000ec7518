package io.routedesk.sandbox;

/**
 * Which demo account to build: how many numbers, how many routes besides the sip-reg route "0", and
 * the seed that makes the account the same on every run.
 */
public record DemoSeed(int numbers, int routes, long seed) {
  public static final long DEFAULT_SEED = 20_180_117L;
  public static final int SMALL_NUMBERS = 25;
  public static final int SMALL_ROUTES = 8;
  public static final int LARGE_NUMBERS = 10_000;
  public static final int LARGE_ROUTES = 1_000;

  /** More numbers than this would not fit the generator's area-code plan without repeats. */
  public static final int MAX_NUMBERS = 1_000_000;

  public DemoSeed {
    if (numbers < 0 || numbers > MAX_NUMBERS) {
      throw new IllegalArgumentException(
          "numbers must be from 0 to " + MAX_NUMBERS + ", was " + numbers);
    }
    if (routes < 0 || routes > MAX_NUMBERS) {
      throw new IllegalArgumentException(
          "routes must be from 0 to " + MAX_NUMBERS + ", was " + routes);
    }
  }

  /** About 25 numbers and 8 routes of every type: the account a new user explores. */
  public static DemoSeed small() {
    return small(DEFAULT_SEED);
  }

  public static DemoSeed small(long seed) {
    return new DemoSeed(SMALL_NUMBERS, SMALL_ROUTES, seed);
  }

  /** 10,000 numbers and 1,000 routes, for benchmarks. */
  public static DemoSeed large() {
    return large(DEFAULT_SEED);
  }

  public static DemoSeed large(long seed) {
    return new DemoSeed(LARGE_NUMBERS, LARGE_ROUTES, seed);
  }

  public static DemoSeed of(int numbers, int routes, long seed) {
    return new DemoSeed(numbers, routes, seed);
  }

  /** Only the sip-reg route, no numbers. */
  public static DemoSeed empty() {
    return new DemoSeed(0, 0, DEFAULT_SEED);
  }
}
