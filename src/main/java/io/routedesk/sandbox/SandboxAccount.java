package io.routedesk.sandbox;

import io.routedesk.domain.EdgeStrategy;
import io.routedesk.domain.NumberRouting;
import io.routedesk.domain.PhoneNumber;
import io.routedesk.domain.PhoneNumbers;
import io.routedesk.domain.Route;
import io.routedesk.domain.RouteType;
import io.routedesk.domain.VoiceSlot;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The simulated Flowroute account: routes (with the system sip-reg route "0"), numbers and each
 * number's primary and failover route. Thread-safe: every read and change takes one lock, so a test
 * may read it while requests are served.
 *
 * <p>The public methods are for tests and the app's wiring: they read the state, or set it up
 * directly without Flowroute's request rules. The HTTP handler uses the package-private operations,
 * which apply those rules.
 */
public final class SandboxAccount {

  /** Where route ids start on a fresh account (Flowroute's ids are account-global sequences). */
  public static final long FIRST_ROUTE_ID = 83_834L;

  /**
   * The points of presence of GET /v2/routes/edge_strategies. US-East-VA (id 4) and its firewall
   * rules are Flowroute's documented example; the others use Flowroute's PoP host names with
   * illustrative ids and documentation-range addresses.
   */
  public static final List<EdgeStrategy> EDGE_STRATEGIES =
      List.of(
          new EdgeStrategy(
              1,
              "US-West-OR",
              "Data will be sent preferentially from our edge systems in Oregon. We will fall back"
                  + " to other regions if necessary.",
              "us-west-or.sip.flowroute.com",
              "198.51.100.16/28, 198.51.100.16-198.51.100.31"),
          new EdgeStrategy(
              2,
              "US-East-NJ",
              "Data will be sent preferentially from our edge systems in New Jersey. We will fall"
                  + " back to other regions if necessary.",
              "us-east-nj.sip.flowroute.com",
              "198.51.100.48/28, 198.51.100.48-198.51.100.63"),
          new EdgeStrategy(
              3,
              "US-Central",
              "Data will be sent preferentially from our edge systems in the central United"
                  + " States. We will fall back to other regions if necessary.",
              "us-central.sip.flowroute.com",
              "203.0.113.64/28, 203.0.113.64-203.0.113.79"),
          new EdgeStrategy(
              4,
              "US-East-VA",
              "Data will be sent preferentially from our edge systems in North Virginia. We will"
                  + " fall back to other regions if necessary.",
              "us-east-va.sip.flowroute.com",
              "34.226.36.32/28, 34.226.36.32-34.226.36.47"));

  static final Route SIP_REG =
      new Route(Route.SIP_REG_ID, "sip-reg", RouteType.SIP_REG, null, null);

  private final Object lock = new Object();
  private final TreeMap<Long, Route> routes = new TreeMap<>();
  private final TreeMap<String, NumberEntry> numbers = new TreeMap<>();
  private long nextRouteId = FIRST_ROUTE_ID;
  private volatile Runnable onChange = () -> {};

  /** An account with only the sip-reg route "0". */
  public SandboxAccount() {
    routes.put(0L, SIP_REG);
  }

  /** A demo account built from the seed; the same seed always gives the same account. */
  public static SandboxAccount seeded(DemoSeed seed) {
    SandboxAccount account = new SandboxAccount();
    DemoData.populate(account, seed);
    return account;
  }

  /**
   * Everything the account holds, for keeping it between runs: the routes (with "0"), the numbers
   * with their routing, and where the route id sequence stands.
   */
  public record State(long nextRouteId, List<Route> routes, List<NumberState> numbers) {
    public State {
      routes = List.copyOf(routes);
      numbers = List.copyOf(numbers);
    }
  }

  /** A number and the ids of its primary and failover routes (null when none). */
  public record NumberState(PhoneNumber number, String primaryRouteId, String failoverRouteId) {
    public NumberState {
      Objects.requireNonNull(number, "number");
    }
  }

  /** The whole account in one consistent read. */
  public State state() {
    synchronized (lock) {
      List<NumberState> entries = new ArrayList<>(numbers.size());
      for (NumberEntry e : numbers.values()) {
        entries.add(new NumberState(e.number, e.primary, e.failover));
      }
      return new State(nextRouteId, List.copyOf(routes.values()), entries);
    }
  }

  /**
   * Replaces everything the account holds with {@code state}, all or nothing.
   *
   * @throws IllegalArgumentException when the state does not hold together (a route id that is not
   *     a canonical number or repeats, a number routed to a route it does not have, an id sequence
   *     behind its routes): nothing changes then
   */
  public void replaceWith(State state) {
    TreeMap<Long, Route> newRoutes = new TreeMap<>();
    newRoutes.put(0L, SIP_REG);
    for (Route r : state.routes()) {
      if (r.isSystemRoute()) {
        continue; // "0" is Flowroute's own, always present and never changed
      }
      long id = canonicalId(r.id());
      if (id <= 0 || newRoutes.put(id, r) != null) {
        throw new IllegalArgumentException("route id " + r.id() + " is not valid or repeats");
      }
      if (id >= state.nextRouteId()) {
        throw new IllegalArgumentException(
            "route id " + r.id() + " is not below the next id " + state.nextRouteId());
      }
    }
    TreeMap<String, NumberEntry> newNumbers = new TreeMap<>();
    for (NumberState n : state.numbers()) {
      for (String routeId : new String[] {n.primaryRouteId(), n.failoverRouteId()}) {
        if (routeId != null && !newRoutes.containsKey(canonicalId(routeId))) {
          throw new IllegalArgumentException(
              "number " + n.number().number() + " uses route " + routeId + ", which is missing");
        }
      }
      String key = n.number().number();
      if (newNumbers.put(key, new NumberEntry(n.number(), n.primaryRouteId(), n.failoverRouteId()))
          != null) {
        throw new IllegalArgumentException("number " + key + " repeats");
      }
    }
    synchronized (lock) {
      routes.clear();
      routes.putAll(newRoutes);
      numbers.clear();
      numbers.putAll(newNumbers);
      nextRouteId = state.nextRouteId();
    }
    changed();
  }

  /**
   * Runs {@code listener} after every change to the account (from a request or a direct set-up), on
   * the thread that made it, after the change is visible: for keeping the account on disk. Replaces
   * the previous listener.
   */
  public void onChange(Runnable listener) {
    this.onChange = Objects.requireNonNull(listener, "listener");
  }

  // ---- reads ----

  /** All routes in listing order: "0" first, then ascending id. */
  public List<Route> routes() {
    synchronized (lock) {
      return List.copyOf(routes.values());
    }
  }

  /** The number of routes, counting the sip-reg route. */
  public int routeCount() {
    synchronized (lock) {
      return routes.size();
    }
  }

  public Optional<Route> route(String id) {
    synchronized (lock) {
      return Optional.ofNullable(routeOrNull(id));
    }
  }

  /** All numbers in listing order (ascending). */
  public List<PhoneNumber> numbers() {
    synchronized (lock) {
      return numbers.values().stream().map(e -> e.number).toList();
    }
  }

  public int numberCount() {
    synchronized (lock) {
      return numbers.size();
    }
  }

  public Optional<PhoneNumber> number(String number) {
    synchronized (lock) {
      NumberEntry e = numbers.get(number);
      return e == null ? Optional.empty() : Optional.of(e.number);
    }
  }

  public Optional<NumberRouting> routing(String number) {
    synchronized (lock) {
      NumberEntry e = numbers.get(number);
      return e == null
          ? Optional.empty()
          : Optional.of(new NumberRouting(number, e.primary, e.failover));
    }
  }

  /** The primary route id of a number on the account (null when none). */
  public String primaryRouteId(String number) {
    return requireRouting(number).primaryRouteId();
  }

  /** The failover route id of a number on the account (null when none). */
  public String failoverRouteId(String number) {
    return requireRouting(number).failoverRouteId();
  }

  /** Numbers whose primary or failover is the route, ascending. */
  public List<String> numbersUsing(String routeId) {
    synchronized (lock) {
      List<String> using = new ArrayList<>();
      for (NumberEntry e : numbers.values()) {
        if (routeId.equals(e.primary) || routeId.equals(e.failover)) {
          using.add(e.number.number());
        }
      }
      return using;
    }
  }

  public List<EdgeStrategy> edgeStrategies() {
    return EDGE_STRATEGIES;
  }

  // ---- direct set-up (no Flowroute rules beyond integrity) ----

  /** Adds a route with the next id, without value validation or the duplicate-alias rule. */
  public Route addRoute(RouteType type, String value, String alias, Integer edgeStrategyId) {
    Objects.requireNonNull(type, "type");
    if (type == RouteType.SIP_REG || type == RouteType.OTHER) {
      throw new IllegalArgumentException("only host, number and uri routes can be added: " + type);
    }
    Route result;
    synchronized (lock) {
      result = insertRoute(type, value, alias, edgeStrategyId);
    }
    changed();
    return result;
  }

  /**
   * Adds a route with the next id after skipping {@code gap} ids (other accounts' routes use the
   * same sequence on Flowroute, so real ids are not contiguous).
   */
  Route addRouteAfterGap(long gap, RouteType type, String value, String alias, Integer edge) {
    Route result;
    synchronized (lock) {
      nextRouteId += gap;
      result = insertRoute(type, value, alias, edge);
    }
    changed();
    return result;
  }

  /** Adds (or replaces) a number with its routing; route ids must exist or be null. */
  public void addNumber(PhoneNumber number, String primaryRouteId, String failoverRouteId) {
    Objects.requireNonNull(number, "number");
    synchronized (lock) {
      requireRouteForSetUp(primaryRouteId);
      requireRouteForSetUp(failoverRouteId);
      numbers.put(number.number(), new NumberEntry(number, primaryRouteId, failoverRouteId));
    }
    changed();
  }

  /** Sets (or with null removes) a number's primary or failover route directly. */
  public void assign(String number, VoiceSlot slot, String routeId) {
    synchronized (lock) {
      NumberEntry e = numbers.get(number);
      if (e == null) {
        throw new NoSuchElementException("no number " + number + " on the sandbox account");
      }
      requireRouteForSetUp(routeId);
      e.set(slot, routeId);
    }
    changed();
  }

  /** Removes every number and route except the sip-reg route; the id sequence carries on. */
  public void clear() {
    synchronized (lock) {
      numbers.clear();
      routes.clear();
      routes.put(0L, SIP_REG);
    }
    changed();
  }

  // ---- Flowroute operations used by the HTTP handler ----

  record Slice<T>(List<T> items, boolean hasMore) {}

  Slice<Route> listRoutes(RouteType type, int limit, int offset) {
    synchronized (lock) {
      return slice(routes.values(), r -> type == null || r.type() == type, limit, offset);
    }
  }

  Slice<PhoneNumber> listNumbers(Predicate<PhoneNumber> filter, int limit, int offset) {
    synchronized (lock) {
      // A plain iterator, not a stream's: a page at offset n walks n numbers, and a stream's
      // iterator buffers each step (a 10,000-number listing spent most of its sandbox time here).
      Iterable<PhoneNumber> all =
          () -> {
            Iterator<NumberEntry> entries = numbers.values().iterator();
            return new Iterator<>() {
              @Override
              public boolean hasNext() {
                return entries.hasNext();
              }

              @Override
              public PhoneNumber next() {
                return entries.next().number;
              }
            };
          };
      return slice(all, filter, limit, offset);
    }
  }

  /** POST /v2/routes after its fields were validated. */
  Route createRoute(
      RouteType type, String value, String alias, Integer edge, boolean uniqueAliases) {
    Route result;
    synchronized (lock) {
      if (uniqueAliases) {
        requireAliasFree(alias, null);
      }
      result = insertRoute(type, value, alias, edge);
    }
    changed();
    return result;
  }

  /** PATCH /v2/routes/{id}: null arguments keep the current field. */
  Route updateRoute(
      String id,
      RouteType type,
      String value,
      String alias,
      boolean edgeGiven,
      Integer edge,
      boolean uniqueAliases) {
    Route result;
    synchronized (lock) {
      Route current = routeOrNull(id);
      if (current == null) {
        throw ApiError.invalidRouteId();
      }
      if (current.isSystemRoute()) {
        throw ApiError.forbidden(
            "The sip-reg route \"0\" is provided by Flowroute and cannot be changed.");
      }
      String newAlias = alias != null ? alias : current.alias();
      if (uniqueAliases && alias != null) {
        requireAliasFree(newAlias, current.id());
      }
      Route updated =
          new Route(
              current.id(),
              newAlias,
              type != null ? type : current.type(),
              value != null ? value : current.value(),
              edgeGiven ? edge : current.edgeStrategyId());
      routes.put(Long.parseLong(current.id()), updated);
      result = updated;
    }
    changed();
    return result;
  }

  /** The current route, for PATCH validation of a value against an unchanged type. */
  Route routeForUpdate(String id) {
    synchronized (lock) {
      Route current = routeOrNull(id);
      if (current == null) {
        throw ApiError.invalidRouteId();
      }
      return current;
    }
  }

  void deleteRoute(String id) {
    synchronized (lock) {
      Route current = routeOrNull(id);
      if (current == null) {
        throw ApiError.invalidRouteId();
      }
      if (current.isSystemRoute()) {
        throw ApiError.forbidden(
            "The sip-reg route \"0\" is provided by Flowroute and cannot be deleted.");
      }
      for (NumberEntry e : numbers.values()) {
        if (current.id().equals(e.primary) || current.id().equals(e.failover)) {
          throw ApiError.routeInUse();
        }
      }
      routes.remove(Long.parseLong(current.id()));
    }
    changed();
  }

  /** A number with its routes resolved, read in one step. */
  record Details(PhoneNumber number, Route primary, Route failover) {}

  Details details(String number) {
    synchronized (lock) {
      NumberEntry e = requireNumber(number);
      return new Details(e.number, routeOrNull(e.primary), routeOrNull(e.failover));
    }
  }

  /**
   * The details of those numbers that are on the account, in the order asked; the rest left out.
   */
  List<Details> detailsOfKnown(List<String> numbers) {
    synchronized (lock) {
      List<Details> found = new ArrayList<>();
      for (String number : numbers) {
        NumberEntry e = this.numbers.get(number);
        if (e != null) {
          found.add(new Details(e.number, routeOrNull(e.primary), routeOrNull(e.failover)));
        }
      }
      return found;
    }
  }

  void setRelationship(String number, VoiceSlot slot, String routeId, int unknownRouteStatus) {
    synchronized (lock) {
      NumberEntry e = requireNumber(number);
      if (routeOrNull(routeId) == null) {
        String detail = "Route " + routeId + " does not exist on this account.";
        throw unknownRouteStatus == 422
            ? ApiError.unprocessable(detail)
            : ApiError.notFound(detail);
      }
      e.set(slot, routeId);
    }
    changed();
  }

  void removeRelationship(String number, VoiceSlot slot, String replacement) {
    synchronized (lock) {
      requireNumber(number).set(slot, replacement);
    }
    changed();
  }

  // ---- internals (call with the lock held) ----

  private Route insertRoute(RouteType type, String value, String alias, Integer edge) {
    String id = Long.toString(nextRouteId++);
    Route route = new Route(id, alias, type, value, edge);
    routes.put(Long.parseLong(id), route);
    return route;
  }

  private void requireAliasFree(String alias, String exceptId) {
    for (Route r : routes.values()) {
      if (Objects.equals(r.alias(), alias) && !r.id().equals(exceptId)) {
        throw ApiError.forbidden(
            "A route with the alias \"" + alias + "\" already exists (id " + r.id() + ").");
      }
    }
  }

  private NumberEntry requireNumber(String number) {
    NumberEntry e = numbers.get(number);
    if (e == null) {
      throw ApiError.notFound("Number " + number + " was not found on this account.");
    }
    return e;
  }

  private NumberRouting requireRouting(String number) {
    return routing(number)
        .orElseThrow(
            () -> new NoSuchElementException("no number " + number + " on the sandbox account"));
  }

  private void requireRouteForSetUp(String routeId) {
    if (routeId != null && routeOrNull(routeId) == null) {
      throw new NoSuchElementException("no route " + routeId + " on the sandbox account");
    }
  }

  private Route routeOrNull(String id) {
    long key = canonicalId(id);
    return key < 0 ? null : routes.get(key);
  }

  /** Ids are canonical ASCII decimal strings: "007" or "+7" name no route (-1). */
  private static long canonicalId(String id) {
    if (id == null
        || id.isEmpty()
        || id.length() > 18
        || !PhoneNumbers.isDigits(id)
        || (id.length() > 1 && id.charAt(0) == '0')) {
      return -1;
    }
    return Long.parseLong(id);
  }

  private void changed() {
    onChange.run();
  }

  private static <T> Slice<T> slice(
      Iterable<T> source, Predicate<T> filter, int limit, int offset) {
    List<T> page = new ArrayList<>();
    int matched = 0;
    for (T item : source) {
      if (filter.test(item)) {
        if (matched >= offset) {
          if (page.size() == limit) {
            return new Slice<>(page, true);
          }
          page.add(item);
        }
        matched++;
      }
    }
    return new Slice<>(page, false);
  }

  private static final class NumberEntry {
    final PhoneNumber number;
    String primary;
    String failover;

    NumberEntry(PhoneNumber number, String primary, String failover) {
      this.number = number;
      this.primary = primary;
      this.failover = failover;
    }

    void set(VoiceSlot slot, String routeId) {
      if (slot == VoiceSlot.PRIMARY) {
        primary = routeId;
      } else {
        failover = routeId;
      }
    }
  }
}
