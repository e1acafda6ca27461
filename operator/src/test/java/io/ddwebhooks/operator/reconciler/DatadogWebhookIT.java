package io.ddwebhooks.operator.reconciler;

import static io.ddwebhooks.operator.testing.Fixtures.header;
import static io.ddwebhooks.operator.testing.Fixtures.headerFromSecret;
import static io.ddwebhooks.operator.testing.Fixtures.webhook;
import static io.ddwebhooks.operator.testing.Fixtures.webhookFromSecret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ddwebhooks.operator.crd.DatadogWebhook;
import io.ddwebhooks.operator.datadog.Webhook;
import io.ddwebhooks.emulator.RecordedCall;
import io.ddwebhooks.operator.status.Reason;
import io.ddwebhooks.operator.testing.OperatorHarness;
import io.fabric8.kubernetes.api.model.Event;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** DatadogWebhook through the real operator loop, the in-process Kubernetes API and the Datadog emulator. */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class DatadogWebhookIT {

  private static final String NS = "webhooks";
  private static OperatorHarness h;

  @BeforeAll
  static void start() {
    h = OperatorHarness.start();
  }

  @AfterAll
  static void stop() {
    h.close();
  }

  private static JsonNode remote(String name) {
    return h.datadog.webhook(name).orElseThrow(() -> new AssertionError("no webhook " + name + " in Datadog"));
  }

  @Test
  void createsUpdatesRenamesAndDeletes() {
    h.create(webhook(NS, "lifecycle", "https://a.example.com/hook"));
    h.awaitSynced(DatadogWebhook.class, NS, "lifecycle");
    assertThat(remote("lifecycle").get("url").asText()).isEqualTo("https://a.example.com/hook");
    assertThat(remote("lifecycle").get("payload").asText()).isEqualTo(Webhook.DEFAULT_PAYLOAD);
    assertThat(h.get(DatadogWebhook.class, NS, "lifecycle").getStatus().getRemoteName()).isEqualTo("lifecycle");
    assertThat(h.get(DatadogWebhook.class, NS, "lifecycle").getMetadata().getFinalizers())
        .contains("ddwebhooks.io/finalizer");

    h.edit(DatadogWebhook.class, NS, "lifecycle", w -> {
      w.getSpec().setUrl("https://b.example.com/hook");
      w.getSpec().setCustomHeaders(List.of(header("X-Team", "core")));
      return w;
    });
    await().untilAsserted(() -> assertThat(remote("lifecycle").get("url").asText())
        .isEqualTo("https://b.example.com/hook"));
    h.awaitSynced(DatadogWebhook.class, NS, "lifecycle");
    assertThat(remote("lifecycle").get("custom_headers").asText()).isEqualTo("{\"X-Team\":\"core\"}");

    h.edit(DatadogWebhook.class, NS, "lifecycle", w -> {
      w.getSpec().setName("lifecycle-renamed");
      return w;
    });
    await().untilAsserted(() -> assertThat(h.datadog.webhook("lifecycle-renamed")).isPresent());
    h.awaitSynced(DatadogWebhook.class, NS, "lifecycle");
    assertThat(h.datadog.webhook("lifecycle")).isEmpty();
    assertThat(h.get(DatadogWebhook.class, NS, "lifecycle").getStatus().getRemoteName())
        .isEqualTo("lifecycle-renamed");
    RecordedCall rename = h.writesFor("lifecycle").stream().filter(c -> c.method().equals("PUT")).reduce((a, b) -> b)
        .orElseThrow();
    assertThat(rename.requestBody()).contains("\"name\":\"lifecycle-renamed\"");
    assertThat(remote("lifecycle-renamed").get("custom_headers").asText()).isEqualTo("{\"X-Team\":\"core\"}");

    h.delete(DatadogWebhook.class, NS, "lifecycle");
    h.awaitGone(DatadogWebhook.class, NS, "lifecycle");
    assertThat(h.datadog.webhook("lifecycle-renamed")).isEmpty();
    assertThat(h.writesFor("lifecycle-renamed")).extracting(RecordedCall::method).containsExactly("DELETE");
    assertThat(h.events(NS, "lifecycle")).extracting(Event::getReason)
        .contains("Created", "Updated", "Renamed", "Deleted");
  }

  @Test
  void noWriteWhenOnlyFormattingChanged() {
    DatadogWebhook w = webhook(NS, "steady", "https://a.example.com/hook");
    w.getSpec().setPayload("{\"text\":\"$EVENT_TITLE\",\"n\":[1,2]}");
    h.create(w);
    h.awaitSynced(DatadogWebhook.class, NS, "steady");

    h.edit(DatadogWebhook.class, NS, "steady", r -> {
      r.getSpec().setPayload("{\n  \"n\": [1, 2],\n  \"text\": \"$EVENT_TITLE\"\n}\n");
      r.getSpec().setName("steady");
      return r;
    });
    await().untilAsserted(() -> assertThat(h.get(DatadogWebhook.class, NS, "steady").getStatus()
        .getObservedGeneration()).isEqualTo(2L));
    h.awaitSynced(DatadogWebhook.class, NS, "steady");
    assertThat(h.writesFor("steady")).extracting(RecordedCall::method).containsExactly("POST");
    assertThat(h.callsFor("steady")).extracting(RecordedCall::method).contains("GET");
  }

  @Test
  void urlAndHeaderFromSecretAndSecretChangesAreApplied() {
    h.secret(NS, "pager", Map.of("url", "https://pager.example.com/v1?key=first-token",
        "auth", "Bearer first-header"));
    DatadogWebhook w = webhookFromSecret(NS, "pager-hook", "pager", "url");
    w.getSpec().setCustomHeaders(List.of(headerFromSecret("Authorization", "pager", "auth"), header("X-A", "1")));
    h.create(w);
    h.awaitSynced(DatadogWebhook.class, NS, "pager-hook");
    assertThat(remote("pager-hook").get("url").asText()).isEqualTo("https://pager.example.com/v1?key=first-token");
    assertThat(remote("pager-hook").get("custom_headers").asText())
        .isEqualTo("{\"Authorization\":\"Bearer first-header\",\"X-A\":\"1\"}");
    assertThat(h.get(DatadogWebhook.class, NS, "pager-hook").getStatus().getSecretVersions()).containsKey("pager");

    h.secret(NS, "pager", Map.of("url", "https://pager.example.com/v1?key=second-token",
        "auth", "Bearer second-header"));
    await().untilAsserted(() -> {
      assertThat(remote("pager-hook").get("url").asText()).isEqualTo("https://pager.example.com/v1?key=second-token");
      assertThat(remote("pager-hook").get("custom_headers").asText()).contains("second-header");
    });
    assertThat(h.writesFor("pager-hook")).extracting(RecordedCall::method).containsExactly("POST", "PUT");
  }

  @Test
  void missingSecretWaitsWithoutCallingDatadogThenConverges() {
    h.create(webhookFromSecret(NS, "late", "late-secret", "url"));
    var condition = h.awaitReason(DatadogWebhook.class, NS, "late", Reason.SecretNotFound);
    assertThat(condition.getMessage()).contains("Secret 'late-secret' not found");
    assertThat(h.callsFor("late")).isEmpty();

    h.secret(NS, "late-secret", Map.of("other", "x"));
    await().untilAsserted(() -> assertThat(h.get(DatadogWebhook.class, NS, "late").getStatus().getConditions()
        .get(0).getMessage()).contains("key 'url' not found in Secret 'late-secret'"));

    h.secret(NS, "late-secret", Map.of("url", "https://late.example.com"));
    h.awaitSynced(DatadogWebhook.class, NS, "late");
    assertThat(remote("late").get("url").asText()).isEqualTo("https://late.example.com");
  }

  @Test
  void deletionDoesNotNeedTheSecret() {
    h.secret(NS, "short-lived", Map.of("url", "https://short.example.com"));
    h.create(webhookFromSecret(NS, "short", "short-lived", "url"));
    h.awaitSynced(DatadogWebhook.class, NS, "short");
    h.deleteSecret(NS, "short-lived");
    h.delete(DatadogWebhook.class, NS, "short");
    h.awaitGone(DatadogWebhook.class, NS, "short");
    assertThat(h.datadog.webhook("short")).isEmpty();
  }

  @Test
  void someoneElsesWebhookIsNeverTouched() {
    h.datadog.putWebhookOutOfBand("shared-hook", "https://theirs.example.com");
    h.create(webhook(NS, "shared-hook", "https://mine.example.com"));
    var condition = h.awaitReason(DatadogWebhook.class, NS, "shared-hook", Reason.NameConflict);
    assertThat(condition.getMessage()).contains("already exists in Datadog and is not owned by this resource");
    // the one write is a create Datadog refused ("already exists"): a POST never overwrites
    assertThat(h.writesFor("shared-hook")).allMatch(c -> c.method().equals("POST") && c.status() == 400);
    assertThat(h.get(DatadogWebhook.class, NS, "shared-hook").getStatus().getRemoteName()).isNull();

    h.delete(DatadogWebhook.class, NS, "shared-hook");
    h.awaitGone(DatadogWebhook.class, NS, "shared-hook");
    assertThat(remote("shared-hook").get("url").asText()).isEqualTo("https://theirs.example.com");
    assertThat(h.writesFor("shared-hook")).allMatch(c -> c.method().equals("POST") && c.status() == 400);
  }

  @Test
  void invalidSpecIsReportedWithoutCallingDatadog() {
    h.create(webhook(NS, "no.dots.allowed", "https://a.example.com"));
    var condition = h.awaitReason(DatadogWebhook.class, NS, "no.dots.allowed", Reason.InvalidSpec);
    assertThat(condition.getMessage()).contains("set spec.name");
    assertThat(condition.getStatus()).isEqualTo("False");
    assertThat(h.events(NS, "no.dots.allowed")).anyMatch(e -> e.getType().equals("Warning")
        && e.getReason().equals("InvalidSpec"));
    assertThat(h.datadog.calls()).noneMatch(c -> c.path().contains("no.dots.allowed"));

    h.edit(DatadogWebhook.class, NS, "no.dots.allowed", w -> {
      w.getSpec().setName("now-valid");
      return w;
    });
    h.awaitSynced(DatadogWebhook.class, NS, "no.dots.allowed");
    await().atMost(Duration.ofSeconds(5)).until(() -> h.datadog.webhook("now-valid").isPresent());
  }
}
