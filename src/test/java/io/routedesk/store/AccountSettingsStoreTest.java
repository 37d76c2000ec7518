package io.routedesk.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountSettingsStoreTest {
  @TempDir Path root;

  private static AccountProfile real(String id, String name) {
    return new AccountProfile(
        id, name, AccountProfile.Kind.REAL, "5678", AccountProfile.FLOWROUTE_API, null);
  }

  @Test
  void firstRunHasOnlyTheSandboxAndNoLastAccount() {
    AccountSettingsStore store = AccountSettingsStore.in(AppDirs.under(root));

    AccountSettingsStore.LoadReport report = store.load();

    assertThat(report.problem()).isEmpty();
    assertThat(report.settings().accounts()).containsExactly(AccountProfile.sandbox());
    assertThat(report.settings().lastUsed()).isEmpty();
    assertThat(store.file()).doesNotExist();
  }

  @Test
  void keepsSeveralAccountsAndTheLastUsedOneAcrossRestarts() throws IOException {
    AccountSettingsStore store = AccountSettingsStore.in(AppDirs.under(root));
    Instant when = Instant.parse("2026-11-27T09:30:00Z");
    store.update(s -> s.withAccount(real("fr-a", "Main office")));
    store.update(s -> s.withAccount(real("fr-b", "Reseller")).markUsed("fr-b", when));

    AccountSettings reread = AccountSettingsStore.in(AppDirs.under(root)).current();

    assertThat(reread.realAccounts())
        .extracting(AccountProfile::displayName)
        .containsExactly("Main office", "Reseller");
    assertThat(reread.find(AccountProfile.SANDBOX_ID)).isPresent();
    assertThat(reread.lastUsed().orElseThrow().id()).isEqualTo("fr-b");
    assertThat(reread.lastUsed().orElseThrow().lastUsed()).isEqualTo(when);
    assertThat(reread.find("fr-b").orElseThrow().maskedAccessKey()).isEqualTo("••••5678");
  }

  @Test
  void writesAtomicallyAndLeavesNoTemporaryFiles() throws IOException {
    AccountSettingsStore store = AccountSettingsStore.in(AppDirs.under(root));
    for (int i = 0; i < 5; i++) {
      String id = "fr-" + i;
      store.update(s -> s.withAccount(real(id, "Account " + id)));
    }

    try (Stream<Path> files = Files.list(root.resolve("config"))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("accounts.json");
    }
    assertThat(Files.readString(store.file())).contains("\"format\" : 1").contains("fr-4");
  }

  @Test
  void aCorruptFileIsMovedAsideAndReportedNotFatal() throws IOException {
    Path config = Files.createDirectories(root.resolve("config"));
    Path file = config.resolve(AccountSettingsStore.FILE_NAME);
    Files.writeString(file, "{\"format\": 1, \"accounts\": [ {\"id\": \"fr-a\", ");

    AccountSettingsStore store = AccountSettingsStore.in(AppDirs.under(root));
    AccountSettingsStore.LoadReport report = store.load();

    assertThat(report.settings()).isEqualTo(AccountSettings.initial());
    Path aside = report.movedAsideTo().orElseThrow();
    assertThat(aside.getFileName().toString()).startsWith("accounts.json.corrupt-");
    assertThat(Files.readString(aside)).startsWith("{\"format\": 1, \"accounts\"");
    assertThat(file).doesNotExist();
    assertThat(report.problem().orElseThrow()).contains("damaged").contains(aside.toString());

    // Work goes on: the next change writes a fresh file and the damaged one stays aside.
    store.update(s -> s.withAccount(real("fr-new", "New")));
    assertThat(AccountSettingsStore.in(AppDirs.under(root)).current().find("fr-new")).isPresent();
    assertThat(aside).exists();
  }

  @Test
  void validJsonWithBadContentIsAlsoMovedAside() throws IOException {
    Path config = Files.createDirectories(root.resolve("config"));
    Files.writeString(
        config.resolve(AccountSettingsStore.FILE_NAME),
        "{\"format\": 1, \"accounts\": [{\"displayName\": \"no id\", \"kind\": \"REAL\"}]}");

    AccountSettingsStore.LoadReport report = AccountSettingsStore.in(AppDirs.under(root)).load();

    assertThat(report.movedAsideTo()).isPresent();
    assertThat(report.problem().orElseThrow()).contains("has no id");
  }

  @Test
  void aFailedWriteKeepsThePreviousSettings() throws IOException {
    Path notAFolder = Files.writeString(root.resolve("config"), "a file where the folder goes");
    AccountSettingsStore store = new AccountSettingsStore(notAFolder);

    assertThatThrownBy(() -> store.update(s -> s.withAccount(real("fr-a", "A"))))
        .isInstanceOf(IOException.class);
    assertThat(store.current()).isEqualTo(AccountSettings.initial());
  }

  @Test
  void settingsRules() {
    AccountSettings settings =
        AccountSettings.initial().withAccount(real("fr-a", "A")).markUsed("fr-a", Instant.EPOCH);

    assertThat(settings.withoutAccount("fr-a").lastUsed()).isEmpty();
    assertThatThrownBy(() -> settings.withoutAccount(AccountProfile.SANDBOX_ID))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AccountSettings(List.of(real("x", "1"), real("x", "2")), null))
        .hasMessageContaining("appears twice");
    assertThat(settings.withAccount(real("fr-a", "Renamed")).realAccounts())
        .extracting(AccountProfile::displayName)
        .containsExactly("Renamed");
  }

  @Test
  void profileRules() {
    assertThat(AccountProfile.checkBaseUrl("https://api.flowroute.com")).isEmpty();
    assertThat(AccountProfile.checkBaseUrl("http://127.0.0.1:8080")).isEmpty();
    assertThat(AccountProfile.checkBaseUrl("http://api.flowroute.com").orElseThrow())
        .contains("https://");
    assertThat(AccountProfile.checkBaseUrl("https://user:pw@api.flowroute.com")).isPresent();
    assertThat(AccountProfile.checkBaseUrl("ftp://x")).isPresent();
    assertThatThrownBy(
            () ->
                new AccountProfile(
                    "fr-a", "A", AccountProfile.Kind.REAL, "12345678", "https://x.y", null))
        .hasMessageContaining("last 4");
    assertThatThrownBy(
            () ->
                new AccountProfile(
                    "../etc", "A", AccountProfile.Kind.REAL, "", "https://x.y", null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
