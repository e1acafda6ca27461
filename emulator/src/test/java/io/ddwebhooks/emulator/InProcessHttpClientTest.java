package io.ddwebhooks.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class InProcessHttpClientTest {

  private final DatadogEmulator emulator = DatadogEmulator.inProcess("api", "app");
  private final HttpClient http = emulator.httpClient();

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(emulator.baseUrl() + path))
        .header("DD-API-KEY", "api").header("DD-APPLICATION-KEY", "app");
  }

  @Test
  void writesAndReadsWithNoSocket() throws Exception {
    HttpResponse<String> created = http.send(request(DatadogEmulator.WEBHOOKS)
        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"a\",\"url\":\"https://example.com\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.headers().firstValue("location")).isPresent();

    HttpResponse<InputStream> read = http.send(request(DatadogEmulator.WEBHOOKS + "/a").GET().build(),
        HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream in = read.body()) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).contains("\"url\":\"https://example.com\"");
    }
    assertThat(emulator.webhookNames()).containsExactly("a");
    assertThat(emulator.calls()).extracting(RecordedCall::method).containsExactly("POST", "GET");
  }

  @Test
  void keysAreCheckedAndFaultsAnswered() throws Exception {
    HttpResponse<String> forbidden = http.send(HttpRequest.newBuilder(URI.create("http://x" + DatadogEmulator.WEBHOOKS
        + "/a")).header("DD-API-KEY", "wrong").header("DD-APPLICATION-KEY", "app").GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(forbidden.statusCode()).isEqualTo(403);

    emulator.failNext("GET", 1, Fault.rateLimited(7));
    HttpResponse<Void> limited = http.send(request(DatadogEmulator.WEBHOOKS + "/a").GET().build(),
        HttpResponse.BodyHandlers.discarding());
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("X-RateLimit-Reset")).contains("7");

    emulator.failNext("DELETE", 1, Fault.droppedConnection());
    assertThatThrownBy(() -> http.send(request(DatadogEmulator.WEBHOOKS + "/a").DELETE().build(),
        HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
  }

  @Test
  void sendAsyncIsAnsweredToo() throws Exception {
    HttpResponse<String> missing = http.sendAsync(request(DatadogEmulator.VARIABLES + "/NOPE").GET().build(),
        HttpResponse.BodyHandlers.ofString()).get();
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThatThrownBy(emulator::address).isInstanceOf(IllegalStateException.class);
  }
}
