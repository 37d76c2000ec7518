package io.routedesk.testing;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * For secret-leak tests: logs everything at DEBUG into a file under an AppDirs root while a flow
 * runs, then searches every file under that root for keys, in the encodings a leak could take.
 */
public final class SecretScan implements AutoCloseable {
  private final FileAppender<ILoggingEvent> appender = new FileAppender<>();
  private final Level rootLevel;
  private final Level appLevel;

  /** Starts logging at DEBUG (root and io.routedesk) into {@code logFile}. */
  public SecretScan(Path logFile) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%d %-5level [%thread] %logger - %msg%n%ex{full}");
    encoder.start();
    appender.setContext(context);
    appender.setFile(logFile.toString());
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

  /** Stops logging into the file (flushing it) and restores the levels. Idempotent. */
  @Override
  public void close() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(appender);
    context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(rootLevel);
    context.getLogger("io.routedesk").setLevel(appLevel);
    appender.stop();
  }

  /**
   * Asserts that no file under {@code root} holds any of the keys: plain text, UTF-16, or Base64 of
   * "access:secret" (a Basic auth header).
   */
  public static void assertNoKeyUnder(Path root, String accessKey, String... secrets)
      throws IOException {
    List<String> needles = new ArrayList<>(List.of(secrets));
    needles.add(accessKey);
    for (Path file : allFiles(root)) {
      byte[] content = Files.readAllBytes(file);
      for (String needle : needles) {
        for (byte[] form : encodings(accessKey, needle)) {
          assertThat(indexOf(content, form))
              .as("%s found in %s", needle.equals(accessKey) ? "access key" : "secret", file)
              .isEqualTo(-1);
        }
      }
    }
  }

  public static List<Path> allFiles(Path folder) throws IOException {
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(Files::isRegularFile).toList();
    }
  }

  private static List<byte[]> encodings(String accessKey, String needle) {
    List<byte[]> forms = new ArrayList<>();
    for (Charset charset :
        List.of(StandardCharsets.UTF_8, StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE)) {
      forms.add(needle.getBytes(charset));
    }
    forms.add(
        Base64.getEncoder().encode((accessKey + ":" + needle).getBytes(StandardCharsets.UTF_8)));
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
