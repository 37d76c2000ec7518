package io.routedesk.flowroute;

import java.time.Duration;
import java.util.Objects;

/**
 * Any failure of a Flowroute call. Carries the HTTP status (0 when no response arrived),
 * Flowroute's error title, detail and id, what kind of failure it is, and whether trying again can
 * help. {@link #getMessage()} is a sentence a user can act on; it never contains credentials.
 */
public final class FlowrouteException extends RuntimeException {

  /** What went wrong, independent of the exact status code. */
  public enum Kind {
    /** 401: the access key or secret key is wrong. */
    UNAUTHORIZED(false),
    /** 403: not allowed (also: route still in use, duplicate route). */
    FORBIDDEN(false),
    /** 404: the number or route does not exist on this account. */
    NOT_FOUND(false),
    /** 400 / 422: Flowroute refused a value. */
    INVALID(false),
    /** 415: the request's content type was refused. */
    UNSUPPORTED_MEDIA_TYPE(false),
    /** 429: too many requests. */
    RATE_LIMITED(true),
    /** 5xx. 503 is maintenance; 500/502/504 may be transient. */
    SERVER(true),
    /** No answer in time. */
    TIMEOUT(true),
    /** Connection refused, reset or dropped; DNS failure; no network. */
    NETWORK(true),
    /** A response that is not the JSON we expect (an HTML error page, truncated body). */
    BAD_RESPONSE(true),
    /** The user cancelled before the request was sent. */
    CANCELLED(false),
    /** Any other status. */
    OTHER(false);

    private final boolean retryable;

    Kind(boolean retryable) {
      this.retryable = retryable;
    }

    public boolean retryable() {
      return retryable;
    }
  }

  private final Kind kind;
  private final int status;
  private final String title;
  private final String detail;
  private final String errorId;
  private final Duration retryAfter;

  public FlowrouteException(
      Kind kind,
      int status,
      String title,
      String detail,
      String errorId,
      String message,
      Throwable cause) {
    this(kind, status, title, detail, errorId, null, message, cause);
  }

  /**
   * @param retryAfter how long the server asked us to wait (its Retry-After header), or null
   */
  public FlowrouteException(
      Kind kind,
      int status,
      String title,
      String detail,
      String errorId,
      Duration retryAfter,
      String message,
      Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.errorId = errorId;
    this.retryAfter = retryAfter;
  }

  public Kind kind() {
    return kind;
  }

  /** HTTP status, or 0 when the server never answered. */
  public int status() {
    return status;
  }

  /** Flowroute's error title, or null. */
  public String title() {
    return title;
  }

  /** Flowroute's error detail, or null. */
  public String detail() {
    return detail;
  }

  /** Flowroute's error id (a UUID for their support), or null. */
  public String errorId() {
    return errorId;
  }

  /** How long Flowroute asked us to wait before trying again (Retry-After), or null. */
  public Duration retryAfter() {
    return retryAfter;
  }

  /** The same failure with a different user-facing message (e.g. "gave up after 4 attempts"). */
  FlowrouteException withMessage(String message) {
    FlowrouteException copy =
        new FlowrouteException(
            kind, status, title, detail, errorId, retryAfter, message, getCause());
    copy.setStackTrace(getStackTrace());
    return copy;
  }

  /** True when the same request may succeed later (429, 5xx, timeouts, dropped connections). */
  public boolean isRetryable() {
    return kind.retryable();
  }

  /** Unwraps CompletionException/ExecutionException layers to the FlowrouteException, if any. */
  public static FlowrouteException unwrap(Throwable t) {
    Throwable c = t;
    while (c != null) {
      if (c instanceof FlowrouteException fe) {
        return fe;
      }
      c = c.getCause();
    }
    return null;
  }
}
