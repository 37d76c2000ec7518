package io.routedesk.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.routedesk.domain.Draft;
import io.routedesk.testing.ChildJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 at a random moment while drafts are being saved: every draft the child was told was saved
 * is there exactly once, with its pending assignment, and the database opens cleanly. Several runs
 * share one database, so it also survives repeated crashes.
 *
 * <p>The moments are drawn from a seed that the test prints; {@code -Dkill.seed=N} replays a run.
 * (The child's own timing still varies, so a replay repeats when the kills come, not exactly what
 * was written by then.)
 */
class KillDuringSaveTest {
  private static final String SEED_PROPERTY = "kill.seed";

  @TempDir Path dir;

  @Test
  void everyConfirmedDraftSurvivesKillMinus9() throws Exception {
    Path file = dir.resolve("accounts").resolve("acct.db");
    long seed = Long.getLong(SEED_PROPERTY, new Random().nextLong());
    System.out.println(
        "KillDuringSaveTest seed " + seed + " (replay: -D" + SEED_PROPERTY + "=" + seed + ")");
    Random random = new Random(seed);
    Set<UUID> confirmed = new HashSet<>();
    for (int run = 0; run < 3; run++) {
      int killAfter = 5 + random.nextInt(60);
      List<String> lines;
      try (ChildJvm child =
          ChildJvm.start(
              DraftWriterChild.class,
              dir.resolve("child-" + run + ".err"),
              file.toString(),
              "run" + run)) {
        String opened = child.awaitLine("OPENED", Duration.ofSeconds(60));
        assertThat(opened).as("child started (see child-%d.err)", run).isNotNull();
        if (run > 0) {
          assertThat(opened).isEqualTo("OPENED OPENED");
        }
        for (int i = 0; i < killAfter; i++) {
          assertThat(child.awaitLine("SAVED", Duration.ofSeconds(60))).isNotNull();
        }
        Thread.sleep(random.nextInt(20));
        lines = child.killAndCollect();
      }
      for (String line : lines) {
        if (line.startsWith("SAVED ")) {
          confirmed.add(UUID.fromString(line.substring(6)));
        }
      }

      try (LocalStore store = LocalStore.open(file)) {
        assertThat(store.openReport().status()).isEqualTo(OpenReport.Status.OPENED);
        assertThat(store.integrityCheck()).isEqualTo("ok");
        List<Draft> drafts = store.listDrafts();
        Map<UUID, Integer> count = new HashMap<>();
        drafts.forEach(d -> count.merge(d.id(), 1, Integer::sum));
        for (UUID id : confirmed) {
          assertThat(count.get(id)).as("draft %s (seed %d)", id, seed).isEqualTo(1);
          assertThat(store.pendingAssignments(id)).hasSize(1);
        }
        assertThat(drafts.stream().map(Draft::alias).distinct().count()).isEqualTo(drafts.size());
        // Besides the confirmed ones, only drafts saved after a run's last confirmation: the one
        // in flight when it was killed, or one whose "SAVED" line the kill cut off (seen once,
        // under heavy load, as a fourth unconfirmed draft after three kills).
        Map<String, Integer> lastConfirmed = new HashMap<>();
        for (Draft d : drafts) {
          if (confirmed.contains(d.id())) {
            lastConfirmed.merge(runOf(d), indexOf(d), Math::max);
          }
        }
        for (Draft d : drafts) {
          if (!confirmed.contains(d.id())) {
            assertThat(indexOf(d))
                .as("unconfirmed draft %s comes after its run's last confirmed one", d.alias())
                .isGreaterThan(lastConfirmed.getOrDefault(runOf(d), -1));
          }
        }
      }
    }
    assertThat(confirmed.size()).isGreaterThanOrEqualTo(15);
  }

  /** Drafts are named "run&lt;n&gt;-&lt;i&gt;" by {@link DraftWriterChild}: the run. */
  private static String runOf(Draft d) {
    return d.alias().substring(0, d.alias().lastIndexOf('-'));
  }

  /** The draft's place in its run's writing order. */
  private static int indexOf(Draft d) {
    return Integer.parseInt(d.alias().substring(d.alias().lastIndexOf('-') + 1));
  }
}
