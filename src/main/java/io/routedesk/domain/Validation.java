package io.routedesk.domain;

/** The outcome of checking one field: valid, or a message that names the rule that failed. */
public record Validation(boolean valid, String message) {
  private static final Validation OK = new Validation(true, "");

  public static Validation ok() {
    return OK;
  }

  public static Validation error(String message) {
    return new Validation(false, message);
  }
}
