package io.routedesk.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.routedesk.domain.EdgeStrategy;
import io.routedesk.domain.PhoneNumber;
import io.routedesk.domain.Route;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;

/**
 * Writes Flowroute's JSON:API shapes, with keys in the order of Flowroute's examples
 * (docs/flowroute- api.md §2–§4). {@code base} is the sandbox's own origin, e.g.
 * "http://127.0.0.1:52123".
 */
final class JsonApi {
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final String MEDIA_TYPE = "application/vnd.api+json";

  private final String base;

  JsonApi(String base) {
    this.base = base;
  }

  String base() {
    return base;
  }

  String routeLink(String id, boolean legacy) {
    return base + (legacy ? "/routes/" : "/v2/routes/") + id;
  }

  String numberLink(String number) {
    return base + "/v2/numbers/" + number;
  }

  ObjectNode route(Route r, SandboxOptions options, boolean legacyLink) {
    ObjectNode node = MAPPER.createObjectNode();
    ObjectNode attributes = node.putObject("attributes");
    attributes.put("alias", r.alias());
    attributes.put("route_type", r.type().wireName());
    attributes.put("value", r.value());
    if (options.edgeStrategyIdInRoutes()) {
      attributes.put("edge_strategy_id", r.edgeStrategyId());
    }
    node.put("type", "route");
    node.put("id", r.id());
    node.putObject("links").put("self", routeLink(r.id(), legacyLink));
    return node;
  }

  /** A single route document: {"data": route, "links": {"self"}}. */
  ObjectNode routeDocument(Route r, SandboxOptions options, boolean legacyLink) {
    ObjectNode doc = MAPPER.createObjectNode();
    doc.set("data", route(r, options, legacyLink));
    doc.putObject("links").put("self", routeLink(r.id(), legacyLink));
    return doc;
  }

  ObjectNode routeList(List<Route> routes, SandboxOptions options, String self, String next) {
    ObjectNode doc = MAPPER.createObjectNode();
    ArrayNode data = doc.putArray("data");
    for (Route r : routes) {
      data.add(route(r, options, false));
    }
    putListLinks(doc, self, next);
    return doc;
  }

  ObjectNode number(PhoneNumber n) {
    ObjectNode node = MAPPER.createObjectNode();
    ObjectNode attributes = node.putObject("attributes");
    attributes.put("rate_center", n.rateCenter());
    attributes.put("value", n.number());
    attributes.put("alias", n.alias());
    attributes.put("state", n.state());
    attributes.put("number_type", n.numberType());
    attributes.put("cnam_lookups_enabled", n.cnamLookupsEnabled());
    node.put("type", "number");
    node.put("id", n.number());
    node.putObject("links").put("self", numberLink(n.number()));
    return node;
  }

  /** List items carry no relationships (PY-README). */
  ObjectNode numberList(List<PhoneNumber> numbers, String self, String next) {
    ObjectNode doc = MAPPER.createObjectNode();
    ArrayNode data = doc.putArray("data");
    for (PhoneNumber n : numbers) {
      data.add(number(n));
    }
    putListLinks(doc, self, next);
    return doc;
  }

  ObjectNode numberDetails(SandboxAccount.Details details, SandboxOptions options) {
    PhoneNumber n = details.number();
    ObjectNode doc = MAPPER.createObjectNode();
    doc.set("data", numberRecord(details, "primary_route", "failover_route"));

    ArrayNode included = doc.putArray("included");
    if (details.primary() != null) {
      included.add(route(details.primary(), options, false));
    }
    boolean sameRoute =
        details.primary() != null
            && details.failover() != null
            && details.primary().id().equals(details.failover().id());
    if (details.failover() != null && (!sameRoute || options.includeSharedRouteTwice())) {
      included.add(route(details.failover(), options, false));
    }
    doc.putObject("links").put("self", numberLink(n.number()));
    return doc;
  }

  /**
   * POST /v2/numbers/details: {@code {"data": [number records]}} without "included", as the v2.1
   * page shows it; the relationships carry the v2.1 names unless {@code v2Naming}.
   */
  ObjectNode multiNumberDetails(List<SandboxAccount.Details> found, boolean v2Naming) {
    ObjectNode doc = MAPPER.createObjectNode();
    ArrayNode data = doc.putArray("data");
    for (SandboxAccount.Details details : found) {
      data.add(
          v2Naming
              ? numberRecord(details, "primary_route", "failover_route")
              : numberRecord(details, "voice_primary_route", "voice_failover_route"));
    }
    return doc;
  }

  private ObjectNode numberRecord(
      SandboxAccount.Details details, String primaryName, String failoverName) {
    ObjectNode data = MAPPER.createObjectNode();
    ObjectNode numberNode = number(details.number());
    data.set("attributes", numberNode.get("attributes"));
    ObjectNode relationships = data.putObject("relationships");
    relationships.putObject("cnam_preset").putNull("data");
    relationships.putObject("e911_address").putNull("data");
    putRelationship(relationships, failoverName, details.failover());
    putRelationship(relationships, primaryName, details.primary());
    data.put("type", "number");
    data.put("id", details.number().number());
    data.set("links", numberNode.get("links"));
    return data;
  }

  /** D-ES: edge strategy ids are JSON numbers, and the list has no links. */
  ObjectNode edgeStrategies(List<EdgeStrategy> strategies) {
    ObjectNode doc = MAPPER.createObjectNode();
    ArrayNode data = doc.putArray("data");
    for (EdgeStrategy s : strategies) {
      ObjectNode node = data.addObject();
      ObjectNode attributes = node.putObject("attributes");
      attributes.put("description", s.description());
      attributes.put("firewall_rules", s.firewallRules());
      attributes.put("name", s.name());
      attributes.put("naptr", s.naptr());
      node.put("id", s.id());
      node.put("type", "edge_strategy");
    }
    return doc;
  }

  /** {"errors":[{"detail","id","status","title"}]}, status as a JSON integer. */
  static ObjectNode errors(ApiError error) {
    ObjectNode doc = MAPPER.createObjectNode();
    ObjectNode e = doc.putArray("errors").addObject();
    e.put("detail", error.detail());
    e.put("id", UUID.randomUUID().toString());
    e.put("status", error.status());
    e.put("title", error.title());
    return doc;
  }

  static byte[] bytes(ObjectNode doc) {
    try {
      return MAPPER.writeValueAsBytes(doc);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void putRelationship(ObjectNode relationships, String name, Route route) {
    ObjectNode rel = relationships.putObject(name);
    if (route == null) {
      rel.putNull("data");
    } else {
      ObjectNode data = rel.putObject("data");
      data.put("type", "route");
      data.put("id", route.id());
    }
  }

  private static void putListLinks(ObjectNode doc, String self, String next) {
    ObjectNode links = doc.putObject("links");
    links.put("self", self);
    if (next != null) {
      links.put("next", next);
    }
  }
}
