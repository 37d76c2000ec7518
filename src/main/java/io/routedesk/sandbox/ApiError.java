package io.routedesk.sandbox;

/**
 * A Flowroute error answer: becomes {@code {"errors":[{"detail","id","status","title"}]}} with the
 * HTTP status. Thrown by the account model and the request parsing; never leaves the package.
 */
final class ApiError extends RuntimeException {
  private final int status;
  private final String title;
  private final String detail;
  private final String allow;

  ApiError(int status, String title, String detail) {
    this(status, title, detail, null);
  }

  private ApiError(int status, String title, String detail, String allow) {
    super(status + " " + title + ": " + detail, null, false, false);
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.allow = allow;
  }

  int status() {
    return status;
  }

  String title() {
    return title;
  }

  String detail() {
    return detail;
  }

  /** The Allow header of a 405, else null. */
  String allow() {
    return allow;
  }

  static ApiError badRequest(String detail) {
    return new ApiError(400, "Bad Request", detail);
  }

  static ApiError unauthorized() {
    return new ApiError(401, "Unauthorized", "Authentication failed.");
  }

  static ApiError forbidden(String detail) {
    return new ApiError(403, "Forbidden", detail);
  }

  static ApiError notFound(String detail) {
    return new ApiError(404, "Not Found", detail);
  }

  static ApiError methodNotAllowed(String allowedMethods, String detail) {
    return new ApiError(405, "Method Not Allowed", detail, allowedMethods);
  }

  static ApiError unsupportedMediaType(String detail) {
    return new ApiError(415, "Unsupported Media Type", detail);
  }

  static ApiError unprocessable(String detail) {
    return new ApiError(422, "Unprocessable Entity", detail);
  }

  /** D-DR's exact body for deleting a route that numbers still use. */
  static ApiError routeInUse() {
    return new ApiError(
        403,
        "This Route has numbers still associated to it.",
        "Please disassociate all numbers before deleting.");
  }

  /** D-DR: 404 "Invalid Route Id". */
  static ApiError invalidRouteId() {
    return new ApiError(404, "Not Found", "Invalid Route Id");
  }
}
