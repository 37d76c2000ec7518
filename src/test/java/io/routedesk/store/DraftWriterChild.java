package io.routedesk.store;

import io.routedesk.domain.Draft;
import io.routedesk.domain.NewRoute;
import io.routedesk.domain.RouteType;
import io.routedesk.domain.VoiceSlot;
import java.nio.file.Path;

/**
 * Child JVM of {@link KillDuringSaveTest}: saves drafts (each with a pending assignment) in a loop
 * and prints "SAVED &lt;id&gt;" after each call returns, i.e. once the store says it is durable.
 * Runs until killed. Args: database file, run label.
 */
public final class DraftWriterChild {
  private DraftWriterChild() {}

  public static void main(String[] args) {
    Path file = Path.of(args[0]);
    String run = args[1];
    try (LocalStore store = LocalStore.open(file)) {
      System.out.println("OPENED " + store.openReport().status());
      System.out.flush();
      for (long i = 0; ; i++) {
        Draft d =
            store.createDraft(
                new NewRoute(RouteType.HOST, "pbx" + i + ".example.com", run + "-" + i, null));
        store.addPendingAssignment(
            d.id(), "1206" + String.format("%07d", i % 10_000_000), VoiceSlot.PRIMARY);
        System.out.println("SAVED " + d.id());
        System.out.flush();
      }
    }
  }
}
