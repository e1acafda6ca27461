package io.ddwebhooks.operator.lifecycle;

import static io.ddwebhooks.operator.testing.Fixtures.variable;
import static io.ddwebhooks.operator.testing.Fixtures.webhook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ddwebhooks.operator.crd.DatadogCustomVariable;
import io.ddwebhooks.operator.crd.DatadogWebhook;
import io.ddwebhooks.emulator.RecordedCall;
import io.ddwebhooks.operator.testing.OperatorHarness;
import io.ddwebhooks.operator.testing.SimulatedCrash;
import io.fabric8.kubernetes.api.model.Event;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The operator dies right after Datadog carried out a create (or a rename) and before the outcome reached the
 * status. The restarted operator must neither duplicate the object, nor take it for someone else's, nor get stuck.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class CrashSafetyIT {

  private static final String NS = "crash";
  private OperatorHarness h;
  private final SimulatedCrash crash = new SimulatedCrash();

  @BeforeEach
  void start() {
    h = OperatorHarness.start();
    h.stopOperator();
  }

  @AfterEach
  void stop() {
    h.close();
  }

  private void startDyingAfter(String operation, String name) {
    h.startOperator(crash.after(operation, name), h.config());
  }

  private void crashAndRestart() throws InterruptedException {
    crash.awaitCrash();
    h.stopOperator();
    h.startOperator();
  }

  @Test
  void createThenCrashIsRecognisedAfterRestart() throws InterruptedException {
    startDyingAfter("create", "crashy");
    h.create(webhook(NS, "crashy", "https://a.example.com"));
    crashAndRestart();

    h.awaitSynced(DatadogWebhook.class, NS, "crashy");
    assertThat(h.writesFor("crashy")).extracting(RecordedCall::method).containsExactly("POST");
    var status = h.get(DatadogWebhook.class, NS, "crashy").getStatus();
    assertThat(status.getRemoteName()).isEqualTo("crashy");
    assertThat(status.getPendingName()).isNull();
    await().untilAsserted(() -> assertThat(h.events(NS, "crashy")).extracting(Event::getReason)
        .contains("Recovered").doesNotContain("NameConflict"));

    // and it is really owned: deletion removes it
    h.delete(DatadogWebhook.class, NS, "crashy");
    h.awaitGone(DatadogWebhook.class, NS, "crashy");
    assertThat(h.datadog.webhook("crashy")).isEmpty();
  }

  @Test
  void variableCreateThenCrashIsRecognisedAndItsSecretValueWritten() throws InterruptedException {
    startDyingAfter("create", "CRASHY_VAR");
    h.create(variable(NS, "crashy-var", "secret-value", true));
    crashAndRestart();
    h.awaitSynced(DatadogCustomVariable.class, NS, "crashy-var");
    assertThat(h.writesFor("CRASHY_VAR")).extracting(RecordedCall::method).first().isEqualTo("POST");
    assertThat(h.writesFor("CRASHY_VAR")).filteredOn(c -> c.method().equals("POST")).hasSize(1);
    assertThat(h.datadog.storedVariable("CRASHY_VAR").orElseThrow().get("value").asText()).isEqualTo("secret-value");
  }

  @Test
  void renameThenCrashIsRecognisedAfterRestart() throws InterruptedException {
    h.startOperator();
    h.create(webhook(NS, "moving", "https://a.example.com"));
    h.awaitSynced(DatadogWebhook.class, NS, "moving");
    h.stopOperator();

    startDyingAfter("update", "moving");
    h.edit(DatadogWebhook.class, NS, "moving", w -> {
      w.getSpec().setName("moved");
      return w;
    });
    crashAndRestart();

    await().untilAsserted(() -> assertThat(h.get(DatadogWebhook.class, NS, "moving").getStatus().getRemoteName())
        .isEqualTo("moved"));
    h.awaitSynced(DatadogWebhook.class, NS, "moving");
    assertThat(h.datadog.webhookNames()).contains("moved").doesNotContain("moving");
    assertThat(h.datadog.writes()).filteredOn(c -> c.method().equals("POST")).hasSize(1);
  }
}
