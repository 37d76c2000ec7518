package io.routedesk.ui.account;

import io.routedesk.service.AccountSession;
import io.routedesk.service.KeyLocation;
import io.routedesk.service.OpenOutcome;
import io.routedesk.service.SignInService;
import io.routedesk.service.SignOutResult;
import io.routedesk.store.AccountProfile;
import io.routedesk.store.AccountSettings;
import io.routedesk.ui.model.Activity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which account the window shows, and the commands around it: open the last used account at
 * start-up, switch, connect another one, sign out. Lives as long as the app (the window is rebuilt
 * for each account, this is not). Properties change on the UI thread only; the service does its
 * keystore, disk and network work on its own threads and the results come back through the injected
 * UI executor.
 *
 * <p>When the account used last cannot be opened (its keys are gone, the keystore is locked, none
 * is available), the built-in sandbox opens meanwhile and {@link #bannerProperty()} says why and
 * offers to enter the keys again; the next start tries that account again.
 */
public final class AccountsViewModel {
  private static final Logger LOG = LoggerFactory.getLogger(AccountsViewModel.class);

  /** What the banner under the menu bar is about; {@link #NONE} hides it. */
  public enum BannerKind {
    NONE,
    /** The built-in sandbox is open: explore, or connect an account. */
    SANDBOX,
    /** A known account could not be opened for want of its keys: enter them again. */
    NEEDS_KEYS,
    /** The open account's keys are kept in memory for this run only, and why. */
    SESSION_ONLY,
    /** Something failed (opening, signing out, a damaged account list); the text says what. */
    PROBLEM
  }

  /**
   * The banner's content.
   *
   * @param needsKeys what to enter keys for, with kind {@link BannerKind#NEEDS_KEYS}; else null
   */
  public record Banner(
      BannerKind kind, String title, String message, OpenOutcome.NeedsKeys needsKeys) {
    public static final Banner NONE = new Banner(BannerKind.NONE, "", "", null);

    public Banner {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(title, "title");
      Objects.requireNonNull(message, "message");
    }

    /** The sandbox banner cannot be closed: it tells what the window shows. */
    public boolean dismissible() {
      return kind != BannerKind.NONE && kind != BannerKind.SANDBOX;
    }
  }

  static final String SANDBOX_TITLE = "Exploring the built-in sandbox";
  static final String SANDBOX_MESSAGE =
      "A simulated Flowroute account on this computer. Nothing you change here reaches Flowroute.";

  private final SignInService service;
  private final Executor ui;
  private final ObservableList<AccountProfile> accounts = FXCollections.observableArrayList();
  // One wrapper for everyone: it listens to the list weakly, so a wrapper per call would lose the
  // listeners added to it as soon as it is garbage collected.
  private final ObservableList<AccountProfile> accountsView =
      FXCollections.unmodifiableObservableList(accounts);
  private final ReadOnlyObjectWrapper<AccountSession> session =
      new ReadOnlyObjectWrapper<>(this, "session");
  private final ReadOnlyObjectWrapper<Banner> banner =
      new ReadOnlyObjectWrapper<>(this, "banner", Banner.NONE);
  private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
  private final ReadOnlyStringWrapper busyText = new ReadOnlyStringWrapper(this, "busyText", "");
  private final ReadOnlyObjectWrapper<Activity.Notice> notice =
      new ReadOnlyObjectWrapper<>(this, "notice");
  private long noticeIds;

  /**
   * @param ui runs a task on the UI thread ({@code Platform::runLater} in the app)
   */
  public AccountsViewModel(SignInService service, Executor ui) {
    this.service = Objects.requireNonNull(service, "service");
    this.ui = Objects.requireNonNull(ui, "ui");
  }

  // ---- commands -----------------------------------------------------------------------------

  /**
   * The first account being opened at start-up, begun before there is a window or a view-model (see
   * {@link #beginStart}) and handed to {@link #start(Startup)}.
   */
  public static final class Startup {
    private final SignInService service;
    private final CompletableFuture<Opening> opening;

    private Startup(SignInService service, CompletableFuture<Opening> opening) {
      this.service = service;
      this.opening = opening;
    }

    /**
     * True once start-up has opened its account, or found that none could be opened. The view-model
     * shows that account only after this.
     */
    public boolean isDone() {
      return opening.isDone();
    }

    /**
     * The account start-up opens (the last used one, else the sandbox meanwhile), as soon as it is
     * open: completes on a service thread, before the view-model shows it, with null when no
     * account could be opened. For work that only needs the session, such as opening the account's
     * local data.
     */
    public CompletableFuture<AccountSession> opened() {
      return opening.thenApply(
          o ->
              o.lastUsed() instanceof OpenOutcome.Opened opened
                  ? opened.session()
                  : o.sandbox() instanceof OpenOutcome.Opened sandbox ? sandbox.session() : null);
    }
  }

  /**
   * What start-up opened: the outcome of opening the last used account and, when that did not open,
   * the outcome of opening the sandbox meanwhile.
   */
  private record Opening(OpenOutcome lastUsed, OpenOutcome sandbox) {}

  /**
   * Starts opening the account used last time, and when it cannot be opened (or there is none) the
   * built-in sandbox right behind it, all on the service's threads: nothing here waits for the UI
   * thread, so the app can begin this before its window exists. Any thread. Hand the result to
   * {@link #start(Startup)} of a view-model over the same service.
   */
  public static Startup beginStart(SignInService service) {
    Objects.requireNonNull(service, "service");
    CompletableFuture<Opening> opening =
        service
            .openLastUsed()
            .exceptionally(e -> unexpected(AccountProfile.SANDBOX_ID, "open your last account", e))
            .thenCompose(
                lastUsed ->
                    lastUsed instanceof OpenOutcome.Opened
                        ? CompletableFuture.completedFuture(new Opening(lastUsed, null))
                        : service
                            .openSandboxMeanwhile()
                            .exceptionally(
                                e -> unexpected(AccountProfile.SANDBOX_ID, "open the sandbox", e))
                            .thenApply(sandbox -> new Opening(lastUsed, sandbox)));
    return new Startup(service, opening);
  }

  /**
   * Opens the account used last time. When it cannot be opened (or there is none), opens the
   * sandbox meanwhile and sets the banner to say why. Completes on the UI thread with the outcome
   * of opening the last used account.
   */
  public CompletableFuture<OpenOutcome> start() {
    return start(beginStart(service));
  }

  /**
   * As {@link #start()}, for an opening the app began earlier with {@link #beginStart}. UI thread.
   *
   * @throws IllegalArgumentException when {@code startup} was begun on another service
   */
  public CompletableFuture<OpenOutcome> start(Startup startup) {
    Objects.requireNonNull(startup, "startup");
    if (startup.service != service) {
      throw new IllegalArgumentException("The start-up was begun on another sign-in service.");
    }
    startWork("Opening your account…");
    return startup.opening.thenApplyAsync(
        opening -> {
          if (opening.lastUsed() instanceof OpenOutcome.Opened opened) {
            show(opened.session());
          } else {
            showSandboxMeanwhile(opening.sandbox(), whyNotOpened(opening.lastUsed()));
          }
          return stopWork(opening.lastUsed());
        },
        ui);
  }

  /**
   * Opens another known account (the sandbox included); the window switches once it is open. When
   * its keys are missing the current account stays open, the banner says why, and the returned
   * outcome is {@link OpenOutcome.NeedsKeys} so the caller can ask for them. Completes on the UI
   * thread.
   */
  public CompletableFuture<OpenOutcome> switchTo(String accountId) {
    Objects.requireNonNull(accountId, "accountId");
    if (busy.get()) {
      return CompletableFuture.completedFuture(
          new OpenOutcome.Failed(accountId, "Another account is being opened."));
    }
    startWork("Opening " + nameOf(accountId) + "…");
    return service
        .switchTo(accountId)
        .exceptionally(e -> unexpected(accountId, "open " + nameOf(accountId), e))
        .thenComposeAsync(
            outcome -> {
              if (outcome instanceof OpenOutcome.Opened opened) {
                show(opened.session());
              } else if (outcome instanceof OpenOutcome.NeedsKeys needsKeys) {
                banner.set(needsKeysBanner(needsKeys, false));
              } else if (outcome instanceof OpenOutcome.Failed failed) {
                banner.set(
                    new Banner(
                        BannerKind.PROBLEM,
                        nameOf(accountId) + " could not be opened",
                        failed.message(),
                        null));
              }
              return finished(outcome);
            },
            ui);
  }

  /** A new sign-in form over the same service; open it in a {@link SignInDialog}. */
  public SignInViewModel newSignIn() {
    return new SignInViewModel(service, ui);
  }

  /**
   * A sign-in form prepared to enter the keys of a known account again (after {@link
   * OpenOutcome.NeedsKeys}).
   */
  public SignInViewModel newSignIn(OpenOutcome.NeedsKeys reentry) {
    SignInViewModel vm = newSignIn();
    vm.prepareForReentry(reentry);
    return vm;
  }

  /** A sign-in succeeded (the service already opened the account): show it. UI thread. */
  public void connected(AccountSession connected) {
    Objects.requireNonNull(connected, "connected");
    show(connected);
    notify(Activity.Severity.SUCCESS, "Connected to " + connected.profile().displayName() + ".");
  }

  /**
   * Removes the account's keys and profile. When it was the open account, the most recently used
   * other account opens, else the sandbox. Completes on the UI thread with the service's answer; a
   * failure also shows in the banner.
   */
  public CompletableFuture<SignOutResult> signOut(String accountId) {
    Objects.requireNonNull(accountId, "accountId");
    if (busy.get()) {
      return CompletableFuture.completedFuture(
          new SignOutResult(false, "Wait until the account being opened is open."));
    }
    String name = nameOf(accountId);
    boolean wasOpen = isOpen(accountId);
    startWork("Signing out of " + name + "…");
    return service
        .signOut(accountId)
        .exceptionally(
            e -> {
              LOG.warn("Signing out of {} failed unexpectedly", accountId, e);
              return new SignOutResult(
                  false,
                  "Signing out of "
                      + name
                      + " failed unexpectedly ("
                      + rootCause(e).getClass().getSimpleName()
                      + "). Try again.");
            })
        .thenComposeAsync(
            result -> {
              if (!result.signedOut()) {
                banner.set(
                    new Banner(
                        BannerKind.PROBLEM,
                        "Could not sign out of " + name,
                        result.message(),
                        null));
                return finished(result);
              }
              notify(Activity.Severity.SUCCESS, result.message());
              if (!wasOpen) {
                return reloadAccounts().thenApplyAsync(ignored -> stopWork(result), ui);
              }
              return openNextAfterSignOut(accountId).thenApply(ignored -> result);
            },
            ui);
  }

  /**
   * Closes the banner; the sandbox banner comes back while the sandbox is open. A closed
   * session-only notice stays closed (the status bar still says it) until another account opens.
   */
  public void dismissBanner() {
    AccountSession open = session.get();
    banner.set(
        open != null && open.profile().isSandbox()
            ? new Banner(BannerKind.SANDBOX, SANDBOX_TITLE, SANDBOX_MESSAGE, null)
            : Banner.NONE);
  }

  /** Re-reads the account list (names, last used) from the service. */
  public CompletableFuture<Void> reloadAccounts() {
    return service
        .accounts()
        .thenAcceptAsync(this::showAccounts, ui)
        .exceptionally(
            e -> {
              LOG.warn("Could not read the account list", e);
              return null;
            });
  }

  // ---- state --------------------------------------------------------------------------------

  /** The known accounts: the sandbox first, then the real ones in the order they were added. */
  public ObservableList<AccountProfile> accounts() {
    return accountsView;
  }

  /** The open account; null until the first one is open. */
  public ReadOnlyObjectProperty<AccountSession> sessionProperty() {
    return session.getReadOnlyProperty();
  }

  public AccountSession session() {
    return session.get();
  }

  /** The open account's profile, or null. */
  public AccountProfile current() {
    return session.get() == null ? null : session.get().profile();
  }

  public boolean isOpen(String accountId) {
    AccountProfile p = current();
    return p != null && p.id().equals(accountId);
  }

  public ReadOnlyObjectProperty<Banner> bannerProperty() {
    return banner.getReadOnlyProperty();
  }

  /** True while an account is being opened or signed out of. */
  public ReadOnlyBooleanProperty busyProperty() {
    return busy.getReadOnlyProperty();
  }

  /** What is being done while busy ("Opening Main office…"); "" otherwise. */
  public ReadOnlyStringProperty busyTextProperty() {
    return busyText.getReadOnlyProperty();
  }

  /** A short message about something that finished (connected, signed out), for a toast. */
  public ReadOnlyObjectProperty<Activity.Notice> noticeProperty() {
    return notice.getReadOnlyProperty();
  }

  /** "Main office" or "Built-in sandbox". */
  public static String nameOf(AccountProfile profile) {
    return profile.displayName();
  }

  /** The kind of an account for display: "Simulated account" or "Flowroute ••••1234". */
  public static String kindOf(AccountProfile profile) {
    if (profile.isSandbox()) {
      return "Simulated account";
    }
    String masked = profile.maskedAccessKey();
    return masked.isEmpty() ? "Flowroute account" : "Flowroute " + masked;
  }

  /** One line naming an account and its kind: "Main office · Flowroute ••••1234". */
  public static String describe(AccountProfile profile) {
    return nameOf(profile) + " · " + kindOf(profile);
  }

  /** A short note for the status bar when the open account's keys are session-only; else "". */
  public static String keysNote(AccountSession session) {
    return session.keys() == KeyLocation.SESSION_ONLY ? session.notice().orElse("") : "";
  }

  // ---- internals ----------------------------------------------------------------------------

  private CompletableFuture<Void> openSandboxMeanwhile(Banner why) {
    return service
        .openSandboxMeanwhile()
        .exceptionally(e -> unexpected(AccountProfile.SANDBOX_ID, "open the sandbox", e))
        .thenAcceptAsync(
            outcome -> {
              showSandboxMeanwhile(outcome, why);
              stopWork(null);
            },
            ui);
  }

  /** Shows the sandbox opened in place of an account, and why; or says nothing could open. */
  private void showSandboxMeanwhile(OpenOutcome outcome, Banner why) {
    if (outcome instanceof OpenOutcome.Opened opened) {
      show(opened.session());
      if (why != null) {
        banner.set(why);
      }
    } else {
      String message =
          outcome instanceof OpenOutcome.Failed failed
              ? failed.message()
              : "The built-in sandbox could not be opened.";
      banner.set(
          new Banner(
              BannerKind.PROBLEM,
              "No account could be opened",
              (why == null ? "" : why.message() + " ")
                  + message
                  + " Connect a Flowroute account to continue.",
              why == null ? null : why.needsKeys()));
    }
  }

  /** After signing out of the open account: the most recently used other account, else sandbox. */
  private CompletableFuture<Void> openNextAfterSignOut(String signedOut) {
    return service
        .accounts()
        .exceptionally(e -> AccountSettings.initial())
        .thenComposeAsync(
            settings -> {
              showAccounts(settings);
              Optional<AccountProfile> next =
                  settings.realAccounts().stream()
                      .filter(p -> !p.id().equals(signedOut))
                      .max(
                          Comparator.comparing(
                              AccountProfile::lastUsed,
                              Comparator.nullsFirst(Comparator.<Instant>naturalOrder())));
              if (next.isEmpty()) {
                return openSandboxMeanwhile(null);
              }
              String id = next.get().id();
              return service
                  .switchTo(id)
                  .exceptionally(e -> unexpected(id, "open " + next.get().displayName(), e))
                  .thenComposeAsync(
                      outcome -> {
                        if (outcome instanceof OpenOutcome.Opened opened) {
                          show(opened.session());
                          stopWork(null);
                          return CompletableFuture.<Void>completedFuture(null);
                        }
                        return openSandboxMeanwhile(whyNotOpened(outcome));
                      },
                      ui);
            },
            ui);
  }

  /** Makes a session the open one: the window follows {@link #sessionProperty()}. */
  private void show(AccountSession opened) {
    session.set(opened);
    banner.set(defaultBanner(opened));
    reloadAccounts();
  }

  private static Banner defaultBanner(AccountSession s) {
    if (s == null) {
      return Banner.NONE;
    }
    if (s.keys() == KeyLocation.SESSION_ONLY && s.notice().isPresent()) {
      return new Banner(
          BannerKind.SESSION_ONLY, "Keys kept for this session only", s.notice().get(), null);
    }
    if (s.profile().isSandbox()) {
      return new Banner(BannerKind.SANDBOX, SANDBOX_TITLE, SANDBOX_MESSAGE, null);
    }
    return Banner.NONE;
  }

  /** The banner shown over the sandbox when the last used account did not open; null if none. */
  private static Banner whyNotOpened(OpenOutcome outcome) {
    if (outcome instanceof OpenOutcome.NeedsKeys needsKeys) {
      return needsKeysBanner(needsKeys, true);
    }
    if (outcome instanceof OpenOutcome.NoAccount none && none.notice().isPresent()) {
      return new Banner(BannerKind.PROBLEM, "Accounts reset", none.notice().get(), null);
    }
    if (outcome instanceof OpenOutcome.Failed failed) {
      return new Banner(
          BannerKind.PROBLEM,
          "Your account could not be opened",
          failed.message() + " Meanwhile the window shows the built-in sandbox.",
          null);
    }
    return null;
  }

  private static Banner needsKeysBanner(OpenOutcome.NeedsKeys needsKeys, boolean sandboxMeanwhile) {
    String name = needsKeys.profile().displayName();
    return new Banner(
        BannerKind.NEEDS_KEYS,
        "Enter the keys of " + name + " again",
        needsKeys.message()
            + (sandboxMeanwhile ? " Meanwhile the window shows the built-in sandbox." : ""),
        needsKeys);
  }

  private void showAccounts(AccountSettings settings) {
    List<AccountProfile> ordered = new ArrayList<>();
    settings.find(AccountProfile.SANDBOX_ID).ifPresent(ordered::add);
    ordered.addAll(settings.realAccounts());
    accounts.setAll(ordered);
  }

  private String nameOf(String accountId) {
    for (AccountProfile p : accounts) {
      if (p.id().equals(accountId)) {
        return p.displayName();
      }
    }
    return AccountProfile.SANDBOX_ID.equals(accountId) ? "the built-in sandbox" : "the account";
  }

  private void startWork(String text) {
    busyText.set(text);
    busy.set(true);
  }

  private <T> T stopWork(T value) {
    busy.set(false);
    busyText.set("");
    return value;
  }

  private <T> CompletableFuture<T> finished(T value) {
    return CompletableFuture.completedFuture(stopWork(value));
  }

  private void notify(Activity.Severity severity, String text) {
    notice.set(new Activity.Notice(severity, text, ++noticeIds));
  }

  /** The service answers with outcomes; a failed future is a bug, shown rather than swallowed. */
  private static OpenOutcome unexpected(String accountId, String what, Throwable e) {
    LOG.warn("Could not {}", what, e);
    return new OpenOutcome.Failed(
        accountId,
        "RouteDesk could not "
            + what
            + " because of an unexpected error ("
            + rootCause(e).getClass().getSimpleName()
            + ").");
  }

  private static Throwable rootCause(Throwable e) {
    Throwable c = e;
    while (c instanceof CompletionException && c.getCause() != null) {
      c = c.getCause();
    }
    return c;
  }
}
