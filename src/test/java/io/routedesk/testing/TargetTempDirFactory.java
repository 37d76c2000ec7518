package io.routedesk.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDirFactory;

/**
 * Surefire points java.io.tmpdir at target/tmp, which nothing creates: {@code @TempDir} (and
 * sqlite-jdbc, which unpacks its native library there) would fail on a clean checkout. This factory
 * (the default one, see junit-platform.properties) creates it first.
 */
public final class TargetTempDirFactory implements TempDirFactory {
  @Override
  public Path createTempDirectory(
      AnnotatedElementContext elementContext, ExtensionContext extensionContext)
      throws IOException {
    Path root = Path.of(System.getProperty("java.io.tmpdir"));
    Files.createDirectories(root);
    return Files.createTempDirectory(root, "junit");
  }
}
