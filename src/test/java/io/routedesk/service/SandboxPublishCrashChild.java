package io.routedesk.service;

import io.routedesk.flowroute.FlowrouteClient;
import io.routedesk.flowroute.OkHttpFlowrouteClient;
import io.routedesk.sandbox.FlowrouteSandbox;
import io.routedesk.store.LocalStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Child JVM of {@link KillDuringPublishSandboxTest}: publishes one draft with the real OkHttp
 * client against a sandbox running in the parent JVM, and freezes at the chosen moment so the
 * parent can kill -9 it there.
 *
 * <ul>
 *   <li>{@code before-post}: PUBLISHING is committed; prints "POSTING" and hangs before the create
 *       request leaves: Flowroute never gets the route.
 *   <li>{@code after-post}: the sandbox creates the route; the child prints "CREATED id" and hangs
 *       before recording it: the answer is lost.
 *   <li>{@code after-assign}: the route is recorded, the pending assignments are sent and applied
 *       on the sandbox; after the last one the child prints "ASSIGNED" and hangs before recording
 *       its outcome.
 * </ul>
 *
 * Args: database file, sandbox base URL, draft id, mode, number of pending assignments.
 */
public final class SandboxPublishCrashChild {
  private SandboxPublishCrashChild() {}

  public static void main(String[] args) throws Exception {
    Path db = Path.of(args[0]);
    String baseUrl = args[1];
    UUID draftId = UUID.fromString(args[2]);
    String mode = args[3];
    int assignments = Integer.parseInt(args[4]);
    java.util.concurrent.atomic.AtomicInteger sent =
        new java.util.concurrent.atomic.AtomicInteger();
    FlowrouteClient real =
        OkHttpFlowrouteClient.builder()
            .baseUrl(baseUrl)
            .credentials(FlowrouteSandbox.DEMO_ACCESS_KEY, FlowrouteSandbox.DEMO_SECRET_KEY)
            .build();
    FlowrouteClient client =
        (FlowrouteClient)
            Proxy.newProxyInstance(
                FlowrouteClient.class.getClassLoader(),
                new Class<?>[] {FlowrouteClient.class},
                (proxy, method, a) -> {
                  if (method.getName().equals("createRoute") && mode.equals("before-post")) {
                    say("POSTING");
                    hang();
                  }
                  Object result = invoke(real, method, a);
                  if (method.getName().equals("createRoute") && mode.equals("after-post")) {
                    Object created = ((CompletableFuture<?>) result).join();
                    say("CREATED " + created);
                    hang();
                  }
                  if (method.getName().equals("setRoute")
                      && mode.equals("after-assign")
                      && sent.incrementAndGet() == assignments) {
                    ((CompletableFuture<?>) result).join();
                    say("ASSIGNED");
                    hang();
                  }
                  return result;
                });
    try (LocalStore store = LocalStore.open(db)) {
      new DraftService(store, client, Runnable::run).publish(draftId).join();
      say("UNEXPECTED publish finished");
    }
  }

  private static Object invoke(Object target, Method m, Object[] a) throws Throwable {
    try {
      return m.invoke(target, a);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static void say(String line) {
    System.out.println(line);
    System.out.flush();
  }

  private static void hang() {
    try {
      Thread.sleep(Long.MAX_VALUE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
