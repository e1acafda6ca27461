package io.ddwebhooks.operator.apiserver;

import static io.ddwebhooks.operator.testing.CredentialsFixtures.cluster;
import static io.ddwebhooks.operator.testing.CredentialsFixtures.namespaced;
import static io.ddwebhooks.operator.testing.Fixtures.authMethod;
import static io.ddwebhooks.operator.testing.Fixtures.variable;
import static io.ddwebhooks.operator.testing.Fixtures.webhook;
import static io.ddwebhooks.operator.testing.Fixtures.webhookFromSecret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ddwebhooks.emulator.DatadogEmulator;
import io.ddwebhooks.emulator.Fault;
import io.ddwebhooks.operator.crd.ClusterDatadogCredentials;
import io.ddwebhooks.operator.crd.CredentialsStatus;
import io.ddwebhooks.operator.crd.DatadogCredentials;
import io.ddwebhooks.operator.crd.DatadogCustomVariable;
import io.ddwebhooks.operator.crd.DatadogResourceStatus;
import io.ddwebhooks.operator.crd.DatadogWebhook;
import io.ddwebhooks.operator.crd.DatadogWebhookAuthMethod;
import io.ddwebhooks.operator.status.CredentialsReasons;
import io.ddwebhooks.operator.status.Kstatus;
import io.ddwebhooks.operator.status.ReadyCondition;
import io.ddwebhooks.operator.status.Reason;
import io.ddwebhooks.operator.testing.KstatusCheck;
import io.ddwebhooks.operator.testing.OperatorHarness;
import io.ddwebhooks.operator.testing.RealKubernetes;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * kstatus itself (the Go library Flux, Helm 4's --wait and kpt use, through .ci/kstatus-check) over our resources:
 * built statuses for every Ready reason of every kind, and objects a real API server and the operator produced, a new
 * one before the operator saw it included.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KstatusIT {

  private static final String NS = "kstatus";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static RealKubernetes k8s;
  private static OperatorHarness h;

  @BeforeAll
  static void start() {
    k8s = RealKubernetes.start();
    k8s.admin().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
        .create();
  }

  @AfterAll
  static void stop() {
    if (h != null) {
      h.close();
    }
    k8s.close();
  }

  private static String expected(Kstatus.Progress p) {
    return switch (p) {
      case CURRENT -> "Current";
      case STALLED -> "Failed";
      case RECONCILING -> "InProgress";
    };
  }

  @Test
  @Order(1)
  void everyReasonOfEveryKindGetsTheVerdictItsRowPromises() {
    List<JsonNode> objects = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    Instant now = Instant.now();
    for (Reason reason : Reason.values()) {
      DatadogWebhook w = webhook(NS, "w", "https://example.com");
      w.getMetadata().setGeneration(2L);
      w.setStatus(new DatadogResourceStatus());
      ReadyCondition.set(w.getStatus(), 2, reason, "because " + reason, now);
      objects.add(JSON.valueToTree(w));
      expected.add(reason + " " + expected(Kstatus.of(reason.name())));
    }
    for (String reason : CredentialsReasons.ALL) {
      DatadogCredentials c = namespaced(NS, "c", "https://api.datadoghq.com", null, "keys");
      c.getMetadata().setGeneration(1L);
      CredentialsStatus status = new CredentialsStatus();
      ReadyCondition.set(status.getConditions(), 1, reason, reason.equals(CredentialsReasons.READY) ? "True"
          : "False", "because " + reason, now);
      status.setObservedGeneration(1L);
      c.setStatus(status);
      objects.add(JSON.valueToTree(c));
      expected.add(reason + " " + expected(Kstatus.of(reason)));
    }
    List<KstatusCheck.Verdict> verdicts = KstatusCheck.compute(objects);
    List<String> got = new ArrayList<>();
    for (int i = 0; i < verdicts.size(); i++) {
      got.add(expected.get(i).split(" ")[0] + " " + verdicts.get(i).status());
    }
    assertThat(got).isEqualTo(expected);
    assertThat(got).contains("InvalidSpec Failed", "Synced Current", "DatadogUnavailable InProgress",
        "Paused Current", "DriftDetected Failed", "SecretNotFound InProgress", "URLNotAllowed Failed");
  }

  /**
   * Every reason's status, on every kind, stored through the status subresource of a real API server (its schema,
   * its defaults and pruning) and read back as kstatus would read it; before the operator runs, so nothing rewrites
   * them. Also the checkpoint's shape: Ready as it was, Reconciling=True while a write or a move is under way.
   */
  @Test
  @Order(2)
  void storedOnARealApiServerEveryStalledReasonIsFailedEveryReadyIsCurrentAndAWriteUnderWayInProgress() {
    String ns = "kstatus-stored";
    k8s.admin().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
        .create();
    Instant now = Instant.now();
    List<HasMetadata> stored = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    for (Reason reason : Reason.values()) {
      String suffix = reason.name().toLowerCase(java.util.Locale.ROOT);
      for (CustomResource<?, DatadogResourceStatus> r : List.<CustomResource<?, DatadogResourceStatus>>of(
          webhook(ns, "w-" + suffix, "https://example.com"), variable(ns, "v-" + suffix, "value", false),
          authMethod(ns, "a-" + suffix, null, "oauth"))) {
        CustomResource<?, DatadogResourceStatus> created = k8s.admin().resource(r).create();
        DatadogResourceStatus status = new DatadogResourceStatus();
        ReadyCondition.set(status, 1, reason, "because " + reason, now);
        created.setStatus(status);
        stored.add(k8s.admin().resource(created).updateStatus());
        expected.add(created.getKind() + " " + reason + " " + expected(Kstatus.of(reason.name())));
      }
    }
    for (String under : List.of(Kstatus.WRITING, Kstatus.MOVING)) {
      CustomResource<?, DatadogResourceStatus> created = k8s.admin()
          .resource(webhook(ns, "under-way-" + under.toLowerCase(java.util.Locale.ROOT), "https://example.com"))
          .create();
      DatadogResourceStatus status = new DatadogResourceStatus();
      ReadyCondition.set(status, 1, Reason.Synced, "ok", now);
      Kstatus.underWay(status.getConditions(), 1, under, "under way", now);
      created.setStatus(status);
      stored.add(k8s.admin().resource(created).updateStatus());
      expected.add(created.getKind() + " Synced+" + under + " InProgress");
    }
    for (String reason : CredentialsReasons.ALL) {
      String suffix = reason.toLowerCase(java.util.Locale.ROOT);
      for (CustomResource<?, CredentialsStatus> r : List.<CustomResource<?, CredentialsStatus>>of(
          namespaced(ns, "c-" + suffix, "https://api.datadoghq.com", null, "keys"),
          cluster("stored-c-" + suffix, "https://api.datadoghq.com", null, ns, "keys", null))) {
        CustomResource<?, CredentialsStatus> created = k8s.admin().resource(r).create();
        CredentialsStatus status = new CredentialsStatus();
        ReadyCondition.set(status.getConditions(), 1, reason, reason.equals(CredentialsReasons.READY) ? "True"
            : "False", "because " + reason, now);
        status.setObservedGeneration(1L);
        created.setStatus(status);
        stored.add(k8s.admin().resource(created).updateStatus());
        expected.add(created.getKind() + " " + reason + " " + expected(Kstatus.of(reason)));
      }
    }

    List<JsonNode> read = new ArrayList<>();
    for (HasMetadata m : stored) {
      var client = k8s.admin().genericKubernetesResources(m.getApiVersion(), m.getKind());
      Object object = m.getMetadata().getNamespace() == null ? client.withName(m.getMetadata().getName()).get()
          : client.inNamespace(ns).withName(m.getMetadata().getName()).get();
      read.add(JSON.valueToTree(object));
    }
    List<KstatusCheck.Verdict> verdicts = KstatusCheck.compute(read);
    List<String> got = new ArrayList<>();
    for (int i = 0; i < verdicts.size(); i++) {
      String e = expected.get(i);
      got.add(e.substring(0, e.lastIndexOf(' ')) + " " + verdicts.get(i).status());
    }
    assertThat(got).isEqualTo(expected);
    assertThat(got).contains("DatadogWebhookAuthMethod DatadogRejected Failed",
        "DatadogWebhookAuthMethod Synced Current", "DatadogCustomVariable NameConflict Failed",
        "ClusterDatadogCredentials Ready Current", "DatadogWebhook Synced+MovingOrg InProgress");

    for (HasMetadata m : stored) {
      k8s.admin().resource(m).withGracePeriod(0).delete();
    }
  }

  @Test
  @Order(3)
  void onARealApiServerEveryKindIsInProgressWhenNewAndCurrentFailedOrInProgressAsItsStatusSays() {
    // before the operator runs: the schema default gives observedGeneration 0 < generation 1
    k8s.admin().resource(webhook(NS, "early", "https://example.com/early")).create();
    k8s.admin().resource(namespaced(NS, "early-creds", "http://127.0.0.1:1", null, "early-keys")).create();
    k8s.admin().resource(variable(NS, "early-var", "production", false)).create();
    k8s.admin().resource(cluster("early-cluster-creds", "http://127.0.0.1:1", null, NS, "early-keys", null))
        .create();
    k8s.admin().resource(authMethod(NS, "early-am", null, "oauth")).create();
    for (JsonNode unseen : List.of(read(DatadogCustomVariable.class, "early-var"),
        read(DatadogWebhookAuthMethod.class, "early-am"),
        readCluster("early-cluster-creds"))) {
      assertThat(KstatusCheck.compute(unseen).status()).as(unseen.at("/kind").asText()).isEqualTo("InProgress");
    }
    JsonNode early = read(DatadogWebhook.class, "early");
    assertThat(early.at("/status/observedGeneration").asLong(-1)).isZero();
    assertThat(early.at("/metadata/generation").asLong()).isEqualTo(1L);
    assertThat(KstatusCheck.compute(early).status()).isEqualTo("InProgress");
    assertThat(KstatusCheck.compute(read(DatadogCredentials.class, "early-creds")).status())
        .isEqualTo("InProgress");

    h = OperatorHarness.startOn(k8s, c -> c.withCredentialsUrlAllowlist(List.of("http://127.0.0.1:")));
    h.awaitSynced(DatadogWebhook.class, NS, "early");
    assertThat(KstatusCheck.compute(read(DatadogWebhook.class, "early")).status()).isEqualTo("Current");
    h.awaitSynced(DatadogCustomVariable.class, NS, "early-var");
    assertThat(KstatusCheck.compute(read(DatadogCustomVariable.class, "early-var")).status()).isEqualTo("Current");

    // the auth method: waiting for its client secret (InProgress), Current once it is there, Failed when refused
    h.awaitReason(DatadogWebhookAuthMethod.class, NS, "early-am", Reason.SecretNotFound);
    assertThat(KstatusCheck.compute(read(DatadogWebhookAuthMethod.class, "early-am")).status())
        .isEqualTo("InProgress");
    h.secret(NS, "oauth", Map.of("clientSecret", "s3cr3t-value"));
    h.awaitSynced(DatadogWebhookAuthMethod.class, NS, "early-am");
    assertThat(KstatusCheck.compute(read(DatadogWebhookAuthMethod.class, "early-am")).status()).isEqualTo("Current");
    h.datadog.failNext("POST", DatadogEmulator.AUTH_METHODS, 1, Fault.status(400, "Invalid access token URL"));
    h.create(authMethod(NS, "refused-am", null, "oauth"));
    h.awaitReason(DatadogWebhookAuthMethod.class, NS, "refused-am", Reason.DatadogRejected);
    assertThat(KstatusCheck.compute(read(DatadogWebhookAuthMethod.class, "refused-am")).status())
        .isEqualTo("Failed");

    // Datadog refuses it for good: Stalled, Failed at once with the reason
    h.datadog.failNext("POST", 1, Fault.status(400, "Invalid webhook payload"));
    h.create(webhook(NS, "refused", "https://example.com/refused"));
    h.awaitReason(DatadogWebhook.class, NS, "refused", Reason.DatadogRejected);
    KstatusCheck.Verdict refused = KstatusCheck.compute(read(DatadogWebhook.class, "refused"));
    assertThat(refused.status()).isEqualTo("Failed");
    assertThat(refused.message()).contains("Invalid webhook payload");

    // a Secret that is not there yet: Reconciling, then Current once it appears
    h.create(webhookFromSecret(NS, "waiting", "later", "url"));
    h.awaitReason(DatadogWebhook.class, NS, "waiting", Reason.SecretNotFound);
    assertThat(KstatusCheck.compute(read(DatadogWebhook.class, "waiting")).status()).isEqualTo("InProgress");
    h.secret(NS, "later", Map.of("url", "https://example.com/later"));
    h.awaitSynced(DatadogWebhook.class, NS, "waiting");
    JsonNode fixed = read(DatadogWebhook.class, "waiting");
    assertThat(KstatusCheck.compute(fixed).status()).isEqualTo("Current");
    assertThat(fixed.at("/status/conditions").findValuesAsText("type")).contains("Ready")
        .doesNotContain(Kstatus.STALLED, Kstatus.RECONCILING);

    // the credentials kinds: keys Secret missing is progress (Reconciling), not failure
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      JsonNode creds = read(DatadogCredentials.class, "early-creds");
      assertThat(creds.at("/status/conditions").findValuesAsText("reason")).contains("SecretNotFound");
      assertThat(KstatusCheck.compute(creds).status()).isEqualTo("InProgress");
      JsonNode clusterCreds = readCluster("early-cluster-creds");
      assertThat(clusterCreds.at("/status/conditions").findValuesAsText("reason")).contains("SecretNotFound");
      assertThat(KstatusCheck.compute(clusterCreds).status()).isEqualTo("InProgress");
    });
    // credentials whose URL is not allowed: only an admin can fix it, Failed
    k8s.admin().resource(namespaced(NS, "elsewhere", "https://datadog.attacker.example", null, "early-keys"))
        .create();
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(KstatusCheck.compute(read(DatadogCredentials.class, "elsewhere")).status()).isEqualTo("Failed"));
  }

  private static JsonNode readCluster(String name) {
    Object object = k8s.admin().genericKubernetesResources(HasMetadata.getApiVersion(ClusterDatadogCredentials.class),
        HasMetadata.getKind(ClusterDatadogCredentials.class)).withName(name).get();
    assertThat(object).as("ClusterDatadogCredentials " + name).isNotNull();
    return JSON.valueToTree(object);
  }

  /** The object as the API server returns it (untyped: nothing added or dropped by a Java model). */
  private static <T extends HasMetadata> JsonNode read(Class<T> type, String name) {
    Object object = k8s.admin().genericKubernetesResources(HasMetadata.getApiVersion(type), HasMetadata.getKind(type))
        .inNamespace(NS).withName(name).get();
    assertThat(object).as(type.getSimpleName() + " " + name).isNotNull();
    return JSON.valueToTree(object);
  }

}
