package io.ddwebhooks.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CallJsonTest {

  private static final String VARIABLE = DatadogEmulator.VARIABLES + "/TOKEN";

  @Test
  void aCallShowsWhatHappenedButNoSecretValue() {
    String request = "{\"name\":\"TOKEN\",\"value\":\"s3cret\",\"is_secret\":true}";
    ObjectNode n = CallJson.of(new RecordedCall(7, "POST", DatadogEmulator.VARIABLES, request, 201,
        "{\"name\":\"TOKEN\",\"is_secret\":true}", "default", Instant.parse("2025-01-02T03:04:05Z"), true));
    assertThat(n.get("sequence").asLong()).isEqualTo(7);
    assertThat(n.get("time").asText()).isEqualTo("2025-01-02T03:04:05Z");
    assertThat(n.get("org").asText()).isEqualTo("default");
    assertThat(n.get("write").asBoolean()).isTrue();
    assertThat(n.get("overlapping").asBoolean()).isTrue();
    assertThat(n.get("dropped").asBoolean()).isFalse();
    assertThat(n.get("requestBody").asText()).contains("\"value\":\"<redacted>\"").doesNotContain("s3cret");
    assertThat(n.toString()).doesNotContain("s3cret");
  }

  @Test
  void anEchoedRequestIsRedactedInTheAnswerToo() {
    String request = "{\"value\":\"s3\\\"cret\"}";
    String echoed = Answer.error(400, "invalid request: " + request).body();
    assertThat(echoed).contains("s3");
    String[] shown = CallJson.bodies(VARIABLE, 400, request, echoed);
    assertThat(shown[0]).isEqualTo("{\"value\":\"<redacted>\"}");
    assertThat(shown[1]).doesNotContain("cret").contains("<redacted>");
    String[] garbled = CallJson.bodies(VARIABLE, 400, "value=s3cret", Answer.error(400,
        "invalid request: value=s3cret").body());
    assertThat(garbled[0]).isEqualTo(CallJson.REDACTED);
    assertThat(garbled[1]).doesNotContain("s3cret");
  }

  @Test
  void plainValuesWebhooksAndEmptyBodiesAreShownAsTheyAre() {
    String plain = "{\"name\":\"REGION\",\"value\":\"eu\",\"is_secret\":false}";
    assertThat(CallJson.bodies(DatadogEmulator.VARIABLES, 201, plain, plain)).containsExactly(plain, plain);
    String hook = "{\"name\":\"a\",\"url\":\"https://x\",\"value\":\"kept\"}";
    assertThat(CallJson.bodies(DatadogEmulator.WEBHOOKS, 201, hook, hook)).containsExactly(hook, hook);
    assertThat(CallJson.bodies(VARIABLE, 200, "", "{\"name\":\"TOKEN\",\"is_secret\":true}")[0]).isEmpty();
  }

  @Test
  void aNotificationPreviewIsNotShown() {
    String[] shown = CallJson.bodies(DatadogEmulator.NOTIFICATIONS + "/hook", 200, "",
        "{\"url\":\"https://x/s3cret\"}");
    assertThat(shown[1]).isEqualTo(CallJson.REDACTED);
    assertThat(CallJson.bodies(DatadogEmulator.NOTIFICATIONS + "/nope", 404, "", "{\"errors\":[\"x\"]}")[1])
        .isEqualTo("{\"errors\":[\"x\"]}");
  }
}
