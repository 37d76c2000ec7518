package io.routedesk.service;

import io.routedesk.flowroute.FlowrouteClient;
import io.routedesk.flowroute.OkHttpFlowrouteClient;
import io.routedesk.sandbox.FlowrouteSandbox;
import io.routedesk.store.LocalStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;

/**
 * Child JVM of {@link TwoProcessPublishTest}: waits for a start file, then publishes every draft of
 * the database, printing one "RESULT outcome" line per draft and "DONE".
 *
 * <p>Args: database file, sandbox base URL, start file.
 */
public final class PublishAllChild {
  private PublishAllChild() {}

  public static void main(String[] args) throws Exception {
    try (FlowrouteClient client =
            OkHttpFlowrouteClient.builder()
                .baseUrl(args[1])
                .credentials(FlowrouteSandbox.DEMO_ACCESS_KEY, FlowrouteSandbox.DEMO_SECRET_KEY)
                .build();
        LocalStore store = LocalStore.open(Path.of(args[0]));
        var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      DraftService drafts = new DraftService(store, client, executor);
      System.out.println("READY");
      System.out.flush();
      Path go = Path.of(args[2]);
      while (!Files.exists(go)) {
        Thread.sleep(5); // a start line for both children, no CPU burnt while waiting
      }
      List<PublishResult> results = drafts.publishAll().join();
      for (PublishResult r : results) {
        System.out.println("RESULT " + r.outcome());
      }
      System.out.println("DONE");
      System.out.flush();
    }
  }
}
