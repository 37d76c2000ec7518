package io.routedesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.routedesk.domain.Route;
import io.routedesk.domain.RouteType;
import io.routedesk.domain.VoiceSlot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxStateFileTest {
  @TempDir Path dir;

  private SandboxStateFile file() {
    return new SandboxStateFile(dir.resolve("sandbox-account.json"), DemoSeed.small());
  }

  @Test
  void withNoFileTheDemoAccountLoadsWithoutComplaint() {
    SandboxStateFile.Loaded loaded = file().load();

    assertThat(loaded.problem()).isNull();
    assertThat(loaded.account().state()).isEqualTo(SandboxAccount.seeded(DemoSeed.small()).state());
  }

  @Test
  void whatWasWrittenLoadsAgainAsItWas() throws Exception {
    SandboxAccount account = SandboxAccount.seeded(DemoSeed.small());
    Route added = account.addRoute(RouteType.URI, "sip:new@example.com", "added", 2);
    String number = account.numbers().getFirst().number();
    account.assign(number, VoiceSlot.PRIMARY, added.id());
    account.assign(number, VoiceSlot.FAILOVER, null);

    file().write(account.state());
    SandboxStateFile.Loaded loaded = file().load();

    assertThat(loaded.problem()).isNull();
    assertThat(loaded.account().state()).isEqualTo(account.state());
    // The id sequence carries on where it was: a new route never takes an old one's id.
    Route next = loaded.account().addRoute(RouteType.HOST, "h.example.com", "next", null);
    assertThat(Long.parseLong(next.id())).isEqualTo(Long.parseLong(added.id()) + 1);
  }

  @Test
  void aDamagedFileIsKeptAsideAndTheDemoStartsWithAMessageSayingSo() throws Exception {
    Path saved = dir.resolve("sandbox-account.json");
    Files.writeString(saved, "{\"format\":1,\"demo\":{\"numb", StandardCharsets.UTF_8);

    SandboxStateFile.Loaded loaded = file().load();

    assertThat(loaded.account().state()).isEqualTo(SandboxAccount.seeded(DemoSeed.small()).state());
    List<Path> aside = filesStartingWith("sandbox-account.json.damaged-");
    assertThat(aside).hasSize(1);
    assertThat(Files.readString(aside.getFirst())).startsWith("{\"format\":1,\"demo\"");
    assertThat(loaded.problem())
        .contains("was damaged", "starts again from the demo account", aside.getFirst().toString());
  }

  @Test
  void aFileThatDoesNotHoldTogetherCountsAsDamaged() throws Exception {
    SandboxAccount account = SandboxAccount.seeded(DemoSeed.small());
    file().write(account.state());
    Path saved = dir.resolve("sandbox-account.json");
    // A number routed to a route the file does not have.
    String text = Files.readString(saved);
    String firstRouteId = account.routes().get(1).id();
    Files.writeString(saved, text.replace("\"id\":\"" + firstRouteId + "\"", "\"id\":\"1\""));

    SandboxStateFile.Loaded loaded = file().load();

    assertThat(loaded.problem()).contains("was damaged");
    assertThat(filesStartingWith("sandbox-account.json.damaged-")).hasSize(1);
  }

  @Test
  void aFileOfAnotherDemoIsNotReadIntoThisOne() throws Exception {
    new SandboxStateFile(dir.resolve("sandbox-account.json"), DemoSeed.of(3, 2, 7))
        .write(SandboxAccount.seeded(DemoSeed.of(3, 2, 7)).state());

    SandboxStateFile.Loaded loaded = file().load();

    assertThat(loaded.problem()).isNull();
    assertThat(loaded.account().numberCount()).isEqualTo(DemoSeed.SMALL_NUMBERS);
  }

  @Test
  void theDemoAfterAResetKeepsTheIdSequenceGoing() {
    SandboxAccount account = SandboxAccount.seeded(DemoSeed.small());
    Route added = account.addRoute(RouteType.HOST, "h.example.com", "mine", null);

    SandboxAccount.State demo = file().demoAfter(account.state());
    account.replaceWith(demo);

    assertThat(account.routes()).isEqualTo(SandboxAccount.seeded(DemoSeed.small()).routes());
    Route next = account.addRoute(RouteType.HOST, "h2.example.com", "after", null);
    assertThat(Long.parseLong(next.id())).isGreaterThan(Long.parseLong(added.id()));
  }

  @Test
  void replaceWithRefusesAStateThatDoesNotHoldTogetherAndChangesNothing() {
    SandboxAccount account = SandboxAccount.seeded(DemoSeed.small());
    SandboxAccount.State before = account.state();
    SandboxAccount.NumberState lost =
        new SandboxAccount.NumberState(before.numbers().getFirst().number(), "424242", null);
    SandboxAccount.State broken =
        new SandboxAccount.State(before.nextRouteId(), before.routes(), List.of(lost));

    assertThatThrownBy(() -> account.replaceWith(broken))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("424242");
    assertThat(account.state()).isEqualTo(before);
  }

  @Test
  void autosaveWritesEveryChangeAndTheLastOnClose() throws Exception {
    SandboxStateFile file = file();
    SandboxAccount account = SandboxAccount.seeded(DemoSeed.small());
    try (SandboxAutosave autosave = new SandboxAutosave(account, file)) {
      account.addRoute(RouteType.HOST, "first.example.com", "first", null);
      autosave.flush();
      assertThat(aliases(file.load().account())).contains("first");

      account.addRoute(RouteType.HOST, "second.example.com", "second", null);
    }
    // Closed right after the change: the close wrote it.
    assertThat(aliases(file.load().account())).contains("first", "second");
    assertThat(filesStartingWith("sandbox-account.json.")).isEmpty(); // no temp files left
  }

  private static List<String> aliases(SandboxAccount account) {
    return account.routes().stream().map(Route::alias).toList();
  }

  private List<Path> filesStartingWith(String prefix) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
    }
  }
}
