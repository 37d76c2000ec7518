package io.routedesk.ui.drafts;

import io.routedesk.domain.Plural;
import io.routedesk.flowroute.FlowrouteException;
import io.routedesk.service.PublishResult;
import io.routedesk.service.ReachabilityWatcher;
import io.routedesk.store.OpenReport;
import io.routedesk.ui.model.AccountState;
import io.routedesk.ui.model.Activity;
import io.routedesk.ui.model.Connectivity;
import io.routedesk.ui.model.CopyRefresh;
import io.routedesk.ui.text.ErrorMessages;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The account's copy on this computer, as the window lives with it: start from the saved copy and
 * refresh in the background; while Flowroute cannot be reached, say so ("Offline — last refreshed
 * …") and probe now and then, off the UI thread; when it can be reached again, refresh and offer to
 * publish the waiting drafts (never publishing on its own); and tell the user when the database had
 * to be rebuilt.
 */
public final class LocalCopyViewModel {
  private static final Logger LOG = LoggerFactory.getLogger(LocalCopyViewModel.class);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

  /** Which connectivity banner the window shows. */
  public enum Banner {
    NONE,
    /** Flowroute cannot be reached; the window shows the saved copy. */
    OFFLINE,
    /** Reachable again, with drafts waiting to be published. */
    BACK_ONLINE
  }

  private final AccountState account;
  private final DraftsViewModel drafts;
  private final ReachabilityWatcher reachability;
  private final Activity activity;
  private final Executor ui;
  private final Clock clock;
  private final ZoneId zone;
  private final ObjectProperty<Banner> banner = new SimpleObjectProperty<>(Banner.NONE);
  private final StringProperty storeNotice = new SimpleStringProperty("");
  // What opening the database did, when the user must be told; null otherwise.
  private final OpenReport openReport;
  private boolean storeNoticeDismissed;
  // When the copy was first rebuilt after the database was replaced; null until then.
  private Instant rebuiltAt;
  private final StringBinding bannerText;
  private final StringBinding publishText;

  /**
   * @param reachability probes Flowroute while offline
   * @param openReport what opening the database did; its summary is shown when it needs attention
   */
  public LocalCopyViewModel(
      AccountState account,
      DraftsViewModel drafts,
      ReachabilityWatcher reachability,
      OpenReport openReport,
      Activity activity,
      Executor ui,
      Clock clock) {
    this.account = account;
    this.drafts = drafts;
    this.reachability = reachability;
    this.activity = activity;
    this.ui = ui;
    this.clock = clock;
    this.zone = clock.getZone();
    this.openReport = openReport != null && openReport.needsAttention() ? openReport : null;
    account.copyRefreshProperty().addListener((o, was, now) -> showStoreNotice());
    showStoreNotice();
    bannerText =
        Bindings.createStringBinding(
            this::computeBannerText,
            banner,
            account.lastRefreshProperty(),
            drafts.unpublishedCountProperty());
    publishText =
        Bindings.createStringBinding(
            () -> {
              int n = drafts.unpublishedCountProperty().get();
              return "Publish " + Plural.count(n, "draft");
            },
            drafts.unpublishedCountProperty());
    account.connectivityProperty().addListener((o, was, now) -> connectivityChanged(was, now));
    drafts
        .unpublishedCountProperty()
        .addListener(
            (o, a, n) -> {
              if (n.intValue() == 0 && banner.get() == Banner.BACK_ONLINE) {
                banner.set(Banner.NONE);
              }
            });
  }

  /**
   * Shows the drafts and the saved copy at once, then refreshes from Flowroute in the background,
   * and reports what checking interrupted publishes found.
   */
  public CompletableFuture<Void> start(CompletableFuture<List<PublishResult>> resumed) {
    CompletableFuture<Void> shownDrafts = drafts.load();
    CompletableFuture<Void> refreshed =
        account
            .showCached()
            .thenComposeAsync(snapshot -> refreshQuietly(), ui)
            .exceptionally(e -> null);
    drafts.showResumed(resumed);
    return CompletableFuture.allOf(shownDrafts, refreshed);
  }

  private CompletableFuture<Void> refreshQuietly() {
    return account
        .refresh()
        .thenRun(reachability::answered)
        .exceptionally(
            e -> {
              // The window shows the error where it applies (offline banner, list placeholders).
              LOG.info("Refresh did not complete: {}", ErrorMessages.describe(e));
              return null;
            });
  }

  private void connectivityChanged(Connectivity was, Connectivity now) {
    LOG.info("Connection to Flowroute: {} -> {}", was, now);
    if (now == Connectivity.OFFLINE) {
      reachability.stopWhileOnline();
      banner.set(Banner.OFFLINE);
      reachability.watch(() -> ui.execute(this::reachableAgain));
      return;
    }
    if (now == Connectivity.ONLINE) {
      reachability.stop();
      // Idle, the window sends nothing that could fail: the watcher probes now and then instead.
      reachability.watchWhileOnline(() -> ui.execute(this::unreachableWhileIdle));
      if (was == Connectivity.OFFLINE) {
        backOnline();
      }
    }
  }

  /** A probe sent while idle got no answer: offline, as if a call had failed. */
  private void unreachableWhileIdle() {
    if (account.connectivityProperty().get() == Connectivity.ONLINE) {
      account.reportFailure(
          new FlowrouteException(
              FlowrouteException.Kind.NETWORK,
              0,
              null,
              null,
              null,
              "Flowroute did not answer.",
              null));
    }
  }

  /** A probe reached Flowroute: refresh (reading is safe) and see what waits to be published. */
  private void reachableAgain() {
    if (account.connectivityProperty().get() == Connectivity.OFFLINE) {
      account.reportReachable();
      refreshQuietly();
    }
  }

  /**
   * Online again, found by the probe or by a refresh that worked ("Try now", F5): the latter
   * already reloads the account, so this does not load it a second time.
   */
  private void backOnline() {
    drafts.resumeInterrupted();
    if (drafts.unpublishedCountProperty().get() > 0) {
      banner.set(Banner.BACK_ONLINE);
    } else {
      banner.set(Banner.NONE);
      activity.notify(Activity.Severity.SUCCESS, "Back online: Flowroute can be reached again.");
    }
  }

  private String computeBannerText() {
    return switch (banner.get()) {
      case NONE -> "";
      case OFFLINE ->
          "Offline — "
              + lastRefreshedText()
              + ". Flowroute cannot be reached, so changes to it are paused; RouteDesk checks"
              + " again by itself. Drafts still work.";
      case BACK_ONLINE -> {
        int n = drafts.unpublishedCountProperty().get();
        yield "Back online. "
            + Plural.count(n, "draft is", "drafts are")
            + " waiting to be published; nothing is sent until you ask.";
      }
    };
  }

  /** "last refreshed today at 14:02", "… on 3 Mar 2026 at 09:15", "never refreshed". */
  String lastRefreshedText() {
    Instant t = account.lastRefreshProperty().get();
    if (t == null) {
      return "no copy of this account is saved on this computer yet";
    }
    return "last refreshed " + when(t);
  }

  /** "today at 14:02", "yesterday at 18:40", "on 3 Mar 2026 at 09:15". */
  private String when(Instant t) {
    ZonedDateTime at = t.atZone(zone);
    LocalDate today = LocalDate.now(clock.withZone(zone));
    String day =
        at.toLocalDate().equals(today)
            ? "today"
            : at.toLocalDate().equals(today.minusDays(1)) ? "yesterday" : "on " + DATE.format(at);
    return day + " at " + TIME.format(at);
  }

  // ---- the database notice ------------------------------------------------------------------

  /**
   * Shows (until dismissed) what opening the database did. A damaged database was replaced by an
   * empty one, so the notice follows the copy's rebuild: being rebuilt while the first refresh
   * runs, rebuilt (and when) once a refresh saved it, not rebuilt yet (and why) after a failed one.
   */
  private void showStoreNotice() {
    if (openReport == null || storeNoticeDismissed) {
      return;
    }
    if (openReport.status() != OpenReport.Status.RECOVERED) {
      storeNotice.set(openReport.summary());
      return;
    }
    CopyRefresh refresh = account.copyRefreshProperty().get();
    if (rebuiltAt == null && refresh != null && refresh.isSaved()) {
      rebuiltAt = refresh.at(); // later refreshes do not change when it was rebuilt
    }
    String rebuild;
    if (rebuiltAt != null) {
      rebuild =
          "The saved copy of routes and numbers was rebuilt from Flowroute " + when(rebuiltAt);
    } else if (refresh != null) {
      rebuild =
          "The saved copy of routes and numbers could not be rebuilt from Flowroute yet ("
              + withoutFinalStop(refresh.problem())
              + "); it will be at the next refresh that reaches Flowroute";
    } else {
      rebuild = "The saved copy of routes and numbers is being rebuilt from Flowroute";
    }
    storeNotice.set(
        "The local database could not be used ("
            + openReport.problem()
            + "): it was moved aside to "
            + openReport.movedAsideTo()
            + " and a new one was created; "
            + openReport.recoveredPhrase()
            + " "
            + rebuild
            + ".");
  }

  private static String withoutFinalStop(String text) {
    String t = text == null ? "" : text.strip();
    return t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
  }

  // ---- commands -----------------------------------------------------------------------------

  /** "Try now" on the offline banner: refresh at once instead of waiting for the next probe. */
  public CompletableFuture<Void> retryNow() {
    return refreshQuietly();
  }

  /** "Publish N drafts" on the back-online banner. */
  public CompletableFuture<?> publishAll() {
    return drafts.publishAll().exceptionally(e -> null);
  }

  public void dismissBanner() {
    if (banner.get() == Banner.BACK_ONLINE) {
      banner.set(Banner.NONE);
    }
  }

  public void dismissStoreNotice() {
    storeNoticeDismissed = true;
    storeNotice.set("");
  }

  // ---- properties ---------------------------------------------------------------------------

  public ReadOnlyObjectProperty<Banner> bannerProperty() {
    return banner;
  }

  public StringBinding bannerTextProperty() {
    return bannerText;
  }

  /** "Publish 2 drafts". */
  public StringBinding publishTextProperty() {
    return publishText;
  }

  /** What opening the local database did, when the user should know ("" otherwise). */
  public ReadOnlyStringProperty storeNoticeProperty() {
    return storeNotice;
  }

  public DraftsViewModel drafts() {
    return drafts;
  }

  /** The system clock in the system zone. */
  public static Clock systemClock() {
    return Clock.systemDefaultZone();
  }
}
