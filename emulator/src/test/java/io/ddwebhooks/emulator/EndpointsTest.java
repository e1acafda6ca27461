package io.ddwebhooks.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The endpoints without HTTP: what each answers and stores. */
class EndpointsTest {

  private final OrgStore org = new OrgStore("o", null, null);

  @Test
  void webhooksGetTheServerDefaultsAndRenameThroughPut() {
    Answer created = WebhookEndpoint.create(org, "{\"name\":\"a\",\"url\":\"https://x\",\"custom_headers\":\"\"}");
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.headers()).containsEntry("Location", "https://app.datadoghq.com" + DatadogEmulator.WEBHOOKS
        + "/a");
    assertThat(created.body()).contains("\"custom_headers\":null", "\"encode_as\":\"json\"", "$EVENT_MSG");
    assertThat(WebhookEndpoint.create(org, "{\"name\":\"a\",\"url\":\"https://y\"}").body())
        .isEqualTo("{\"errors\":[\"Webhook already exists\"]}");
    assertThat(WebhookEndpoint.create(org, "{\"name\":\"b\",\"url\":\"https://y\",\"custom_headers\":\"[1]\"}")
        .status()).as("headers must hold a JSON object").isEqualTo(400);
    Answer renamed = WebhookEndpoint.update(org, "a", "{\"name\":\"b\",\"payload\":null}");
    assertThat(renamed.status()).isEqualTo(200);
    assertThat(org.webhookNames()).containsExactly("b");
    assertThat(WebhookEndpoint.get(org, "a").status()).isEqualTo(404);
    assertThat(WebhookEndpoint.delete(org, "a", false).status()).isEqualTo(404);
    assertThat(WebhookEndpoint.delete(org, "a", true).status()).isEqualTo(400);
    assertThat(WebhookEndpoint.delete(org, "b", false).body()).isEqualTo("{}");
  }

  @Test
  void secretVariablesAreStoredButNeverAnswered() {
    Answer created = CustomVariableEndpoint.create(org, "{\"name\":\"S\",\"value\":\"hidden\",\"is_secret\":true}");
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.body()).isEqualTo("{\"name\":\"S\",\"is_secret\":true}");
    assertThat(CustomVariableEndpoint.get(org, "S").body()).doesNotContain("hidden");
    assertThat(org.storedVariable("S").orElseThrow().get("value").asText()).isEqualTo("hidden");
    assertThat(CustomVariableEndpoint.update(org, "S", "{\"is_secret\":false}").body())
        .isEqualTo("{\"name\":\"S\",\"is_secret\":false,\"value\":\"hidden\"}");
    assertThat(CustomVariableEndpoint.create(org, "{\"name\":\"s\",\"value\":\"v\",\"is_secret\":false}").body())
        .isEqualTo("{\"errors\":[\"Invalid custom variable name\"]}");
    assertThat(CustomVariableEndpoint.create(org, "{\"name\":\"T\",\"value\":\"v\",\"is_secret\":\"yes\"}").status())
        .isEqualTo(400);
    assertThat(CustomVariableEndpoint.delete(org, "T", false).status()).isEqualTo(404);
  }

  @Test
  void theNotificationPreviewRendersAStoredWebhook() {
    org.putWebhook("hook", "https://example.com/$HOSTNAME");
    assertThat(NotificationEndpoint.get(org, "hook").body()).contains("https://example.com/my-host");
    assertThat(NotificationEndpoint.get(org, "nope").status()).isEqualTo(404);
  }

  @Test
  void theCallLogNumbersCallsAndFlagsOverlaps() {
    CallLog log = new CallLog();
    log.record("o", "POST", "/p", "{}", 201, "{}", java.time.Instant.EPOCH, true);
    log.record(null, "GET", "/p", "", 403, "", java.time.Instant.EPOCH, false);
    assertThat(log.forOrg("o")).hasSize(1);
    assertThat(log.overlapping()).extracting(RecordedCall::sequence).containsExactly(1L);
    assertThat(log.writes()).hasSize(1);
    log.clear();
    assertThat(log.record("o", "GET", "/p", "", 200, "", java.time.Instant.EPOCH, false).sequence()).isEqualTo(3);
  }
}
