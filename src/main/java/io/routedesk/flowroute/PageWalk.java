package io.routedesk.flowroute;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Watches one walk through a paged Flowroute list and stops it, with a {@link FlowrouteException}
 * of kind BAD_RESPONSE that says what went wrong, when the server does not let it make progress: a
 * {@code links.next} that does not move forward, a page that holds only items already listed, or a
 * walk beyond {@link PagingLimits}. It also drops items listed before (an insert during the walk
 * shifts later pages by one), so callers see each item once. Not thread-safe: one walk, one thread
 * at a time.
 */
public final class PageWalk<T> {
  private final String action;
  private final PagingLimits limits;
  private final Clock clock;
  private final Function<T, String> idOf;
  private final Instant start;
  private final Set<String> seen = new HashSet<>();
  private int pages;

  /**
   * @param action what is being listed, for messages ("listing numbers")
   * @param idOf the id that makes an item the same item on another page
   */
  public PageWalk(String action, PagingLimits limits, Clock clock, Function<T, String> idOf) {
    this.action = Objects.requireNonNull(action, "action");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.idOf = Objects.requireNonNull(idOf, "idOf");
    this.start = clock.instant();
  }

  /**
   * Takes the page read at {@code offset} and returns its items not listed before, in order.
   *
   * @param nextOffset the offset of {@code links.next}, or null on the last page
   * @throws FlowrouteException when the walk must stop
   */
  public List<T> accept(int offset, List<T> items, Integer nextOffset) {
    pages++;
    List<T> fresh = new ArrayList<>(items.size());
    for (T item : items) {
      if (seen.add(idOf.apply(item))) {
        fresh.add(item);
      }
    }
    if (!items.isEmpty() && fresh.isEmpty() && nextOffset != null) {
      throw broken(
          "sent a page (offset "
              + offset
              + ") holding only items it had already listed, and a link to more");
    }
    if (nextOffset != null && nextOffset <= offset) {
      throw broken("links to offset " + nextOffset + " after offset " + offset + ", not forward");
    }
    if (seen.size() > limits.maxItems()) {
      throw tooLong("more than " + String.format(Locale.ROOT, "%,d", limits.maxItems()) + " items");
    }
    if (nextOffset != null && pages >= limits.maxPages()) {
      throw tooLong("more than " + String.format(Locale.ROOT, "%,d", limits.maxPages()) + " pages");
    }
    Duration elapsed = Duration.between(start, clock.instant());
    if (nextOffset != null && elapsed.compareTo(limits.maxDuration()) > 0) {
      throw tooLong("still more pages after " + FlowrouteErrors.describe(limits.maxDuration()));
    }
    return fresh;
  }

  /** How many distinct items the walk has listed. */
  public int size() {
    return seen.size();
  }

  private FlowrouteException broken(String what) {
    return badResponse(
        "Flowroute "
            + what
            + " while "
            + action
            + ". RouteDesk stopped reading the list; it may be incomplete. Try again later.");
  }

  private FlowrouteException tooLong(String what) {
    return badResponse(
        "Flowroute's list went on for "
            + what
            + " while "
            + action
            + ", far more than any account has. RouteDesk stopped reading it; check the API"
            + " address, or try again later.");
  }

  private static FlowrouteException badResponse(String message) {
    return new FlowrouteException(
        FlowrouteException.Kind.BAD_RESPONSE, 0, null, null, null, null, message, null);
  }
}
