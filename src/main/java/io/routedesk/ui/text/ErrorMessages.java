package io.routedesk.ui.text;

import io.routedesk.flowroute.FlowrouteException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Turns failures into sentences for the user (technical details go to the log). */
public final class ErrorMessages {
  private ErrorMessages() {}

  public static String describe(Throwable error) {
    FlowrouteException fe = FlowrouteException.unwrap(error);
    if (fe != null) {
      return fe.getMessage();
    }
    Throwable t = unwrap(error);
    if (t instanceof IllegalArgumentException || t instanceof IllegalStateException) {
      return t.getMessage();
    }
    if (t.getClass().getName().startsWith("io.routedesk.") && t.getMessage() != null) {
      return t.getMessage();
    }
    return "Something went wrong ("
        + t.getClass().getSimpleName()
        + (t.getMessage() == null ? "" : ": " + t.getMessage())
        + "). Details are in the log.";
  }

  public static Throwable unwrap(Throwable error) {
    Throwable t = error;
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /** True when the failure means Flowroute could not be reached at all. */
  public static boolean isOffline(Throwable error) {
    FlowrouteException fe = FlowrouteException.unwrap(error);
    return fe != null
        && (fe.kind() == FlowrouteException.Kind.NETWORK
            || fe.kind() == FlowrouteException.Kind.TIMEOUT);
  }
}
