package io.routedesk.flowroute;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.routedesk.domain.NumberDetails;
import io.routedesk.domain.PhoneNumber;
import io.routedesk.domain.Route;
import io.routedesk.flowroute.JsonApi.RawPage;
import io.routedesk.flowroute.JsonApi.ShapeException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the two answers a refresh gets by the hundred, a page of numbers and the multi-number
 * details, straight from the parser into records, without building a tree of each answer first: the
 * tree (a map per JSON object, six or more per number) was the largest share of the client's CPU in
 * a refresh. Every other answer is read by {@link JsonApi} from a tree.
 *
 * <p>The result is the one {@link JsonApi#page} with {@link JsonApi#number} and {@link
 * JsonApi#numberDetailsList} give for the same bytes, down to the odd cases (ids sent as numbers, a
 * field given twice: the last counts, a relationship that is not an object, "included" before or
 * after "data"); {@code JsonApiStreamTest} holds the two readers to the same answers. A reader
 * always reads the whole root value, and a shape it cannot use is thrown only at its end, so the
 * transport can still tell a garbled answer (not JSON, trailing bytes) from a well-formed one of
 * the wrong shape, as it does with the tree.
 */
final class JsonApiStream {
  private JsonApiStream() {}

  // A value inside the answer read as a tree: the mapper's own check for trailing tokens would look
  // past this value into the rest of the answer.
  private static final ObjectReader SUBTREE =
      JsonApi.MAPPER.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private static final String NOT_A_LIST = "expected a list under \"data\"";

  /** {@code GET /v2/numbers}: the numbers of the page and its links.next. */
  static RawPage<PhoneNumber> numbersPage(JsonParser p, int requestedLimit)
      throws IOException, ShapeException {
    List<NumberRecord> data = null;
    String next = null;
    if (p.currentToken() == JsonToken.START_OBJECT) {
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "data" -> data = records(p, false);
          case "links" -> next = nextOf(p, value);
          default -> p.skipChildren();
        }
      }
    } else {
      p.skipChildren();
    }
    if (data == null) {
      throw new ShapeException(NOT_A_LIST);
    }
    List<PhoneNumber> items = new ArrayList<>(data.size());
    for (NumberRecord record : data) {
      PhoneNumber number = record.number();
      if (number != null) {
        items.add(number);
      }
    }
    return new RawPage<>(items, JsonApi.nextLinkOf(next, requestedLimit));
  }

  /** {@code POST /v2/numbers/details}: as {@link JsonApi#numberDetailsList}. */
  static Map<String, NumberDetails> numberDetailsList(JsonParser p)
      throws IOException, ShapeException {
    List<NumberRecord> data = null;
    JsonNode included = null;
    if (p.currentToken() == JsonToken.START_OBJECT) {
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        switch (field) {
          case "data" -> data = records(p, true);
          // Not in the documented answer: read as a tree, it is rare and small.
          case "included" -> included = SUBTREE.readTree(p);
          default -> p.skipChildren();
        }
      }
    } else {
      p.skipChildren();
    }
    if (data == null) {
      throw new ShapeException(NOT_A_LIST);
    }
    List<Route> routes = JsonApi.includedRoutesOf(included);
    Map<String, NumberDetails> byNumber = new LinkedHashMap<>();
    for (NumberRecord record : data) {
      JsonApi.addDetails(
          byNumber,
          record.number(),
          record.related(record.voicePrimary, record.primary),
          record.related(record.voiceFailover, record.failover),
          routes);
    }
    return byNumber;
  }

  /** The records of a "data" array (objects only), or null when the value is not an array. */
  private static List<NumberRecord> records(JsonParser p, boolean withRelationships)
      throws IOException {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      p.skipChildren();
      return null;
    }
    List<NumberRecord> records = new ArrayList<>();
    JsonToken token;
    while ((token = p.nextToken()) != JsonToken.END_ARRAY) {
      if (token == JsonToken.START_OBJECT) {
        records.add(record(p, withRelationships));
      } else {
        p.skipChildren();
      }
    }
    return records;
  }

  private static NumberRecord record(JsonParser p, boolean withRelationships) throws IOException {
    NumberRecord record = new NumberRecord();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      switch (field) {
        case "id" -> record.id = text(p);
        case "attributes" -> record.attributes = attributes(p, value);
        case "relationships" -> {
          // Given twice, the last one counts, as in the tree.
          record.voicePrimary = record.primary = record.voiceFailover = record.failover = null;
          if (withRelationships && value == JsonToken.START_OBJECT) {
            relationships(p, record);
          } else {
            p.skipChildren();
          }
        }
        default -> p.skipChildren();
      }
    }
    return record;
  }

  private static Attributes attributes(JsonParser p, JsonToken value) throws IOException {
    Attributes a = new Attributes();
    if (value != JsonToken.START_OBJECT) {
      p.skipChildren(); // the tree finds no fields in a value that is not an object
      return a;
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      switch (field) {
        case "value" -> a.value = text(p);
        case "alias" -> a.alias = text(p);
        case "rate_center" -> a.rateCenter = text(p);
        case "state" -> a.state = text(p);
        case "number_type" -> a.numberType = text(p);
        case "cnam_lookups_enabled" -> a.cnamLookupsEnabled = bool(p);
        default -> p.skipChildren();
      }
    }
    return a;
  }

  private static void relationships(JsonParser p, NumberRecord record) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      switch (field) {
        case "voice_primary_route" -> record.voicePrimary = relationship(p, value);
        case "primary_route" -> record.primary = relationship(p, value);
        case "voice_failover_route" -> record.voiceFailover = relationship(p, value);
        case "failover_route" -> record.failover = relationship(p, value);
        default -> p.skipChildren();
      }
    }
  }

  /** A relationship's value: whether it is an object, and the id of the route under its data. */
  private static Relationship relationship(JsonParser p, JsonToken value) throws IOException {
    if (value != JsonToken.START_OBJECT) {
      p.skipChildren();
      return Relationship.NOT_AN_OBJECT;
    }
    String id = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken token = p.nextToken();
      if (field.equals("data")) {
        id = token == JsonToken.START_OBJECT ? dataId(p) : skipToNull(p);
      } else {
        p.skipChildren();
      }
    }
    return new Relationship(true, id == null || id.isBlank() ? null : id);
  }

  private static String dataId(JsonParser p) throws IOException {
    String id = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      if (field.equals("id")) {
        id = text(p);
      } else {
        p.skipChildren();
      }
    }
    return id;
  }

  private static String skipToNull(JsonParser p) throws IOException {
    p.skipChildren();
    return null;
  }

  /** links.next when it is a string (the tree reads no other), else null. */
  private static String nextOf(JsonParser p, JsonToken value) throws IOException {
    if (value != JsonToken.START_OBJECT) {
      p.skipChildren();
      return null;
    }
    String next = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken token = p.nextToken();
      if (field.equals("next")) {
        next = token == JsonToken.VALUE_STRING ? p.getText() : skipToNull(p);
      } else {
        p.skipChildren();
      }
    }
    return next;
  }

  /** {@link JsonApi#text} of the current value; anything but a string or null goes by the tree. */
  private static String text(JsonParser p) throws IOException {
    return switch (p.currentToken()) {
      case VALUE_STRING -> p.getText();
      case VALUE_NULL -> null;
      default -> JsonApi.text(SUBTREE.readTree(p));
    };
  }

  /** {@link JsonApi}'s reading of a flag: true, or a string that says true. */
  private static boolean bool(JsonParser p) throws IOException {
    return switch (p.currentToken()) {
      case VALUE_TRUE -> true;
      case VALUE_STRING -> Boolean.parseBoolean(p.getText().trim());
      default -> {
        p.skipChildren();
        yield false;
      }
    };
  }

  private static final class Attributes {
    String value;
    String alias;
    String rateCenter;
    String state;
    String numberType;
    boolean cnamLookupsEnabled;
  }

  private record Relationship(boolean isObject, String routeId) {
    static final Relationship NOT_AN_OBJECT = new Relationship(false, null);
  }

  /** One element of "data" as read; a field given twice keeps its last value. */
  private static final class NumberRecord {
    String id;
    Attributes attributes = new Attributes();
    Relationship voicePrimary;
    Relationship primary;
    Relationship voiceFailover;
    Relationship failover;

    PhoneNumber number() {
      Attributes a = attributes;
      return JsonApi.number(
          id, a.value, a.alias, a.rateCenter, a.state, a.numberType, a.cnamLookupsEnabled);
    }

    /** The v2.1 name when it is an object, else the v2 name, as {@link JsonApi} chooses. */
    String related(Relationship v21, Relationship v2) {
      if (v21 != null && v21.isObject()) {
        return v21.routeId();
      }
      return v2 == null ? null : v2.routeId();
    }
  }
}
