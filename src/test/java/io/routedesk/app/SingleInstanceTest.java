package io.routedesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.routedesk.testing.ChildJvm;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two processes on one data folder: the second brings the first to the front and ends. */
class SingleInstanceTest {
  @TempDir Path dir;

  @Test
  void aSecondStartOnTheSameFolderActivatesTheFirstAndEnds() throws Exception {
    Path data = dir.resolve("data");
    try (ChildJvm first =
        ChildJvm.start(InstanceChild.class, dir.resolve("first.err"), data.toString())) {
      assertThat(first.awaitLine("OWNER", Duration.ofSeconds(60))).isNotNull();
      try (ChildJvm second =
          ChildJvm.start(InstanceChild.class, dir.resolve("second.err"), data.toString())) {
        String said = second.awaitLine("SECOND", Duration.ofSeconds(60));
        assertThat(said).startsWith("SECOND true").contains("brought to the front");
        assertThat(second.process().waitFor(30, java.util.concurrent.TimeUnit.SECONDS))
            .as("the second start ends on its own")
            .isTrue();
      }
      assertThat(first.awaitLine("ACTIVATED", Duration.ofSeconds(30))).isNotNull();
      assertThat(first.process().isAlive()).isTrue();
    }
  }

  @Test
  void anotherFolderIsNotAffectedAndAKilledOwnerFreesItsFolder() throws Exception {
    Path data = dir.resolve("data");
    try (ChildJvm first =
        ChildJvm.start(InstanceChild.class, dir.resolve("a.err"), data.toString())) {
      assertThat(first.awaitLine("OWNER", Duration.ofSeconds(60))).isNotNull();
      try (ChildJvm other =
          ChildJvm.start(
              InstanceChild.class, dir.resolve("b.err"), dir.resolve("other").toString())) {
        assertThat(other.awaitLine("OWNER", Duration.ofSeconds(60))).isNotNull();
      }
      first.killAndCollect();
    }
    try (ChildJvm next =
        ChildJvm.start(InstanceChild.class, dir.resolve("c.err"), data.toString())) {
      assertThat(next.awaitLine("OWNER", Duration.ofSeconds(60)))
          .as("kill -9 leaves no stale lock")
          .isNotNull();
    }
  }

  @Test
  void anOwnerThatCannotBeReachedStillStopsASecondCopyWithAClearMessage() throws Exception {
    Path data = dir.resolve("data");
    try (ChildJvm first =
        ChildJvm.start(InstanceChild.class, dir.resolve("a.err"), data.toString())) {
      assertThat(first.awaitLine("OWNER", Duration.ofSeconds(60))).isNotNull();
      java.nio.file.Files.writeString(data.resolve(SingleInstance.PORT_FILE), "1 not-the-token\n");
      try (ChildJvm second =
          ChildJvm.start(InstanceChild.class, dir.resolve("b.err"), data.toString())) {
        assertThat(second.awaitLine("SECOND", Duration.ofSeconds(60)))
            .startsWith("SECOND false")
            .contains("already running with this data folder");
      }
    }
  }
}
