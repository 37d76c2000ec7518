package io.routedesk.app;

import io.routedesk.sandbox.DemoSeed;
import io.routedesk.store.AppDirs;
import io.routedesk.store.LocalStore;
import io.routedesk.store.UiSettings;
import io.routedesk.store.UiSettingsFile;
import io.routedesk.ui.account.AccountsViewModel;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The part of start-up that needs no window, begun by the {@link Launcher} on a thread of its own
 * while JavaFX starts its toolkit: the account back end (whose JSON classes alone take a good part
 * of a second to load), the opening of the last used account (or the sandbox) on its threads, the
 * window settings, and SQLite's native library. {@link RouteDeskApp#init()} takes the result.
 *
 * <p>One per run. When the app is started without the Launcher (an IDE, a test), {@link #take} does
 * the same work itself.
 */
final class EarlyStart {
  private static final Object LOCK = new Object();
  private static CompletableFuture<Prepared> begun; // guarded by LOCK

  /**
   * What {@link RouteDeskApp#init()} needs.
   *
   * @param firstAccount the opening of the last used account, already under way
   */
  record Prepared(
      AppDirs dirs,
      AccountsWiring accounts,
      AccountsViewModel.Startup firstAccount,
      UiSettingsFile settingsFile,
      UiSettings settings) {}

  private EarlyStart() {}

  /** Starts preparing on a new thread and returns at once. Call once, before the toolkit. */
  static void begin(AppDirs dirs) {
    CompletableFuture<Prepared> preparing = new CompletableFuture<>();
    synchronized (LOCK) {
      if (begun != null) {
        throw new IllegalStateException("Start-up was already begun.");
      }
      begun = preparing;
    }
    Thread.ofPlatform()
        .daemon()
        .name("routedesk-early-start")
        .start(
            () -> {
              try {
                preparing.complete(prepare(dirs, sandboxSeed()));
              } catch (RuntimeException | Error e) {
                preparing.completeExceptionally(e);
              }
            });
  }

  /**
   * What {@link #begin} prepared, waiting for it if needed; or, when nothing was begun, prepared
   * now on the calling thread. Blocking (disk): never on the FX thread.
   *
   * @throws RuntimeException what preparing threw (the app cannot start without its back end)
   */
  static Prepared take() {
    CompletableFuture<Prepared> preparing;
    synchronized (LOCK) {
      preparing = begun;
    }
    if (preparing == null) {
      return prepare(AppDirs.forCurrentUser(), sandboxSeed());
    }
    try {
      return preparing.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  /**
   * When the window never came (the toolkit could not start): closes what was prepared, the sandbox
   * included, so nothing keeps the JVM alive. Blocking, at most a few seconds.
   */
  static void abandon() {
    CompletableFuture<Prepared> preparing;
    synchronized (LOCK) {
      preparing = begun;
    }
    if (preparing != null) {
      preparing.thenAccept(p -> p.accounts().close()).exceptionally(e -> null).join();
    }
  }

  /** The demo account's size: small unless -Droutedesk.sandbox.numbers asks for more. */
  private static DemoSeed sandboxSeed() {
    Integer numbers = Integer.getInteger("routedesk.sandbox.numbers");
    if (numbers == null) {
      return DemoSeed.small();
    }
    int routes = Integer.getInteger("routedesk.sandbox.routes", Math.max(8, numbers / 10));
    return DemoSeed.of(numbers, routes, DemoSeed.DEFAULT_SEED);
  }

  private static Prepared prepare(AppDirs dirs, DemoSeed sandboxSeed) {
    Objects.requireNonNull(dirs, "dirs");
    // Unpacking and loading SQLite's native library overlaps the account opening, not after it.
    Thread.ofPlatform().daemon().name("routedesk-warm-store").start(LocalStore::warmUp);
    // Nothing slow here: the keystore is probed, and the sandbox started, when the account opens.
    AccountsWiring accounts = AccountsWiring.forThisSystem(dirs, sandboxSeed);
    // From here on the last used account (or the sandbox) opens on the account threads.
    AccountsViewModel.Startup firstAccount = AccountsViewModel.beginStart(accounts.signIn);
    UiSettingsFile settingsFile = UiSettingsFile.in(dirs);
    return new Prepared(dirs, accounts, firstAccount, settingsFile, settingsFile.load());
  }
}
