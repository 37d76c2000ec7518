package io.routedesk.testing;

import io.routedesk.flowroute.FlowrouteClient;
import io.routedesk.secrets.ApiCredentials;
import io.routedesk.secrets.CredentialStore;
import io.routedesk.secrets.CredentialStoreSelector;
import io.routedesk.secrets.InMemoryCredentialStore;
import io.routedesk.secrets.SessionOnlyCredentialStore;
import io.routedesk.service.SignInService;
import io.routedesk.store.AccountSettingsStore;
import io.routedesk.store.AppDirs;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * A {@link SignInService} over a temporary AppDirs root, an in-memory "keystore" and a fake
 * Flowroute. {@link #restart()} simulates quitting and starting RouteDesk again: the session-only
 * memory is gone, the account file is read afresh, the keystore keeps its entries.
 */
public final class SignInFixture implements AutoCloseable {
  public static final String ACCESS_KEY = "31415926";
  public static final String SECRET = "s3cr3t-Zebra-Quokka-7741";

  public final AppDirs dirs;
  public final CredentialStore keystore;
  public final FakeFlowrouteClientFactory flowroute =
      new FakeFlowrouteClientFactory(ACCESS_KEY, SECRET);
  public final Clock clock = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);
  private final Executor ioExecutor;
  private final Supplier<FlowrouteClient> sandbox;
  public SessionOnlyCredentialStore sessionStore;
  public CredentialStoreSelector selector;
  public AccountSettingsStore settings;
  public SignInService service;

  public SignInFixture(Path root, CredentialStore keystore, Executor io) {
    this.dirs = AppDirs.under(root);
    this.keystore = keystore;
    this.ioExecutor = io;
    this.sandbox = () -> flowroute.create("http://127.0.0.1:1", sandboxKeys());
    start();
  }

  /** Same-thread executor: every future is complete when the call returns. */
  public static SignInFixture sameThread(Path root) {
    return new SignInFixture(root, InMemoryCredentialStore.working(), Runnable::run);
  }

  private static ApiCredentials sandboxKeys() {
    return ApiCredentials.of("sandbox", "sandbox".toCharArray());
  }

  private void start() {
    sessionStore = new SessionOnlyCredentialStore();
    selector = new CredentialStoreSelector(keystore, sessionStore);
    settings = AccountSettingsStore.in(dirs);
    service = new SignInService(selector, settings, flowroute, sandbox, ioExecutor, clock);
  }

  /** Quit and start again (keystore entries survive, memory does not). */
  public void restart() {
    service.close();
    sessionStore.close();
    start();
  }

  @Override
  public void close() {
    service.close();
    sessionStore.close();
  }
}
