package io.ddwebhooks.operator.reconciler;

import static io.ddwebhooks.operator.testing.Fixtures.variable;
import static io.ddwebhooks.operator.testing.Fixtures.webhook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ddwebhooks.operator.crd.DatadogCustomVariable;
import io.ddwebhooks.operator.crd.DatadogWebhook;
import io.ddwebhooks.operator.testing.OperatorHarness;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The periodic resync re-reads Datadog and corrects changes made outside Kubernetes. */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class DriftIT {

  private static final String NS = "drift";
  private static OperatorHarness h;

  @BeforeAll
  static void start() {
    h = OperatorHarness.start(Duration.ofMillis(500));
  }

  @AfterAll
  static void stop() {
    h.close();
  }

  @Test
  void webhookDeletedOutOfBandIsRecreated() {
    h.create(webhook(NS, "fragile", "https://a.example.com"));
    h.awaitSynced(DatadogWebhook.class, NS, "fragile");
    h.datadog.deleteWebhookOutOfBand("fragile");
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(h.datadog.webhook("fragile")).isPresent());
    await().untilAsserted(() -> assertThat(h.events(NS, "fragile")).anyMatch(e -> e.getType().equals("Warning")
        && e.getReason().equals("DriftCorrected") && e.getMessage().contains("deleted outside Kubernetes")));
    await().untilAsserted(() -> {
      var status = h.get(DatadogWebhook.class, NS, "fragile").getStatus();
      assertThat(status.getDriftCorrections()).isGreaterThanOrEqualTo(1);
      assertThat(status.getLastDriftCorrectionTime()).isNotNull();
    });
  }

  @Test
  void webhookEditedOutOfBandIsCorrected() {
    h.create(webhook(NS, "edited", "https://a.example.com"));
    h.awaitSynced(DatadogWebhook.class, NS, "edited");
    h.datadog.editWebhookOutOfBand("edited", "url", "https://attacker.example.com");
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
        assertThat(h.datadog.webhook("edited").orElseThrow().get("url").asText()).isEqualTo("https://a.example.com"));
    await().untilAsserted(() -> assertThat(h.events(NS, "edited")).anyMatch(e -> e.getType().equals("Warning")
        && e.getReason().equals("DriftCorrected")
        && e.getMessage().equals("webhook 'edited' was changed outside Kubernetes (url); restored it")));
    assertThat(h.events(NS, "edited")).noneMatch(e -> e.getMessage().contains("attacker"));
  }

  @Test
  void variableDeletedOutOfBandIsRecreated() {
    h.create(variable(NS, "kept", "v", true));
    h.awaitSynced(DatadogCustomVariable.class, NS, "kept");
    h.datadog.deleteVariableOutOfBand("KEPT");
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(h.datadog.storedVariable("KEPT"))
        .hasValueSatisfying(v -> assertThat(v.get("value").asText()).isEqualTo("v")));
  }
}
