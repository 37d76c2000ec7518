package io.routedesk.flowroute;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.routedesk.domain.EdgeStrategy;
import io.routedesk.domain.NewRoute;
import io.routedesk.domain.NumberDetails;
import io.routedesk.domain.NumberRouting;
import io.routedesk.domain.PhoneNumber;
import io.routedesk.domain.Route;
import io.routedesk.domain.RouteType;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import okhttp3.HttpUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps Flowroute's JSON:API documents to domain records and back, with the tree model so that
 * unknown fields, ids sent as numbers instead of strings and unknown route types never break a
 * listing. Anything that cannot be read as the expected shape is a {@link ShapeException}; the
 * caller turns it into a user-facing error.
 */
final class JsonApi {
  private static final Logger LOG = LoggerFactory.getLogger(JsonApi.class);

  static final ObjectMapper MAPPER =
      new ObjectMapper()
          // "{...} <html>" is not a valid answer: do not silently read only the first value.
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private JsonApi() {}

  /** A document or resource did not have the shape Flowroute documents. */
  static final class ShapeException extends Exception {
    ShapeException(String message) {
      super(message);
    }
  }

  /** Flowroute's first error object: title, detail and id, each possibly null. */
  record ErrorInfo(String title, String detail, String id) {}

  /** A links.next reduced to the two values we use: its limit and offset. */
  record PageLink(int limit, int offset) {}

  /** One page as read from the wire: items plus the next link (null on the last page). */
  record RawPage<T>(List<T> items, PageLink next) {
    RawPage {
      items = List.copyOf(items);
    }
  }

  /**
   * Parses a response body as it streams in (never copied into a String first); an empty body gives
   * null.
   *
   * @throws JsonProcessingException when the body is not one JSON value
   * @throws IOException when reading the body fails
   */
  static JsonNode parse(InputStream body) throws IOException {
    JsonNode document = MAPPER.readTree(body);
    return document == null || document.isMissingNode() ? null : document;
  }

  // ---- reading ---------------------------------------------------------------------------

  /**
   * A JSON value as text: null for absent/null, the text of strings, the digits of numbers (ids are
   * documented as strings but edge strategy ids arrive as numbers), compact JSON otherwise.
   */
  static String text(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isValueNode()) {
      return node.asText();
    }
    return node.toString();
  }

  /** An integer sent as a JSON number or a numeric string; null when absent or not an integer. */
  static Integer integer(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isIntegralNumber() && node.canConvertToInt()) {
      return node.intValue();
    }
    if (node.isTextual()) {
      try {
        return Integer.valueOf(node.textValue().trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private static boolean bool(JsonNode node) {
    if (node == null) {
      return false;
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    return node.isTextual() && Boolean.parseBoolean(node.textValue().trim());
  }

  /** A route resource, or null when it has no id (it could not be addressed anyway). */
  static Route route(JsonNode resource) {
    String id = text(resource.get("id"));
    if (id == null || id.isBlank()) {
      LOG.warn("Skipping a route without an id in Flowroute's answer.");
      return null;
    }
    JsonNode attributes = resource.path("attributes");
    return new Route(
        id,
        text(attributes.get("alias")),
        RouteType.fromWire(text(attributes.get("route_type"))),
        text(attributes.get("value")),
        integer(attributes.get("edge_strategy_id")));
  }

  /** A number resource, or null when it has neither an id nor a value. */
  static PhoneNumber number(JsonNode resource) {
    JsonNode attributes = resource.path("attributes");
    return number(
        text(resource.get("id")),
        text(attributes.get("value")),
        text(attributes.get("alias")),
        text(attributes.get("rate_center")),
        text(attributes.get("state")),
        text(attributes.get("number_type")),
        bool(attributes.get("cnam_lookups_enabled")));
  }

  /**
   * A number from its fields as read (by the tree above or by {@link JsonApiStream}): the id, or
   * else the value attribute, names it; null when neither does.
   */
  static PhoneNumber number(
      String id,
      String value,
      String alias,
      String rateCenter,
      String state,
      String numberType,
      boolean cnamLookupsEnabled) {
    String number = id;
    if (number == null || number.isBlank()) {
      number = value;
    }
    if (number == null || number.isBlank()) {
      LOG.warn("Skipping a number without an id in Flowroute's answer.");
      return null;
    }
    return new PhoneNumber(number, alias, rateCenter, state, numberType, cnamLookupsEnabled);
  }

  /** An edge strategy resource, or null when its id is not an integer. */
  static EdgeStrategy edgeStrategy(JsonNode resource) {
    Integer id = integer(resource.get("id"));
    if (id == null) {
      LOG.warn("Skipping an edge strategy whose id is not an integer.");
      return null;
    }
    JsonNode attributes = resource.path("attributes");
    return new EdgeStrategy(
        id,
        text(attributes.get("name")),
        text(attributes.get("description")),
        text(attributes.get("naptr")),
        text(attributes.get("firewall_rules")));
  }

  /** {@code {"data": [...], "links": {...}}}: the mapped items (nulls dropped) and links.next. */
  static <T> RawPage<T> page(JsonNode document, Function<JsonNode, T> mapper, int requestedLimit)
      throws ShapeException {
    List<T> items = list(document, mapper);
    return new RawPage<>(items, nextLink(document.path("links").get("next"), requestedLimit));
  }

  /** The items of {@code {"data": [...]}}; resources of another JSON:API type are skipped. */
  static <T> List<T> list(JsonNode document, Function<JsonNode, T> mapper) throws ShapeException {
    JsonNode data = dataArray(document);
    List<T> items = new ArrayList<>(data.size());
    for (JsonNode resource : data) {
      if (!resource.isObject()) {
        continue;
      }
      T item = mapper.apply(resource);
      if (item != null) {
        items.add(item);
      }
    }
    return items;
  }

  private static JsonNode dataArray(JsonNode document) throws ShapeException {
    JsonNode data = document == null ? null : document.get("data");
    if (data == null || !data.isArray()) {
      throw new ShapeException("expected a list under \"data\"");
    }
    return data;
  }

  /** The single resource under "data". */
  static JsonNode single(JsonNode document) throws ShapeException {
    JsonNode data = document == null ? null : document.get("data");
    if (data == null || !data.isObject()) {
      throw new ShapeException("expected an object under \"data\"");
    }
    return data;
  }

  /** A route document (create, update), or ShapeException when it carries no usable route. */
  static Route routeDocument(JsonNode document) throws ShapeException {
    Route route = route(single(document));
    if (route == null) {
      throw new ShapeException("the route has no id");
    }
    return route;
  }

  /** GET /v2/numbers/{id}: the number, its primary/failover route ids and the included routes. */
  static NumberDetails numberDetails(JsonNode document) throws ShapeException {
    JsonNode data = single(document);
    PhoneNumber number = number(data);
    if (number == null) {
      throw new ShapeException("the number has no id");
    }
    NumberRouting routing = routing(number.number(), data.path("relationships"));
    return new NumberDetails(number, routing, includedRoutes(document));
  }

  /**
   * POST /v2/numbers/details: {@code {"data": [number records]}}, by number (digits only, as the
   * rest of RouteDesk writes them, although the request and possibly the ids carry a "+"). Each
   * record gets the included routes it refers to; the documented answer has no "included" at all.
   * Records without an id are skipped. The client reads this answer with {@link
   * JsonApiStream#numberDetailsList} (no tree for answers that come by the hundred); this tree
   * reader is the reference that one is tested against ({@code JsonApiStreamTest}).
   */
  static Map<String, NumberDetails> numberDetailsList(JsonNode document) throws ShapeException {
    List<Route> included = includedRoutes(document);
    Map<String, NumberDetails> byNumber = new LinkedHashMap<>();
    for (JsonNode resource : dataArray(document)) {
      if (!resource.isObject()) {
        continue;
      }
      JsonNode relationships = resource.path("relationships");
      addDetails(
          byNumber,
          number(resource),
          relatedId(relationship(relationships, "voice_primary_route", "primary_route")),
          relatedId(relationship(relationships, "voice_failover_route", "failover_route")),
          included);
    }
    return byNumber;
  }

  /**
   * One record of the multi-number details (as read by the tree above or by {@link JsonApiStream}),
   * keyed by its digits; the first record of a number wins.
   */
  static void addDetails(
      Map<String, NumberDetails> byNumber,
      PhoneNumber parsed,
      String primaryRouteId,
      String failoverRouteId,
      List<Route> included) {
    if (parsed == null) {
      return;
    }
    String digits =
        parsed.number().startsWith("+") ? parsed.number().substring(1) : parsed.number();
    if (byNumber.containsKey(digits)) {
      return;
    }
    PhoneNumber number =
        new PhoneNumber(
            digits,
            parsed.alias(),
            parsed.rateCenter(),
            parsed.state(),
            parsed.numberType(),
            parsed.cnamLookupsEnabled());
    NumberRouting routing = new NumberRouting(digits, primaryRouteId, failoverRouteId);
    List<Route> own =
        included.isEmpty()
            ? List.of()
            : included.stream()
                .filter(
                    r ->
                        r.id().equals(routing.primaryRouteId())
                            || r.id().equals(routing.failoverRouteId()))
                .toList();
    byNumber.put(digits, new NumberDetails(number, routing, own));
  }

  /** {@code {"numbers": ["+12065551212", ...]}}: E.164 with the plus, as documented. */
  static ObjectNode numbersDetailsRequest(List<String> numbers) {
    ObjectNode document = MAPPER.createObjectNode();
    ArrayNode list = document.putArray("numbers");
    numbers.forEach(n -> list.add("+" + n));
    return document;
  }

  /**
   * The voice routes of a number record. v2 names the relationships {@code primary_route} and
   * {@code failover_route}; the v2.1 documents (the multi-number details) name them {@code
   * voice_primary_route} and {@code voice_failover_route}. Either is read, the v2.1 name first.
   */
  private static NumberRouting routing(String number, JsonNode relationships) {
    return new NumberRouting(
        number,
        relatedId(relationship(relationships, "voice_primary_route", "primary_route")),
        relatedId(relationship(relationships, "voice_failover_route", "failover_route")));
  }

  private static JsonNode relationship(JsonNode relationships, String v21Name, String v2Name) {
    JsonNode v21 = relationships.get(v21Name);
    return v21 != null && v21.isObject() ? v21 : relationships.path(v2Name);
  }

  /** The route objects under "included", each once; cnam, e911 and messaging objects are left. */
  private static List<Route> includedRoutes(JsonNode document) {
    return includedRoutesOf(document.get("included"));
  }

  /** The route objects of an "included" value (null or not an array: none). */
  static List<Route> includedRoutesOf(JsonNode includedNode) {
    List<Route> included = new ArrayList<>();
    if (includedNode != null && includedNode.isArray()) {
      for (JsonNode resource : includedNode) {
        if (resource.isObject() && "route".equals(text(resource.get("type")))) {
          Route route = route(resource);
          if (route != null && included.stream().noneMatch(r -> r.id().equals(route.id()))) {
            included.add(route);
          }
        }
      }
    }
    return included;
  }

  /** {@code {"data": {"type": "route", "id": "0"}}} gives "0"; {@code {"data": null}} null. */
  private static String relatedId(JsonNode relationship) {
    JsonNode data = relationship.get("data");
    if (data == null || !data.isObject()) {
      return null;
    }
    String id = text(data.get("id"));
    return id == null || id.isBlank() ? null : id;
  }

  /**
   * Only the limit and offset of links.next are used: the link's host may be
   * https://api.flowroute.com while we talk to a sandbox, so following it verbatim is wrong.
   * Relative links are read too. A link without an offset means "no next page we can follow".
   */
  static PageLink nextLink(JsonNode next, int requestedLimit) {
    return next != null && next.isTextual() ? nextLinkOf(next.textValue(), requestedLimit) : null;
  }

  /** {@link #nextLink(JsonNode, int)} of a links.next that is a string. */
  static PageLink nextLinkOf(String href, int requestedLimit) {
    if (href == null || href.isBlank()) {
      return null;
    }
    HttpUrl url = HttpUrl.parse(href);
    if (url == null) {
      url = HttpUrl.parse("http://relative.invalid").resolve(href);
    }
    if (url == null) {
      LOG.warn("Ignoring an unreadable links.next in Flowroute's answer.");
      return null;
    }
    Integer offset = parseNonNegative(url.queryParameter("offset"));
    if (offset == null) {
      LOG.warn("Ignoring a links.next without a usable offset in Flowroute's answer.");
      return null;
    }
    Integer limit = parseNonNegative(url.queryParameter("limit"));
    return new PageLink(limit == null || limit == 0 ? requestedLimit : limit, offset);
  }

  private static Integer parseNonNegative(String value) {
    if (value == null) {
      return null;
    }
    try {
      int n = Integer.parseInt(value.trim());
      return n >= 0 ? n : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * {@code {"errors": [{"id", "status", "title", "detail"}]}}: the first error, or null when the
   * document has no errors array. {@code detail} may be any JSON (kept as compact text) and {@code
   * id} may be missing; blank values become null.
   */
  static ErrorInfo error(JsonNode document) {
    if (document == null) {
      return null;
    }
    JsonNode errors = document.get("errors");
    JsonNode first = null;
    if (errors != null && errors.isArray() && !errors.isEmpty()) {
      first = errors.get(0);
    } else if (errors != null && errors.isObject()) {
      first = errors;
    }
    if (first == null || !first.isObject()) {
      return null;
    }
    return new ErrorInfo(
        blankToNull(text(first.get("title"))),
        blankToNull(text(first.get("detail"))),
        blankToNull(text(first.get("id"))));
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  // ---- writing ---------------------------------------------------------------------------

  /**
   * POST/PATCH route body. On create a missing edge strategy is left out; on update it is sent as
   * null, because PATCH replaces the route's fields and "no edge strategy" must clear it.
   */
  static ObjectNode newRouteDocument(NewRoute route, boolean sendNullEdgeStrategy) {
    ObjectNode document = MAPPER.createObjectNode();
    ObjectNode data = document.putObject("data");
    data.put("type", "route");
    ObjectNode attributes = data.putObject("attributes");
    attributes.put("route_type", route.type().wireName());
    attributes.put("value", route.value());
    attributes.put("alias", route.alias());
    if (route.edgeStrategyId() != null) {
      attributes.put("edge_strategy_id", route.edgeStrategyId());
    } else if (sendNullEdgeStrategy) {
      attributes.putNull("edge_strategy_id");
    }
    return document;
  }

  /** PATCH relationship body: {@code {"data": {"type": "route", "id": "83834"}}}. */
  static ObjectNode relationshipDocument(String routeId) {
    ObjectNode document = MAPPER.createObjectNode();
    ObjectNode data = document.putObject("data");
    data.put("type", "route");
    data.put("id", routeId);
    return document;
  }
}
