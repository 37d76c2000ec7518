package io.routedesk.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM running a main class of the test classpath, so a test can kill it (kill -9 via
 * destroyForcibly) at a chosen moment. Its stdout lines are collected as they arrive; stderr goes
 * to a file for diagnosis.
 */
public final class ChildJvm implements AutoCloseable {
  private static final String EOF = "\u0000EOF";

  private final Process process;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final List<String> seen = new ArrayList<>();
  private final Thread reader;

  private ChildJvm(Process process) {
    this.process = process;
    this.reader =
        Thread.ofPlatform()
            .daemon()
            .start(
                () -> {
                  try (BufferedReader r =
                      new BufferedReader(
                          new InputStreamReader(
                              process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                      lines.add(line);
                    }
                  } catch (IOException ignored) {
                    // The process died mid-line: what was read is what it confirmed.
                  } finally {
                    lines.add(EOF);
                  }
                });
  }

  public static ChildJvm start(Class<?> mainClass, Path stderrFile, String... args)
      throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>();
    command.add(java);
    command.add("--enable-native-access=ALL-UNNAMED");
    command.add("-Xmx128m");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass.getName());
    command.addAll(List.of(args));
    Process p =
        new ProcessBuilder(command)
            .redirectError(ProcessBuilder.Redirect.to(stderrFile.toFile()))
            .start();
    return new ChildJvm(p);
  }

  /**
   * Runs {@code mainClass} until it prints a line starting with {@code line} (the test fails,
   * naming the stderr file, if that takes over a minute or the child ends first), then kills it
   * with -9. Returns every line it wrote.
   */
  public static List<String> runUntilThenKill(
      Class<?> mainClass, Path stderrFile, String line, String... args)
      throws IOException, InterruptedException {
    try (ChildJvm child = start(mainClass, stderrFile, args)) {
      assertThat(child.awaitLine(line, Duration.ofSeconds(60)))
          .as("child reached %s (see %s)", line, stderrFile.getFileName())
          .isNotNull();
      return child.killAndCollect();
    }
  }

  /** Waits for the next line starting with {@code prefix}; null on timeout or end of output. */
  public String awaitLine(String prefix, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return null;
      }
      String line = lines.poll(left, TimeUnit.NANOSECONDS);
      if (line == null || line.equals(EOF)) {
        if (line != null) {
          lines.add(EOF);
        }
        return null;
      }
      seen.add(line);
      if (line.startsWith(prefix)) {
        return line;
      }
    }
  }

  /** kill -9, then every line the child had written (including those still in the pipe). */
  public List<String> killAndCollect() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
    reader.join(Duration.ofSeconds(30));
    String line;
    while ((line = lines.poll()) != null) {
      if (!line.equals(EOF)) {
        seen.add(line);
      }
    }
    return List.copyOf(seen);
  }

  public Process process() {
    return process;
  }

  /** Kills the child if a test failed before doing so (no stray JVMs left behind). */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
