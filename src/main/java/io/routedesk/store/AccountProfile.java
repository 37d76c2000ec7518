package io.routedesk.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What RouteDesk remembers about an account, in a plain file: nothing secret. The keys themselves
 * live in the credential store under {@link #id()}; here only the last 4 characters of the access
 * key are kept, to tell accounts apart on screen.
 *
 * @param id stable id, also the key of the credential store entry (letters, digits, '.', '_', '-')
 * @param displayName the name the user gave the account
 * @param kind a real Flowroute account or the built-in sandbox
 * @param accessKeyLast4 last 4 characters of the access key; empty for the sandbox
 * @param apiBaseUrl the API address, such as {@code https://api.flowroute.com}; null for the
 *     sandbox, whose address is only known once it runs
 * @param lastUsed when the account was last opened; null if never
 */
public record AccountProfile(
    String id,
    String displayName,
    Kind kind,
    String accessKeyLast4,
    String apiBaseUrl,
    Instant lastUsed) {

  /** A real Flowroute account or the simulator that ships with RouteDesk. */
  public enum Kind {
    REAL,
    SANDBOX
  }

  /** Id of the built-in sandbox profile. */
  public static final String SANDBOX_ID = "sandbox";

  /** The production API address. */
  public static final String FLOWROUTE_API = "https://api.flowroute.com";

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  public AccountProfile {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(kind, "kind");
    accessKeyLast4 = accessKeyLast4 == null ? "" : accessKeyLast4;
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("Account id \"" + id + "\" has characters not allowed.");
    }
    if (displayName.isBlank()) {
      throw new IllegalArgumentException("Account " + id + " has no display name.");
    }
    if (accessKeyLast4.length() > 4) {
      throw new IllegalArgumentException(
          "Account " + id + " keeps more than the last 4 characters of its access key.");
    }
    if (kind == Kind.REAL) {
      if (apiBaseUrl == null) {
        throw new IllegalArgumentException("Account " + id + " has no API address.");
      }
      checkBaseUrl(apiBaseUrl)
          .ifPresent(
              problem -> {
                throw new IllegalArgumentException("Account " + id + ": " + problem);
              });
    }
    if (kind == Kind.SANDBOX && !SANDBOX_ID.equals(id)) {
      throw new IllegalArgumentException("Only the built-in sandbox may be of kind SANDBOX.");
    }
  }

  /** The built-in sandbox, never used. */
  public static AccountProfile sandbox() {
    return new AccountProfile(SANDBOX_ID, "Built-in sandbox", Kind.SANDBOX, "", null, null);
  }

  /**
   * What is wrong with an API address, or empty if it is fine: it must be an absolute http(s) URL
   * without user info, query or fragment, and plain http is only allowed to this machine (the keys
   * travel in every request's Basic auth header).
   */
  public static Optional<String> checkBaseUrl(String url) {
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      return Optional.of("The API address is not a valid URL.");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      return Optional.of("The API address must start with https://.");
    }
    if (uri.getHost() == null || uri.getHost().isBlank()) {
      return Optional.of("The API address has no host name.");
    }
    if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      return Optional.of("The API address may not contain a user name, query or fragment.");
    }
    if (scheme.equals("http") && !isLoopback(uri.getHost())) {
      return Optional.of(
          "The API address must use https:// (plain http:// would send your keys unencrypted).");
    }
    return Optional.empty();
  }

  private static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return h.equals("localhost") || h.equals("127.0.0.1") || h.equals("[::1]") || h.equals("::1");
  }

  public boolean isSandbox() {
    return kind == Kind.SANDBOX;
  }

  /** The access key for display: "••••1234"; empty for the sandbox. */
  public String maskedAccessKey() {
    return accessKeyLast4.isEmpty() ? "" : "••••" + accessKeyLast4;
  }

  public AccountProfile withLastUsed(Instant when) {
    return new AccountProfile(id, displayName, kind, accessKeyLast4, apiBaseUrl, when);
  }

  public AccountProfile withDisplayName(String name) {
    return new AccountProfile(id, name, kind, accessKeyLast4, apiBaseUrl, lastUsed);
  }
}
