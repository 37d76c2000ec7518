package io.routedesk.testing;

import io.routedesk.flowroute.FlowrouteClient;
import io.routedesk.flowroute.FlowrouteException;
import io.routedesk.secrets.ApiCredentials;
import io.routedesk.service.FlowrouteClientFactory;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Flowroute as sign-in meets it: accepts one key pair and hands out {@link FakeFlowrouteClient}s
 * (empty accounts) whose check of the keys answers 401 to any other pair, or fails the way it is
 * told to (no network, timeout, 5xx). Not a second fake client: the factory side of the one fake,
 * so tests can see which clients sign-in made and whether it closed them.
 */
public final class FakeFlowrouteClientFactory implements FlowrouteClientFactory {
  private final String validAccessKey;
  private final char[] validSecret;
  private final List<FakeFlowrouteClient> clients = new CopyOnWriteArrayList<>();
  private FlowrouteException failure;
  private CompletableFuture<Void> gate = CompletableFuture.completedFuture(null);

  public FakeFlowrouteClientFactory(String validAccessKey, String validSecret) {
    this.validAccessKey = validAccessKey;
    this.validSecret = validSecret.toCharArray();
  }

  /** Every following key check fails with this, on every client (null: answer normally again). */
  public synchronized void failWith(FlowrouteException.Kind kind, int status) {
    failure =
        kind == null
            ? null
            : new FlowrouteException(kind, status, null, null, null, "Simulated " + kind, null);
    clients.forEach(c -> c.failListRoutesPage(failure));
  }

  /** Answers wait until {@link #release()}: for tests of what happens meanwhile. */
  public synchronized void hold() {
    gate = new CompletableFuture<>();
    clients.forEach(c -> c.holdListRoutes(gate));
  }

  public synchronized void release() {
    gate.complete(null);
  }

  public List<FakeFlowrouteClient> clients() {
    return List.copyOf(clients);
  }

  /** Key checks answered, by all the clients made. */
  public int listRoutesCalls() {
    return clients.stream().mapToInt(c -> c.listRoutesCalls.get()).sum();
  }

  @Override
  public synchronized FlowrouteClient create(String baseUrl, ApiCredentials credentials) {
    // Copies, as the factory contract asks: the caller clears its instance afterwards.
    ApiCredentials copy = credentials.copy();
    char[] secret = copy.secretKey();
    boolean accepted =
        copy.accessKey().equals(validAccessKey) && Arrays.equals(secret, validSecret);
    Arrays.fill(secret, '\0');
    FakeFlowrouteClient client = FakeFlowrouteClient.withKeys(baseUrl, copy, accepted);
    client.failListRoutesPage(failure);
    client.holdListRoutes(gate);
    clients.add(client);
    return client;
  }
}
