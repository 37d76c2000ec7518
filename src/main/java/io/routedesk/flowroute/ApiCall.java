package io.routedesk.flowroute;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import okhttp3.HttpUrl;

/**
 * One Flowroute request as the retry loop sees it.
 *
 * @param body JSON body, or null
 * @param safety how the request may be repeated after a failure
 * @param action what the user asked for, worded for messages: "listing routes", "deleting route 7"
 * @param subject what a 404 means was not found: "route 7", "number 12065551212"; null for a list
 *     endpoint, where a 404 means the address is wrong
 */
record ApiCall(
    String method, HttpUrl url, JsonNode body, Safety safety, String action, String subject) {

  /** How a request may be repeated when it failed. */
  enum Safety {
    /** GET: repeat on 429, 5xx (500 included), timeouts, dropped connections, garbled bodies. */
    READ,
    /** Idempotent PATCH/DELETE: repeat on 429, 502/503/504, timeouts and dropped connections. */
    IDEMPOTENT_WRITE,
    /**
     * POST create: repeated directly only when it certainly was not processed (429, connection
     * refused); after an ambiguous failure the caller must first look for the created resource.
     */
    CREATE
  }

  ApiCall {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(safety, "safety");
    Objects.requireNonNull(action, "action");
  }

  /** "GET /v2/routes?limit=200&offset=0": what the logs show (never headers). */
  String describe() {
    String query = url.encodedQuery();
    return method + " " + url.encodedPath() + (query == null ? "" : "?" + query);
  }

  boolean changesSomething() {
    return safety != Safety.READ;
  }
}
