package io.ddwebhooks.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Replays the one public recording of the v2 auth-method API (Terraform's acceptance test, recordings/v2) against
 * the emulator, over HTTP and in-process: every status and body as the real server answered, the server-made id
 * mapped from the recording's to the emulator's.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class AuthMethodConformanceIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path V2 = Path.of("emulator/src/test/resources/recordings/v2");

  @Test
  void answersTheRecordingOverHttp() throws Exception {
    try (DatadogEmulator emulator = DatadogEmulator.start()) {
      replay(emulator, HttpClient.newHttpClient());
    }
  }

  @Test
  void answersTheRecordingInProcess() throws Exception {
    DatadogEmulator emulator = DatadogEmulator.inProcess(null, null);
    replay(emulator, emulator.httpClient());
  }

  private static void replay(DatadogEmulator emulator, HttpClient http) throws Exception {
    List<Cassettes.Recording> recordings = Cassettes.all(V2);
    assertThat(recordings).hasSize(1);
    String recordedId = null;
    String emulatorId = null;
    int i = 0;
    for (Cassettes.Interaction x : recordings.get(0).interactions()) {
      String path = recordedId == null ? x.path() : x.path().replace(recordedId, emulatorId);
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + path))
          .header("DD-API-KEY", "any").header("DD-APPLICATION-KEY", "any");
      request.method(x.method(), x.requestBody() == null ? HttpRequest.BodyPublishers.noBody()
          : HttpRequest.BodyPublishers.ofString(x.requestBody()));
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      String where = "interaction " + i++ + " (" + x + ")";
      assertThat(response.statusCode()).as(where + " status").isEqualTo(x.status());
      if (x.responseBody() == null) {
        assertThat(response.body()).as(where + " body").isEmpty();
        continue;
      }
      JsonNode recorded = JSON.readTree(x.responseBody());
      if (recordedId == null && recorded.at("/data/id").isTextual()) {
        recordedId = recorded.at("/data/id").asText();
        emulatorId = JSON.readTree(response.body()).at("/data/id").asText();
        assertThat(emulatorId).as("a lower-case UUID, as Datadog's")
            .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
      }
      String answered = response.body().replace(emulatorId == null ? "\u0000" : emulatorId,
          recordedId == null ? "\u0000" : recordedId);
      assertThat(JSON.readTree(answered)).as(where + " body").isEqualTo(recorded);
      assertThat(answered).as("the client secret is never answered").doesNotContain("client_secret", "secret-");
    }
  }

  @Test
  void theSpecsNameConflictListAndLimits() throws Exception {
    DatadogEmulator emulator = DatadogEmulator.inProcess(null, null);
    HttpClient http = emulator.httpClient();
    String create = "{\"data\":{\"type\":\"webhooks-auth-method-oauth2-client-credentials\",\"attributes\":"
        + "{\"name\":\"sn\",\"access_token_url\":\"https://a/t\",\"client_id\":\"c\",\"client_secret\":\"s\"}}}";
    assertThat(send(emulator, http, "POST", "/oauth2-client-credentials", create).statusCode()).isEqualTo(201);
    assertThat(send(emulator, http, "POST", "/oauth2-client-credentials", create).statusCode())
        .as("a name already in use").isEqualTo(409);
    assertThat(send(emulator, http, "POST", "/oauth2-client-credentials",
        create.replace("\"sn\"", "\"" + "n".repeat(101) + "\"")).statusCode()).isEqualTo(400);
    JsonNode list = JSON.readTree(send(emulator, http, "GET", "?include=oauth2-client-credentials", null).body());
    assertThat(list.at("/data/0/type").asText()).isEqualTo("webhooks-auth-method");
    assertThat(list.at("/included/0/attributes/name").asText()).isEqualTo("sn");
    assertThat(list.at("/included/0/attributes").has("client_secret")).isFalse();
    assertThat(JSON.readTree(send(emulator, http, "GET", "", null).body()).has("included")).isFalse();
    assertThat(send(emulator, http, "DELETE", "/oauth2-client-credentials/" + list.at("/data/0/id").asText(), null)
        .statusCode()).isEqualTo(204);
    assertThat(send(emulator, http, "DELETE", "/oauth2-client-credentials/" + list.at("/data/0/id").asText(), null)
        .statusCode()).isEqualTo(404);
  }

  private static HttpResponse<String> send(DatadogEmulator emulator, HttpClient http, String method, String suffix,
      String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + DatadogEmulator.AUTH_METHODS + suffix))
        .header("DD-API-KEY", "any").header("DD-APPLICATION-KEY", "any")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .build(), HttpResponse.BodyHandlers.ofString());
  }
}
