// Gives the app image made by `jpackage --type app-image` an AOT cache (JDK 25, JEPs 483, 514 and
// 515): the classes the app loads and links on its way to the main window, already parsed and
// linked, with early method profiles. With it, the installed app reaches its window in about 60% of
// the time (docs/benchmarks.md, "Installer").
//
// How: one training run of the image's own launcher on the built-in sandbox, with
// -XX:AOTCacheOutput, quitting by itself 3 s after its window shows (-Droutedesk.exitAfterReadyMs;
// the JVM writes the cache when it exits normally). Then the launcher's configuration is told to use
// the cache. A cache only fits the runtime and jars it was recorded with (the JVM compares their
// sizes and modification times), which is why it is made from the finished image.
//
// Usage (the Maven installer profile runs it with the JDK 25 toolchain's java; no bash needed):
//   java packaging/AotTrain.java <folder holding the app image>
// Linux, macOS and Windows. The training run opens the window: on Linux under Xvfb (xvfb-run) when
// that is installed, else on $DISPLAY; on macOS and Windows it shows for a few seconds.

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

public class AotTrain {
  /**
   * Every file of the image gets this modification time before the training run. The Windows
   * installer (an MSI) keeps file times only to 2 seconds (cabinet files store DOS times), so
   * installed jars could differ from the trained ones by up to a second and the JVM would refuse
   * the cache; a time on an even second survives the trip. Any fixed even-second time works.
   */
  static final FileTime IMAGE_FILE_TIME = FileTime.from(Instant.parse("2026-01-01T00:00:00Z"));

  static final long TRAINING_TIMEOUT_S = 300;

  enum Os {
    LINUX,
    MAC,
    WINDOWS
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      fail("usage: java packaging/AotTrain.java <folder holding the app image>");
    }
    Path images = Path.of(args[0]).toAbsolutePath();
    Os os = currentOs();
    Path image = images.resolve(os == Os.MAC ? "RouteDesk.app" : "RouteDesk");
    Path launcher =
        switch (os) {
          case LINUX -> image.resolve("bin/RouteDesk");
          case MAC -> image.resolve("Contents/MacOS/RouteDesk");
          case WINDOWS -> image.resolve("RouteDesk.exe");
        };
    Path appDir =
        switch (os) {
          case LINUX -> image.resolve("lib/app");
          case MAC -> image.resolve("Contents/app");
          case WINDOWS -> image.resolve("app");
        };
    if (!Files.isExecutable(launcher)) {
      fail("no launcher at " + launcher);
    }
    Path config = appDir.resolve("RouteDesk.cfg");
    if (!Files.isRegularFile(config)) {
      fail("no launcher configuration at " + config);
    }
    Path cache = appDir.resolve("routedesk.aot");
    Files.deleteIfExists(cache);

    int touched = setFileTimes(image);
    System.out.println("aot-train: " + touched + " files of the image dated " + IMAGE_FILE_TIME);

    Path scratch = Files.createTempDirectory("routedesk-aot-train");
    try {
      train(os, launcher, cache, scratch);
    } finally {
      deleteTree(scratch);
    }
    if (!Files.isRegularFile(cache) || Files.size(cache) == 0) {
      fail("the training run wrote no AOT cache");
    }
    useCache(config);
    if (os == Os.MAC) {
      resealBundle(image);
    }
    System.out.println("aot-train: " + Files.size(cache) + " bytes of AOT cache in " + cache);
  }

  static Os currentOs() {
    String name = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    if (name.startsWith("windows")) {
      return Os.WINDOWS;
    }
    if (name.startsWith("mac")) {
      return Os.MAC;
    }
    if (name.startsWith("linux")) {
      return Os.LINUX;
    }
    fail("unknown system " + name);
    return null;
  }

  static int setFileTimes(Path image) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(image)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    for (Path file : files) {
      Files.setLastModifiedTime(file, IMAGE_FILE_TIME);
    }
    return files.size();
  }

  static void train(Os os, Path launcher, Path cache, Path scratch) throws Exception {
    // The launcher passes JAVA_TOOL_OPTIONS to its JVM like any java command. routedesk.home keeps
    // the run's settings, data and logs out of the builder's own folders.
    String options =
        "-XX:AOTCacheOutput=" + cache + " -Droutedesk.home=" + scratch.resolve("home")
            + " -Droutedesk.exitAfterReadyMs=3000";
    List<String> command = new ArrayList<>();
    if (os == Os.LINUX) {
      if (onPath("xvfb-run")) {
        command.addAll(List.of("xvfb-run", "-a", "-s", "-screen 0 1600x1000x24"));
        options += " -Dprism.order=sw"; // Xvfb has no GPU
      } else if (System.getenv("DISPLAY") == null || System.getenv("DISPLAY").isBlank()) {
        fail(
            "the training run needs a display: install xvfb (apt-get install xvfb xauth) or set"
                + " DISPLAY; or build without the cache: -Dinstaller.aot.skip=true");
      }
    }
    command.add(launcher.toString());

    Path log = scratch.resolve("training.log");
    ProcessBuilder run = new ProcessBuilder(command).redirectErrorStream(true);
    run.redirectOutput(log.toFile());
    run.environment().put("JAVA_TOOL_OPTIONS", options);
    run.environment().put("NO_AT_BRIDGE", "1"); // no accessibility bus daemons left behind by GTK

    System.out.println("aot-train: training run of " + launcher);
    Process process = run.start();
    if (!process.waitFor(TRAINING_TIMEOUT_S, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      printTail(log);
      fail("the training run did not end within " + TRAINING_TIMEOUT_S + " s (log above)");
    }
    if (process.exitValue() != 0) {
      printTail(log);
      fail("the training run ended with status " + process.exitValue() + " (log above)");
    }
  }

  /**
   * Adds the cache to the launcher's JVM options: the [JavaOptions] lines of its configuration,
   * where $APPDIR is the folder of the file. The new line keeps the file's line ending.
   */
  static void useCache(Path config) throws IOException {
    String text = Files.readString(config, StandardCharsets.UTF_8);
    String eol = text.contains("\r\n") ? "\r\n" : "\n";
    String section = "[JavaOptions]" + eol;
    int at = text.indexOf(section);
    if (at < 0) {
      fail("no [JavaOptions] section in " + config);
    }
    int end = at + section.length();
    String line = "java-options=-XX:AOTCache=$APPDIR/routedesk.aot" + eol;
    Files.writeString(config, text.substring(0, end) + line + text.substring(end));
  }

  /**
   * jpackage signs the bundle (ad hoc when no identity is given: Apple Silicon runs nothing
   * unsigned); the cache and the configuration edit added files after that, so it is signed again.
   */
  static void resealBundle(Path app) throws Exception {
    Process sign =
        new ProcessBuilder("codesign", "--force", "--deep", "--sign", "-", app.toString())
            .inheritIO()
            .start();
    if (sign.waitFor() != 0) {
      fail("codesign could not sign " + app + " again after the cache was added");
    }
    // codesign rewrote the executables: the jars and the runtime image it reads are untouched, but
    // the file times are set again so that every file of the image has the same one.
    setFileTimes(app);
  }

  static boolean onPath(String tool) {
    String path = System.getenv("PATH");
    return path != null
        && Stream.of(path.split(java.io.File.pathSeparator))
            .anyMatch(dir -> !dir.isBlank() && Files.isExecutable(Path.of(dir, tool)));
  }

  static void printTail(Path log) throws IOException {
    if (Files.exists(log)) {
      List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
      lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(System.err::println);
    }
  }

  static void deleteTree(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  static void fail(String message) {
    System.err.println("aot-train: FAIL: " + message);
    System.exit(1);
  }
}
