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

  /** Issue 22: a rename whose answer was lost, then the resource deleted before the operator came back. */
  @Test
  void renameThenCrashThenDeletionRemovesTheRenamedCopy() throws InterruptedException {
    h.startOperator();
    h.create(webhook(NS, "renamed-then-gone", "https://a.example.com"));
    h.awaitSynced(DatadogWebhook.class, NS, "renamed-then-gone");
    h.stopOperator();

    startDyingAfter("update", "renamed-then-gone");
    h.edit(DatadogWebhook.class, NS, "renamed-then-gone", w -> {
      w.getSpec().setName("renamed-copy");
      return w;
    });
    crash.awaitCrash();
    h.stopOperator();
    assertThat(h.datadog.webhookNames()).contains("renamed-copy").doesNotContain("renamed-then-gone");
    h.delete(DatadogWebhook.class, NS, "renamed-then-gone");
    h.startOperator();

    h.awaitGone(DatadogWebhook.class, NS, "renamed-then-gone");
    assertThat(h.datadog.webhookNames()).as("the copy the lost rename made is deleted too")
        .doesNotContain("renamed-copy", "renamed-then-gone");
  }

  /** The same for a secret variable: what a lost rename left cannot be confirmed (its value is hidden), so it stays. */
  @Test
  void aSecretVariablesLostRenameCopyIsLeftAndSaidSoOnDeletion() throws InterruptedException {
    h.startOperator();
    h.create(variable(NS, "hidden-then-gone", "secret-value", true));
    h.awaitSynced(DatadogCustomVariable.class, NS, "hidden-then-gone");
    h.stopOperator();

    startDyingAfter("update", "HIDDEN_THEN_GONE");
    h.edit(DatadogCustomVariable.class, NS, "hidden-then-gone", v -> {
      v.getSpec().setName("HIDDEN_COPY");
      return v;
    });
    crash.awaitCrash();
    h.stopOperator();
    h.delete(DatadogCustomVariable.class, NS, "hidden-then-gone");
    h.startOperator();

    h.awaitGone(DatadogCustomVariable.class, NS, "hidden-then-gone");
    assertThat(h.datadog.variableNames()).contains("HIDDEN_COPY");
    await().untilAsserted(() -> assertThat(h.allEvents()).anyMatch(e -> e.getReason().equals("Orphaned")
        && e.getMessage().contains("HIDDEN_COPY")));
  }
}
