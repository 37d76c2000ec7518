package io.routedesk.service;

import io.routedesk.store.AccountProfile;
import java.util.Objects;
import java.util.Optional;

/** The result of opening an account at start-up or when switching. */
public sealed interface OpenOutcome {

  /** The account is open and its client ready. */
  record Opened(AccountSession session) implements OpenOutcome {
    public Opened {
      Objects.requireNonNull(session, "session");
    }
  }

  /**
   * The account is known but its keys are not available: ask the user for them again (sign in with
   * {@code profile.id()} as the account to replace).
   *
   * @param problem why the keys could not be read
   * @param message a sentence for the user saying why
   */
  record NeedsKeys(AccountProfile profile, KeysProblem problem, String message)
      implements OpenOutcome {
    public NeedsKeys {
      Objects.requireNonNull(profile, "profile");
      Objects.requireNonNull(problem, "problem");
      Objects.requireNonNull(message, "message");
    }
  }

  /**
   * No account to open: first run, or the last one was removed. Offer "Connect your Flowroute
   * account" or "Explore the built-in sandbox".
   *
   * @param notice a problem to show (the account list was damaged and moved aside), or empty
   */
  record NoAccount(Optional<String> notice) implements OpenOutcome {
    public NoAccount {
      Objects.requireNonNull(notice, "notice");
    }
  }

  /** The account could not be opened for a reason other than its keys. */
  record Failed(String accountId, String message) implements OpenOutcome {
    public Failed {
      Objects.requireNonNull(accountId, "accountId");
      Objects.requireNonNull(message, "message");
    }
  }

  /** Why stored keys could not be used. */
  enum KeysProblem {
    /** No entry: removed from the keystore, or kept for one session only last time. */
    MISSING,
    /** The keystore is locked and was not unlocked. */
    LOCKED,
    /** The user or the system refused access to the entry. */
    DENIED,
    /** No keystore is available on this machine now. */
    UNAVAILABLE,
    /** The entry could not be read or understood. */
    FAILED
  }
}
