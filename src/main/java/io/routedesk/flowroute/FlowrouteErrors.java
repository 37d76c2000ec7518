package io.routedesk.flowroute;

import io.routedesk.flowroute.FlowrouteException.Kind;
import io.routedesk.flowroute.JsonApi.ErrorInfo;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * Turns HTTP statuses, Flowroute error bodies and I/O failures into {@link FlowrouteException}s
 * whose message says what happened and what to do. Messages are built only from the request's
 * action, the status and Flowroute's title/detail/id: never from headers, so credentials cannot
 * leak into them.
 */
final class FlowrouteErrors {
  private FlowrouteErrors() {}

  /** What was wrong with a body that should have been JSON. */
  enum BodyProblem {
    /** It began like JSON but ended early or broke off (a cut connection, a proxy limit). */
    TRUNCATED,
    /** An HTML page (a proxy's or load balancer's error page). */
    HTML,
    /** Some other non-JSON text. */
    NOT_JSON,
    /** Valid JSON, but not the documented shape. */
    UNEXPECTED_SHAPE
  }

  /** A non-2xx answer. {@code info} is Flowroute's first error object, or null. */
  static FlowrouteException fromStatus(
      ApiCall call, int status, ErrorInfo info, BodyProblem bodyProblem, Duration retryAfter) {
    String title = info == null ? null : info.title();
    String detail = info == null ? null : info.detail();
    String errorId = info == null ? null : info.id();
    String code = status + " " + reason(status);
    String says = flowrouteSays(title, detail);
    Kind kind;
    String message;
    switch (status) {
      case 401 -> {
        kind = Kind.UNAUTHORIZED;
        message =
            "The access key or secret key was not accepted by Flowroute ("
                + code
                + ") while "
                + call.action()
                + ". Check both keys in the Flowroute portal under Preferences > API Control and"
                + " enter them again.";
      }
      case 403 -> {
        kind = Kind.FORBIDDEN;
        boolean explained = detail != null || (title != null && title.contains(" "));
        message =
            "Flowroute did not allow "
                + call.action()
                + " ("
                + code
                + ")"
                + (says.isEmpty() ? "." : ": " + says)
                + (explained
                    ? ""
                    : " The account may not have permission for this, or the number or route may"
                        + " belong to another account.");
      }
      case 404 -> {
        kind = Kind.NOT_FOUND;
        message =
            call.subject() == null
                // A list endpoint itself is missing: the address points at the wrong server.
                ? "Flowroute answered "
                    + code
                    + " for "
                    + call.url().encodedPath()
                    + " while "
                    + call.action()
                    + ". Check that the API address ("
                    + call.url().scheme()
                    + "://"
                    + call.url().host()
                    + ":"
                    + call.url().port()
                    + ") is right."
                : "Flowroute could not find "
                    + call.subject()
                    + " ("
                    + code
                    + ") while "
                    + call.action()
                    + ". It may have been deleted or belong to another account; refresh and try"
                    + " again."
                    + (detail == null ? "" : " Flowroute says: " + sentence(detail));
      }
      case 400, 422 -> {
        kind = Kind.INVALID;
        message =
            "Flowroute rejected a value while "
                + call.action()
                + " ("
                + code
                + ")"
                + (says.isEmpty() ? "." : ": " + says)
                + " Correct it and try again.";
      }
      case 415 -> {
        kind = Kind.UNSUPPORTED_MEDIA_TYPE;
        message =
            "Flowroute did not accept the format of the request while "
                + call.action()
                + " ("
                + code
                + ")"
                + (says.isEmpty() ? "." : ": " + says)
                + " This is a problem in RouteDesk; please report it.";
      }
      case 429 -> {
        kind = Kind.RATE_LIMITED;
        message =
            "Flowroute is receiving too many requests from this account ("
                + code
                + ") while "
                + call.action()
                + ". Wait "
                + (retryAfter == null ? "a moment" : describe(retryAfter))
                + " and try again.";
      }
      default -> {
        if (status >= 500 && status <= 599) {
          kind = Kind.SERVER;
          String page =
              bodyProblem == BodyProblem.HTML
                  ? " and sent an HTML error page instead of an answer"
                  : bodyProblem == BodyProblem.NOT_JSON || bodyProblem == BodyProblem.TRUNCATED
                      ? " and sent an unreadable answer"
                      : "";
          message =
              "Flowroute had a server problem ("
                  + code
                  + ")"
                  + page
                  + " while "
                  + call.action()
                  + "."
                  + (says.isEmpty() ? "" : " Flowroute says: " + says)
                  + (status == 503
                      ? " It may be under maintenance; try again in a few minutes."
                      : " Try again in a few minutes.")
                  + (call.changesSomething() ? maybeApplied() : "");
        } else {
          kind = Kind.OTHER;
          message =
              "Flowroute answered "
                  + code
                  + " while "
                  + call.action()
                  + "."
                  + (says.isEmpty() ? "" : " Flowroute says: " + says);
        }
      }
    }
    return new FlowrouteException(kind, status, title, detail, errorId, retryAfter, message, null);
  }

  /** A 2xx answer whose body could not be used. */
  static FlowrouteException badBody(
      ApiCall call, int status, BodyProblem problem, String what, Throwable cause) {
    String why =
        switch (problem) {
          case TRUNCATED -> "was cut off or is not valid JSON";
          case HTML -> "was an HTML page instead of JSON";
          case NOT_JSON -> "was not JSON";
          case UNEXPECTED_SHAPE -> "did not have the expected form (" + what + ")";
        };
    String message =
        "Flowroute's answer ("
            + status
            + " "
            + reason(status)
            + ") while "
            + call.action()
            + " "
            + why
            + ". Try again; if it keeps happening, Flowroute may be having problems."
            + (call.changesSomething() && problem != BodyProblem.UNEXPECTED_SHAPE
                ? " The change was probably applied; refresh to check."
                : "");
    return new FlowrouteException(
        Kind.BAD_RESPONSE, status, null, null, null, null, message, cause);
  }

  /** A 2xx answer larger than RouteDesk reads: not read further, not retried. */
  static FlowrouteException answerTooLarge(ApiCall call, int status, long declared, long limit) {
    String message =
        "Flowroute's answer ("
            + status
            + " "
            + reason(status)
            + ") while "
            + call.action()
            + " was "
            + (declared > 0 ? describeBytes(declared) : "larger than " + describeBytes(limit))
            + ", more than RouteDesk reads ("
            + describeBytes(limit)
            + "), so it was not read and not requested again. No Flowroute answer is that large:"
            + " check the API address; if it is right, Flowroute may be having problems."
            + (call.changesSomething()
                ? " The change was probably applied; refresh to check."
                : "");
    return new FlowrouteException(Kind.BAD_RESPONSE, status, null, null, null, null, message, null);
  }

  /** "16 MB", "512 KB", "900 bytes" (binary units, as a user reads file sizes). */
  static String describeBytes(long bytes) {
    if (bytes >= 1L << 20) {
      return (bytes >> 20) + " MB";
    }
    if (bytes >= 1L << 10) {
      return (bytes >> 10) + " KB";
    }
    return bytes + " bytes";
  }

  /**
   * No usable answer arrived: refused, unreachable, timed out, reset or dropped.
   *
   * @param requestSent whether the request had started going out (then a write may have landed)
   */
  static FlowrouteException fromIOException(
      ApiCall call, IOException e, boolean requestSent, String hostPort, Timeouts timeouts) {
    Kind kind;
    String message;
    if (e instanceof UnknownHostException) {
      kind = Kind.NETWORK;
      message =
          "Could not find the server "
              + hostPort
              + " while "
              + call.action()
              + ". Check your internet connection (and DNS or proxy settings).";
    } else if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
      kind = Kind.NETWORK;
      message =
          "Could not connect to "
              + hostPort
              + " while "
              + call.action()
              + " (connection refused or no route). Check your internet connection and try"
              + " again.";
    } else if (e instanceof SSLException) {
      // Certificate and handshake failures do not fix themselves: not retried.
      kind = Kind.OTHER;
      message =
          "The secure connection to "
              + hostPort
              + " failed while "
              + call.action()
              + " ("
              + e.getClass().getSimpleName()
              + "). A proxy or firewall may be intercepting HTTPS, or the system clock may be"
              + " wrong.";
    } else if (e instanceof SocketTimeoutException || e instanceof InterruptedIOException) {
      kind = Kind.TIMEOUT;
      // A SocketTimeoutException is the read (or connect) timeout; OkHttp reports the whole-call
      // timeout as a plain InterruptedIOException.
      Duration limit = e instanceof SocketTimeoutException ? timeouts.read() : timeouts.call();
      message =
          requestSent
              ? "The request timed out: Flowroute did not answer within "
                  + describe(limit)
                  + " while "
                  + call.action()
                  + ". Check your connection and try again."
                  + (call.changesSomething() ? maybeApplied() : "")
              : "Could not connect to "
                  + hostPort
                  + " within "
                  + describe(timeouts.connect())
                  + " while "
                  + call.action()
                  + " (timed out). Check your internet connection and try again.";
    } else {
      kind = Kind.NETWORK;
      message =
          (requestSent
                  ? "The connection to " + hostPort + " was lost before the answer arrived"
                  : "The connection to " + hostPort + " failed")
              + " while "
              + call.action()
              + ". Check your connection and try again."
              + (requestSent && call.changesSomething() ? maybeApplied() : "");
    }
    return new FlowrouteException(kind, 0, null, null, null, null, message, e);
  }

  /** The calling thread was interrupted or the client closed mid-call. */
  static FlowrouteException cancelled(ApiCall call, boolean clientClosed, Throwable cause) {
    String message =
        clientClosed
            ? "Stopped " + call.action() + " because the Flowroute connection was closed."
            : "Stopped " + call.action() + " because it was cancelled.";
    return new FlowrouteException(
        Kind.CANCELLED,
        0,
        null,
        null,
        null,
        null,
        message + (call.changesSomething() ? maybeApplied() : ""),
        cause);
  }

  /** The client was closed before the request finished (or started). */
  static FlowrouteException clientClosed() {
    return new FlowrouteException(
        Kind.CANCELLED,
        0,
        null,
        null,
        null,
        "The Flowroute connection was closed before the request finished.",
        null);
  }

  /** The caller cancelled the operation. */
  static FlowrouteException requestCancelled() {
    return new FlowrouteException(
        Kind.CANCELLED, 0, null, null, null, "The request was cancelled.", null);
  }

  /** A bug in RouteDesk, reported as a failure of the one item it hit. */
  static FlowrouteException unexpected(RuntimeException e) {
    return new FlowrouteException(
        Kind.OTHER,
        0,
        null,
        null,
        null,
        "An unexpected error occurred in RouteDesk (" + e.getClass().getSimpleName() + ").",
        e);
  }

  /** A request we refuse to send because an argument is not valid. */
  static FlowrouteException invalidArgument(String message) {
    return new FlowrouteException(Kind.INVALID, 0, null, null, null, null, message, null);
  }

  private static String maybeApplied() {
    return " The change may or may not have been applied; refresh to check.";
  }

  private static String flowrouteSays(String title, String detail) {
    if (title == null && detail == null) {
      return "";
    }
    if (title == null) {
      return sentence(detail);
    }
    if (detail == null || detail.equalsIgnoreCase(title)) {
      return sentence(title);
    }
    return sentence(title) + " " + sentence(detail);
  }

  private static String sentence(String s) {
    String t = s.strip();
    if (t.length() > 500) {
      t = t.substring(0, 500) + "…";
    }
    char last = t.charAt(t.length() - 1);
    return last == '.' || last == '!' || last == '?' || last == '…' ? t : t + ".";
  }

  /** "2 s", "1.5 s", "250 ms", "3 min". */
  static String describe(Duration d) {
    long ms = d.toMillis();
    if (ms < 1000) {
      return ms + " ms";
    }
    if (ms < 120_000) {
      return ms % 1000 == 0
          ? (ms / 1000) + " s"
          : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
    return Math.round(ms / 60_000.0) + " min";
  }

  /**
   * Retry-After in either form RFC 9110 allows: delay-seconds ("120") or an HTTP-date ("Wed, 21 Oct
   * 2015 07:28:00 GMT"). Null when absent or unreadable; a date in the past gives zero.
   */
  static Duration parseRetryAfter(String header, Instant now) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String value = header.strip();
    if (value.chars().allMatch(Character::isDigit)) {
      try {
        return Duration.ofSeconds(Long.parseLong(value));
      } catch (NumberFormatException e) {
        return null; // absurdly long: ignore rather than wait forever
      }
    }
    try {
      Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration d = Duration.between(now, at);
      return d.isNegative() ? Duration.ZERO : d;
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** The standard reason phrase (HTTP/2 carries none, so the response's own is not used). */
  static String reason(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 201 -> "Created";
      case 202 -> "Accepted";
      case 204 -> "No Content";
      case 207 -> "Multi-Status";
      case 301 -> "Moved Permanently";
      case 302 -> "Found";
      case 303 -> "See Other";
      case 307 -> "Temporary Redirect";
      case 308 -> "Permanent Redirect";
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 406 -> "Not Acceptable";
      case 408 -> "Request Timeout";
      case 409 -> "Conflict";
      case 410 -> "Gone";
      case 413 -> "Content Too Large";
      case 415 -> "Unsupported Media Type";
      case 422 -> "Unprocessable Entity";
      case 429 -> "Too Many Requests";
      case 500 -> "Internal Server Error";
      case 501 -> "Not Implemented";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      default -> "HTTP status";
    };
  }

  /** The configured timeouts, for messages. */
  record Timeouts(Duration connect, Duration read, Duration write, Duration call) {}
}
