package io.routedesk.service;

import io.routedesk.flowroute.FlowrouteClient;
import io.routedesk.secrets.ApiCredentials;

/** Builds a Flowroute client for one account; the app wires in the OkHttp implementation. */
@FunctionalInterface
public interface FlowrouteClientFactory {

  /**
   * Creates a client that talks to {@code baseUrl} and authenticates with {@code credentials}.
   * Called on a background thread; should not do network I/O itself.
   *
   * <p>The factory must copy what it keeps ({@link ApiCredentials#copy()} or the values it needs):
   * the caller {@link ApiCredentials#clear() clears} {@code credentials} right after this returns.
   *
   * @param baseUrl the API address without a trailing path, such as {@code
   *     https://api.flowroute.com}
   */
  FlowrouteClient create(String baseUrl, ApiCredentials credentials);
}
