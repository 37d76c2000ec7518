package io.routedesk.sandbox;

import io.routedesk.domain.PhoneNumber;
import io.routedesk.domain.Route;
import io.routedesk.domain.RouteType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * Builds demo accounts. The first routes and numbers come from hand-written lists (realistic
 * aliases, every route type, one route no number uses so deleting it works in a demo); larger
 * accounts continue with generated ones. {@link Random} is used because its algorithm is fixed by
 * its specification, so a seed gives the same account on every JVM.
 */
final class DemoData {
  private DemoData() {}

  /** A NANP area code with the rate center and state Flowroute reports for it (lowercase). */
  record RateCenter(String areaCode, String rateCenter, String state, String city) {}

  static final List<RateCenter> RATE_CENTERS =
      List.of(
          new RateCenter("206", "seattle", "wa", "Seattle"),
          new RateCenter("212", "newyork", "ny", "New York"),
          new RateCenter("201", "jerseycity", "nj", "Jersey City"),
          new RateCenter("650", "millbrae", "ca", "Millbrae"),
          new RateCenter("415", "sanfrancisco", "ca", "San Francisco"),
          new RateCenter("312", "chicago", "il", "Chicago"),
          new RateCenter("617", "boston", "ma", "Boston"),
          new RateCenter("303", "denver", "co", "Denver"),
          new RateCenter("512", "austin", "tx", "Austin"),
          new RateCenter("503", "portland", "or", "Portland"),
          new RateCenter("305", "miami", "fl", "Miami"),
          new RateCenter("404", "atlanta", "ga", "Atlanta"),
          new RateCenter("702", "lasvegas", "nv", "Las Vegas"),
          new RateCenter("602", "phoenix", "az", "Phoenix"),
          new RateCenter("214", "dallas", "tx", "Dallas"),
          new RateCenter("713", "houston", "tx", "Houston"),
          new RateCenter("215", "philadelphia", "pa", "Philadelphia"),
          new RateCenter("612", "minneapolis", "mn", "Minneapolis"),
          new RateCenter("313", "detroit", "mi", "Detroit"),
          new RateCenter("615", "nashville", "tn", "Nashville"),
          new RateCenter("919", "raleigh", "nc", "Raleigh"),
          new RateCenter("801", "saltlakecity", "ut", "Salt Lake City"),
          new RateCenter("917", "newyork", "ny", "New York"),
          new RateCenter("646", "newyork", "ny", "New York"),
          new RateCenter("253", "tacoma", "wa", "Tacoma"),
          new RateCenter("425", "bellevue", "wa", "Bellevue"),
          new RateCenter("510", "oakland", "ca", "Oakland"),
          new RateCenter("619", "sandiego", "ca", "San Diego"),
          new RateCenter("213", "losangeles", "ca", "Los Angeles"),
          new RateCenter("202", "washington", "dc", "Washington"),
          new RateCenter("804", "richmond", "va", "Richmond"),
          new RateCenter("704", "charlotte", "nc", "Charlotte"),
          new RateCenter("502", "louisville", "ky", "Louisville"),
          new RateCenter("816", "kansascity", "mo", "Kansas City"),
          new RateCenter("314", "stlouis", "mo", "St. Louis"),
          new RateCenter("414", "milwaukee", "wi", "Milwaukee"),
          new RateCenter("216", "cleveland", "oh", "Cleveland"),
          new RateCenter("614", "columbus", "oh", "Columbus"),
          new RateCenter("412", "pittsburgh", "pa", "Pittsburgh"),
          new RateCenter("808", "honolulu", "hi", "Honolulu"),
          new RateCenter("907", "anchorage", "ak", "Anchorage"));

  private record RouteSpec(String alias, RouteType type, String value, Integer edge) {}

  /** Every type; the last one is left unused by numbers so a demo can delete it. */
  private static final List<RouteSpec> CURATED_ROUTES =
      List.of(
          new RouteSpec("pbx-east", RouteType.HOST, "pbx-east.example.com:5060", 4),
          new RouteSpec(
              "sip-trunk-a", RouteType.URI, "sip:trunk-a@sbc.example.net;transport=tls", null),
          new RouteSpec("after-hours-cell", RouteType.NUMBER, "12065550143", null),
          new RouteSpec("pbx-west", RouteType.HOST, "203.0.113.10:5060", 1),
          new RouteSpec(
              "callcenter-weighted", RouteType.HOST, "callcenter.example.com:5080;weight=700", 2),
          new RouteSpec("voicemail", RouteType.URI, "sip:voicemail@vm.example.com", null),
          new RouteSpec("front-desk-forward", RouteType.NUMBER, "12125550187;weight=300", null),
          new RouteSpec("legacy-fax-gw", RouteType.HOST, "fax-gw.example.org", 3));

  private static final int UNUSED_CURATED_ROUTE = CURATED_ROUTES.size() - 1;

  private record NumberSpec(String areaCode, String alias) {}

  private static final List<NumberSpec> CURATED_NUMBERS =
      List.of(
          new NumberSpec("206", "Main line"),
          new NumberSpec("206", "Support line"),
          new NumberSpec("212", "Sales – East"),
          new NumberSpec("415", "Sales – West"),
          new NumberSpec("212", null),
          new NumberSpec("312", "Billing"),
          new NumberSpec("206", "After-hours"),
          new NumberSpec("650", null),
          new NumberSpec("201", "Fax (legacy)"),
          new NumberSpec("617", "Reception"),
          new NumberSpec("503", "Warehouse"),
          new NumberSpec("303", null),
          new NumberSpec("512", "Marketing – spring campaign"),
          new NumberSpec("646", "Press inquiries"),
          new NumberSpec("404", null),
          new NumberSpec("305", "Dr. Müller's desk"),
          new NumberSpec("702", "Conference bridge"),
          new NumberSpec("602", null),
          new NumberSpec("425", "Seattle office"),
          new NumberSpec("917", "NYC office"),
          new NumberSpec("214", null),
          new NumberSpec("713", "Careers"),
          new NumberSpec("215", "Partner hotline"),
          new NumberSpec("612", null),
          new NumberSpec("801", "Test number"));

  static void populate(SandboxAccount account, DemoSeed seed) {
    Random rng = new Random(seed.seed());
    List<Route> assignable = new ArrayList<>();
    for (int i = 0; i < seed.routes(); i++) {
      RouteSpec spec = i < CURATED_ROUTES.size() ? CURATED_ROUTES.get(i) : generatedRoute(i, rng);
      // Flowroute's route ids come from one sequence shared with other accounts: leave gaps.
      Route route =
          account.addRouteAfterGap(
              i == 0 ? 0 : rng.nextInt(40), spec.type, spec.value, spec.alias, spec.edge);
      if (i != UNUSED_CURATED_ROUTE) {
        assignable.add(route);
      }
    }

    // Each assignable route serves at least one number (when there are enough numbers).
    int[] firstPrimaries = permutation(assignable.size(), rng);
    Set<String> taken = new HashSet<>();
    boolean anySipReg = false;
    for (int i = 0; i < seed.numbers(); i++) {
      NumberSpec curated = i < CURATED_NUMBERS.size() ? CURATED_NUMBERS.get(i) : null;
      RateCenter rc =
          curated != null
              ? rateCenter(curated.areaCode)
              : RATE_CENTERS.get(rng.nextInt(RATE_CENTERS.size()));
      String digits = uniqueNumber(rc.areaCode, rng, taken);
      String alias = curated != null ? curated.alias : generatedNumberAlias(i, rc, rng);
      PhoneNumber number =
          new PhoneNumber(digits, alias, rc.rateCenter, rc.state, "standard", rng.nextInt(4) != 0);

      String primary;
      if (assignable.isEmpty()) {
        primary = Route.SIP_REG_ID;
      } else if (i < firstPrimaries.length) {
        primary = assignable.get(firstPrimaries[i]).id();
      } else if (rng.nextInt(5) == 0 || (!anySipReg && i == seed.numbers() - 1)) {
        primary = Route.SIP_REG_ID;
      } else {
        primary = assignable.get(rng.nextInt(assignable.size())).id();
      }
      anySipReg |= primary.equals(Route.SIP_REG_ID);

      String failover = null;
      if (assignable.size() > 1 && rng.nextInt(100) < 55) {
        String candidate = assignable.get(rng.nextInt(assignable.size())).id();
        failover = candidate.equals(primary) ? null : candidate;
      }
      account.addNumber(number, primary, failover);
    }
  }

  private static RouteSpec generatedRoute(int index, Random rng) {
    String n = String.format(Locale.ROOT, "%04d", index + 1);
    Integer edge =
        rng.nextBoolean() ? null : 1 + rng.nextInt(SandboxAccount.EDGE_STRATEGIES.size());
    int kind = rng.nextInt(20);
    if (kind < 8) {
      String host =
          rng.nextBoolean() ? "pbx" + n + ".example.com" : "203.0.113." + (1 + rng.nextInt(254));
      String port = rng.nextInt(3) == 0 ? "" : ":" + (rng.nextBoolean() ? 5060 : 5080);
      return new RouteSpec("pbx-" + n, RouteType.HOST, host + port, edge);
    }
    if (kind < 15) {
      String transport =
          switch (rng.nextInt(4)) {
            case 0 -> ";transport=tls";
            case 1 -> ";transport=tcp";
            default -> "";
          };
      String scheme = transport.equals(";transport=tls") ? "sips" : "sip";
      return new RouteSpec(
          "trunk-" + n,
          RouteType.URI,
          scheme + ":in" + n + "@sbc" + (1 + rng.nextInt(9)) + ".example.net" + transport,
          edge);
    }
    // 555-01XX is the NANP range reserved for fiction: forwarding targets that reach no one.
    RateCenter rc = RATE_CENTERS.get(rng.nextInt(RATE_CENTERS.size()));
    String target =
        "1" + rc.areaCode + "55501" + String.format(Locale.ROOT, "%02d", rng.nextInt(100));
    return new RouteSpec("forward-" + n, RouteType.NUMBER, target, null);
  }

  private static String generatedNumberAlias(int index, RateCenter rc, Random rng) {
    int kind = rng.nextInt(10);
    String n = Integer.toString(index + 1);
    return switch (kind) {
      case 0, 1, 2, 3 -> null;
      case 4, 5 -> rc.city + " line " + n;
      case 6 -> "Store #" + n;
      case 7 -> "Agent " + n;
      case 8 -> "Campaign " + n;
      default -> "Desk " + n + " – " + rc.city;
    };
  }

  /** An 11-digit number in the area code not yet used: exchange 2XX–9XX, not N11 or 555. */
  private static String uniqueNumber(String areaCode, Random rng, Set<String> taken) {
    while (true) {
      int exchange = 200 + rng.nextInt(800);
      if (exchange % 100 == 11 || exchange == 555) {
        continue;
      }
      String digits =
          "1" + areaCode + exchange + String.format(Locale.ROOT, "%04d", rng.nextInt(10_000));
      if (taken.add(digits)) {
        return digits;
      }
    }
  }

  private static RateCenter rateCenter(String areaCode) {
    for (RateCenter rc : RATE_CENTERS) {
      if (rc.areaCode.equals(areaCode)) {
        return rc;
      }
    }
    throw new IllegalStateException("no rate center for area code " + areaCode);
  }

  private static int[] permutation(int size, Random rng) {
    int[] p = new int[size];
    for (int i = 0; i < size; i++) {
      p[i] = i;
    }
    for (int i = size - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }
}
