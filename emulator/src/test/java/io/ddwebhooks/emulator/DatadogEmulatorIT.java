package io.ddwebhooks.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Emulator behaviour that the recordings do not show, as documented in shared/reference/datadog-api.md. */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class DatadogEmulatorIT {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private DatadogEmulator emulator;

  @BeforeEach
  void start() throws Exception {
    emulator = new DatadogEmulator(0, "api", "app");
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  private HttpResponse<String> call(String method, String path, String body, String apiKey, String appKey)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + path));
    if (apiKey != null) {
      b.header("DD-API-KEY", apiKey);
    }
    if (appKey != null) {
      b.header("DD-APPLICATION-KEY", appKey);
    }
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> call(String method, String path, String body) throws Exception {
    return call(method, path, body, "api", "app");
  }

  @Test
  void bothKeysAreRequired() throws Exception {
    String path = DatadogEmulator.WEBHOOKS + "/x";
    assertThat(call("GET", path, null, "api", null).statusCode()).isEqualTo(403);
    assertThat(call("GET", path, null, null, "app").statusCode()).isEqualTo(403);
    assertThat(call("GET", path, null, "wrong", "app").body()).isEqualTo("{\"errors\":[\"Forbidden\"]}");
    assertThat(call("GET", path, null).statusCode()).isEqualTo(404);
  }

  @Test
  void namesAreValidatedAndUnique() throws Exception {
    assertThat(call("POST", DatadogEmulator.WEBHOOKS, "{\"name\":\"a b\",\"url\":\"https://x\"}").body())
        .isEqualTo("{\"errors\":[\"Invalid webhook\"]}");
    assertThat(call("POST", DatadogEmulator.WEBHOOKS, "{\"name\":\"a\",\"url\":\"https://x\"}").statusCode())
        .isEqualTo(201);
    HttpResponse<String> again = call("POST", DatadogEmulator.WEBHOOKS, "{\"name\":\"a\",\"url\":\"https://y\"}");
    assertThat(again.statusCode()).isEqualTo(400);
    assertThat(again.body()).contains("Webhook already exists");
    assertThat(call("POST", DatadogEmulator.WEBHOOKS, "{\"name\":\"b\",\"url\":\"https://x\"}").statusCode())
        .isEqualTo(201);
    assertThat(call("PUT", DatadogEmulator.WEBHOOKS + "/b", "{\"name\":\"a\"}").body())
        .contains("Webhook already exists");
    assertThat(call("POST", DatadogEmulator.VARIABLES, "{\"name\":\"lower\",\"value\":\"v\",\"is_secret\":false}")
        .statusCode()).isEqualTo(400);
    assertThat(call("POST", DatadogEmulator.WEBHOOKS, "{\"name\":\"c\",\"url\":\"https://x\",\"encode_as\":\"xml\"}")
        .statusCode()).isEqualTo(400);
  }

  @Test
  void serverDefaultsAndHiddenSecrets() throws Exception {
    String created = call("POST", DatadogEmulator.WEBHOOKS, "{\"name\":\"d\",\"url\":\"https://x\"}").body();
    assertThat(created).contains("\"encode_as\":\"json\"", "\"custom_headers\":null", "\"auth_method_id\":null")
        .contains("$EVENT_MSG");
    call("POST", DatadogEmulator.VARIABLES, "{\"name\":\"S\",\"value\":\"hidden\",\"is_secret\":true}");
    assertThat(call("GET", DatadogEmulator.VARIABLES + "/S", null).body())
        .isEqualTo("{\"name\":\"S\",\"is_secret\":true}");
  }

  @Test
  void faultsAreCountedAndWriteOverlapIsMeasured() throws Exception {
    emulator.failNextCalls(2, Fault.serverError());
    assertThat(call("GET", DatadogEmulator.WEBHOOKS + "/x", null).statusCode()).isEqualTo(500);
    assertThat(call("GET", DatadogEmulator.WEBHOOKS + "/x", null).statusCode()).isEqualTo(500);
    assertThat(call("GET", DatadogEmulator.WEBHOOKS + "/x", null).statusCode()).isEqualTo(404);
    assertThat(emulator.faultsInjected()).isEqualTo(2);
    emulator.failNextCalls(1, Fault.rateLimited(7));
    HttpResponse<String> limited = call("GET", DatadogEmulator.WEBHOOKS + "/x", null);
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("X-RateLimit-Reset")).contains("7");
    emulator.failNext("POST", 1, Fault.droppedAfterCommit());
    try {
      call("POST", DatadogEmulator.WEBHOOKS, "{\"name\":\"committed\",\"url\":\"https://x\"}");
    } catch (java.io.IOException expected) {
      // the connection dropped, after the write
    }
    assertThat(emulator.webhookNames()).contains("committed");
    assertThat(emulator.maxConcurrentWrites()).isEqualTo(1);
  }

  @Test
  void eachKeyPairReachesItsOwnOrg() throws Exception {
    DatadogEmulator.Org staging = emulator.addOrg("staging", "staging-api", "staging-app");
    String hook = "{\"name\":\"same\",\"url\":\"https://%s.example.com\"}";
    assertThat(call("POST", DatadogEmulator.WEBHOOKS, hook.formatted("prod")).statusCode()).isEqualTo(201);
    assertThat(call("POST", DatadogEmulator.WEBHOOKS, hook.formatted("staging"), "staging-api", "staging-app")
        .statusCode()).as("the same name in another org is no conflict").isEqualTo(201);
    assertThat(emulator.webhook("same").orElseThrow().get("url").asText()).isEqualTo("https://prod.example.com");
    assertThat(staging.webhook("same").orElseThrow().get("url").asText()).isEqualTo("https://staging.example.com");
    assertThat(call("GET", DatadogEmulator.WEBHOOKS + "/same", null, "staging-api", "app").statusCode())
        .as("a mixed pair reaches no org").isEqualTo(403);
    assertThat(staging.calls()).hasSize(1);
    assertThat(emulator.org(DatadogEmulator.DEFAULT_ORG).webhookNames()).containsExactly("same");
  }
}
