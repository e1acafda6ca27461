package io.ddwebhooks.operator.reconciler;

import static io.ddwebhooks.operator.testing.Fixtures.variable;
import static io.ddwebhooks.operator.testing.Fixtures.variableFromSecret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ddwebhooks.operator.crd.DatadogCustomVariable;
import io.ddwebhooks.emulator.RecordedCall;
import io.ddwebhooks.operator.status.Reason;
import io.ddwebhooks.operator.testing.OperatorHarness;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** DatadogCustomVariable through the real operator loop, the in-process Kubernetes API and the Datadog emulator. */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class DatadogCustomVariableIT {

  private static final String NS = "variables";
  private static OperatorHarness h;

  @BeforeAll
  static void start() {
    h = OperatorHarness.start();
  }

  @AfterAll
  static void stop() {
    h.close();
  }

  private static String storedValue(String name) {
    return h.datadog.storedVariable(name).orElseThrow(() -> new AssertionError("no variable " + name))
        .get("value").asText();
  }

  @Test
  void createsUpdatesRenamesAndDeletes() {
    h.create(variable(NS, "region-name", "eu-west-1", false));
    h.awaitSynced(DatadogCustomVariable.class, NS, "region-name");
    assertThat(storedValue("REGION_NAME")).isEqualTo("eu-west-1");
    assertThat(h.get(DatadogCustomVariable.class, NS, "region-name").getStatus().getRemoteName())
        .isEqualTo("REGION_NAME");

    h.edit(DatadogCustomVariable.class, NS, "region-name", v -> {
      v.getSpec().setValue("us-east-1");
      return v;
    });
    await().untilAsserted(() -> assertThat(storedValue("REGION_NAME")).isEqualTo("us-east-1"));

    h.edit(DatadogCustomVariable.class, NS, "region-name", v -> {
      v.getSpec().setName("PRIMARY_REGION");
      return v;
    });
    await().untilAsserted(() -> assertThat(h.datadog.storedVariable("PRIMARY_REGION")).isPresent());
    h.awaitSynced(DatadogCustomVariable.class, NS, "region-name");
    assertThat(h.datadog.storedVariable("REGION_NAME")).isEmpty();
    assertThat(storedValue("PRIMARY_REGION")).isEqualTo("us-east-1");
    assertThat(h.writesFor("REGION_NAME")).extracting(RecordedCall::method).containsExactly("POST", "PUT", "PUT");

    h.delete(DatadogCustomVariable.class, NS, "region-name");
    h.awaitGone(DatadogCustomVariable.class, NS, "region-name");
    assertThat(h.datadog.variableNames()).doesNotContain("PRIMARY_REGION");
  }

  @Test
  void secretVariableIsWrittenOnlyWhenItsValueChanges() {
    h.secret(NS, "signing", Map.of("key", "first-signing-key"));
    h.create(variableFromSecret(NS, "signing-key", "signing", "key", true));
    h.awaitSynced(DatadogCustomVariable.class, NS, "signing-key");
    assertThat(storedValue("SIGNING_KEY")).isEqualTo("first-signing-key");
    assertThat(h.datadog.calls().stream().filter(c -> c.path().endsWith("/SIGNING_KEY") && c.method().equals("GET")))
        .allMatch(c -> !c.responseBody().contains("first-signing-key"), "the API never returns a secret value");

    // a Secret update that does not change the value: a reconcile (new secretVersions), no write
    h.client.secrets().inNamespace(NS).withName("signing").edit(s -> {
      s.getMetadata().setLabels(Map.of("touched", "yes"));
      return s;
    });
    String version = h.client.secrets().inNamespace(NS).withName("signing").get().getMetadata().getResourceVersion();
    await().untilAsserted(() -> assertThat(h.get(DatadogCustomVariable.class, NS, "signing-key").getStatus()
        .getSecretVersions()).containsEntry("signing", version));
    // a secret is created readable with a random value (its stand-in, recognisable after a lost answer), then made
    // secret with its value at once
    assertThat(h.writesFor("SIGNING_KEY")).extracting(RecordedCall::method).containsExactly("POST", "PUT");
    assertThat(h.writesFor("SIGNING_KEY").get(0).requestBody()).contains("\"is_secret\":false")
        .doesNotContain("first-signing-key");

    h.secret(NS, "signing", Map.of("key", "second-signing-key"));
    await().untilAsserted(() -> assertThat(storedValue("SIGNING_KEY")).isEqualTo("second-signing-key"));
    assertThat(h.writesFor("SIGNING_KEY")).extracting(RecordedCall::method).containsExactly("POST", "PUT", "PUT");
  }

  @Test
  void switchingToSecretIsOneWrite() {
    h.create(variable(NS, "flip", "visible", false));
    h.awaitSynced(DatadogCustomVariable.class, NS, "flip");
    h.edit(DatadogCustomVariable.class, NS, "flip", v -> {
      v.getSpec().setIsSecret(true);
      return v;
    });
    await().untilAsserted(() -> assertThat(h.datadog.storedVariable("FLIP").orElseThrow().get("is_secret")
        .asBoolean()).isTrue());
    h.awaitSynced(DatadogCustomVariable.class, NS, "flip");
    assertThat(h.writesFor("FLIP")).extracting(RecordedCall::method).containsExactly("POST", "PUT");
  }

  @Test
  void missingKeyIsReported() {
    h.secret(NS, "partial", Map.of("present", "x"));
    h.create(variableFromSecret(NS, "needs-key", "partial", "absent", true));
    var condition = h.awaitReason(DatadogCustomVariable.class, NS, "needs-key", Reason.SecretNotFound);
    assertThat(condition.getMessage()).isEqualTo("key 'absent' not found in Secret 'partial'");
    assertThat(h.callsFor("NEEDS_KEY")).isEmpty();
  }

  @Test
  void aValueFromASecretIsSecretUnlessTheSpecSaysOtherwise() {
    h.secret(NS, "defaults", Map.of("key", "from-a-secret"));
    var fromSecret = variableFromSecret(NS, "default-secret", "defaults", "key", false);
    fromSecret.getSpec().setIsSecret(null);
    h.create(fromSecret);
    var literal = io.ddwebhooks.operator.testing.Fixtures.variable(NS, "default-literal", "plain", false);
    literal.getSpec().setIsSecret(null);
    h.create(literal);
    h.awaitSynced(DatadogCustomVariable.class, NS, "default-secret");
    h.awaitSynced(DatadogCustomVariable.class, NS, "default-literal");
    assertThat(h.datadog.storedVariable("DEFAULT_SECRET").orElseThrow().get("is_secret").asBoolean()).isTrue();
    assertThat(h.datadog.storedVariable("DEFAULT_LITERAL").orElseThrow().get("is_secret").asBoolean()).isFalse();
    assertThat(h.get(DatadogCustomVariable.class, NS, "default-secret").getStatus().getAppliedIsSecret()).isTrue();

    // the choice sticks: a rotation rewrites the value and keeps it secret, with one write
    h.datadog.clearCalls();
    h.secret(NS, "defaults", Map.of("key", "rotated"));
    org.awaitility.Awaitility.await().untilAsserted(() -> assertThat(storedValue("DEFAULT_SECRET"))
        .isEqualTo("rotated"));
    assertThat(h.datadog.storedVariable("DEFAULT_SECRET").orElseThrow().get("is_secret").asBoolean()).isTrue();
    assertThat(h.writesFor("DEFAULT_SECRET")).hasSize(1);
  }
}
