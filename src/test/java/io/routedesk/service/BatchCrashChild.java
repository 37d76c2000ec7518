package io.routedesk.service;

import io.routedesk.domain.NumberDetails;
import io.routedesk.domain.NumberRouting;
import io.routedesk.domain.Route;
import io.routedesk.flowroute.BulkResult;
import io.routedesk.flowroute.CancellationToken;
import io.routedesk.flowroute.FlowrouteClient;
import io.routedesk.flowroute.OkHttpFlowrouteClient;
import io.routedesk.sandbox.FlowrouteSandbox;
import io.routedesk.store.BatchKind;
import io.routedesk.store.LocalStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Child JVM of {@link KillDuringBatchTest}: runs one large batch through the change engine against
 * a sandbox in the parent JVM, printing "JOURNALED" once the batch is about to start and "SENT n"
 * as requests land, so the parent can kill -9 it at any point. It never finishes on its own terms
 * before being killed unless the batch completes ("FINISHED").
 *
 * <p>Args: database file, sandbox base URL, mode ({@code assign}, {@code move}, {@code publish}),
 * target route id, then the source route id (move) or the draft id (publish).
 */
public final class BatchCrashChild {
  private BatchCrashChild() {}

  public static void main(String[] args) throws Exception {
    Path db = Path.of(args[0]);
    String mode = args[2];
    String target = args[3];
    try (FlowrouteClient real =
            OkHttpFlowrouteClient.builder()
                .baseUrl(args[1])
                .credentials(FlowrouteSandbox.DEMO_ACCESS_KEY, FlowrouteSandbox.DEMO_SECRET_KEY)
                .build();
        LocalStore store = LocalStore.open(db);
        var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      FlowrouteClient client = announcingWrites(real);
      ChangeEngine engine = new ChangeEngine(store, client, executor);
      BatchListener progress = BatchListener.NONE;
      switch (mode) {
        case "assign" -> {
          AssignmentPlan plan = plan(client, target, null);
          engine.runHeld(
              BatchKind.ASSIGN, null, plan, progress, CancellationToken.NONE, journaled());
        }
        case "move" -> {
          String source = args[4];
          AssignmentPlan plan = plan(client, target, source);
          Route route =
              client.listAllRoutes(null, FlowrouteClient.ProgressListener.NONE).join().stream()
                  .filter(r -> r.id().equals(source))
                  .findFirst()
                  .orElseThrow();
          List<NumberRouting> befores = new ArrayList<>();
          plan.changes().forEach(c -> befores.add(c.before()));
          say("JOURNALED");
          engine
              .moveAndDelete(
                  route, plan, RouteUsage.of(source, befores, 0), progress, CancellationToken.NONE)
              .join();
        }
        case "publish" -> {
          DraftService drafts = new DraftService(store, client, executor, engine);
          say("JOURNALED");
          drafts.publish(UUID.fromString(args[4])).join();
        }
        default -> throw new IllegalArgumentException(mode);
      }
      say("FINISHED");
    }
  }

  /** The client, printing "SENT n" as the n-th write lands. */
  private static FlowrouteClient announcingWrites(FlowrouteClient client) {
    AtomicInteger landed = new AtomicInteger();
    return (FlowrouteClient)
        Proxy.newProxyInstance(
            FlowrouteClient.class.getClassLoader(),
            new Class<?>[] {FlowrouteClient.class},
            (proxy, method, a) -> {
              Object result;
              try {
                result = method.invoke(client, a);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
              if (method.getName().equals("setRoute") || method.getName().equals("removeRoute")) {
                ((CompletableFuture<?>) result)
                    .thenRun(() -> say("SENT " + landed.incrementAndGet()));
              }
              return result;
            });
  }

  private static Runnable journaled() {
    return () -> say("JOURNALED");
  }

  /** Every number of the account (or those using {@code source}) gets {@code target} as primary. */
  private static AssignmentPlan plan(FlowrouteClient client, String target, String source) {
    List<String> numbers =
        client
            .listAllNumbers(
                io.routedesk.flowroute.NumberFilter.NONE, FlowrouteClient.ProgressListener.NONE)
            .join()
            .stream()
            .map(n -> n.number())
            .toList();
    BulkResult<NumberDetails> read =
        client
            .numberDetails(numbers, FlowrouteClient.ProgressListener.NONE, CancellationToken.NONE)
            .join();
    List<NumberChange> changes = new ArrayList<>();
    for (String n : numbers) {
      NumberRouting now = read.succeeded().get(n).routing();
      if (source != null
          && !source.equals(now.primaryRouteId())
          && !source.equals(now.failoverRouteId())) {
        continue;
      }
      String failover =
          target.equals(now.failoverRouteId())
                  || (source != null && source.equals(now.failoverRouteId()))
              ? null
              : now.failoverRouteId();
      changes.add(new NumberChange(now, new NumberRouting(n, target, failover)));
    }
    return new AssignmentPlan("Primary of " + changes.size() + " numbers → " + target, changes);
  }

  private static void say(String line) {
    System.out.println(line);
    System.out.flush();
  }
}
