package io.routedesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * packaging/linux/launcher.sh, the installed app's launcher on Linux, run in a fake app image whose
 * "JVM" prints what it was started with.
 */
@EnabledOnOs(OS.LINUX)
class LinuxLauncherScriptTest {
  @TempDir Path image;
  private Path launcher;

  @BeforeEach
  void fakeAppImage() throws IOException {
    launcher = image.resolve("bin/RouteDesk");
    Files.createDirectories(launcher.getParent());
    Files.copy(
        Path.of("packaging/linux/launcher.sh"), launcher, StandardCopyOption.COPY_ATTRIBUTES);
    executable(launcher);
    Path cfg = image.resolve("lib/app/RouteDesk.cfg");
    Files.createDirectories(cfg.getParent());
    Files.writeString(
        cfg,
        """
        [Application]
        app.classpath=$APPDIR/routedesk.jar
        app.mainclass=io.routedesk.app.Launcher

        [JavaOptions]
        java-options=-XX:AOTCache=$APPDIR/routedesk.aot
        java-options=-Djava.net.useSystemProxies=true
        """);
    Path java = image.resolve("lib/runtime/bin/RouteDesk");
    Files.createDirectories(java.getParent());
    Files.writeString(
        java,
        """
        #!/bin/bash
        echo "GDK_GL=${GDK_GL-unset}"
        printf '%s\\n' "$@"
        """);
    executable(java);
  }

  private static void executable(Path file) throws IOException {
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private List<String> run(Map<String, String> environment, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(launcher.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder
        .environment()
        .keySet()
        .removeAll(List.of("GDK_GL", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS"));
    builder.environment().putAll(environment);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return output.lines().toList();
  }

  @Test
  void startsTheRuntimeWithTheConfiguredOptionsAndMainClass() throws Exception {
    List<String> lines = run(Map.of());

    Path app = image.resolve("lib/app");
    assertThat(lines)
        .containsSubsequence(
            "-XX:AOTCache=" + app.resolve("routedesk.aot"),
            "-Djava.net.useSystemProxies=true",
            "-Djpackage.app-path=" + launcher,
            "-classpath",
            app.resolve("routedesk.jar").toString(),
            "io.routedesk.app.Launcher");
  }

  @Test
  void turnsOffGtksOpenGlExactlyWhenJavaChoosesSoftwareRendering() throws Exception {
    boolean gpu = RenderingPipeline.openableGpuDevice(Path.of("/dev")).isPresent();

    assertThat(run(Map.of())).first().isEqualTo(gpu ? "GDK_GL=unset" : "GDK_GL=disable");
  }

  @Test
  void keepsTheUsersGdkGl() throws Exception {
    assertThat(run(Map.of("GDK_GL", "always"))).first().isEqualTo("GDK_GL=always");
  }

  @Test
  void leavesGdkAloneWhenTheUserChoseAPipeline() throws Exception {
    assertThat(run(Map.of("JAVA_TOOL_OPTIONS", "-Dprism.order=es2")))
        .first()
        .isEqualTo("GDK_GL=unset");
    assertThat(run(Map.of("_JAVA_OPTIONS", "-Dprism.forceGPU=true")))
        .first()
        .isEqualTo("GDK_GL=unset");
  }

  @Test
  void argumentsOnTheCommandLineReplaceTheConfiguredOnes() throws Exception {
    assertThat(run(Map.of(), "export", "--account", "demo"))
        .endsWith("io.routedesk.app.Launcher", "export", "--account", "demo");
  }
}
