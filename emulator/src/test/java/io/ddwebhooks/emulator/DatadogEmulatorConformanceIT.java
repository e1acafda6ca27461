package io.ddwebhooks.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;

/**
 * Replays every recording of the real Datadog API against a fresh emulator and checks each status code and body.
 * Recordings from 2021 ran before Datadog answered a missing object's DELETE with 404, so they replay in legacy mode;
 * recordings from before 2024 predate the {@code auth_method_id} field, which the emulator returns as null. Each is
 * replayed twice: over a socket, and in-process through the emulator's own {@link HttpClient}.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class DatadogEmulatorConformanceIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void theRecordingsArePresentAndParsed() throws IOException {
    assertThat(Files.isDirectory(Cassettes.root()))
        .as("recordings expected at %s (tests run in the repository root; or set -Dddwebhooks.recordings.dir)", Cassettes.root().toAbsolutePath()).isTrue();
    List<Cassettes.Recording> all = Cassettes.all(Cassettes.root());
    assertThat(all).hasSizeGreaterThanOrEqualTo(20);
    assertThat(all.stream().mapToInt(r -> r.interactions().size()).sum()).isGreaterThanOrEqualTo(80);
  }

  @TestFactory
  Stream<DynamicTest> emulatorAnswersEveryRecordedInteractionAsDatadogDid() throws IOException {
    return Cassettes.all(Cassettes.root()).stream()
        .map(recording -> DynamicTest.dynamicTest(recording.name(), () -> replay(recording, false)));
  }

  /** The same answers with no socket, through {@link DatadogEmulator#httpClient()}, as the operator's unit tests use it. */
  @TestFactory
  Stream<DynamicTest> inProcessClientGetsTheSameAnswers() throws IOException {
    return Cassettes.all(Cassettes.root()).stream()
        .map(recording -> DynamicTest.dynamicTest(recording.name(), () -> replay(recording, true)));
  }

  private static void replay(Cassettes.Recording recording, boolean inProcess) throws Exception {
    try (DatadogEmulator emulator = inProcess ? DatadogEmulator.inProcess(null, null) : DatadogEmulator.start()) {
      HttpClient http = inProcess ? emulator.httpClient() : HTTP;
      emulator.setLegacyNotFound(recording.name().contains("2021"));
      int i = 0;
      for (Cassettes.Interaction x : recording.interactions()) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + x.path()))
            .header("DD-API-KEY", "any").header("DD-APPLICATION-KEY", "any").header("Accept", "application/json");
        if (x.requestBody() != null) {
          request.header("Content-Type", "application/json")
              .method(x.method(), HttpRequest.BodyPublishers.ofString(x.requestBody()));
        } else {
          request.method(x.method(), HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        String where = recording.name() + " interaction " + i++ + " (" + x + ")";
        assertThat(response.statusCode()).as(where + " status").isEqualTo(x.status());
        if (x.responseBody() != null) {
          JsonNode recorded = JSON.readTree(x.responseBody());
          JsonNode answered = JSON.readTree(response.body());
          if (answered instanceof ObjectNode o && !recorded.has("auth_method_id")
              && o.has("auth_method_id") && o.get("auth_method_id").isNull()) {
            o.remove("auth_method_id");
          }
          assertThat(answered).as(where + " body").isEqualTo(recorded);
        }
      }
    }
  }
}
