package io.ddwebhooks.operator.datadog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link WebhooksIntegrationApi} over HTTP with the JDK client. No retries and no sleeping here: a failure is thrown
 * with what the caller needs to decide when to try again.
 */
public class HttpWebhooksIntegrationApi implements WebhooksIntegrationApi {

  private static final String WEBHOOKS = "/api/v1/integration/webhooks/configuration/webhooks";
  private static final String VARIABLES = "/api/v1/integration/webhooks/configuration/custom-variables";
  /** Datadog's answers are a few KiB; anything larger is not read (a proxy's page, a misdirected URL). */
  static final int MAX_RESPONSE_BYTES = 1 << 20;
  static final int MAX_ERRORS = 5;
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private final URI baseUrl;
  private final String apiKey;
  private final String appKey;
  private final Duration timeout;
  private final HttpClient http;
  private final String userAgent;
  private final CallObserver observer;
  private final String orgLabel;
  private final HttpAuthMethods authMethods = new HttpAuthMethods(this);

  public HttpWebhooksIntegrationApi(URI baseUrl, String apiKey, String appKey, Duration timeout, String userAgent) {
    this(baseUrl, apiKey, appKey, timeout, userAgent, CallObserver.NONE);
  }

  public HttpWebhooksIntegrationApi(URI baseUrl, String apiKey, String appKey, Duration timeout, String userAgent,
      CallObserver observer) {
    this(baseUrl, apiKey, appKey, timeout, userAgent, observer, baseUrl.getHost(),
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build());
  }

  /** With a shared JDK client (one per process is enough) and the org's label for metrics. */
  public HttpWebhooksIntegrationApi(URI baseUrl, String apiKey, String appKey, Duration timeout, String userAgent,
      CallObserver observer, String orgLabel, HttpClient http) {
    String base = baseUrl.toString();
    this.baseUrl = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
    this.apiKey = apiKey;
    this.appKey = appKey;
    this.timeout = timeout;
    this.userAgent = userAgent;
    this.observer = observer;
    this.orgLabel = orgLabel;
    this.http = http;
  }

  @Override
  public Optional<Webhook> getWebhook(String name) {
    return send("GetWebhooksIntegration", "GET webhook '" + name + "'", "GET", webhookPath(name), null, true)
        .map(HttpWebhooksIntegrationApi::toWebhook);
  }

  @Override
  public Webhook createWebhook(Webhook webhook) {
    return toWebhook(send("CreateWebhooksIntegration", "POST webhook '" + webhook.name() + "'", "POST", WEBHOOKS,
        webhookBody(webhook), false).orElseThrow());
  }

  @Override
  public Webhook updateWebhook(String currentName, Webhook webhook) {
    return toWebhook(send("UpdateWebhooksIntegration", "PUT webhook '" + currentName + "'", "PUT",
        webhookPath(currentName), webhookBody(webhook), false).orElseThrow());
  }

  @Override
  public boolean deleteWebhook(String name) {
    return send("DeleteWebhooksIntegration", "DELETE webhook '" + name + "'", "DELETE", webhookPath(name), null,
        true).isPresent();
  }

  @Override
  public Optional<CustomVariable> getCustomVariable(String name) {
    return send("GetWebhooksIntegrationCustomVariable", "GET custom variable '" + name + "'", "GET",
        variablePath(name), null, true).map(HttpWebhooksIntegrationApi::toVariable);
  }

  @Override
  public CustomVariable createCustomVariable(CustomVariable variable) {
    return toVariable(send("CreateWebhooksIntegrationCustomVariable", "POST custom variable '" + variable.name()
        + "'", "POST", VARIABLES, variableBody(variable), false).orElseThrow());
  }

  @Override
  public CustomVariable updateCustomVariable(String currentName, CustomVariable variable) {
    return toVariable(send("UpdateWebhooksIntegrationCustomVariable", "PUT custom variable '" + currentName + "'",
        "PUT", variablePath(currentName), variableBody(variable), false).orElseThrow());
  }

  @Override
  public boolean deleteCustomVariable(String name) {
    return send("DeleteWebhooksIntegrationCustomVariable", "DELETE custom variable '" + name + "'", "DELETE",
        variablePath(name), null, true).isPresent();
  }

  @Override
  public Optional<AuthMethod> getAuthMethod(String name) {
    return authMethods.get(name);
  }

  @Override
  public AuthMethod createAuthMethod(AuthMethod authMethod) {
    return authMethods.create(authMethod);
  }

  @Override
  public AuthMethod updateAuthMethod(String currentName, AuthMethod authMethod) {
    return authMethods.update(currentName, authMethod);
  }

  @Override
  public boolean deleteAuthMethod(String name) {
    return authMethods.delete(name);
  }

  @Override
  public Optional<AuthMethod> getAuthMethodById(String id) {
    return authMethods.getById(id);
  }

  @Override
  public AuthMethod updateAuthMethodById(String id, AuthMethod authMethod) {
    return authMethods.updateById(id, authMethod);
  }

  @Override
  public boolean deleteAuthMethodById(String id) {
    return authMethods.deleteById(id);
  }

  @Override
  public java.util.List<AuthMethod> listAuthMethods() {
    return authMethods.list();
  }

  @Override
  public Optional<String> knownAuthMethodId(String name) {
    return authMethods.knownId(name);
  }

  private static String webhookPath(String name) {
    return WEBHOOKS + "/" + escape(name);
  }

  private static String variablePath(String name) {
    return VARIABLES + "/" + escape(name);
  }

  /** The full body, always: a partial PUT would leave fields we manage to the server's discretion. */
  static ObjectNode webhookBody(Webhook w) {
    ObjectNode body = JSON.createObjectNode();
    body.put("name", w.name());
    body.put("url", w.url());
    body.put("payload", w.payload());
    body.put("custom_headers", w.customHeaders());
    body.put("encode_as", w.encodeAs());
    return body;
  }

  static ObjectNode variableBody(CustomVariable v) {
    ObjectNode body = JSON.createObjectNode();
    body.put("name", v.name());
    body.put("value", v.value());
    body.put("is_secret", v.isSecret());
    return body;
  }

  static Webhook toWebhook(JsonNode n) {
    return new Webhook(text(n, "name"), text(n, "url"), text(n, "payload"), text(n, "custom_headers"),
        text(n, "encode_as"));
  }

  static CustomVariable toVariable(JsonNode n) {
    return new CustomVariable(text(n, "name"), text(n, "value"), n.path("is_secret").asBoolean(false));
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  static String escape(String name) {
    return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /**
   * Sends one request. Returns the parsed body on 2xx; empty on 404 (and the legacy 400 "does not exist") when
   * {@code absentIsEmpty}; throws otherwise.
   */
  Optional<JsonNode> send(String operationId, String operation, String method, String path, JsonNode body,
      boolean absentIsEmpty) {
    return send(operationId, operation, method, path, body, absentIsEmpty, MAX_RESPONSE_BYTES);
  }

  /** As above, reading at most {@code maxBytes} of the answer (larger: not read, a network error). */
  Optional<JsonNode> send(String operationId, String operation, String method, String path, JsonNode body,
      boolean absentIsEmpty, int maxBytes) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
        .timeout(timeout)
        .header("Accept", "application/json")
        .header("DD-API-KEY", apiKey)
        .header("DD-APPLICATION-KEY", appKey)
        .header("User-Agent", userAgent);
    if (body != null) {
      request.header("Content-Type", "application/json");
      request.method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<InputStream> response;
    String responseBody;
    long start = System.nanoTime();
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = response.body()) {
        byte[] bytes = in.readNBytes(maxBytes + 1);
        if (bytes.length > maxBytes) {
          observer.observe(orgLabel, operationId, DatadogApiException.NETWORK_ERROR,
              Duration.ofNanos(System.nanoTime() - start));
          throw new DatadogApiException(operation, DatadogApiException.NETWORK_ERROR,
              List.of("the answer was larger than " + (maxBytes >> 10) + " KiB and was not read"), null);
        }
        responseBody = new String(bytes, StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      observer.observe(orgLabel, operationId, DatadogApiException.NETWORK_ERROR,
          Duration.ofNanos(System.nanoTime() - start));
      throw DatadogApiException.network(operation, e);
    } catch (InterruptedException e) {
      throw DatadogApiException.stopping(operation);
    }
    int status = response.statusCode();
    observer.observe(orgLabel, operationId, status, Duration.ofNanos(System.nanoTime() - start));
    if (status >= 200 && status < 300) {
      return Optional.of(parse(operation, status, responseBody));
    }
    DatadogApiException failure = new DatadogApiException(operation, status, errors(responseBody),
        retryAfter(response).orElse(null));
    if (absentIsEmpty && failure.verdict(absentOperation(method)) == Verdict.ABSENT) {
      return Optional.empty();
    }
    throw failure;
  }

  private static Operation absentOperation(String method) {
    return method.equals("DELETE") ? Operation.DELETE : Operation.GET;
  }

  private static JsonNode parse(String operation, int status, String body) {
    if (body == null || body.isBlank()) {
      return JSON.createObjectNode();
    }
    try {
      return JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new DatadogApiException(operation, status, List.of("response is not JSON"), null);
    }
  }

  /**
   * Datadog's {"errors": [...]} texts, the only part of an answer ever copied (at most {@value #MAX_ERRORS} of them;
   * whoever shows them redacts, then shortens, so that no cut hides part of a secret from the redactor); anything
   * else is summarised without echoing the body.
   */
  static List<String> errors(String body) {
    List<String> out = new ArrayList<>();
    try {
      JsonNode errors = JSON.readTree(body == null ? "" : body).path("errors");
      for (JsonNode e : errors) {
        if (out.size() == MAX_ERRORS) {
          break;
        }
        out.add(e.asText());
      }
    } catch (JsonProcessingException | RuntimeException e) {
      // not JSON (a proxy's HTML page, say): say so rather than repeat it
    }
    if (out.isEmpty()) {
      out.add("no error details");
    }
    return out;
  }

  /** X-RateLimit-Reset, in seconds; the JDK matches header names case-insensitively. */
  static Optional<Duration> retryAfter(HttpResponse<?> response) {
    return response.headers().firstValue("X-RateLimit-Reset").flatMap(HttpWebhooksIntegrationApi::seconds);
  }

  static Optional<Duration> seconds(String value) {
    try {
      long s = Long.parseLong(value.trim());
      return s >= 0 ? Optional.of(Duration.ofSeconds(s)) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
