package io.routedesk.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** A plain java.net.http client for the sandbox tests, with Basic auth. */
final class SandboxHttp {
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final String JSON_API = "application/vnd.api+json";

  /** One answer; {@code json} is null when the body is empty. */
  record Reply(int status, HttpResponse<String> response, JsonNode json) {
    String header(String name) {
      return response.headers().firstValue(name).orElse(null);
    }

    /** The first error's field, e.g. "detail". */
    String error(String field) {
      return json.path("errors").path(0).path(field).asText(null);
    }
  }

  private final HttpClient client;
  private final String base;
  private final String authorization;

  SandboxHttp(FlowrouteSandbox sandbox) {
    this(sandbox, sandbox.accessKey(), sandbox.secretKey());
  }

  SandboxHttp(FlowrouteSandbox sandbox, String accessKey, String secretKey) {
    this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    this.base = sandbox.baseUrl();
    this.authorization =
        accessKey == null
            ? null
            : "Basic "
                + Base64.getEncoder()
                    .encodeToString((accessKey + ":" + secretKey).getBytes(StandardCharsets.UTF_8));
  }

  HttpClient client() {
    return client;
  }

  Reply get(String pathAndQuery) throws IOException, InterruptedException {
    return send(request(pathAndQuery).GET().build());
  }

  Reply post(String path, String body) throws IOException, InterruptedException {
    return send(
        request(path)
            .header("Content-Type", JSON_API)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  Reply patch(String path, String body) throws IOException, InterruptedException {
    return send(
        request(path)
            .header("Content-Type", JSON_API)
            .method("PATCH", HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  Reply delete(String path) throws IOException, InterruptedException {
    return send(request(path).DELETE().build());
  }

  /** A request with auth and Accept set; the caller adds the method and body. */
  HttpRequest.Builder request(String pathAndQuery) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + pathAndQuery))
            .timeout(Duration.ofSeconds(20))
            .header("Accept", JSON_API);
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return b;
  }

  Reply send(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<String> response =
        client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    String body = response.body();
    JsonNode json = body == null || body.isEmpty() ? null : MAPPER.readTree(body);
    return new Reply(response.statusCode(), response, json);
  }

  static String routeBody(String type, String value, String alias) {
    return "{\"data\":{\"type\":\"route\",\"attributes\":{\"route_type\":\""
        + type
        + "\",\"value\":\""
        + value
        + "\",\"alias\":\""
        + alias
        + "\"}}}";
  }

  static String relationshipBody(String routeId) {
    return "{\"data\":{\"type\":\"route\",\"id\":\"" + routeId + "\"}}";
  }
}
