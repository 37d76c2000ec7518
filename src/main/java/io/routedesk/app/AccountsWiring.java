package io.routedesk.app;

import io.routedesk.flowroute.FlowrouteClient;
import io.routedesk.flowroute.OkHttpFlowrouteClient;
import io.routedesk.sandbox.DemoSeed;
import io.routedesk.secrets.ApiCredentials;
import io.routedesk.secrets.CredentialStoreSelector;
import io.routedesk.service.SignInService;
import io.routedesk.store.AccountSettingsStore;
import io.routedesk.store.AppDirs;
import java.time.Clock;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's account back end: where API keys go (the OS keystore, or memory for this run), the
 * account list in the config folder, the sign-in service with its IO executor, and the built-in
 * sandbox, started only when it is opened. One per run (the window is rebuilt for each account;
 * this is not). Used by the app and by the end-to-end tests, so both run the same wiring.
 */
public final class AccountsWiring implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AccountsWiring.class);

  /** Keystore and disk work: two threads, so a slow keystore prompt never blocks the rest. */
  public final ExecutorService io;

  public final CredentialStoreSelector keys;
  public final AccountSettingsStore settings;
  public final SignInService signIn;
  private final EmbeddedSandbox sandbox;

  /**
   * @param keys where keys are kept; the wiring closes it
   * @param sandboxSeed the demo account of the built-in sandbox
   */
  public AccountsWiring(AppDirs dirs, CredentialStoreSelector keys, DemoSeed sandboxSeed) {
    this.io =
        Executors.newFixedThreadPool(
            2, Thread.ofPlatform().daemon().name("routedesk-io-", 0).factory());
    this.keys = Objects.requireNonNull(keys, "keys");
    this.settings = AccountSettingsStore.in(dirs);
    this.sandbox = new EmbeddedSandbox(sandboxSeed, dirs.data());
    this.signIn =
        new SignInService(
            keys,
            settings,
            AccountsWiring::okHttpClient,
            sandbox::newClient,
            io,
            Clock.systemUTC());
  }

  /** The real thing: the operating system's keystore (or memory when there is none). */
  public static AccountsWiring forThisSystem(AppDirs dirs, DemoSeed sandboxSeed) {
    return new AccountsWiring(dirs, CredentialStoreSelector.forThisSystem(), sandboxSeed);
  }

  /**
   * The {@link io.routedesk.service.FlowrouteClientFactory} of the app: an OkHttp client that keeps
   * its own copy of the keys (as the Basic auth header), since the caller clears {@code
   * credentials} right after.
   */
  static FlowrouteClient okHttpClient(String baseUrl, ApiCredentials credentials) {
    char[] secret = credentials.secretKey();
    try {
      return OkHttpFlowrouteClient.builder()
          .baseUrl(baseUrl)
          .credentials(credentials.accessKey(), new String(secret))
          .build();
    } finally {
      Arrays.fill(secret, '\0');
    }
  }

  /**
   * Puts the demo account back in the built-in sandbox (which must be running), on the IO threads;
   * completes once that is saved.
   */
  public CompletableFuture<Void> resetSandbox() {
    return CompletableFuture.runAsync(
        () -> {
          try {
            sandbox.reset();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompletionException(e);
          }
        },
        io);
  }

  /**
   * What to tell the user about the sandbox's saved account (it was damaged and set aside), once;
   * null when there is nothing to tell.
   */
  public String takeSandboxStartProblem() {
    return sandbox.takeStartProblem();
  }

  /** True once the built-in sandbox was started (it starts when first opened). */
  public boolean isSandboxRunning() {
    return sandbox.isRunning();
  }

  /**
   * Closes the open account's client, the sandbox and the keystore connection (wiping keys held in
   * memory), off the calling thread, waiting at most a few seconds. Idempotent.
   */
  @Override
  public synchronized void close() {
    if (io.isShutdown()) {
      return;
    }
    io.execute(
        () -> {
          signIn.close();
          sandbox.close();
          keys.close();
        });
    io.shutdown();
    try {
      if (!io.awaitTermination(5, TimeUnit.SECONDS)) {
        LOG.warn("The keystore or the sandbox took more than 5 s to close; not waiting longer");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
