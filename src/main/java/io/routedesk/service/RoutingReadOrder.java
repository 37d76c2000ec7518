package io.routedesk.service;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SequencedSet;

/**
 * The numbers whose routing a numbers load has still to read, in the order it reads them: as they
 * were listed, except that the numbers the user is looking at go first ({@link #prefer}). A window
 * that shows the end of a 10,000-number list then gets those rows' routing next, not after the
 * 9,950 listed before them. Thread-safe: the window prefers, the load's threads add and take.
 */
public final class RoutingReadOrder {
  private final SequencedSet<String> listed = new LinkedHashSet<>();
  private final SequencedSet<String> preferred = new LinkedHashSet<>();

  /** Numbers just listed, to be read after those already waiting. */
  synchronized void add(Collection<String> numbers) {
    for (String n : numbers) {
      if (!preferred.contains(n)) {
        listed.add(n);
      }
    }
  }

  /**
   * The numbers now on screen, in screen order: those still waiting are read before any other.
   * Numbers preferred earlier and no longer on screen stay ahead of the rest (they were looked at),
   * behind these. Numbers not waiting (read, being read, or not listed) are ignored.
   */
  public synchronized void prefer(Collection<String> onScreen) {
    SequencedSet<String> next = new LinkedHashSet<>();
    for (String n : onScreen) {
      if (listed.remove(n) || preferred.contains(n)) {
        next.add(n);
      }
    }
    next.addAll(preferred);
    preferred.clear();
    preferred.addAll(next);
  }

  /**
   * Up to {@code max} numbers to read next, removed from the order. Preferred numbers come alone
   * (never padded with others), so their read is small and quick.
   */
  synchronized List<String> take(int max) {
    SequencedSet<String> from = preferred.isEmpty() ? listed : preferred;
    List<String> next = new ArrayList<>(Math.min(max, from.size()));
    Iterator<String> it = from.iterator();
    while (next.size() < max && it.hasNext()) {
      next.add(it.next());
      it.remove();
    }
    return next;
  }

  synchronized boolean isEmpty() {
    return listed.isEmpty() && preferred.isEmpty();
  }
}
