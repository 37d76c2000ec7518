package io.routedesk.service;

import io.routedesk.store.LocalStore;
import io.routedesk.testing.FakeFlowrouteClient;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Child JVM of {@link KillDuringPublishTest}: publishes one draft against a fake server kept in a
 * file, and freezes at the chosen moment so the parent can kill -9 it there.
 *
 * <ul>
 *   <li>{@code before-post}: prints "POSTING" when the create request is about to leave (PUBLISHING
 *       is already committed), then hangs: the server never gets the route.
 *   <li>{@code after-post}: the server creates the route, the child prints "CREATED id" and hangs:
 *       the answer never reaches the app.
 * </ul>
 *
 * Args: database file, server file, draft id, mode.
 */
public final class PublishCrashChild {
  private PublishCrashChild() {}

  public static void main(String[] args) throws Exception {
    Path db = Path.of(args[0]);
    UUID draftId = UUID.fromString(args[2]);
    String mode = args[3];
    FakeFlowrouteClient client =
        new FakeFlowrouteClient(new FakeFlowrouteClient.FileRouteBook(Path.of(args[1])));
    if (mode.equals("before-post")) {
      client.beforeCreate(
          () -> {
            System.out.println("POSTING");
            System.out.flush();
            hang();
          });
    } else if (mode.equals("after-post")) {
      client.afterCreate(
          created -> {
            System.out.println("CREATED " + created.id());
            System.out.flush();
            hang();
          });
    }
    try (LocalStore store = LocalStore.open(db)) {
      new DraftService(store, client, Runnable::run).publish(draftId).join();
      System.out.println("UNEXPECTED publish finished");
    }
  }

  private static void hang() {
    try {
      Thread.sleep(Long.MAX_VALUE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
