package io.routedesk.secrets;

import java.util.Arrays;
import java.util.Objects;

/**
 * A Flowroute API key pair: the access key (the account's tech prefix, not secret on its own, shown
 * masked) and the secret key (kept in a {@code char[]} so it can be wiped).
 *
 * <p>Ownership: whoever creates or receives an instance owns it and calls {@link #clear()} when
 * done. Stores copy what they keep; they never clear an instance handed to them and never keep a
 * reference to it. {@link #toString()} never shows the secret nor more than the last 4 characters
 * of the access key. Not thread-safe: confine an instance to one task.
 */
public final class ApiCredentials {
  private final String accessKey;
  private final char[] secretKey;
  private boolean cleared;

  private ApiCredentials(String accessKey, char[] secretKey) {
    this.accessKey = accessKey;
    this.secretKey = secretKey;
  }

  /**
   * Checks and copies a key pair typed or pasted by a user: surrounding white space is trimmed from
   * both keys. The caller keeps ownership of {@code secretKey} and may clear it afterwards.
   *
   * @throws IllegalArgumentException when a key is null, empty after trimming, or contains a line
   *     break or other control character; the message names the key, never its value
   */
  public static ApiCredentials of(String accessKey, char[] secretKey) {
    Objects.requireNonNull(accessKey, "access key");
    Objects.requireNonNull(secretKey, "secret key");
    String access = accessKey.strip();
    checkKey("access key", access.toCharArray(), 0, access.length());
    int start = 0;
    int end = secretKey.length;
    while (start < end && Character.isWhitespace(secretKey[start])) {
      start++;
    }
    while (end > start && Character.isWhitespace(secretKey[end - 1])) {
      end--;
    }
    checkKey("secret key", secretKey, start, end);
    return new ApiCredentials(access, Arrays.copyOfRange(secretKey, start, end));
  }

  private static void checkKey(String name, char[] value, int start, int end) {
    if (start >= end) {
      throw new IllegalArgumentException("The " + name + " is empty.");
    }
    for (int i = start; i < end; i++) {
      if (Character.isISOControl(value[i])) {
        throw new IllegalArgumentException(
            "The " + name + " contains a line break or another control character.");
      }
    }
  }

  /** The access key (HTTP Basic user name). */
  public String accessKey() {
    checkNotCleared();
    return accessKey;
  }

  /**
   * A fresh copy of the secret key (HTTP Basic password). The caller owns the copy and should
   * {@link Arrays#fill(char[], char) fill} it with zeros once used.
   *
   * @throws IllegalStateException after {@link #clear()}
   */
  public char[] secretKey() {
    checkNotCleared();
    return secretKey.clone();
  }

  /** An independent copy the receiver owns (and clears). */
  public ApiCredentials copy() {
    checkNotCleared();
    return new ApiCredentials(accessKey, secretKey.clone());
  }

  /** True when both instances hold the same keys; compares the secret in constant time. */
  public boolean sameKeysAs(ApiCredentials other) {
    checkNotCleared();
    other.checkNotCleared();
    if (!accessKey.equals(other.accessKey) || secretKey.length != other.secretKey.length) {
      return false;
    }
    int diff = 0;
    for (int i = 0; i < secretKey.length; i++) {
      diff |= secretKey[i] ^ other.secretKey[i];
    }
    return diff == 0;
  }

  /** The access key with all but its last 4 characters replaced by dots, for display. */
  public String maskedAccessKey() {
    checkNotCleared();
    return mask(accessKey);
  }

  /** Masks all but the last 4 characters of a key (everything when it is 4 or shorter). */
  public static String mask(String key) {
    if (key == null || key.isEmpty()) {
      return "";
    }
    int visible = key.length() > 4 ? 4 : 0;
    return "••••" + key.substring(key.length() - visible);
  }

  /** The last 4 characters of the access key (what profiles keep to tell accounts apart). */
  public String accessKeyHint() {
    checkNotCleared();
    return accessKey.length() > 4 ? accessKey.substring(accessKey.length() - 4) : "";
  }

  /** Overwrites the secret with zeros; afterwards every accessor throws. Idempotent. */
  public void clear() {
    Arrays.fill(secretKey, '\0');
    cleared = true;
  }

  public boolean isCleared() {
    return cleared;
  }

  private void checkNotCleared() {
    if (cleared) {
      throw new IllegalStateException("These API credentials were cleared after use.");
    }
  }

  @Override
  public String toString() {
    return "ApiCredentials[accessKey=" + mask(accessKey) + ", secretKey=(hidden)]";
  }
}
