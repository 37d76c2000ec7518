package io.routedesk.service.plan;

import io.routedesk.domain.NumberRouting;
import io.routedesk.domain.PhoneNumber;
import io.routedesk.domain.Route;
import io.routedesk.domain.RouteType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small accounts and files for the routing-file tests, built in code. */
final class Accounts {
  private Accounts() {}

  static final Route SIP_REG = new Route("0", "sip-reg", RouteType.SIP_REG, null, null);
  static final Route EAST = new Route("101", "pbx-east", RouteType.HOST, "10.0.0.1:5060", null);
  static final Route WEST = new Route("102", "pbx-west", RouteType.HOST, "10.0.0.2", 1);
  static final Route MOBILE = new Route("103", "mobile", RouteType.NUMBER, "12065550000", null);
  static final Route URI =
      new Route("104", "Alice, \"front\"", RouteType.URI, "sip:alice@atlanta.com", null);

  /** A builder of accounts: routes, then numbers with their routing. */
  static final class Builder {
    private final List<Route> routes = new ArrayList<>();
    private final List<PhoneNumber> numbers = new ArrayList<>();
    private final Map<String, NumberRouting> routing = new LinkedHashMap<>();
    private final Map<String, String> unreadable = new LinkedHashMap<>();

    Builder routes(Route... rs) {
      routes.addAll(List.of(rs));
      return this;
    }

    Builder number(String number, String primaryId, String failoverId) {
      numbers.add(new PhoneNumber(number, "alias " + number, "SEATTLE", "WA", "standard", false));
      routing.put(number, new NumberRouting(number, primaryId, failoverId));
      return this;
    }

    Builder unreadable(String number) {
      numbers.add(new PhoneNumber(number, null, null, null, null, false));
      unreadable.put(number, "timed out");
      return this;
    }

    AccountRouting build() {
      return new AccountRouting(routes, numbers, routing, unreadable);
    }
  }

  static Builder account() {
    return new Builder();
  }

  /** The usual small account: four routes besides sip-reg, three numbers. */
  static AccountRouting small() {
    return account()
        .routes(SIP_REG, EAST, WEST, MOBILE, URI)
        .number("12065550101", "101", "102")
        .number("12065550102", "101", "103")
        .number("12065550103", "0", null)
        .build();
  }

  /** A writer of RoutingCsv, as a lambda. */
  @FunctionalInterface
  private interface CsvWriter {
    void write(AccountRouting account, StringWriter out) throws IOException;
  }

  private static String write(AccountRouting account, CsvWriter writer) {
    StringWriter out = new StringWriter();
    try {
      writer.write(account, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  static String numbersCsv(AccountRouting account) {
    return write(account, RoutingCsv::writeNumbers);
  }

  static String routesCsv(AccountRouting account) {
    return write(account, RoutingCsv::writeRoutes);
  }

  static RoutingFile read(String numbersCsv, String routesCsv) {
    return read(
        numbersCsv.getBytes(StandardCharsets.UTF_8),
        routesCsv == null ? null : routesCsv.getBytes(StandardCharsets.UTF_8));
  }

  static RoutingFile read(byte[] numbersCsv, byte[] routesCsv) {
    try {
      return RoutingCsv.read(
          "numbers.csv",
          new ByteArrayInputStream(numbersCsv),
          "routes.csv",
          routesCsv == null ? null : new ByteArrayInputStream(routesCsv));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static RoutingPlan plan(String numbersCsv, String routesCsv, AccountRouting account) {
    return PlanBuilder.build(read(numbersCsv, routesCsv), account);
  }

  static final String HEADER = "number,primary_route,failover_route\n";
}
