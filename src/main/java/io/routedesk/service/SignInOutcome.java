package io.routedesk.service;

import java.util.Objects;

/** The result of {@link SignInService#signIn}: connected, or rejected with a reason. */
public sealed interface SignInOutcome {

  /** The keys work, are kept (see the session's {@link AccountSession#keys()}) and are open. */
  record Connected(AccountSession session) implements SignInOutcome {
    public Connected {
      Objects.requireNonNull(session, "session");
    }
  }

  /**
   * Nothing was kept.
   *
   * @param failure what kind of failure, for the advice shown
   * @param detail a sentence with the specifics (never a key), such as Flowroute's own message
   * @param httpStatus the HTTP status Flowroute answered with, or 0 when there was no answer
   */
  record Rejected(SignInFailure failure, String detail, int httpStatus) implements SignInOutcome {
    public Rejected {
      Objects.requireNonNull(failure, "failure");
      Objects.requireNonNull(detail, "detail");
    }
  }
}
