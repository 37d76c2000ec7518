package io.routedesk.sandbox;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.routedesk.domain.EdgeStrategy;
import io.routedesk.domain.PhoneNumber;
import io.routedesk.domain.Route;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
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

  /**
   * A JSON answer, written straight to the generator. The number list, number details and
   * multi-number details are streamed rather than built as trees: at 10,000 numbers a refresh's
   * answers are the simulator's largest cost, and that cost is not Flowroute's.
   */
  @FunctionalInterface
  interface Body {
    void writeTo(JsonGenerator out) throws IOException;

    static Body of(ObjectNode doc) {
      return out -> MAPPER.writeTree(out, doc);
    }
  }

  /** List items carry no relationships (PY-README). */
  Body numberList(List<PhoneNumber> numbers, String self, String next) {
    return out -> {
      out.writeStartObject();
      out.writeArrayFieldStart("data");
      for (PhoneNumber n : numbers) {
        out.writeStartObject();
        writeNumberAttributes(out, n);
        out.writeStringField("type", "number");
        out.writeStringField("id", n.number());
        writeSelfLink(out, numberLink(n.number()));
        out.writeEndObject();
      }
      out.writeEndArray();
      out.writeObjectFieldStart("links");
      out.writeStringField("self", self);
      if (next != null) {
        out.writeStringField("next", next);
      }
      out.writeEndObject();
      out.writeEndObject();
    };
  }

  Body numberDetails(SandboxAccount.Details details, SandboxOptions options) {
    List<ObjectNode> included = new ArrayList<>(2);
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
    return out -> {
      out.writeStartObject();
      out.writeFieldName("data");
      writeNumberRecord(out, details, "primary_route", "failover_route");
      out.writeArrayFieldStart("included");
      for (ObjectNode route : included) {
        MAPPER.writeTree(out, route);
      }
      out.writeEndArray();
      writeSelfLink(out, numberLink(details.number().number()));
      out.writeEndObject();
    };
  }

  /**
   * POST /v2/numbers/details: {@code {"data": [number records]}} without "included", as the v2.1
   * page shows it; the relationships carry the v2.1 names unless {@code v2Naming}.
   */
  Body multiNumberDetails(List<SandboxAccount.Details> found, boolean v2Naming) {
    String primaryName = v2Naming ? "primary_route" : "voice_primary_route";
    String failoverName = v2Naming ? "failover_route" : "voice_failover_route";
    return out -> {
      out.writeStartObject();
      out.writeArrayFieldStart("data");
      for (SandboxAccount.Details details : found) {
        writeNumberRecord(out, details, primaryName, failoverName);
      }
      out.writeEndArray();
      out.writeEndObject();
    };
  }

  private void writeNumberRecord(
      JsonGenerator out, SandboxAccount.Details details, String primaryName, String failoverName)
      throws IOException {
    PhoneNumber n = details.number();
    out.writeStartObject();
    writeNumberAttributes(out, n);
    out.writeObjectFieldStart("relationships");
    writeRelationship(out, "cnam_preset", null);
    writeRelationship(out, "e911_address", null);
    writeRelationship(out, failoverName, details.failover());
    writeRelationship(out, primaryName, details.primary());
    out.writeEndObject();
    out.writeStringField("type", "number");
    out.writeStringField("id", n.number());
    writeSelfLink(out, numberLink(n.number()));
    out.writeEndObject();
  }

  private static void writeNumberAttributes(JsonGenerator out, PhoneNumber n) throws IOException {
    out.writeObjectFieldStart("attributes");
    out.writeStringField("rate_center", n.rateCenter());
    out.writeStringField("value", n.number());
    out.writeStringField("alias", n.alias());
    out.writeStringField("state", n.state());
    out.writeStringField("number_type", n.numberType());
    out.writeBooleanField("cnam_lookups_enabled", n.cnamLookupsEnabled());
    out.writeEndObject();
  }

  private static void writeRelationship(JsonGenerator out, String name, Route route)
      throws IOException {
    out.writeObjectFieldStart(name);
    if (route == null) {
      out.writeNullField("data");
    } else {
      out.writeObjectFieldStart("data");
      out.writeStringField("type", "route");
      out.writeStringField("id", route.id());
      out.writeEndObject();
    }
    out.writeEndObject();
  }

  private static void writeSelfLink(JsonGenerator out, String self) throws IOException {
    out.writeObjectFieldStart("links");
    out.writeStringField("self", self);
    out.writeEndObject();
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

  static byte[] bytes(Body body) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream(8192);
    try (JsonGenerator out = MAPPER.getFactory().createGenerator(buffer)) {
      body.writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.toByteArray();
  }

  private static void putListLinks(ObjectNode doc, String self, String next) {
    ObjectNode links = doc.putObject("links");
    links.put("self", self);
    if (next != null) {
      links.put("next", next);
    }
  }
}
