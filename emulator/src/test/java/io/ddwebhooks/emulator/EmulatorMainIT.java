package io.ddwebhooks.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/** The command line of the runnable jar, started without blocking. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class EmulatorMainIT {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static int status(DatadogEmulator emulator, String method, String path, String body, String apiKey,
      String appKey) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + path));
    if (apiKey != null) {
      b.header("DD-API-KEY", apiKey).header("DD-APPLICATION-KEY", appKey);
    }
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  @Test
  void servesWithItsKeysAndOrgs() throws Exception {
    StringWriter out = new StringWriter();
    try (DatadogEmulator emulator = EmulatorMain.launch(new PrintWriter(out), "--port", "0", "--bind", "127.0.0.1",
        "--api-key", "main-api", "--app-key", "main-app", "--org", "staging=st-api:st-app",
        "--org", "tenant=te-api:te-app")) {
      assertThat(emulator.baseUrl().getHost()).isEqualTo("127.0.0.1");
      assertThat(emulator.baseUrl().getPort()).isPositive();
      assertThat(out.toString()).contains("org staging", "org tenant",
          "Datadog emulator listening on " + emulator.baseUrl(), emulator.baseUrl() + "/_emulator/");
      String hook = "{\"name\":\"h\",\"url\":\"https://example.com\"}";
      assertThat(status(emulator, "POST", DatadogEmulator.WEBHOOKS, hook, "main-api", "main-app")).isEqualTo(201);
      assertThat(status(emulator, "POST", DatadogEmulator.WEBHOOKS, hook, "st-api", "st-app")).isEqualTo(201);
      assertThat(status(emulator, "GET", DatadogEmulator.WEBHOOKS + "/h", null, "other", "keys")).isEqualTo(403);
      assertThat(emulator.org("staging").webhookNames()).containsExactly("h");
      assertThat(emulator.org("tenant").webhookNames()).isEmpty();
      assertThat(status(emulator, "GET", "/_emulator/orgs", null, null, null)).isEqualTo(200);
    }
  }

  @Test
  void bindsEveryAddressWhenAsked() throws Exception {
    StringWriter out = new StringWriter();
    try (DatadogEmulator emulator = EmulatorMain.launch(new PrintWriter(out), "--port", "0", "--bind", "0.0.0.0")) {
      assertThat(emulator.address().getAddress().isAnyLocalAddress()).isTrue();
      assertThat(emulator.baseUrl().getHost()).as("reachable from this machine").isEqualTo("127.0.0.1");
      assertThat(out.toString()).contains("listening on 0.0.0.0:" + emulator.baseUrl().getPort());
      assertThat(status(emulator, "GET", DatadogEmulator.WEBHOOKS + "/x", null, "any", "any")).isEqualTo(404);
    }
  }

  @Test
  void badOptionsAreRefusedWithoutStarting() {
    assertThatThrownBy(() -> EmulatorMain.launch(new PrintWriter(new StringWriter()), "--port", "0", "--org",
        "staging=only-one-key")).isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("NAME=APIKEY:APPKEY");
    StringWriter err = new StringWriter();
    CommandLine commandLine = new CommandLine(new EmulatorMain()).setErr(new PrintWriter(err));
    assertThat(commandLine.execute("--port", "0", "--org", "=k:a")).isEqualTo(2);
    assertThat(err.toString()).contains("--org takes NAME=APIKEY:APPKEY");
    assertThat(commandLine.execute("--port", "not-a-number")).isEqualTo(2);
  }

  @Test
  void helpListsEveryOption() {
    StringWriter out = new StringWriter();
    assertThat(new CommandLine(new EmulatorMain()).setOut(new PrintWriter(out)).execute("--help")).isZero();
    assertThat(out.toString()).contains("--port", "--bind", "--api-key", "--app-key", "--org", "0.0.0.0");
  }
}
