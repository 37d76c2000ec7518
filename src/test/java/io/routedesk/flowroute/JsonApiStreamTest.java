package io.routedesk.flowroute;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import io.routedesk.domain.NumberDetails;
import io.routedesk.flowroute.FlowrouteException.Kind;
import io.routedesk.flowroute.JsonApi.ShapeException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The streamed readers of a page of numbers and of the multi-number details give what the tree
 * readers give for the same bytes, odd shapes included, and the transport still tells a garbled
 * answer from one of the wrong shape.
 */
class JsonApiStreamTest extends ClientTestBase {

  private static final int LIMIT = 200;

  /** What a reader made of a document: its result, or the shape problem's message. */
  private interface Reader {
    Object tree(JsonNode document) throws ShapeException;

    Object stream(JsonParser parser) throws Exception;
  }

  private static final Reader PAGE =
      new Reader() {
        @Override
        public Object tree(JsonNode document) throws ShapeException {
          return JsonApi.page(document, JsonApi::number, LIMIT);
        }

        @Override
        public Object stream(JsonParser parser) throws Exception {
          return JsonApiStream.numbersPage(parser, LIMIT);
        }
      };

  private static final Reader DETAILS =
      new Reader() {
        @Override
        public Object tree(JsonNode document) throws ShapeException {
          // As a list of entries, so the order is compared too.
          return List.copyOf(JsonApi.numberDetailsList(document).entrySet());
        }

        @Override
        public Object stream(JsonParser parser) throws Exception {
          Map<String, NumberDetails> read = JsonApiStream.numberDetailsList(parser);
          return List.copyOf(read.entrySet());
        }
      };

  private static Object viaTree(Reader reader, String json) throws Exception {
    JsonNode document = JsonApi.parse(new ByteArrayInputStream(bytes(json)));
    try {
      return reader.tree(document);
    } catch (ShapeException e) {
      return "shape: " + e.getMessage();
    }
  }

  private static Object viaStream(Reader reader, String json) throws Exception {
    try (JsonParser parser = JsonApi.MAPPER.createParser(bytes(json))) {
      parser.nextToken();
      Object result;
      try {
        result = reader.stream(parser);
      } catch (ShapeException e) {
        result = "shape: " + e.getMessage();
      }
      // The reader read exactly the root value: nothing of it is left for the trailing check.
      assertThat(parser.nextToken()).as("after the root value of %s", json).isNull();
      return result;
    }
  }

  private static byte[] bytes(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  private static void assertSame(Reader reader, String json) throws Exception {
    assertThat(viaStream(reader, json)).as(json).isEqualTo(viaTree(reader, json));
  }

  private static final String RECORD =
      """
      {"attributes": {"rate_center": "seattle", "value": "12065550100", "alias": "desk",
        "state": "wa", "number_type": "standard", "cnam_lookups_enabled": true},
       "relationships": {"cnam_preset": {"data": null}, "e911_address": {"data": null},
        "voice_failover_route": {"data": {"type": "route", "id": "7"}},
        "voice_primary_route": {"data": {"type": "route", "id": "3"}}},
       "type": "number", "id": "12065550100",
       "links": {"self": "https://api.flowroute.com/v2/numbers/12065550100"}}
      """;

  private static final String V2_RECORD =
      """
      {"attributes": {"value": "12065550104"}, "id": "12065550104",
       "relationships": {"failover_route": {"data": {"type": "route", "id": "7"}},
        "primary_route": {"data": {"type": "route", "id": "3"}}}}
      """;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"data\": [" + RECORD + "], \"links\": {\"next\": \"/v2/numbers?limit=200&offset=200\"}}",
        "{\"links\": {\"next\": \"https://x/v2/numbers?offset=4&limit=2\"}, \"data\": []}",
        "{\"data\": [], \"links\": {\"next\": \"https://x/v2/numbers?limit=2\"}}",
        "{\"data\": [], \"links\": {\"next\": 5}}",
        "{\"data\": [], \"links\": {\"next\": {\"href\": \"?offset=2\"}}}",
        "{\"data\": [], \"links\": \"?offset=2\"}",
        "{\"data\": [], \"links\": {\"next\": \"?offset=2\", \"next\": null}}",
        "{\"data\": [], \"links\": {\"next\": \"?offset=2\"}, \"links\": {}}",
        "{\"data\": [1, \"x\", null, [], {}, {\"id\": \"\"}, {\"id\": null}]}",
        "{\"data\": [{\"id\": 12065550101}, {\"id\": 1.5e3}, {\"id\": true}, {\"id\": [1]}]}",
        "{\"data\": [{\"id\": {\"a\": [1, {\"b\": 2}]}}]}",
        "{\"data\": [{\"id\": \" \", \"attributes\": {\"value\": \"+12065550102\"}}]}",
        "{\"data\": [{\"attributes\": {\"value\": 12065550103, \"alias\": 7}}]}",
        "{\"data\": [{\"id\": \"1\", \"attributes\": \"x\"}, {\"id\": \"2\", \"attributes\": []}]}",
        "{\"data\": [{\"id\": \"1\", \"attributes\": {\"alias\": \"a\"}, \"attributes\": {}}]}",
        "{\"data\": [{\"id\": \"1\", \"id\": \"2\"}]}",
        "{\"data\": [{\"id\": \"1\", \"attributes\": {\"cnam_lookups_enabled\": \" TRUE \"}}]}",
        "{\"data\": [{\"id\": \"1\", \"attributes\": {\"cnam_lookups_enabled\": 1}}]}",
        "{\"data\": [{\"id\": \"1\", \"attributes\": {\"cnam_lookups_enabled\": {\"x\": true}}}]}",
        "{\"data\": [{\"id\": \"1\", \"attributes\": {\"cnam_lookups_enabled\": null}}]}",
        "{\"data\": {\"id\": \"1\"}}",
        "{\"data\": \"[]\"}",
        "{\"data\": null}",
        "{\"data\": [], \"data\": {}}",
        "{\"data\": {}, \"data\": [{\"id\": \"1\"}]}",
        "{\"meta\": {\"deep\": [[[{\"data\": []}]]]}}",
        "[{\"data\": []}]",
        "\"data\"",
        "42",
        "null",
        "{}"
      })
  void aPageOfNumbersReadsAsTheTreeReadsIt(String json) throws Exception {
    assertSame(PAGE, json);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"data\": [" + RECORD + "]}",
        "{\"data\": [" + V2_RECORD + "]}",
        "{\"data\": [{\"id\": \"+1\", \"relationships\": {\"voice_primary_route\": {\"data\": null},"
            + " \"primary_route\": {\"data\": {\"id\": \"3\"}}}}]}",
        "{\"data\": [{\"id\": \"1\", \"relationships\": {\"voice_primary_route\": \"3\","
            + " \"primary_route\": {\"data\": {\"id\": \"4\"}}}}]}",
        "{\"data\": [{\"id\": \"1\", \"relationships\": {\"primary_route\": {\"data\": \"4\"},"
            + " \"failover_route\": {\"data\": {\"id\": 9}}}}]}",
        "{\"data\": [{\"id\": \"1\", \"relationships\": {\"primary_route\": {\"data\": {\"id\":"
            + " \" \"}}, \"failover_route\": {\"data\": {\"id\": \"5\"}, \"data\": null}}}]}",
        "{\"data\": [{\"id\": \"1\", \"relationships\": {\"primary_route\": {\"data\": {\"id\":"
            + " \"5\", \"id\": \"6\"}}}}]}",
        "{\"data\": [{\"id\": \"1\", \"relationships\": {\"primary_route\": {\"data\": {\"id\":"
            + " \"5\"}}}, \"relationships\": {}}]}",
        "{\"data\": [{\"id\": \"1\", \"relationships\": [{\"primary_route\": {}}]}]}",
        "{\"data\": [{\"id\": \"1\", \"relationships\": {\"primary_route\": {\"data\": {\"id\":"
            + " {\"x\": 1}}}}}]}",
        "{\"data\": [{\"id\": \"+1\"}, {\"id\": \"1\", \"attributes\": {\"alias\": \"second\"}}]}",
        "{\"included\": [{\"type\": \"route\", \"id\": \"3\", \"attributes\": {\"alias\": \"a\"}},"
            + " {\"type\": \"cnam\", \"id\": \"7\"}, {\"type\": \"route\", \"id\": \"3\"}, 5],"
            + " \"data\": ["
            + RECORD
            + "]}",
        "{\"data\": ["
            + RECORD
            + "], \"included\": [{\"type\": \"route\", \"id\": 7}, {\"type\": \"route\"}]}",
        "{\"data\": [" + RECORD + "], \"included\": {\"type\": \"route\", \"id\": \"7\"}}",
        "{\"data\": ["
            + RECORD
            + "], \"included\": [{\"type\": \"route\", \"id\": \"7\"}],"
            + " \"included\": []}",
        "{\"data\": [{\"type\": \"number\"}, {\"id\": null, \"attributes\": {\"value\": \"\"}}]}",
        "{\"data\": {\"type\": \"number\", \"id\": \"details\"}}",
        "{\"data\": []}",
        "{\"errors\": [{\"title\": \"x\"}]}",
        "[]",
        "true",
        "{}"
      })
  void theMultiNumberDetailsReadAsTheTreeReadsThem(String json) throws Exception {
    assertSame(DETAILS, json);
  }

  /** Documents built at random from the parts above, and more: the two readers never differ. */
  @Test
  void randomDocumentsReadTheSameEitherWay() throws Exception {
    Random random = new Random(13);
    for (int i = 0; i < 20_000; i++) {
      String json = document(random);
      assertSame(PAGE, json);
      assertSame(DETAILS, json);
    }
  }

  private static String document(Random r) {
    List<String> fields = new ArrayList<>();
    int n = r.nextInt(4);
    for (int i = 0; i < n; i++) {
      fields.add(
          switch (r.nextInt(6)) {
            case 0, 1, 2 -> "\"data\": " + (r.nextInt(6) == 0 ? value(r, 2) : records(r));
            case 3 -> "\"links\": " + pick(r, "{\"next\": " + link(r) + "}", value(r, 2));
            case 4 ->
                "\"included\": " + pick(r, "[" + route(r) + ", " + route(r) + "]", value(r, 2));
            default -> "\"meta\": " + value(r, 3);
          });
    }
    return r.nextInt(20) == 0 ? value(r, 2) : "{" + String.join(", ", fields) + "}";
  }

  private static String records(Random r) {
    List<String> items = new ArrayList<>();
    int n = r.nextInt(5);
    for (int i = 0; i < n; i++) {
      items.add(r.nextInt(8) == 0 ? value(r, 1) : record(r));
    }
    return "[" + String.join(", ", items) + "]";
  }

  private static String record(Random r) {
    List<String> fields = new ArrayList<>();
    int n = 1 + r.nextInt(5);
    for (int i = 0; i < n; i++) {
      fields.add(
          switch (r.nextInt(5)) {
            case 0 -> "\"id\": " + id(r);
            case 1 -> "\"attributes\": " + pick(r, attributes(r), value(r, 1));
            case 2 -> "\"relationships\": " + pick(r, relationships(r), value(r, 1));
            case 3 -> "\"type\": \"number\"";
            default -> "\"links\": " + value(r, 2);
          });
    }
    return "{" + String.join(", ", fields) + "}";
  }

  private static String attributes(Random r) {
    String[] names = {
      "value", "alias", "rate_center", "state", "number_type", "cnam_lookups_enabled", "other"
    };
    List<String> fields = new ArrayList<>();
    int n = r.nextInt(8);
    for (int i = 0; i < n; i++) {
      String name = names[r.nextInt(names.length)];
      fields.add(
          "\""
              + name
              + "\": "
              + pick(r, id(r), "true", "false", "\" true \"", value(r, 1), "null"));
    }
    return "{" + String.join(", ", fields) + "}";
  }

  private static String relationships(Random r) {
    String[] names = {
      "voice_primary_route", "primary_route", "voice_failover_route", "failover_route", "e911"
    };
    List<String> fields = new ArrayList<>();
    int n = r.nextInt(6);
    for (int i = 0; i < n; i++) {
      String data =
          pick(
              r,
              "{\"type\": \"route\", \"id\": " + id(r) + "}",
              "null",
              "{\"id\": " + id(r) + ", \"id\": " + id(r) + "}",
              value(r, 1));
      fields.add(
          "\""
              + names[r.nextInt(names.length)]
              + "\": "
              + pick(r, "{\"data\": " + data + "}", "{}", value(r, 1), "{\"data\": null}"));
    }
    return "{" + String.join(", ", fields) + "}";
  }

  private static String route(Random r) {
    return "{\"type\": "
        + pick(r, "\"route\"", "\"cnam\"", "7")
        + ", \"id\": "
        + pick(r, "\"3\"", "\"7\"", "4", "null")
        + ", \"attributes\": {\"alias\": \"x\", \"route_type\": \"host\"}}";
  }

  private static String link(Random r) {
    return pick(
        r,
        "\"https://api.flowroute.com/v2/numbers?limit=200&offset=" + r.nextInt(1000) + "\"",
        "\"?offset=" + r.nextInt(9) + "\"",
        "\"?limit=5\"",
        "\"\"",
        "null",
        "3",
        "{\"href\": \"?offset=1\"}");
  }

  private static String id(Random r) {
    return pick(
        r,
        "\"1206555" + (1000 + r.nextInt(20)) + "\"",
        "\"+1206555" + (1000 + r.nextInt(20)) + "\"",
        "1206555" + (1000 + r.nextInt(20)),
        "\"3\"",
        "\"7\"",
        "\" \"",
        "\"\"",
        "null",
        "2.5",
        "true",
        "[1, 2]",
        "{\"n\": \"1\"}");
  }

  private static String value(Random r, int depth) {
    int kind = depth <= 0 ? r.nextInt(5) : r.nextInt(7);
    return switch (kind) {
      case 0 -> "null";
      case 1 -> "\"s\"";
      case 2 -> Integer.toString(r.nextInt(100));
      case 3 -> "false";
      case 4 -> "\"\"";
      case 5 -> "[" + value(r, depth - 1) + ", " + value(r, depth - 1) + "]";
      default -> "{\"data\": " + value(r, depth - 1) + ", \"id\": " + value(r, depth - 1) + "}";
    };
  }

  private static String pick(Random r, String... choices) {
    return choices[r.nextInt(choices.length)];
  }

  // ---- through the transport -------------------------------------------------------------

  private static final String PAGE_OF_ONE =
      "{\"data\": [{\"type\": \"number\", \"id\": \"12065550100\"}], \"links\": {}}";

  @Test
  void trailingBytesAfterAStreamedAnswerMakeItGarbledAndItIsReadAgain() {
    server.enqueue(json(200, PAGE_OF_ONE + " <html>"));
    server.enqueue(json(200, PAGE_OF_ONE));

    assertThat(await(client.listNumbers(null, 10, 0)).items())
        .extracting(n -> n.number())
        .containsExactly("12065550100");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aCutOffStreamedAnswerIsReadAgain() {
    server.enqueue(json(200, PAGE_OF_ONE.substring(0, 40)));
    server.enqueue(json(200, PAGE_OF_ONE));

    assertThat(await(client.listNumbers(null, 10, 0)).items()).hasSize(1);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "{\"data\": {\"type\": \"number\"}}", "[]"})
  void aStreamedAnswerOfTheWrongShapeFailsWithoutBeingReadAgain(String body) {
    server.enqueue(json(200, body));

    FlowrouteException e = failure(client.listNumbers(null, 10, 0));

    assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
    assertThat(e.getMessage())
        .contains(body.isEmpty() ? "the answer was empty" : "expected a list under \"data\"");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }
}
