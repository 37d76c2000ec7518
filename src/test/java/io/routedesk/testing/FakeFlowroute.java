package io.routedesk.testing;

import io.routedesk.domain.EdgeStrategy;
import io.routedesk.domain.NewRoute;
import io.routedesk.domain.NumberDetails;
import io.routedesk.domain.PhoneNumber;
import io.routedesk.domain.Route;
import io.routedesk.domain.RouteType;
import io.routedesk.domain.VoiceSlot;
import io.routedesk.flowroute.BulkResult;
import io.routedesk.flowroute.CancellationToken;
import io.routedesk.flowroute.FlowrouteClient;
import io.routedesk.flowroute.FlowrouteException;
import io.routedesk.flowroute.NumberFilter;
import io.routedesk.flowroute.Page;
import io.routedesk.secrets.ApiCredentials;
import io.routedesk.service.FlowrouteClientFactory;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for Flowroute for sign-in tests: accepts one key pair, answers 401 to any other, or
 * fails every call the way it is told to (no network, timeout, 5xx). Also the client factory, so
 * tests can see which clients were made and whether they were closed.
 */
public final class FakeFlowroute implements FlowrouteClientFactory {
  private final String validAccessKey;
  private final char[] validSecret;
  private volatile FlowrouteException failure;
  private final List<Client> clients = new CopyOnWriteArrayList<>();
  private volatile int listRoutesCalls;
  private volatile CompletableFuture<Void> gate = CompletableFuture.completedFuture(null);

  public FakeFlowroute(String validAccessKey, String validSecret) {
    this.validAccessKey = validAccessKey;
    this.validSecret = validSecret.toCharArray();
  }

  /** Every following call fails with this (null: answer normally again). */
  public void failWith(FlowrouteException.Kind kind, int status) {
    failure =
        kind == null
            ? null
            : new FlowrouteException(kind, status, null, null, null, "Simulated " + kind, null);
  }

  public static FlowrouteException unauthorized() {
    return new FlowrouteException(
        FlowrouteException.Kind.UNAUTHORIZED,
        401,
        "Unauthorized",
        "Authentication failed.",
        "7fc8c70a-ca58-430c-b383-b89df84f8083",
        "Flowroute did not accept the API keys (401).",
        null);
  }

  /** Answers wait until {@link #release()}: for tests of what happens meanwhile. */
  public void hold() {
    gate = new CompletableFuture<>();
  }

  public void release() {
    gate.complete(null);
  }

  public List<Client> clients() {
    return List.copyOf(clients);
  }

  public int listRoutesCalls() {
    return listRoutesCalls;
  }

  @Override
  public FlowrouteClient create(String baseUrl, ApiCredentials credentials) {
    // Copies, as the factory contract asks: the caller clears its instance afterwards.
    Client client = new Client(baseUrl, credentials.copy());
    clients.add(client);
    return client;
  }

  /** A client with canned answers: listRoutes checks the keys; nothing else is used by sign-in. */
  public final class Client implements FlowrouteClient {
    private final String baseUrl;
    private final ApiCredentials credentials;
    private final String accessKey;
    private volatile boolean closed;

    Client(String baseUrl, ApiCredentials credentials) {
      this.baseUrl = baseUrl;
      this.credentials = credentials;
      this.accessKey = credentials.accessKey();
    }

    public String baseUrl() {
      return baseUrl;
    }

    public String accessKey() {
      return accessKey;
    }

    public boolean isClosed() {
      return closed;
    }

    @Override
    public CompletableFuture<Page<Route>> listRoutes(RouteType type, int limit, int offset) {
      return gate.thenCompose(ignored -> answerListRoutes());
    }

    private CompletableFuture<Page<Route>> answerListRoutes() {
      listRoutesCalls++;
      if (closed) {
        return CompletableFuture.failedFuture(new IllegalStateException("client closed"));
      }
      FlowrouteException forced = failure;
      if (forced != null) {
        return CompletableFuture.failedFuture(forced);
      }
      char[] secret = credentials.secretKey();
      boolean ok =
          credentials.accessKey().equals(validAccessKey) && Arrays.equals(secret, validSecret);
      Arrays.fill(secret, '\0');
      return ok
          ? CompletableFuture.completedFuture(new Page<>(List.of(), null))
          : CompletableFuture.failedFuture(unauthorized());
    }

    private <T> CompletableFuture<T> unused() {
      return CompletableFuture.failedFuture(
          new UnsupportedOperationException("not used by the sign-in tests"));
    }

    @Override
    public CompletableFuture<List<Route>> listAllRoutes(RouteType type, ProgressListener progress) {
      return unused();
    }

    @Override
    public CompletableFuture<Route> createRoute(NewRoute route) {
      return unused();
    }

    @Override
    public CompletableFuture<Route> updateRoute(String routeId, NewRoute route) {
      return unused();
    }

    @Override
    public CompletableFuture<Void> deleteRoute(String routeId) {
      return unused();
    }

    @Override
    public CompletableFuture<List<EdgeStrategy>> listEdgeStrategies() {
      return unused();
    }

    @Override
    public CompletableFuture<Page<PhoneNumber>> listNumbers(
        NumberFilter filter, int limit, int offset) {
      return unused();
    }

    @Override
    public CompletableFuture<List<PhoneNumber>> listAllNumbers(
        NumberFilter filter, ProgressListener progress) {
      return unused();
    }

    @Override
    public CompletableFuture<NumberDetails> numberDetails(String number) {
      return unused();
    }

    @Override
    public CompletableFuture<BulkResult<NumberDetails>> numberDetails(
        Collection<String> numbers, ProgressListener progress, CancellationToken cancel) {
      return unused();
    }

    @Override
    public CompletableFuture<Void> setRoute(String number, VoiceSlot slot, String routeId) {
      return unused();
    }

    @Override
    public CompletableFuture<Void> removeRoute(String number, VoiceSlot slot) {
      return unused();
    }

    @Override
    public CompletableFuture<BulkResult<Void>> setRoutes(
        Map<String, String> routeIdByNumber,
        VoiceSlot slot,
        ProgressListener progress,
        CancellationToken cancel) {
      return unused();
    }

    @Override
    public void close() {
      closed = true;
      credentials.clear();
    }
  }
}
