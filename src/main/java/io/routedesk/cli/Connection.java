package io.routedesk.cli;

import io.routedesk.flowroute.FlowrouteClient;
import io.routedesk.flowroute.OkHttpFlowrouteClient;
import io.routedesk.service.OpenOutcome;
import io.routedesk.service.SignInService;
import io.routedesk.store.AccountProfile;
import io.routedesk.store.AccountSettings;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** A Flowroute client for a command: a window account (--account) or an address (--api-url). */
final class Connection implements AutoCloseable {
  private final FlowrouteClient client;
  private final String accountName;
  private final AutoCloseable owner;

  private Connection(FlowrouteClient client, String accountName, AutoCloseable owner) {
    this.client = client;
    this.accountName = accountName;
    this.owner = owner;
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
    return new Connection(client, address, client);
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
            new Connection(opened.session().client(), profile.displayName(), access);
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
