package io.routedesk.service;

import static io.routedesk.testing.SignInFixture.ACCESS_KEY;
import static io.routedesk.testing.SignInFixture.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import io.routedesk.flowroute.FlowrouteException;
import io.routedesk.secrets.CredentialStoreException;
import io.routedesk.secrets.InMemoryCredentialStore;
import io.routedesk.testing.SignInFixture;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs in, uses, fails and signs out with distinctive keys, logging everything at DEBUG into the
 * AppDirs log folder, then searches every file under the AppDirs root (config, data, logs) for the
 * secret and the full access key, in the encodings a leak could take.
 */
class SecretLeakTest {
  private static final String WRONG_SECRET = "wrong-Walrus-Pelican-0934";

  @TempDir Path root;
  private FileAppender<ILoggingEvent> appender;
  private Level rootLevel;
  private Level appLevel;

  @BeforeEach
  void logEverythingIntoTheAppDirsLogFolder() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%d %-5level [%thread] %logger - %msg%n%ex{full}");
    encoder.start();
    appender = new FileAppender<>();
    appender.setContext(context);
    appender.setFile(root.resolve("logs").resolve("routedesk.log").toString());
    appender.setEncoder(encoder);
    appender.start();
    ch.qos.logback.classic.Logger rootLogger = context.getLogger(Logger.ROOT_LOGGER_NAME);
    ch.qos.logback.classic.Logger appLogger = context.getLogger("io.routedesk");
    rootLevel = rootLogger.getLevel();
    appLevel = appLogger.getLevel();
    rootLogger.addAppender(appender);
    rootLogger.setLevel(Level.DEBUG);
    appLogger.setLevel(Level.DEBUG);
  }

  @AfterEach
  void restoreLogging() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(appender);
    context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(rootLevel);
    context.getLogger("io.routedesk").setLevel(appLevel);
    appender.stop();
  }

  @Test
  void noFileUnderTheAppFoldersEverHoldsAKey() throws Exception {
    InMemoryCredentialStore keystore = InMemoryCredentialStore.working();
    try (SignInFixture fx = new SignInFixture(root, keystore, Runnable::run)) {
      SignInService service = fx.service;
      // A wrong secret, then every kind of failed check.
      service.signIn("Leak test", ACCESS_KEY, WRONG_SECRET.toCharArray(), "").get();
      for (FlowrouteException.Kind kind : FlowrouteException.Kind.values()) {
        fx.flowroute.failWith(kind, 500);
        service.signIn("Leak test", ACCESS_KEY, SECRET.toCharArray(), "").get();
      }
      fx.flowroute.failWith(null, 0);
      // Sign in with the keystore refusing the entry (session-only), then for real.
      keystore.failWith(CredentialStoreException.Kind.LOCKED);
      service.signIn("Leak test", ACCESS_KEY, SECRET.toCharArray(), "").get();
      keystore.failWith(null);
      SignInOutcome.Connected connected =
          (SignInOutcome.Connected)
              service.signIn("Leak test", ACCESS_KEY, SECRET.toCharArray(), "").get();
      String id = connected.session().profile().id();
      LoggerFactory.getLogger(SecretLeakTest.class).debug("session {}", connected.session());

      // Use: restart, open with keys from the keystore, make a call; a locked keystore once.
      fx.restart();
      keystore.failWith(CredentialStoreException.Kind.LOCKED);
      fx.service.openLastUsed().get();
      keystore.failWith(null);
      OpenOutcome.Opened opened = (OpenOutcome.Opened) fx.service.openLastUsed().get();
      opened.session().client().listRoutes(null, 1, 0).get();
      fx.service.switchTo("sandbox").get();
      fx.service.switchTo(id).get();

      // Sign out: the keys leave the keystore too.
      assertThat(fx.service.signOut(id).get().signedOut()).isTrue();
      assertThat(keystore.size()).isZero();
    }
    appender.stop(); // flush

    List<Path> files = allFiles(root);
    assertThat(files)
        .as("the test must have written the account list and a log")
        .anyMatch(p -> p.getFileName().toString().equals("accounts.json"))
        .anyMatch(p -> p.getFileName().toString().equals("routedesk.log"));
    assertThat(Files.size(root.resolve("logs/routedesk.log"))).isPositive();

    for (Path file : files) {
      byte[] content = Files.readAllBytes(file);
      for (String needle : List.of(SECRET, WRONG_SECRET, ACCESS_KEY)) {
        for (byte[] form : encodings(needle)) {
          assertThat(indexOf(content, form))
              .as("%s found in %s", needle.equals(ACCESS_KEY) ? "access key" : "secret", file)
              .isEqualTo(-1);
        }
      }
    }
  }

  private static List<Path> allFiles(Path folder) throws IOException {
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(Files::isRegularFile).toList();
    }
  }

  /** The ways a key could end up in a file: plain text, UTF-16, Base64 (Basic auth headers). */
  private static List<byte[]> encodings(String needle) {
    List<byte[]> forms = new ArrayList<>();
    for (Charset charset :
        List.of(StandardCharsets.UTF_8, StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE)) {
      forms.add(needle.getBytes(charset));
    }
    forms.add(
        Base64.getEncoder().encode((ACCESS_KEY + ":" + needle).getBytes(StandardCharsets.UTF_8)));
    return forms;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
