package io.ddwebhooks.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The control API over real HTTP, as a script outside Java would drive it. */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class EmulatorControlApiIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String API_KEY = "api-key-0123456789abcdef";
  private static final String APP_KEY = "app-key-0123456789abcdef";
  private static final String SECRET = "s3cret-value-never-shown";

  private DatadogEmulator emulator;
  /** Every control API answer, to check that none carries a key or a secret value. */
  private final List<String> controlAnswers = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    emulator = new DatadogEmulator(DatadogEmulator.LOOPBACK, 0, API_KEY, APP_KEY);
  }

  @AfterEach
  void stop() {
    emulator.close();
    assertThat(controlAnswers).noneMatch(a -> a.contains(API_KEY) || a.contains(APP_KEY) || a.contains(SECRET)
        || a.contains("staging-api-key") || a.contains("staging-app-key"));
  }

  private HttpResponse<String> send(String method, String path, String body, String apiKey, String appKey)
      throws IOException, InterruptedException {
    return send(HTTP, method, path, body, apiKey, appKey);
  }

  private HttpResponse<String> send(HttpClient client, String method, String path, String body, String apiKey,
      String appKey) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + path));
    if (apiKey != null) {
      b.header("DD-API-KEY", apiKey).header("DD-APPLICATION-KEY", appKey);
    }
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A Datadog call with the default org's keys. */
  private HttpResponse<String> datadog(String method, String path, String body) throws Exception {
    return send(method, path, body, API_KEY, APP_KEY);
  }

  /** A control call, without keys. */
  private HttpResponse<String> control(String method, String path, String body) throws Exception {
    HttpResponse<String> r = send(method, "/_emulator" + path, body, null, null);
    controlAnswers.add(r.body());
    assertThat(r.headers().firstValue("Content-Type")).contains("application/json");
    return r;
  }

  private JsonNode controlJson(String method, String path, String body, int status) throws Exception {
    HttpResponse<String> r = control(method, path, body);
    assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(status);
    return JSON.readTree(r.body());
  }

  private static String hook(String name) {
    return "{\"name\":\"" + name + "\",\"url\":\"https://example.com/" + name + "\"}";
  }

  @Test
  void theIndexListsTheEndpointsAndMistakesAreClear() throws Exception {
    JsonNode index = controlJson("GET", "/", null, 200);
    assertThat(index.get("endpoints").toString()).contains("POST /_emulator/faults", "GET /_emulator/calls");
    assertThat(controlJson("GET", "/nope", null, 404).get("errors").get(0).asText()).contains("/_emulator/nope");
    assertThat(controlJson("DELETE", "/reset", null, 405).get("errors").get(0).asText()).contains("Method");
    assertThat(controlJson("PUT", "/latency", "not json", 400).get("errors").get(0).asText())
        .isEqualTo("the body must be a JSON object");
    assertThat(emulator.calls()).as("control calls are not Datadog calls").isEmpty();
  }

  @Test
  void faultsHitTheNextCallsOfAnOperation() throws Exception {
    JsonNode scheduled = controlJson("POST", "/faults", "{\"operation\":\"CreateWebhooksIntegration\",\"count\":2,"
        + "\"status\":503,\"body\":{\"errors\":[\"down\"]},\"headers\":{\"Retry-After\":\"1\"}}", 201);
    assertThat(scheduled.get("remaining").asInt()).isEqualTo(2);
    assertThat(datadog("GET", DatadogEmulator.WEBHOOKS + "/a", null).statusCode()).as("a read").isEqualTo(404);
    HttpResponse<String> down = datadog("POST", DatadogEmulator.WEBHOOKS, hook("a"));
    assertThat(down.statusCode()).isEqualTo(503);
    assertThat(down.body()).isEqualTo("{\"errors\":[\"down\"]}");
    assertThat(down.headers().firstValue("Retry-After")).contains("1");
    JsonNode state = controlJson("GET", "/faults", null, 200);
    assertThat(state.get("scheduled").get(0).get("remaining").asInt()).isEqualTo(1);
    assertThat(state.get("injected").asInt()).isEqualTo(1);
    assertThat(datadog("POST", DatadogEmulator.WEBHOOKS, hook("a")).statusCode()).isEqualTo(503);
    assertThat(datadog("POST", DatadogEmulator.WEBHOOKS, hook("a")).statusCode()).isEqualTo(201);

    // POSTs: the JDK client sends a GET again when its connection drops
    controlJson("POST", "/faults", "{\"method\":\"POST\",\"count\":1,\"drop\":\"before\"}", 201);
    assertThatThrownBy(() -> datadog("POST", DatadogEmulator.WEBHOOKS, hook("b"))).isInstanceOf(IOException.class);
    assertThat(emulator.webhookNames()).as("dropped before the work").doesNotContain("b");
    controlJson("POST", "/faults", "{\"method\":\"POST\",\"count\":1,\"drop\":\"after\"}", 201);
    assertThatThrownBy(() -> datadog("POST", DatadogEmulator.WEBHOOKS, hook("b"))).isInstanceOf(IOException.class);
    assertThat(emulator.webhookNames()).as("dropped after the work").contains("b");
    assertThat(emulator.calls()).filteredOn(c -> c.status() == 0).hasSize(2);

    controlJson("POST", "/faults", "{\"always\":true,\"status\":500}", 201);
    assertThat(datadog("GET", DatadogEmulator.WEBHOOKS + "/a", null).statusCode()).isEqualTo(500);
    assertThat(datadog("GET", DatadogEmulator.WEBHOOKS + "/a", null).statusCode()).isEqualTo(500);
    assertThat(controlJson("GET", "/faults", null, 200).get("scheduled").get(0).get("always").asBoolean()).isTrue();
    assertThat(controlJson("DELETE", "/faults", null, 200).get("scheduled")).isEmpty();
    assertThat(datadog("GET", DatadogEmulator.WEBHOOKS + "/a", null).statusCode()).isEqualTo(200);

    assertThat(controlJson("POST", "/faults", "{\"count\":0,\"status\":500}", 400).get("errors").get(0).asText())
        .contains("\"count\" must be an integer from 1");
    assertThat(controlJson("POST", "/faults", "{\"status\":500}", 400).get("errors").get(0).asText())
        .contains("\"count\"");
  }

  @Test
  void chaosAndLegacyModeAreSwitches() throws Exception {
    controlJson("PUT", "/chaos", "{\"probability\":1,\"seed\":11}", 200);
    int failed = 0;
    for (int i = 0; i < 5; i++) {
      try {
        failed += datadog("POST", DatadogEmulator.WEBHOOKS, hook("c" + i)).statusCode() == 201 ? 0 : 1;
      } catch (IOException dropped) {
        failed++;
      }
    }
    assertThat(failed).isEqualTo(5);
    assertThat(emulator.calls()).hasSize(5).noneMatch(c -> c.status() == 201);
    assertThat(controlJson("PUT", "/chaos", "{\"probability\":0}", 200).get("injected").asInt()).isEqualTo(5);
    controlJson("PUT", "/chaos", "{\"probability\":2}", 400);

    assertThat(datadog("DELETE", DatadogEmulator.WEBHOOKS + "/missing", null).statusCode()).isEqualTo(404);
    assertThat(controlJson("PUT", "/legacy-not-found", "{\"enabled\":true}", 200).get("enabled").asBoolean()).isTrue();
    assertThat(datadog("DELETE", DatadogEmulator.WEBHOOKS + "/missing", null).statusCode()).isEqualTo(400);
    controlJson("PUT", "/legacy-not-found", "{\"enabled\":\"yes\"}", 400);
  }

  @Test
  void latencyIsSetPerKindAndPerOrgAndOverlappingWritesAreFlagged() throws Exception {
    JsonNode latency = controlJson("PUT", "/latency", "{\"writeMs\":400}", 200);
    assertThat(latency.get("readMs").asLong()).isZero();
    assertThat(latency.get("writeMs").asLong()).isEqualTo(400);
    long begun = System.nanoTime();
    CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> post(hook("one")));
    CompletableFuture<HttpResponse<String>> second = CompletableFuture.supplyAsync(() -> post(hook("two")));
    assertThat(first.get().statusCode()).isEqualTo(201);
    assertThat(second.get().statusCode()).isEqualTo(201);
    assertThat(Duration.ofNanos(System.nanoTime() - begun)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    JsonNode calls = controlJson("GET", "/calls", null, 200).get("calls");
    assertThat(calls).hasSize(2).allMatch(c -> c.get("overlapping").asBoolean() && c.get("write").asBoolean());
    assertThat(emulator.overlappingWrites()).hasSize(2);
    assertThat(controlJson("GET", "/orgs", null, 200).get("orgs").get(0).get("maxConcurrentWrites").asInt())
        .isEqualTo(2);

    controlJson("POST", "/orgs", "{\"name\":\"staging\",\"apiKey\":\"staging-api-key\",\"appKey\":\"staging-app-key\"}",
        201);
    latency = controlJson("PUT", "/latency", "{\"org\":\"staging\",\"readMs\":250}", 200);
    assertThat(latency.get("orgs").get("staging").get("readMs").asLong()).isEqualTo(250);
    assertThat(latency.get("orgs").get("staging").get("writeMs").isNull()).isTrue();
    begun = System.nanoTime();
    send("GET", DatadogEmulator.WEBHOOKS + "/x", null, "staging-api-key", "staging-app-key");
    assertThat(Duration.ofNanos(System.nanoTime() - begun)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
    latency = controlJson("PUT", "/latency", "{\"org\":\"staging\",\"readMs\":null}", 200);
    assertThat(latency.get("orgs").get("staging").get("readMs").isNull()).isTrue();

    controlJson("PUT", "/latency", "{\"readMs\":-1}", 400);
    controlJson("PUT", "/latency", "{\"readMs\":\"200\"}", 400);
    controlJson("PUT", "/latency", "{\"readMs\":null}", 400);
    controlJson("PUT", "/latency", "{\"org\":\"nope\",\"readMs\":1}", 400);
    controlJson("PUT", "/latency", "{\"read\":1}", 400);
  }

  private HttpResponse<String> post(String body) {
    try {
      return datadog("POST", DatadogEmulator.WEBHOOKS, body);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void callsAreListedWithoutKeysOrSecretValues() throws Exception {
    datadog("POST", DatadogEmulator.WEBHOOKS, hook("a"));
    datadog("POST", DatadogEmulator.VARIABLES, "{\"name\":\"TOKEN\",\"value\":\"" + SECRET + "\",\"is_secret\":true}");
    datadog("PUT", DatadogEmulator.VARIABLES + "/TOKEN", "{\"value\":\"" + SECRET + "\"}");
    emulator.failNextCalls(1, Fault.echo(400));
    datadog("PUT", DatadogEmulator.VARIABLES + "/TOKEN", "{\"value\":\"" + SECRET + "\"}");
    datadog("GET", DatadogEmulator.NOTIFICATIONS + "/a", null);
    send("GET", DatadogEmulator.WEBHOOKS + "/a", null, "wrong", "keys");

    JsonNode calls = controlJson("GET", "/calls", null, 200).get("calls");
    assertThat(calls).hasSize(6);
    JsonNode first = calls.get(0);
    assertThat(first.get("method").asText()).isEqualTo("POST");
    assertThat(first.get("path").asText()).isEqualTo(DatadogEmulator.WEBHOOKS);
    assertThat(first.get("status").asInt()).isEqualTo(201);
    assertThat(first.get("org").asText()).isEqualTo("default");
    assertThat(first.get("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    assertThat(first.get("overlapping").asBoolean()).isFalse();
    assertThat(first.get("requestBody").asText()).isEqualTo(hook("a"));
    assertThat(calls.get(3).get("status").asInt()).isEqualTo(400);
    assertThat(calls.get(3).get("responseBody").asText()).contains("<redacted>");
    assertThat(calls.get(5).get("org").isNull()).isTrue();
    assertThat(calls.get(5).get("status").asInt()).isEqualTo(403);

    long since = calls.get(3).get("sequence").asLong();
    assertThat(controlJson("GET", "/calls?since=" + since, null, 200).get("calls")).hasSize(2);
    assertThat(controlJson("GET", "/calls?org=default", null, 200).get("calls")).hasSize(5);
    controlJson("GET", "/calls?org=nope", null, 400);
    controlJson("GET", "/calls?since=x", null, 400);
    controlJson("GET", "/calls?limit=1", null, 400);
    controlJson("DELETE", "/calls", null, 200);
    assertThat(controlJson("GET", "/calls", null, 200).get("calls")).isEmpty();
  }

  @Test
  void orgsAreListedAndAddedWithoutShowingKeys() throws Exception {
    JsonNode added = controlJson("POST", "/orgs",
        "{\"name\":\"staging\",\"apiKey\":\"staging-api-key\",\"appKey\":\"staging-app-key\"}", 201);
    assertThat(added.get("name").asText()).isEqualTo("staging");
    assertThat(send("POST", DatadogEmulator.WEBHOOKS, hook("s"), "staging-api-key", "staging-app-key").statusCode())
        .isEqualTo(201);
    assertThat(emulator.org("staging").webhookNames()).containsExactly("s");
    JsonNode orgs = controlJson("GET", "/orgs", null, 200).get("orgs");
    assertThat(orgs).extracting(o -> o.get("name").asText()).containsExactly("staging", "default");
    assertThat(orgs.get(0).get("webhooks").get(0).asText()).isEqualTo("s");
    assertThat(orgs.get(1).get("acceptsAnyKeys").asBoolean()).isFalse();

    controlJson("POST", "/orgs", "{\"name\":\"staging\",\"apiKey\":\"k2\",\"appKey\":\"a2\"}", 409);
    controlJson("POST", "/orgs", "{\"name\":\"other\",\"apiKey\":\"staging-api-key\",\"appKey\":\"staging-app-key\"}",
        409);
    controlJson("POST", "/orgs", "{\"name\":\"default\",\"apiKey\":\"k3\",\"appKey\":\"a3\"}", 409);
    controlJson("POST", "/orgs", "{\"name\":\"bad name\",\"apiKey\":\"k4\",\"appKey\":\"a4\"}", 400);
    controlJson("POST", "/orgs", "{\"name\":\"nokeys\"}", 400);
    controlJson("POST", "/orgs", "{\"name\":\"x\",\"apiKey\":\"k5\",\"appKey\":\"a5\",\"orgId\":1}", 400);
  }

  @Test
  void resetEmptiesEveryOrgAndClearsFaultsLatencyAndCalls() throws Exception {
    controlJson("POST", "/orgs", "{\"name\":\"staging\",\"apiKey\":\"staging-api-key\",\"appKey\":\"staging-app-key\"}",
        201);
    datadog("POST", DatadogEmulator.WEBHOOKS, hook("a"));
    send("POST", DatadogEmulator.WEBHOOKS, hook("s"), "staging-api-key", "staging-app-key");
    controlJson("PUT", "/latency", "{\"readMs\":5,\"writeMs\":5}", 200);
    controlJson("PUT", "/latency", "{\"org\":\"staging\",\"writeMs\":7}", 200);
    controlJson("POST", "/faults", "{\"count\":3,\"status\":500}", 201);
    controlJson("PUT", "/legacy-not-found", "{\"enabled\":true}", 200);

    assertThat(controlJson("POST", "/reset", null, 200).get("reset").asBoolean()).isTrue();

    assertThat(emulator.webhookNames()).isEmpty();
    assertThat(emulator.org("staging").webhookNames()).isEmpty();
    JsonNode latency = controlJson("GET", "/latency", null, 200);
    assertThat(latency.get("readMs").asLong()).isZero();
    assertThat(latency.get("writeMs").asLong()).isZero();
    assertThat(latency.get("orgs").get("staging").get("writeMs").isNull()).isTrue();
    JsonNode faults = controlJson("GET", "/faults", null, 200);
    assertThat(faults.get("scheduled")).isEmpty();
    assertThat(faults.get("injected").asInt()).isZero();
    assertThat(controlJson("GET", "/legacy-not-found", null, 200).get("enabled").asBoolean()).isFalse();
    assertThat(controlJson("GET", "/calls", null, 200).get("calls")).isEmpty();
    assertThat(controlJson("GET", "/orgs", null, 200).get("orgs")).hasSize(2);
    assertThat(send("POST", DatadogEmulator.WEBHOOKS, hook("s"), "staging-api-key", "staging-app-key").statusCode())
        .as("the org stays, emptied").isEqualTo(201);
  }
}
