package io.routedesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxMainTest {

  @Test
  void defaultsAreTheSmallDemoAccountWithDemoKeysAndNoFaults() throws Exception {
    SandboxMain.Settings s = SandboxMain.parse(new String[0]);

    assertThat(s.help()).isFalse();
    assertThat(s.port()).isZero();
    assertThat(s.demoSeed()).isEqualTo(DemoSeed.small());
    assertThat(s.accessKey()).isEqualTo(FlowrouteSandbox.DEMO_ACCESS_KEY);
    assertThat(s.secretKey()).isEqualTo(FlowrouteSandbox.DEMO_SECRET_KEY);
    assertThat(s.faults().describe()).isEqualTo("none");
    assertThat(s.options().duplicateAliasForbidden()).isTrue();
  }

  @Test
  void everyOptionIsParsed() throws Exception {
    SandboxMain.Settings s =
        SandboxMain.parse(
            new String[] {
              "--port",
              "18080",
              "--size=large",
              "--routes",
              "12",
              "--seed",
              "5",
              "--access-key",
              "12345678",
              "--secret-key",
              "abc",
              "--latency",
              "100",
              "--jitter=50",
              "--rate-limit",
              "2.5",
              "--retry-after",
              "--error-rate",
              "0.2",
              "--drop-rate",
              "0.05",
              "--drop-after-commit-rate",
              "0.1",
              "--slow-body",
              "2048",
              "--strict-content-type",
              "--allow-duplicate-aliases",
              "--primary-after-removal",
              "sip-reg",
              "--unknown-route-status",
              "422",
              "--page-size-over-max",
              "clamp",
              "--multi-number-details",
              "v2-naming",
              "--multi-number-details-max",
              "30"
            });

    assertThat(s.port()).isEqualTo(18080);
    assertThat(s.demoSeed()).isEqualTo(DemoSeed.of(DemoSeed.LARGE_NUMBERS, 12, 5));
    assertThat(s.accessKey()).isEqualTo("12345678");
    assertThat(s.secretKey()).isEqualTo("abc");
    Faults f = s.faults();
    assertThat(f.latencyMillis()).isEqualTo(100);
    assertThat(f.jitterMillis()).isEqualTo(50);
    assertThat(f.retryAfterHeader()).isTrue();
    assertThat(f.serverErrorRate()).isEqualTo(0.1);
    assertThat(f.unavailableRate()).isEqualTo(0.1);
    assertThat(f.dropRate()).isEqualTo(0.05);
    assertThat(f.dropAfterCommitRate()).isEqualTo(0.1);
    assertThat(f.slowBodyBytesPerSecond()).isEqualTo(2048);
    assertThat(f.seed()).isEqualTo(5);
    assertThat(f.describe()).contains("rate limit 2.5 req/s");
    SandboxOptions o = s.options();
    assertThat(o.contentTypePolicy()).isEqualTo(SandboxOptions.ContentTypePolicy.STRICT);
    assertThat(o.duplicateAliasForbidden()).isFalse();
    assertThat(o.primaryAfterRemoval()).isEqualTo(SandboxOptions.PrimaryAfterRemoval.SIP_REG);
    assertThat(o.unknownRouteOnAssignStatus()).isEqualTo(422);
    assertThat(o.pageSizePolicy()).isEqualTo(SandboxOptions.PageSizePolicy.CLAMP);
    assertThat(o.multiNumberDetails()).isEqualTo(SandboxOptions.MultiNumberDetails.V2_NAMING);
    assertThat(o.multiNumberDetailsMax()).isEqualTo(30);
  }

  @Test
  void mistakesNameTheOption() {
    assertUsage(new String[] {"--size", "huge"}, "--size must be small or large");
    assertUsage(
        new String[] {"--multi-number-details", "maybe"},
        "--multi-number-details must be on, off, 404 or v2-naming");
    assertUsage(new String[] {"--drop-rate", "2"}, "--drop-rate must be from 0.0 to 1.0");
    assertUsage(new String[] {"--latency", "soon"}, "--latency needs a whole number");
    assertUsage(new String[] {"--port"}, "--port needs a value");
    assertUsage(new String[] {"--verbose"}, "unknown option --verbose");
    assertUsage(new String[] {"start"}, "unexpected argument \"start\"");
    assertUsage(new String[] {"--unknown-route-status", "500"}, "must be 404 or 422");
  }

  @Test
  void helpPrintsUsageAndStartsNothing() throws Exception {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    FlowrouteSandbox sandbox =
        SandboxMain.start(
            new String[] {"--help"}, new PrintStream(buffer, true, StandardCharsets.UTF_8));

    assertThat(sandbox).isNull();
    assertThat(buffer.toString(StandardCharsets.UTF_8))
        .contains("Usage: routedesk sandbox")
        .contains("--drop-after-commit-rate");
  }

  @Test
  void startPrintsBaseUrlAndKeysAndServes() throws Exception {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);

    try (FlowrouteSandbox sandbox =
        SandboxMain.start(
            new String[] {"--numbers", "4", "--routes", "3", "--latency", "1"}, out)) {
      String banner = buffer.toString(StandardCharsets.UTF_8);
      assertThat(banner)
          .contains("Base URL:    " + sandbox.baseUrl())
          .contains("Access key:  sandbox")
          .contains("Secret key:  sandbox-demo-secret")
          .contains("4 numbers, 4 routes")
          .contains("latency 1 ms");
      assertThat(new SandboxHttp(sandbox).get("/v2/numbers").json().get("data")).hasSize(4);
    }
  }

  @Test
  void aChosenSecretIsNotPrinted() throws Exception {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);

    try (FlowrouteSandbox sandbox =
        SandboxMain.start(
            new String[] {"--secret-key", "my-private-secret", "--numbers", "1"}, out)) {
      assertThat(buffer.toString(StandardCharsets.UTF_8)).doesNotContain("my-private-secret");
      assertThat(sandbox.secretKey()).isEqualTo("my-private-secret");
    }
  }

  @Test
  void theSecretKeyMayComeFromTheEnvironmentSoNoProcessListShowsIt() throws Exception {
    Map<String, String> env = Map.of(SandboxMain.SECRET_KEY_VARIABLE, "from-the-environment");

    assertThat(SandboxMain.parse(new String[0], env).secretKey()).isEqualTo("from-the-environment");
    // The command line, when it gives one, is what the user asked for this time.
    assertThat(SandboxMain.parse(new String[] {"--secret-key", "typed"}, env).secretKey())
        .isEqualTo("typed");
    assertThatThrownBy(
            () -> SandboxMain.parse(new String[0], Map.of(SandboxMain.SECRET_KEY_VARIABLE, " ")))
        .isInstanceOf(SandboxMain.UsageException.class)
        .hasMessageContaining(SandboxMain.SECRET_KEY_VARIABLE + " must not be blank");
  }

  @Test
  void theSecretKeyMayComeFromAFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("secret.txt");
    Files.writeString(file, "from-a-file\n", StandardCharsets.UTF_8);
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);

    try (FlowrouteSandbox sandbox =
        SandboxMain.start(
            new String[] {"--secret-key-file", file.toString(), "--numbers", "1"}, out)) {
      assertThat(sandbox.secretKey()).isEqualTo("from-a-file");
      assertThat(buffer.toString(StandardCharsets.UTF_8))
          .doesNotContain("from-a-file")
          .contains("Secret key:  (the one you gave; not shown)");
    }
  }

  @Test
  void aSecretKeyFileThatCannotServeIsAUsageError(@TempDir Path dir) throws Exception {
    Path empty = Files.writeString(dir.resolve("empty.txt"), "\n");
    Path full = Files.writeString(dir.resolve("full.txt"), "b\n");
    assertUsage(
        new String[] {"--secret-key-file", dir.resolve("missing.txt").toString()},
        "--secret-key-file: cannot read");
    assertUsage(new String[] {"--secret-key-file", empty.toString()}, "holds no key");
    assertUsage(
        new String[] {"--secret-key", "a", "--secret-key-file", full.toString()},
        "give the secret key once");
  }

  private static void assertUsage(String[] args, String message) {
    assertThatThrownBy(() -> SandboxMain.parse(args))
        .isInstanceOf(SandboxMain.UsageException.class)
        .hasMessageContaining(message);
  }
}
