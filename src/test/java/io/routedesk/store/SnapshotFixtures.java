package io.routedesk.store;

import io.routedesk.domain.EdgeStrategy;
import io.routedesk.domain.NumberRouting;
import io.routedesk.domain.PhoneNumber;
import io.routedesk.domain.Route;
import io.routedesk.domain.RouteType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A realistic account of a given size, the same for a given seed (tests and the benchmark). */
public final class SnapshotFixtures {
  private SnapshotFixtures() {}

  public static AccountSnapshot account(
      int routeCount, int numberCount, long seed, Instant refreshedAt) {
    Random random = new Random(seed);
    List<Route> routes = new ArrayList<>(routeCount);
    routes.add(new Route(Route.SIP_REG_ID, "sip-reg", RouteType.SIP_REG, null, null));
    for (int i = 1; i < routeCount; i++) {
      String id = Integer.toString(10_000 + i);
      routes.add(
          switch (i % 3) {
            case 0 ->
                new Route(
                    id, "pbx-" + i, RouteType.HOST, "10.0." + (i % 250) + ".7:5060", 1 + i % 4);
            case 1 -> new Route(id, "fwd-" + i, RouteType.NUMBER, "1206555" + pad(i, 4), null);
            default ->
                new Route(
                    id,
                    i % 10 == 2 ? null : "uri-" + i,
                    RouteType.URI,
                    "sip:desk" + i + "@pbx.example.com;transport=tls",
                    null);
          });
    }
    List<PhoneNumber> numbers = new ArrayList<>(numberCount);
    List<NumberRouting> routings = new ArrayList<>(numberCount);
    for (int i = 0; i < numberCount; i++) {
      String number = "1" + (200 + i % 700) + pad(i, 7);
      numbers.add(
          new PhoneNumber(
              number,
              i % 5 == 0 ? "Desk " + i : null,
              "rate-center-" + (i % 40),
              "wa",
              i % 7 == 0 ? "toll-free" : "standard",
              i % 2 == 0));
      String primary = routes.get(random.nextInt(routes.size())).id();
      String failover =
          random.nextInt(3) == 0 ? routes.get(random.nextInt(routes.size())).id() : null;
      routings.add(new NumberRouting(number, primary, failover));
    }
    List<EdgeStrategy> edges =
        List.of(
            new EdgeStrategy(1, "US-West-OR", "Oregon", "us-west-or.example", "1.2.3.0/24"),
            new EdgeStrategy(2, "US-East-NJ", "New Jersey", "us-east-nj.example", "4.5.6.0/24"),
            new EdgeStrategy(3, "US-East-VA", null, null, null),
            new EdgeStrategy(4, "Asia-Pacific", "Singapore", "apac.example", "7.8.9.0/24"));
    return new AccountSnapshot(routes, numbers, routings, edges, refreshedAt);
  }

  public static AccountSnapshot save(LocalStore store, AccountSnapshot s) {
    return store.replaceSnapshot(
        s.routes(), s.numbers(), s.routings(), s.edgeStrategies(), s.refreshedAt());
  }

  private static String pad(int i, int width) {
    String s = Integer.toString(i);
    return "0".repeat(Math.max(0, width - s.length())) + s;
  }
}
