package io.routedesk.sandbox;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The Flowroute v2 endpoints the sandbox serves, as a request is classified by method and path.
 * Requests are counted per endpoint and faults can target one endpoint.
 */
public enum Endpoint {
  LIST_ROUTES("GET", "/v2/routes", false),
  CREATE_ROUTE("POST", "/v2/routes", true),
  /** GET /v2/routes/{id}: not documented by Flowroute; answered only when the option allows it. */
  GET_ROUTE("GET", "/v2/routes/{id}", false),
  UPDATE_ROUTE("PATCH", "/v2/routes/{id}", true),
  DELETE_ROUTE("DELETE", "/v2/routes/{id}", true),
  LIST_EDGE_STRATEGIES("GET", "/v2/routes/edge_strategies", false),
  LIST_NUMBERS("GET", "/v2/numbers", false),
  NUMBER_DETAILS("GET", "/v2/numbers/{number}", false),
  /**
   * POST /v2/numbers/details: many numbers' details at once (Flowroute documents it for v2.1 only);
   * answered as {@link SandboxOptions#multiNumberDetails()} says.
   */
  MULTI_NUMBER_DETAILS("POST", "/v2/numbers/details", false),
  SET_PRIMARY_ROUTE("PATCH", "/v2/numbers/{number}/relationships/primary_route", true),
  SET_FAILOVER_ROUTE("PATCH", "/v2/numbers/{number}/relationships/failover_route", true),
  REMOVE_PRIMARY_ROUTE("DELETE", "/v2/numbers/{number}/relationships/primary_route", true),
  REMOVE_FAILOVER_ROUTE("DELETE", "/v2/numbers/{number}/relationships/failover_route", true),
  /** Any other method or path: answered 404 or 405. */
  OTHER("", "", false);

  private static final Pattern ROUTE_ITEM = Pattern.compile("/v2/routes/[^/]+");
  private static final Pattern NUMBER_ITEM = Pattern.compile("/v2/numbers/[^/]+");
  private static final Pattern RELATIONSHIP =
      Pattern.compile("/v2/numbers/[^/]+/relationships/(primary_route|failover_route)");

  private final String method;
  private final String pathTemplate;
  private final boolean mutating;

  Endpoint(String method, String pathTemplate, boolean mutating) {
    this.method = method;
    this.pathTemplate = pathTemplate;
    this.mutating = mutating;
  }

  public String method() {
    return method;
  }

  public String pathTemplate() {
    return pathTemplate;
  }

  /** True for requests that change the account (the only ones a drop-after-commit hits). */
  public boolean mutating() {
    return mutating;
  }

  /** "POST /v2/routes". */
  public String label() {
    return this == OTHER ? "other" : method + " " + pathTemplate;
  }

  /**
   * Classifies a request. {@code path} is the decoded path; one trailing slash is ignored
   * (Flowroute documents DELETE as {@code /routes/:id/}).
   */
  public static Endpoint classify(String method, String path) {
    String m = method == null ? "" : method.toUpperCase(Locale.ROOT);
    String p = stripTrailingSlash(path == null ? "" : path);
    if (p.equals("/v2/routes")) {
      return switch (m) {
        case "GET" -> LIST_ROUTES;
        case "POST" -> CREATE_ROUTE;
        default -> OTHER;
      };
    }
    if (p.equals("/v2/routes/edge_strategies")) {
      return m.equals("GET") ? LIST_EDGE_STRATEGIES : OTHER;
    }
    if (ROUTE_ITEM.matcher(p).matches()) {
      return switch (m) {
        case "GET" -> GET_ROUTE;
        case "PATCH" -> UPDATE_ROUTE;
        case "DELETE" -> DELETE_ROUTE;
        default -> OTHER;
      };
    }
    if (p.equals("/v2/numbers")) {
      return m.equals("GET") ? LIST_NUMBERS : OTHER;
    }
    if (p.equals("/v2/numbers/details") && m.equals("POST")) {
      return MULTI_NUMBER_DETAILS;
    }
    if (NUMBER_ITEM.matcher(p).matches()) {
      return m.equals("GET") ? NUMBER_DETAILS : OTHER;
    }
    var rel = RELATIONSHIP.matcher(p);
    if (rel.matches()) {
      boolean primary = rel.group(1).equals("primary_route");
      return switch (m) {
        case "PATCH" -> primary ? SET_PRIMARY_ROUTE : SET_FAILOVER_ROUTE;
        case "DELETE" -> primary ? REMOVE_PRIMARY_ROUTE : REMOVE_FAILOVER_ROUTE;
        default -> OTHER;
      };
    }
    return OTHER;
  }

  static String stripTrailingSlash(String path) {
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }
}
