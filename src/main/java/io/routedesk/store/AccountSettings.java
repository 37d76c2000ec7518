package io.routedesk.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The accounts RouteDesk knows (several real ones plus the built-in sandbox, which is always there)
 * and which one was used last. Immutable; every change returns a new instance.
 *
 * @param accounts in the order they were added; ids are unique
 * @param lastUsedAccountId the account to open at start-up, or null when none was opened yet
 */
public record AccountSettings(List<AccountProfile> accounts, String lastUsedAccountId) {

  public AccountSettings {
    Objects.requireNonNull(accounts, "accounts");
    List<AccountProfile> all = new ArrayList<>(accounts.size() + 1);
    Set<String> ids = new HashSet<>();
    for (AccountProfile profile : accounts) {
      Objects.requireNonNull(profile, "account");
      if (!ids.add(profile.id())) {
        throw new IllegalArgumentException("Account id " + profile.id() + " appears twice.");
      }
      all.add(profile);
    }
    if (!ids.contains(AccountProfile.SANDBOX_ID)) {
      all.add(AccountProfile.sandbox());
      ids.add(AccountProfile.SANDBOX_ID);
    }
    accounts = List.copyOf(all);
    if (lastUsedAccountId != null && !ids.contains(lastUsedAccountId)) {
      lastUsedAccountId = null;
    }
  }

  /** First run: only the sandbox, nothing used yet. */
  public static AccountSettings initial() {
    return new AccountSettings(List.of(), null);
  }

  public Optional<AccountProfile> find(String accountId) {
    return accounts.stream().filter(a -> a.id().equals(accountId)).findFirst();
  }

  /** The account opened last, if any. */
  public Optional<AccountProfile> lastUsed() {
    return lastUsedAccountId == null ? Optional.empty() : find(lastUsedAccountId);
  }

  /** The real Flowroute accounts, sandbox excluded. */
  public List<AccountProfile> realAccounts() {
    return accounts.stream().filter(a -> !a.isSandbox()).toList();
  }

  /** Adds the profile, or replaces the one with the same id in place. */
  public AccountSettings withAccount(AccountProfile profile) {
    Objects.requireNonNull(profile, "profile");
    List<AccountProfile> next = new ArrayList<>(accounts);
    boolean replaced = false;
    for (int i = 0; i < next.size(); i++) {
      if (next.get(i).id().equals(profile.id())) {
        next.set(i, profile);
        replaced = true;
      }
    }
    if (!replaced) {
      next.add(profile);
    }
    return new AccountSettings(next, lastUsedAccountId);
  }

  /** Removes a real account (no-op if unknown); the sandbox cannot be removed. */
  public AccountSettings withoutAccount(String accountId) {
    if (AccountProfile.SANDBOX_ID.equals(accountId)) {
      throw new IllegalArgumentException("The built-in sandbox cannot be removed.");
    }
    List<AccountProfile> next = accounts.stream().filter(a -> !a.id().equals(accountId)).toList();
    return new AccountSettings(
        next, accountId.equals(lastUsedAccountId) ? null : lastUsedAccountId);
  }

  /** Records that the account was opened now: it becomes the last used one. */
  public AccountSettings markUsed(String accountId, Instant when) {
    AccountProfile profile =
        find(accountId)
            .orElseThrow(() -> new IllegalArgumentException("Unknown account " + accountId + "."));
    return new AccountSettings(withAccount(profile.withLastUsed(when)).accounts(), accountId);
  }
}
