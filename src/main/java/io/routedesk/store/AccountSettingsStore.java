package io.routedesk.store;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes {@link AccountSettings} as {@value #FILE_NAME} in the config folder. Writes are
 * atomic (a temporary file in the same folder, flushed to disk, then moved over the old one), so a
 * crash leaves either the old or the new file. A file that cannot be understood is moved aside
 * (never deleted) and reported; RouteDesk then starts with no accounts instead of failing.
 *
 * <p>Every method is blocking (disk I/O): call it on a background executor. Thread-safe: calls are
 * serialised, and {@link #update} is a read-modify-write under one lock.
 */
public final class AccountSettingsStore {
  private static final Logger LOG = LoggerFactory.getLogger(AccountSettingsStore.class);

  public static final String FILE_NAME = "accounts.json";
  static final int FORMAT = 1;
  private static final DateTimeFormatter ASIDE_STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  /**
   * The outcome of reading the file.
   *
   * @param settings what was read, or {@link AccountSettings#initial()} when there was nothing
   *     usable
   * @param problem a sentence for the user when the file could not be used; empty otherwise
   * @param movedAsideTo where an unreadable file was moved; empty when nothing was moved
   */
  public record LoadReport(
      AccountSettings settings, Optional<String> problem, Optional<Path> movedAsideTo) {}

  private final Path folder;
  private final Path file;
  // Built when the file is first read or written (none on a first run): see json().
  private ObjectMapper json; // guarded by this
  private LoadReport loaded;

  public AccountSettingsStore(Path configFolder) {
    this.folder = Objects.requireNonNull(configFolder, "configFolder");
    this.file = configFolder.resolve(FILE_NAME);
  }

  public static AccountSettingsStore in(AppDirs dirs) {
    return new AccountSettingsStore(dirs.config());
  }

  public Path file() {
    return file;
  }

  /** Reads the file once; later calls return the first report. Blocking. Never throws. */
  public synchronized LoadReport load() {
    if (loaded == null) {
      loaded = read();
    }
    return loaded;
  }

  /** The settings as last read or written. Blocking on the first call. */
  public synchronized AccountSettings current() {
    return load().settings();
  }

  /**
   * Applies a change and writes the result. If writing fails, the file and {@link #current()} keep
   * the previous settings. Blocking.
   *
   * @throws IOException when the file could not be written
   */
  public synchronized AccountSettings update(UnaryOperator<AccountSettings> change)
      throws IOException {
    AccountSettings next = Objects.requireNonNull(change.apply(current()), "changed settings");
    write(next);
    loaded = new LoadReport(next, loaded.problem(), loaded.movedAsideTo());
    return next;
  }

  private LoadReport read() {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      return new LoadReport(AccountSettings.initial(), Optional.empty(), Optional.empty());
    } catch (IOException e) {
      // Unreadable but maybe fine (permissions, a disk hiccup): leave it where it is.
      LOG.warn("Could not read {}", file, e);
      return new LoadReport(
          AccountSettings.initial(),
          Optional.of(
              "RouteDesk could not read its account list ("
                  + file
                  + "): "
                  + e.getClass().getSimpleName()
                  + ". Accounts added now may replace it."),
          Optional.empty());
    }
    try {
      return new LoadReport(parse(text), Optional.empty(), Optional.empty());
    } catch (JacksonException | IllegalArgumentException e) {
      LOG.warn("The account list {} is damaged: {}", file, e.getMessage());
      return moveAside(e);
    }
  }

  private LoadReport moveAside(Exception why) {
    Path aside = file.resolveSibling(FILE_NAME + ".corrupt-" + ASIDE_STAMP.format(Instant.now()));
    for (int n = 2; Files.exists(aside); n++) {
      aside = file.resolveSibling(aside.getFileName() + "-" + n);
    }
    try {
      Files.move(file, aside);
    } catch (IOException e) {
      LOG.warn("Could not move the damaged account list aside", e);
      return new LoadReport(
          AccountSettings.initial(),
          Optional.of(
              "RouteDesk's account list ("
                  + file
                  + ") is damaged and could not be moved aside. Add your accounts again;"
                  + " the damaged file will be replaced."),
          Optional.empty());
    }
    LOG.warn("Moved the damaged account list to {}", aside);
    return new LoadReport(
        AccountSettings.initial(),
        Optional.of(
            "RouteDesk's account list was damaged ("
                + describe(why)
                + "). It was moved to "
                + aside
                + ". Connect your accounts again; keys already in your keystore are reused."),
        Optional.of(aside));
  }

  private static String describe(Exception e) {
    if (e instanceof JacksonException) {
      return "not valid JSON";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private AccountSettings parse(String text) throws JacksonException {
    JsonNode root = json().readTree(text);
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("the file does not hold a JSON object");
    }
    int format = root.path("format").asInt(-1);
    if (format < 1) {
      throw new IllegalArgumentException("the file has no format number");
    }
    // A newer format is read as far as it is understood (fields are only ever added).
    JsonNode list = root.path("accounts");
    if (!list.isArray()) {
      throw new IllegalArgumentException("the file has no account list");
    }
    List<AccountProfile> accounts = new ArrayList<>();
    for (JsonNode node : list) {
      accounts.add(parseProfile(node));
    }
    JsonNode last = root.path("lastUsedAccountId");
    return new AccountSettings(accounts, last.isTextual() ? last.asText() : null);
  }

  private static AccountProfile parseProfile(JsonNode node) {
    if (!node.isObject()) {
      throw new IllegalArgumentException("an account entry is not an object");
    }
    String id = text(node, "id", true);
    String kind = text(node, "kind", true);
    AccountProfile.Kind parsedKind;
    try {
      parsedKind = AccountProfile.Kind.valueOf(kind);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("account " + id + " has an unknown kind " + kind);
    }
    String lastUsed = text(node, "lastUsed", false);
    Instant when;
    try {
      when = lastUsed == null ? null : Instant.parse(lastUsed);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("account " + id + " has a bad lastUsed time");
    }
    return new AccountProfile(
        id,
        text(node, "displayName", true),
        parsedKind,
        text(node, "accessKeyLast4", false),
        text(node, "apiBaseUrl", false),
        when);
  }

  private static String text(JsonNode node, String field, boolean required) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      if (required) {
        throw new IllegalArgumentException("an account entry has no " + field);
      }
      return null;
    }
    if (!value.isTextual()) {
      throw new IllegalArgumentException("an account entry's " + field + " is not text");
    }
    return value.asText();
  }

  /**
   * Jackson's object mapper, built on first use: it loads several hundred classes, and the store is
   * created while the app starts, when nothing may have to be read yet.
   */
  private synchronized ObjectMapper json() {
    if (json == null) {
      json = new ObjectMapper();
    }
    return json;
  }

  private void write(AccountSettings settings) throws IOException {
    ObjectNode root = json().createObjectNode();
    root.put("format", FORMAT);
    root.put("lastUsedAccountId", settings.lastUsedAccountId());
    ArrayNode list = root.putArray("accounts");
    for (AccountProfile profile : settings.accounts()) {
      ObjectNode node = list.addObject();
      node.put("id", profile.id());
      node.put("displayName", profile.displayName());
      node.put("kind", profile.kind().name());
      node.put("accessKeyLast4", profile.accessKeyLast4());
      node.put("apiBaseUrl", profile.apiBaseUrl());
      node.put("lastUsed", profile.lastUsed() == null ? null : profile.lastUsed().toString());
    }
    byte[] bytes = json().writerWithDefaultPrettyPrinter().writeValueAsBytes(root);

    Files.createDirectories(folder);
    Path temp = Files.createTempFile(folder, FILE_NAME + ".", ".tmp");
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      FileReplacer.standard().replace(temp, file);
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
