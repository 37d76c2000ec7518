package io.routedesk.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.routedesk.domain.EdgeStrategy;
import io.routedesk.domain.PhoneNumber;
import io.routedesk.domain.PhoneNumbers;
import io.routedesk.domain.Route;
import io.routedesk.domain.RouteType;
import io.routedesk.domain.RouteValues;
import io.routedesk.domain.Validation;
import io.routedesk.domain.VoiceSlot;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves every request: counts it, applies the faults, checks credentials, then answers like
 * Flowroute's Numbers API v2. Runs on a virtual thread per request.
 */
final class SandboxHandler implements HttpHandler {
  private static final Logger log = LoggerFactory.getLogger(SandboxHandler.class);

  static final int MAX_PAGE_SIZE = 200;
  static final int DEFAULT_PAGE_SIZE = 10;
  static final int MAX_NUMBER_ALIAS_FILTER = 64;
  private static final int MAX_BODY_BYTES = 1 << 20;
  private static final String BODY_SHAPE_ROUTE =
      "Send {\"data\": {\"type\": \"route\", \"attributes\": {\"route_type\": \"host|number|uri\","
          + " \"value\": \"...\", \"alias\": \"...\"}}}.";
  private static final String BODY_SHAPE_RELATIONSHIP =
      "Send {\"data\": {\"type\": \"route\", \"id\": \"<route id>\"}}.";

  private final SandboxAccount account;
  private final Faults faults;
  private final SandboxOptions options;
  private final RequestStats stats;
  private final byte[] expectedAuthorization;
  private volatile JsonApi json;

  SandboxHandler(
      SandboxAccount account,
      Faults faults,
      SandboxOptions options,
      RequestStats stats,
      String accessKey,
      String secretKey) {
    this.account = account;
    this.faults = faults;
    this.options = options;
    this.stats = stats;
    String token =
        Base64.getEncoder()
            .encodeToString((accessKey + ":" + secretKey).getBytes(StandardCharsets.UTF_8));
    this.expectedAuthorization = ("Basic " + token).getBytes(StandardCharsets.US_ASCII);
  }

  /** Set once the server knows its port, before it accepts requests. */
  void base(String base) {
    this.json = new JsonApi(base);
  }

  /** An answer: status, extra headers and a JSON body (null for 204). */
  private record Answer(int status, Map<String, String> headers, JsonApi.Body body) {
    static Answer of(int status, ObjectNode body) {
      return of(status, JsonApi.Body.of(body));
    }

    static Answer of(int status, JsonApi.Body body) {
      return new Answer(status, Map.of(), body);
    }

    static Answer noContent() {
      return new Answer(204, Map.of(), null);
    }

    static Answer error(ApiError e) {
      Map<String, String> headers = e.allow() == null ? Map.of() : Map.of("Allow", e.allow());
      return new Answer(e.status(), headers, JsonApi.Body.of(JsonApi.errors(e)));
    }
  }

  @Override
  public void handle(HttpExchange exchange) {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getRawPath();
    Endpoint endpoint = Endpoint.classify(method, path);
    stats.arrived(endpoint);
    Faults.Plan plan = faults.plan(endpoint);
    Outcome outcome = new Outcome(exchange, endpoint, plan);
    try {
      if (plan.delayMillis() > 0) {
        Thread.sleep(plan.delayMillis());
      }
      Answer answer;
      if (plan.early() == FaultType.DROP_CONNECTION) {
        outcome.record(0, FaultType.DROP_CONNECTION);
        return;
      } else if (plan.early() == FaultType.SERVER_ERROR) {
        answer =
            Answer.error(
                new ApiError(
                    500,
                    "Internal Server Error",
                    "The server hit an unexpected error (sandbox fault injection)."));
      } else if (plan.early() == FaultType.SERVICE_UNAVAILABLE) {
        answer =
            Answer.error(
                new ApiError(
                    503,
                    "Service Unavailable",
                    "The service is temporarily unavailable for maintenance (sandbox fault"
                        + " injection)."));
      } else {
        answer = authorized(exchange) ? limited(exchange, endpoint, plan) : unauthorized();
      }
      if (plan.dropAfterCommit()) {
        // The request was processed (and any change applied); the answer is lost on the way.
        outcome.record(0, FaultType.DROP_AFTER_COMMIT);
        return;
      }
      FaultType fault =
          plan.early() != null
              ? plan.early()
              : answer.status() == 429 ? FaultType.RATE_LIMITED : null;
      // Recorded before the answer leaves, so a client that has its answer sees the record.
      outcome.record(answer.status(), fault);
      send(exchange, answer);
    } catch (InterruptedException e) {
      outcome.record(0, null);
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // The client went away mid-answer; nothing to tell anyone.
      log.debug("{} {}: client closed the connection: {}", method, path, e.toString());
    } catch (RuntimeException e) {
      outcome.record(0, null);
      log.warn("{} {} failed in the sandbox", method, path, e);
    } finally {
      // Without a response sent, close() closes the TCP connection: the client sees an EOF.
      try {
        exchange.close();
      } finally {
        stats.departed();
      }
    }
  }

  /** Records a request's outcome once. */
  private final class Outcome {
    private final HttpExchange exchange;
    private final Endpoint endpoint;
    private final Faults.Plan plan;
    private boolean recorded;

    Outcome(HttpExchange exchange, Endpoint endpoint, Faults.Plan plan) {
      this.exchange = exchange;
      this.endpoint = endpoint;
      this.plan = plan;
    }

    void record(int status, FaultType fault) {
      if (recorded) {
        return;
      }
      recorded = true;
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getRawPath();
      stats.finished(
          new RequestStats.RecordedRequest(
              plan.sequence(),
              endpoint,
              method,
              path,
              exchange.getRequestURI().getRawQuery(),
              status,
              fault));
      log.debug("{} {} -> {}{}", method, path, status, fault == null ? "" : " (" + fault + ")");
    }
  }

  private Answer unauthorized() {
    return Answer.error(ApiError.unauthorized());
  }

  private boolean authorized(HttpExchange exchange) {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    if (header == null) {
      return false;
    }
    // Constant-time comparison: the sandbox should not teach a timing side channel.
    return MessageDigest.isEqual(
        header.trim().getBytes(StandardCharsets.UTF_8), expectedAuthorization);
  }

  private Answer limited(HttpExchange exchange, Endpoint endpoint, Faults.Plan plan)
      throws IOException {
    long waitNanos = plan.forcedRateLimit() ? 1_000_000_000L : faults.rateLimitWaitNanos(endpoint);
    if (waitNanos > 0) {
      ApiError tooMany =
          new ApiError(
              429,
              "Too Many Requests",
              "Rate limit exceeded for " + endpoint.label() + ". Slow down and try again.");
      Map<String, String> headers =
          faults.retryAfterHeader()
              ? Map.of("Retry-After", Long.toString(Math.max(1, ceilSeconds(waitNanos))))
              : Map.of();
      return new Answer(429, headers, JsonApi.Body.of(JsonApi.errors(tooMany)));
    }
    try {
      return route(exchange, endpoint);
    } catch (ApiError e) {
      return Answer.error(e);
    } catch (RuntimeException e) {
      // A sandbox bug: answer like a server would, and leave a trace for whoever runs the tests.
      log.warn("{} {} failed in the sandbox", exchange.getRequestMethod(), endpoint.label(), e);
      return Answer.error(
          new ApiError(500, "Internal Server Error", "The sandbox failed to handle the request."));
    }
  }

  private Answer route(HttpExchange exchange, Endpoint endpoint) throws IOException {
    String path = Endpoint.stripTrailingSlash(exchange.getRequestURI().getRawPath());
    Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
    return switch (endpoint) {
      case LIST_ROUTES -> listRoutes(query);
      case CREATE_ROUTE -> createRoute(body(exchange));
      case GET_ROUTE -> getRoute(segment(path, 2));
      case UPDATE_ROUTE -> updateRoute(segment(path, 2), exchange);
      case DELETE_ROUTE -> deleteRoute(segment(path, 2));
      case LIST_EDGE_STRATEGIES -> edgeStrategies();
      case LIST_NUMBERS -> listNumbers(query);
      case NUMBER_DETAILS -> numberDetails(segment(path, 2));
      case MULTI_NUMBER_DETAILS -> multiNumberDetails(exchange, path);
      case SET_PRIMARY_ROUTE -> setRoute(segment(path, 2), VoiceSlot.PRIMARY, body(exchange));
      case SET_FAILOVER_ROUTE -> setRoute(segment(path, 2), VoiceSlot.FAILOVER, body(exchange));
      case REMOVE_PRIMARY_ROUTE -> removeRoute(segment(path, 2), VoiceSlot.PRIMARY);
      case REMOVE_FAILOVER_ROUTE -> removeRoute(segment(path, 2), VoiceSlot.FAILOVER);
      case OTHER -> unknown(exchange.getRequestMethod(), path);
    };
  }

  // ---- routes ----

  private Answer listRoutes(Map<String, String> query) {
    int limit = limit(query);
    int offset = offset(query);
    RouteType type = null;
    String typeParam = query.get("route_type");
    if (typeParam != null) {
      type = routeTypeFilter(typeParam);
    }
    SandboxAccount.Slice<Route> slice = account.listRoutes(type, limit, offset);
    Map<String, String> filters = new LinkedHashMap<>();
    if (type != null) {
      filters.put("route_type", type.wireName());
    }
    String self = listLink("/v2/routes", filters, limit, offset);
    String next = slice.hasMore() ? listLink("/v2/routes", filters, limit, offset + limit) : null;
    return Answer.of(200, json.routeList(slice.items(), options, self, next));
  }

  private static RouteType routeTypeFilter(String value) {
    for (RouteType t : RouteType.values()) {
      if (t != RouteType.OTHER && t.wireName().equals(value)) {
        return t;
      }
    }
    throw ApiError.badRequest(
        "route_type must be one of sip-reg, host, uri, number (lowercase); was \"" + value + "\".");
  }

  private Answer getRoute(String id) {
    if (!options.singleRouteGet()) {
      throw methodNotAllowed("PATCH, DELETE");
    }
    Route route = account.route(id).orElseThrow(ApiError::invalidRouteId);
    return Answer.of(200, json.routeDocument(route, options, false));
  }

  private Answer createRoute(JsonNode body) {
    JsonNode data = body.get("data");
    if (data == null || !data.isObject()) {
      throw ApiError.badRequest("The body has no \"data\" object. " + BODY_SHAPE_ROUTE);
    }
    requireRouteType(data);
    JsonNode attributes = data.get("attributes");
    if (attributes == null || !attributes.isObject()) {
      throw ApiError.unprocessable("data.attributes is required. " + BODY_SHAPE_ROUTE);
    }
    RouteType type = creatableType(requiredString(attributes, "route_type"));
    String alias = validAlias(requiredString(attributes, "alias"));
    String value = validValue(type, requiredString(attributes, "value"));
    Integer edge = edgeStrategy(attributes);
    Route created =
        account.createRoute(type, value, alias, edge, options.duplicateAliasForbidden());
    boolean legacy = options.legacyCreateSelfLink();
    return Answer.of(201, json.routeDocument(created, options, legacy));
  }

  private Answer updateRoute(String id, HttpExchange exchange) throws IOException {
    Route current = account.routeForUpdate(id);
    if (current.isSystemRoute()) {
      throw ApiError.forbidden(
          "The sip-reg route \"0\" is provided by Flowroute and cannot be changed.");
    }
    JsonNode body = body(exchange);
    JsonNode data = body.get("data");
    if (data == null || !data.isObject()) {
      throw ApiError.badRequest("The body has no \"data\" object. " + BODY_SHAPE_ROUTE);
    }
    requireRouteType(data);
    JsonNode attributes = data.get("attributes");
    if (attributes == null || !attributes.isObject() || attributes.isEmpty()) {
      throw ApiError.unprocessable(
          "Nothing to change: give data.attributes with alias, route_type, value or"
              + " edge_strategy_id.");
    }
    RouteType type = null;
    if (attributes.has("route_type")) {
      type = creatableType(requiredString(attributes, "route_type"));
    }
    String alias = attributes.has("alias") ? validAlias(requiredString(attributes, "alias")) : null;
    String value = attributes.has("value") ? requiredString(attributes, "value") : null;
    if (type != null || value != null) {
      RouteType finalType = type != null ? type : current.type();
      String finalValue = value != null ? value : current.value();
      value = validValue(finalType, finalValue);
    }
    boolean edgeGiven = attributes.has("edge_strategy_id");
    Integer edge = edgeGiven ? edgeStrategy(attributes) : null;
    if (type == null && value == null && alias == null && !edgeGiven) {
      throw ApiError.unprocessable(
          "Nothing to change: give alias, route_type, value or edge_strategy_id.");
    }
    Route updated =
        account.updateRoute(
            id, type, value, alias, edgeGiven, edge, options.duplicateAliasForbidden());
    return Answer.of(200, json.routeDocument(updated, options, false));
  }

  private Answer deleteRoute(String id) {
    account.deleteRoute(id);
    return Answer.noContent();
  }

  private Answer edgeStrategies() {
    return Answer.of(200, json.edgeStrategies(account.edgeStrategies()));
  }

  private static void requireRouteType(JsonNode data) {
    JsonNode type = data.get("type");
    if (type == null || !type.isTextual() || !type.asText().equals("route")) {
      throw ApiError.unprocessable("data.type is required and must be \"route\".");
    }
  }

  private static RouteType creatableType(String wire) {
    if (wire.equals(RouteType.SIP_REG.wireName())) {
      throw ApiError.unprocessable(
          "sip-reg routes cannot be created: every account has the sip-reg route \"0\".");
    }
    for (RouteType t : RouteType.values()) {
      if (t.isCreatable() && t.wireName().equals(wire)) {
        return t;
      }
    }
    throw ApiError.unprocessable("route_type must be host, number or uri; was \"" + wire + "\".");
  }

  private static String validAlias(String alias) {
    Validation v = RouteValues.validateAlias(alias);
    if (!v.valid()) {
      throw ApiError.unprocessable("Invalid alias: " + v.message());
    }
    return alias.trim();
  }

  private static String validValue(RouteType type, String value) {
    Validation v = RouteValues.validate(type, value);
    if (!v.valid()) {
      throw ApiError.unprocessable(
          "Invalid value for a " + type.wireName() + " route: " + v.message());
    }
    return value.trim();
  }

  private Integer edgeStrategy(JsonNode attributes) {
    JsonNode node = attributes.get("edge_strategy_id");
    if (node == null || node.isNull()) {
      return null;
    }
    Integer id = null;
    if (node.isIntegralNumber() && node.canConvertToInt()) {
      id = node.intValue();
    } else if (node.isTextual() && PhoneNumbers.isDigits(node.asText())) {
      try {
        id = Integer.valueOf(node.asText());
      } catch (NumberFormatException tooLong) {
        id = null;
      }
    }
    List<EdgeStrategy> known = account.edgeStrategies();
    for (EdgeStrategy s : known) {
      if (id != null && s.id() == id) {
        return id;
      }
    }
    throw ApiError.unprocessable(
        "edge_strategy_id "
            + node
            + " is not a known edge strategy; use one of "
            + known.stream().map(s -> Integer.toString(s.id())).collect(Collectors.joining(", "))
            + " (GET /v2/routes/edge_strategies).");
  }

  private static String requiredString(JsonNode attributes, String field) {
    JsonNode node = attributes.get(field);
    if (node == null || node.isNull()) {
      throw ApiError.unprocessable(field + " is required.");
    }
    if (!node.isTextual()) {
      throw ApiError.unprocessable(field + " must be a string.");
    }
    return node.asText();
  }

  // ---- numbers ----

  private Answer listNumbers(Map<String, String> query) {
    int limit = limit(query);
    int offset = offset(query);
    Map<String, String> filters = new LinkedHashMap<>();
    List<Predicate<PhoneNumber>> tests = new ArrayList<>();
    String startsWith = query.get("starts_with");
    if (startsWith != null) {
      // Country code 1 is prepended unless the value starts with "+CC" (D-LN).
      String prefix;
      if (startsWith.startsWith("+")) {
        prefix = digitsParam("starts_with", startsWith.substring(1));
        filters.put("starts_with", "+" + prefix);
      } else {
        prefix = "1" + digitsParam("starts_with", startsWith);
        filters.put("starts_with", prefix);
      }
      tests.add(n -> n.number().startsWith(prefix));
    }
    String contains = query.get("contains");
    if (contains != null) {
      String digits = digitsParam("contains", contains);
      filters.put("contains", digits);
      tests.add(n -> n.number().contains(digits));
    }
    String endsWith = query.get("ends_with");
    if (endsWith != null) {
      String digits = digitsParam("ends_with", endsWith);
      filters.put("ends_with", digits);
      tests.add(n -> n.number().endsWith(digits));
    }
    String alias = query.get("alias");
    if (alias != null) {
      if (alias.length() > MAX_NUMBER_ALIAS_FILTER) {
        throw ApiError.badRequest(
            "The alias filter can have at most " + MAX_NUMBER_ALIAS_FILTER + " characters.");
      }
      filters.put("alias", alias);
      tests.add(n -> alias.equals(n.alias()));
    }
    Predicate<PhoneNumber> filter =
        n -> {
          for (Predicate<PhoneNumber> test : tests) {
            if (!test.test(n)) {
              return false;
            }
          }
          return true;
        };
    SandboxAccount.Slice<PhoneNumber> slice = account.listNumbers(filter, limit, offset);
    String self = listLink("/v2/numbers", filters, limit, offset);
    String next = slice.hasMore() ? listLink("/v2/numbers", filters, limit, offset + limit) : null;
    return Answer.of(200, json.numberList(slice.items(), self, next));
  }

  private static String digitsParam(String name, String value) {
    if (!PhoneNumbers.isDigits(value) || value.length() > 15) {
      throw ApiError.badRequest(
          name
              + " must be 1 to 15 digits"
              + (name.equals("starts_with") ? " (or +CC…)" : "")
              + "; was \""
              + value
              + "\".");
    }
    return value;
  }

  private Answer numberDetails(String number) {
    return Answer.of(200, json.numberDetails(account.details(number), options));
  }

  private Answer multiNumberDetails(HttpExchange exchange, String path) throws IOException {
    SandboxOptions.MultiNumberDetails mode = options.multiNumberDetails();
    switch (mode) {
      case OFF -> {
        return unknown(exchange.getRequestMethod(), path);
      }
      case NOT_FOUND -> throw ApiError.notFound("The requested resource was not found.");
      default -> {}
    }
    JsonNode list = body(exchange).get("numbers");
    if (list == null || !list.isArray() || list.isEmpty()) {
      throw ApiError.badRequest(
          "Send {\"numbers\": [\"+12065551212\", ...]}: a non-empty list of phone numbers.");
    }
    int max = options.multiNumberDetailsMax();
    if (list.size() > max) {
      throw new ApiError(
          413,
          "Payload Too Large",
          "At most " + max + " numbers per request; this one has " + list.size() + ".");
    }
    List<String> numbers = new ArrayList<>();
    for (JsonNode item : list) {
      String text = item.isTextual() ? item.asText() : "";
      String digits = text.startsWith("+") ? text.substring(1) : text;
      if (!PhoneNumbers.isDigits(digits) || digits.length() > 15) {
        throw ApiError.badRequest(
            "numbers must hold phone numbers such as \"+12065551212\"; " + item + " is not one.");
      }
      numbers.add(digits);
    }
    // Numbers not on the account are left out of the answer.
    return Answer.of(
        200,
        json.multiNumberDetails(
            account.detailsOfKnown(numbers), mode == SandboxOptions.MultiNumberDetails.V2_NAMING));
  }

  private Answer setRoute(String number, VoiceSlot slot, JsonNode body) {
    JsonNode data = body.get("data");
    if (data == null || !data.isObject()) {
      throw ApiError.badRequest("The body has no \"data\" object. " + BODY_SHAPE_RELATIONSHIP);
    }
    JsonNode type = data.get("type");
    if (type != null && !type.isNull() && !"route".equals(type.asText())) {
      throw ApiError.unprocessable("data.type must be \"route\"; was " + type + ".");
    }
    JsonNode id = data.get("id");
    String routeId;
    if (id != null && id.isTextual() && !id.asText().isBlank()) {
      routeId = id.asText().trim();
    } else if (id != null && id.isIntegralNumber()) {
      // Flowroute's docs label ids "integer" although every example sends a string.
      routeId = id.asText();
    } else {
      throw ApiError.badRequest("data.id (the route id) is required. " + BODY_SHAPE_RELATIONSHIP);
    }
    account.setRelationship(number, slot, routeId, options.unknownRouteOnAssignStatus());
    return Answer.noContent();
  }

  private Answer removeRoute(String number, VoiceSlot slot) {
    String replacement =
        slot == VoiceSlot.PRIMARY
                && options.primaryAfterRemoval() == SandboxOptions.PrimaryAfterRemoval.SIP_REG
            ? Route.SIP_REG_ID
            : null;
    account.removeRelationship(number, slot, replacement);
    return Answer.noContent();
  }

  // ---- anything else ----

  private Answer unknown(String method, String path) {
    String[] s = path.split("/", -1);
    // s[0] is "" (the path starts with "/").
    if (path.equals("/v2/routes")) {
      throw methodNotAllowed("GET, POST");
    }
    if (path.equals("/v2/routes/edge_strategies") || path.equals("/v2/numbers")) {
      throw methodNotAllowed("GET");
    }
    if (s.length == 4 && s[1].equals("v2") && s[2].equals("routes")) {
      throw methodNotAllowed(options.singleRouteGet() ? "GET, PATCH, DELETE" : "PATCH, DELETE");
    }
    if (s.length == 4 && s[1].equals("v2") && s[2].equals("numbers")) {
      throw ApiError.methodNotAllowed(
          "GET",
          method
              + " is not allowed here: the sandbox does not simulate purchasing, releasing or"
              + " editing numbers. Allowed: GET.");
    }
    if (s.length == 6
        && s[1].equals("v2")
        && s[2].equals("numbers")
        && s[4].equals("relationships")
        && (s[5].equals("primary_route") || s[5].equals("failover_route"))) {
      throw methodNotAllowed("PATCH, DELETE");
    }
    throw ApiError.notFound("The requested resource was not found: " + method + " " + path + ".");
  }

  private static ApiError methodNotAllowed(String allowed) {
    return ApiError.methodNotAllowed(
        allowed, "This method is not allowed here. Allowed: " + allowed + ".");
  }

  // ---- request parsing ----

  private JsonNode body(HttpExchange exchange) throws IOException {
    String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
    checkContentType(contentType);
    byte[] bytes;
    try (InputStream in = exchange.getRequestBody()) {
      bytes = in.readNBytes(MAX_BODY_BYTES + 1);
    }
    if (bytes.length > MAX_BODY_BYTES) {
      throw new ApiError(
          413,
          "Payload Too Large",
          "The request body is larger than " + MAX_BODY_BYTES + " bytes.");
    }
    if (bytes.length == 0) {
      throw ApiError.badRequest("The request body is empty. Send a JSON:API document.");
    }
    try {
      JsonNode node = JsonApi.MAPPER.readTree(bytes);
      if (node == null || !node.isObject()) {
        throw ApiError.badRequest("The request body must be a JSON object.");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw ApiError.badRequest("The request body is not valid JSON.");
    }
  }

  private void checkContentType(String header) {
    if (header == null || header.isBlank()) {
      if (options.contentTypePolicy() == SandboxOptions.ContentTypePolicy.STRICT) {
        throw ApiError.unsupportedMediaType(
            "The request has no Content-Type. Send application/vnd.api+json.");
      }
      return;
    }
    String[] parts = header.split(";");
    String media = parts[0].trim().toLowerCase(Locale.ROOT);
    if (!media.equals(JsonApi.MEDIA_TYPE) && !media.equals("application/json")) {
      throw ApiError.unsupportedMediaType(
          "Content-Type "
              + media
              + " is not supported. Send application/vnd.api+json or application/json.");
    }
    for (int i = 1; i < parts.length; i++) {
      String param = parts[i].trim().toLowerCase(Locale.ROOT);
      if (param.startsWith("charset=")) {
        String charset = param.substring("charset=".length()).replace("\"", "");
        if (!charset.equals("utf-8") && !charset.equals("utf8")) {
          throw ApiError.unsupportedMediaType(
              "Charset " + charset + " is not supported. Send UTF-8 JSON.");
        }
      }
    }
  }

  /** Decoded query parameters; for a repeated name the last value wins; empty values are absent. */
  private static Map<String, String> query(String rawQuery) {
    Map<String, String> params = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return params;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      try {
        String name =
            URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String value =
            eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        if (value.isEmpty()) {
          params.remove(name);
        } else {
          params.put(name, value);
        }
      } catch (IllegalArgumentException e) {
        throw ApiError.badRequest("The query string is not correctly URL-encoded.");
      }
    }
    return params;
  }

  private int limit(Map<String, String> query) {
    String raw = query.get("limit");
    if (raw == null) {
      return DEFAULT_PAGE_SIZE;
    }
    long limit = wholeNumber(raw, "limit must be a whole number from 1 to " + MAX_PAGE_SIZE);
    if (limit < 1) {
      throw ApiError.badRequest(
          "limit must be a whole number from 1 to " + MAX_PAGE_SIZE + "; was " + raw + ".");
    }
    if (limit > MAX_PAGE_SIZE) {
      if (options.pageSizePolicy() == SandboxOptions.PageSizePolicy.CLAMP) {
        return MAX_PAGE_SIZE;
      }
      throw ApiError.badRequest(
          "limit can be at most " + MAX_PAGE_SIZE + "; was " + raw + ". Page with offset.");
    }
    return (int) limit;
  }

  private static int offset(Map<String, String> query) {
    String raw = query.get("offset");
    if (raw == null) {
      return 0;
    }
    long offset = wholeNumber(raw, "offset must be a whole number, 0 or more");
    if (offset < 0 || offset > Integer.MAX_VALUE) {
      throw ApiError.badRequest("offset must be a whole number, 0 or more; was " + raw + ".");
    }
    return (int) offset;
  }

  private static long wholeNumber(String raw, String rule) {
    try {
      return Long.parseLong(raw.trim());
    } catch (NumberFormatException e) {
      throw ApiError.badRequest(rule + "; was \"" + raw + "\".");
    }
  }

  /** links.self / links.next: filters in a fixed order, then limit and offset (PY-README). */
  private String listLink(String path, Map<String, String> filters, int limit, int offset) {
    StringBuilder sb = new StringBuilder(json.base()).append(path).append('?');
    filters.forEach(
        (name, value) ->
            sb.append(name)
                .append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"))
                .append('&'));
    sb.append("limit=").append(limit).append("&offset=").append(offset);
    return sb.toString();
  }

  /** The n-th segment of "/v2/routes/{id}..." (1 = "v2"), percent-decoded. */
  private static String segment(String path, int index) {
    String[] s = path.split("/", -1);
    String raw = s.length > index + 1 ? s[index + 1] : "";
    try {
      return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return raw;
    }
  }

  private static long ceilSeconds(long nanos) {
    return (nanos + 999_999_999L) / 1_000_000_000L;
  }

  // ---- sending ----

  private void send(HttpExchange exchange, Answer answer) throws IOException, InterruptedException {
    answer.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    if (answer.body() == null) {
      exchange.sendResponseHeaders(answer.status(), -1);
      return;
    }
    byte[] bytes = JsonApi.bytes(answer.body());
    exchange.getResponseHeaders().set("Content-Type", JsonApi.MEDIA_TYPE);
    exchange.sendResponseHeaders(answer.status(), bytes.length);
    long bytesPerSecond = faults.slowBodyBytesPerSecond();
    try (OutputStream out = exchange.getResponseBody()) {
      if (bytesPerSecond <= 0) {
        out.write(bytes);
      } else {
        writeThrottled(out, bytes, bytesPerSecond);
      }
    }
  }

  /** Writes in small chunks, each when the byte budget allows it. */
  private static void writeThrottled(OutputStream out, byte[] bytes, long bytesPerSecond)
      throws IOException, InterruptedException {
    int chunk = (int) Math.max(1, Math.min(bytes.length, bytesPerSecond / 20));
    long start = System.nanoTime();
    int sent = 0;
    while (sent < bytes.length) {
      int n = Math.min(chunk, bytes.length - sent);
      out.write(bytes, sent, n);
      out.flush();
      sent += n;
      long due = start + (long) (sent * 1e9 / bytesPerSecond);
      long wait = due - System.nanoTime();
      if (wait > 0 && sent < bytes.length) {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      }
    }
  }
}
