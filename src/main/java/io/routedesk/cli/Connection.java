package io.routedesk.cli;

import io.routedesk.flowroute.FlowrouteClient;
import io.routedesk.flowroute.OkHttpFlowrouteClient;
import io.routedesk.service.OpenOutcome;
import io.routedesk.service.SignInService;
import io.routedesk.store.AccountProfile;
import io.routedesk.store.AccountSettings;
import io.routedesk.store.AccountSettingsStore;
import io.routedesk.store.AppDirs;
import io.routedesk.store.ApplyLock;
import io.routedesk.store.LocalStore;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** A Flowroute client for a command: a window account (--account) or an address (--api-url). */
final class Connection implements AutoCloseable {
  /** How long a command waits for a window's batch to end, as the change engine does. */
  private static final Duration LOCK_WAIT = Duration.ofSeconds(30);

  private final FlowrouteClient client;
  private final String accountName;
  private final AutoCloseable owner;
  private final Supplier<LocalStore> store;
  private final List<SameAccount> windowAccounts;

  /**
   * A window account that may be the one --api-url names: its apply lock is held while the command
   * sends.
   */
  private record SameAccount(String name, ApplyLock lock) {}

  /** Locks held while a command sends; closing releases them. */
  interface Locks extends AutoCloseable {
    @Override
    void close();
  }

  private Connection(
      FlowrouteClient client,
      String accountName,
      AutoCloseable owner,
      Supplier<LocalStore> store,
      List<SameAccount> windowAccounts) {
    this.client = client;
    this.accountName = accountName;
    this.owner = owner;
    this.store = store;
    this.windowAccounts = windowAccounts;
  }

  /**
   * Opens the database whose journal records the changes this command sends, and its history: with
   * --account the window account's own (shared with the window: same history, same lock against
   * sending at once); with --api-url one of its own in the data folder, for that address and access
   * key, so every apply through it is journaled, resumable and undoable too. The caller closes it.
   */
  LocalStore openStore() {
    return store.get();
  }

  /**
   * Holds, while the command sends, the apply lock of every window account that may be the same
   * Flowroute account as --api-url (the same address and the same last four characters of the
   * access key): the window and a command never send to one account at once, although their
   * histories are kept apart. Nothing to hold for --account, whose engine takes that account's own
   * lock. Waits as the engine does for a batch of the window to end, then refuses.
   */
  Locks holdWindowAccountLocks() throws InterruptedException {
    List<ApplyLock.Held> held = new ArrayList<>();
    Locks release = () -> held.reversed().forEach(ApplyLock.Held::close);
    try {
      for (SameAccount same : windowAccounts) {
        held.add(
            same.lock()
                .acquire(LOCK_WAIT)
                .orElseThrow(
                    () ->
                        new CliException(
                            ExitCodes.ERRORS,
                            "The RouteDesk window is sending changes to “"
                                + same.name()
                                + "”, which has the same API address and access key. Nothing was"
                                + " sent; try again when it has finished.")));
      }
      return release;
    } catch (RuntimeException | InterruptedException e) {
      held.reversed().forEach(ApplyLock.Held::close);
      throw e;
    }
  }

  FlowrouteClient client() {
    return client;
  }

  /** The account's name for messages: the window's name, or the API address. */
  String accountName() {
    return accountName;
  }

  static Connection open(CommonOptions options, CliContext context) {
    if (options.account != null && options.apiUrl != null) {
      throw new CliException(ExitCodes.USAGE, "Give --account or --api-url, not both.");
    }
    return options.apiUrl != null
        ? byAddress(options.apiUrl, context)
        : byAccount(options.account, context);
  }

  private static Connection byAddress(String url, CliContext context) {
    String address = url.strip().replaceAll("/+$", "");
    Optional<String> bad = AccountProfile.checkBaseUrl(address);
    if (bad.isPresent()) {
      throw new CliException(ExitCodes.USAGE, "--api-url: " + bad.get());
    }
    String access = context.env().get(CommonOptions.ACCESS_KEY_ENV);
    String secret = context.env().get(CommonOptions.SECRET_KEY_ENV);
    if (access == null || access.isBlank() || secret == null || secret.isBlank()) {
      throw new CliException(
          ExitCodes.ERRORS,
          "--api-url needs the API keys in the environment variables "
              + CommonOptions.ACCESS_KEY_ENV
              + " and "
              + CommonOptions.SECRET_KEY_ENV
              + " (never on the command line, where other users and shell history see them).");
    }
    FlowrouteClient client =
        OkHttpFlowrouteClient.builder()
            .baseUrl(address)
            .credentials(access.strip(), secret.strip())
            .build();
    String identity = "api " + sameAddress(address) + " " + access.strip();
    return new Connection(
        client,
        address,
        client,
        () -> LocalStore.open(context.dirs(), identity),
        windowAccountsLike(context.dirs(), address, access.strip()));
  }

  /** The address as one key whatever its spelling: scheme and host in lower case. */
  private static String sameAddress(String address) {
    URI uri = URI.create(address);
    String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
    return uri.getScheme().toLowerCase(Locale.ROOT)
        + "://"
        + uri.getHost().toLowerCase(Locale.ROOT)
        + port
        + Objects.toString(uri.getRawPath(), "");
  }

  /** Window accounts at this address whose access key ends the same (the window keeps no more). */
  private static List<SameAccount> windowAccountsLike(AppDirs dirs, String address, String access) {
    String key = sameAddress(address);
    String last4 = access.substring(Math.max(0, access.length() - 4));
    return AccountSettingsStore.in(dirs).current().accounts().stream()
        .filter(p -> !p.isSandbox() && p.apiBaseUrl() != null)
        .filter(p -> sameAddress(p.apiBaseUrl().strip().replaceAll("/+$", "")).equals(key))
        .filter(p -> p.accessKeyLast4().equals(last4))
        .map(
            p ->
                new SameAccount(
                    p.displayName(), ApplyLock.forDatabase(LocalStore.databaseFile(dirs, p.id()))))
        .toList();
  }

  private static Connection byAccount(String name, CliContext context) {
    AccountAccess access = context.accounts().get();
    try {
      SignInService signIn = access.signIn();
      AccountSettings settings = signIn.accounts().join();
      AccountProfile profile = name == null ? lastUsed(settings) : find(settings, name);
      OpenOutcome outcome = signIn.openWithoutRemembering(profile.id()).join();
      return switch (outcome) {
        case OpenOutcome.Opened opened ->
            new Connection(
                opened.session().client(),
                profile.displayName(),
                access,
                () -> access.openStore(profile.id()),
                List.of());
        case OpenOutcome.NeedsKeys needs ->
            throw new CliException(
                ExitCodes.ERRORS,
                needs.message()
                    + " Open RouteDesk and sign in to "
                    + profile.displayName()
                    + ", or use --api-url with the keys in the environment.");
        case OpenOutcome.Failed failed ->
            throw new CliException(ExitCodes.ERRORS, failed.message());
        case OpenOutcome.NoAccount none ->
            throw new CliException(ExitCodes.ERRORS, "RouteDesk knows no account yet.");
      };
    } catch (RuntimeException e) {
      access.close();
      throw e;
    }
  }

  private static AccountProfile lastUsed(AccountSettings settings) {
    return settings
        .lastUsed()
        .orElseThrow(
            () ->
                new CliException(
                    ExitCodes.ERRORS,
                    "No account was used in the RouteDesk window yet. Give --account NAME"
                        + known(settings)
                        + ", or --api-url URL with the keys in the environment."));
  }

  private static AccountProfile find(AccountSettings settings, String name) {
    Optional<AccountProfile> byId = settings.find(name);
    if (byId.isPresent()) {
      return byId.get();
    }
    String wanted = name.strip().toLowerCase(Locale.ROOT);
    List<AccountProfile> byName =
        settings.accounts().stream()
            .filter(p -> p.displayName().strip().toLowerCase(Locale.ROOT).equals(wanted))
            .toList();
    if (byName.size() == 1) {
      return byName.getFirst();
    }
    if (byName.size() > 1) {
      throw new CliException(
          ExitCodes.ERRORS,
          "Several accounts are named “"
              + name
              + "”; give the id instead: "
              + byName.stream().map(AccountProfile::id).collect(Collectors.joining(", "))
              + ".");
    }
    throw new CliException(
        ExitCodes.ERRORS, "RouteDesk has no account named “" + name + "”." + known(settings));
  }

  private static String known(AccountSettings settings) {
    if (settings.accounts().isEmpty()) {
      return "";
    }
    return " Known accounts: "
        + settings.accounts().stream()
            .map(p -> "“" + p.displayName() + "” (id " + p.id() + ")")
            .collect(Collectors.joining(", "))
        + ".";
  }

  @Override
  public void close() {
    try {
      owner.close();
    } catch (Exception e) {
      // Closing at exit: nothing left to tell the user about.
    }
  }
}
