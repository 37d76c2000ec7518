package io.routedesk.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.routedesk.domain.PhoneNumber;
import io.routedesk.domain.Route;
import io.routedesk.domain.RouteType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A sandbox account kept in one JSON file, so the built-in sandbox remembers its routes and routing
 * between runs. Each write goes to a temporary file that is flushed to disk and then renamed over
 * the old one: a crash leaves either the old or the new state, never half of one. A file that
 * cannot be understood is moved aside (kept for the user) and the account starts from the demo.
 *
 * <p>The file also names the demo it grew from: a sandbox asked for another demo (another size or
 * seed) starts from that demo instead of reading an account of a different shape.
 */
public final class SandboxStateFile {
  private static final Logger LOG = LoggerFactory.getLogger(SandboxStateFile.class);
  private static final int FORMAT = 1;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter ASIDE_STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private final Path file;
  private final DemoSeed seed;

  /**
   * @param file where the account is kept (its folder is created on the first write)
   * @param seed the demo the account starts from, and starts again from on reset
   */
  public SandboxStateFile(Path file, DemoSeed seed) {
    this.file = Objects.requireNonNull(file, "file");
    this.seed = Objects.requireNonNull(seed, "seed");
  }

  /**
   * The account as loaded, and what the user should be told about the loading (null when all went
   * well: the saved account was read, or there was none yet).
   */
  public record Loaded(SandboxAccount account, String problem) {}

  public Path file() {
    return file;
  }

  /** The saved account; the demo when there is none, or none for this demo, or it is damaged. */
  public Loaded load() {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return new Loaded(SandboxAccount.seeded(seed), null);
    } catch (IOException e) {
      LOG.warn("Could not read the sandbox account in {}", file, e);
      return new Loaded(
          SandboxAccount.seeded(seed),
          "The sandbox's saved account could not be read ("
              + e.getMessage()
              + "), so the sandbox shows the demo account; the file "
              + file
              + " is left as it was.");
    }
    try {
      JsonNode root = JSON.readTree(bytes);
      if (!sameDemo(root.path("demo"))) {
        LOG.info("{} holds another demo account; starting from the one asked for", file);
        return new Loaded(SandboxAccount.seeded(seed), null);
      }
      SandboxAccount account = new SandboxAccount();
      account.replaceWith(parse(root));
      return new Loaded(account, null);
    } catch (IOException | RuntimeException e) {
      return new Loaded(SandboxAccount.seeded(seed), moveAside(e));
    }
  }

  /** Writes the state in place of the saved one, all or nothing. */
  public void write(SandboxAccount.State state) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(toJson(state));
    Path folder = file.toAbsolutePath().getParent();
    Files.createDirectories(folder);
    Path temp = Files.createTempFile(folder, file.getFileName() + ".", ".tmp");
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * The demo account of this file's seed, with the route id sequence carried on from {@code
   * current}: Flowroute never gives an id twice, so routes created before a reset are not mistaken
   * for new ones with the same id.
   */
  public SandboxAccount.State demoAfter(SandboxAccount.State current) {
    SandboxAccount.State demo = SandboxAccount.seeded(seed).state();
    return new SandboxAccount.State(
        Math.max(demo.nextRouteId(), current.nextRouteId()), demo.routes(), demo.numbers());
  }

  // ---- internals ----

  private String moveAside(Exception why) {
    LOG.warn("The sandbox account in {} is damaged", file, why);
    Path aside =
        file.resolveSibling(file.getFileName() + ".damaged-" + ASIDE_STAMP.format(Instant.now()));
    for (int n = 2; Files.exists(aside); n++) {
      aside = file.resolveSibling(aside.getFileName() + "-" + n);
    }
    try {
      Files.move(file, aside);
    } catch (IOException e) {
      LOG.warn("Could not move the damaged sandbox account aside", e);
      return "The sandbox's saved account is damaged and could not be moved aside ("
          + e.getMessage()
          + "): the sandbox starts again from the demo account, and your changes in it are lost.";
    }
    LOG.warn("Moved the damaged sandbox account to {}", aside);
    return "The sandbox's saved account was damaged, so the sandbox starts again from the demo"
        + " account. The damaged file was kept as "
        + aside
        + ".";
  }

  private boolean sameDemo(JsonNode demo) {
    return demo.path("numbers").asInt(-1) == seed.numbers()
        && demo.path("routes").asInt(-1) == seed.routes()
        && demo.path("seed").isIntegralNumber()
        && demo.path("seed").asLong() == seed.seed();
  }

  private ObjectNode toJson(SandboxAccount.State state) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    ObjectNode demo = root.putObject("demo");
    demo.put("numbers", seed.numbers());
    demo.put("routes", seed.routes());
    demo.put("seed", seed.seed());
    root.put("nextRouteId", state.nextRouteId());
    ArrayNode routes = root.putArray("routes");
    for (Route r : state.routes()) {
      if (r.isSystemRoute()) {
        continue;
      }
      ObjectNode node = routes.addObject();
      node.put("id", r.id());
      node.put("alias", r.alias());
      node.put("type", r.type().wireName());
      node.put("value", r.value());
      node.put("edgeStrategyId", r.edgeStrategyId());
    }
    ArrayNode numbers = root.putArray("numbers");
    for (SandboxAccount.NumberState n : state.numbers()) {
      PhoneNumber p = n.number();
      ObjectNode node = numbers.addObject();
      node.put("number", p.number());
      node.put("alias", p.alias());
      node.put("rateCenter", p.rateCenter());
      node.put("state", p.state());
      node.put("numberType", p.numberType());
      node.put("cnamLookupsEnabled", p.cnamLookupsEnabled());
      node.put("primaryRouteId", n.primaryRouteId());
      node.put("failoverRouteId", n.failoverRouteId());
    }
    return root;
  }

  private static SandboxAccount.State parse(JsonNode root) throws IOException {
    if (root.path("format").asInt() != FORMAT) {
      throw new IOException("unknown format " + root.path("format"));
    }
    List<Route> routes = new ArrayList<>();
    for (JsonNode node : array(root, "routes")) {
      RouteType type = RouteType.fromWire(required(node, "type"));
      if (!type.isCreatable()) {
        throw new IOException("a saved route has the type " + type.wireName());
      }
      routes.add(
          new Route(
              required(node, "id"),
              text(node, "alias"),
              type,
              required(node, "value"),
              node.path("edgeStrategyId").isIntegralNumber()
                  ? node.get("edgeStrategyId").asInt()
                  : null));
    }
    List<SandboxAccount.NumberState> numbers = new ArrayList<>();
    for (JsonNode node : array(root, "numbers")) {
      PhoneNumber number =
          new PhoneNumber(
              required(node, "number"),
              text(node, "alias"),
              text(node, "rateCenter"),
              text(node, "state"),
              text(node, "numberType"),
              node.path("cnamLookupsEnabled").asBoolean());
      numbers.add(
          new SandboxAccount.NumberState(
              number, text(node, "primaryRouteId"), text(node, "failoverRouteId")));
    }
    JsonNode next = root.path("nextRouteId");
    if (!next.isIntegralNumber()) {
      throw new IOException("nextRouteId is missing");
    }
    return new SandboxAccount.State(next.asLong(), routes, numbers);
  }

  private static JsonNode array(JsonNode root, String field) throws IOException {
    JsonNode node = root.path(field);
    if (!node.isArray()) {
      throw new IOException(field + " is not a list");
    }
    return node;
  }

  private static String required(JsonNode node, String field) throws IOException {
    String value = text(node, field);
    if (value == null) {
      throw new IOException(field + " is missing");
    }
    return value;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isTextual() ? value.asText() : null;
  }
}
