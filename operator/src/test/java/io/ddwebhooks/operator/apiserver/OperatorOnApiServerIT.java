package io.ddwebhooks.operator.apiserver;

import static io.ddwebhooks.operator.testing.Fixtures.header;
import static io.ddwebhooks.operator.testing.Fixtures.headerFromSecret;
import static io.ddwebhooks.operator.testing.Fixtures.variable;
import static io.ddwebhooks.operator.testing.Fixtures.variableFromSecret;
import static io.ddwebhooks.operator.testing.Fixtures.webhook;
import static io.ddwebhooks.operator.testing.Fixtures.webhookFromSecret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ddwebhooks.operator.crd.DatadogCustomVariable;
import io.ddwebhooks.operator.crd.DatadogWebhook;
import io.ddwebhooks.emulator.RecordedCall;
import io.ddwebhooks.operator.status.Reason;
import io.ddwebhooks.operator.testing.OperatorHarness;
import io.ddwebhooks.operator.testing.RealKubernetes;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The operator in its production configuration (server-side apply on) against a real API server, acting as the
 * ServiceAccount of deploy/operator with RBAC enforced: the flows of the core issue all work, so the ClusterRole
 * is sufficient.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class OperatorOnApiServerIT {

  private static final String NS = "apps";
  private static RealKubernetes k8s;
  private static OperatorHarness h;
  /** The API server's own watches (its service-account token authenticator watches Secrets). */
  private static String baseline;

  @BeforeAll
  static void start() {
    k8s = RealKubernetes.start();
    k8s.admin().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
        .create();
    baseline = k8s.admin().raw("/metrics");
    h = OperatorHarness.startOn(k8s);
  }

  @AfterAll
  static void stop() {
    h.close();
    k8s.close();
  }

  @Test
  void webhookLifecycleWithSecrets() {
    h.secret(NS, "hook-creds", Map.of("url", "https://hooks.example.com/one", "token", "Bearer one"));
    DatadogWebhook w = webhookFromSecret(NS, "app-hook", "hook-creds", "url");
    w.getSpec().setCustomHeaders(List.of(headerFromSecret("Authorization", "hook-creds", "token"),
        header("X-Team", "apps")));
    h.create(w);
    h.awaitSynced(DatadogWebhook.class, NS, "app-hook");
    assertThat(h.datadog.webhook("app-hook").orElseThrow().get("url").asText())
        .isEqualTo("https://hooks.example.com/one");
    assertThat(h.get(DatadogWebhook.class, NS, "app-hook").getMetadata().getFinalizers())
        .containsExactly("ddwebhooks.io/finalizer");

    h.secret(NS, "hook-creds", Map.of("url", "https://hooks.example.com/two", "token", "Bearer two"));
    await().untilAsserted(() -> assertThat(h.datadog.webhook("app-hook").orElseThrow().get("custom_headers")
        .asText()).contains("Bearer two"));

    h.edit(DatadogWebhook.class, NS, "app-hook", r -> {
      r.getSpec().setPayload("{\"text\": \"$EVENT_TITLE\"}");
      return r;
    });
    await().untilAsserted(() -> assertThat(h.datadog.webhook("app-hook").orElseThrow().get("payload").asText())
        .isEqualTo("{\"text\": \"$EVENT_TITLE\"}"));

    h.edit(DatadogWebhook.class, NS, "app-hook", r -> {
      r.getSpec().setName("app-hook-v2");
      return r;
    });
    await().untilAsserted(() -> assertThat(h.datadog.webhookNames()).contains("app-hook-v2")
        .doesNotContain("app-hook"));
    h.awaitSynced(DatadogWebhook.class, NS, "app-hook");
    assertThat(h.get(DatadogWebhook.class, NS, "app-hook").getStatus().getRemoteName()).isEqualTo("app-hook-v2");

    h.delete(DatadogWebhook.class, NS, "app-hook");
    h.awaitGone(DatadogWebhook.class, NS, "app-hook");
    assertThat(h.datadog.webhookNames()).doesNotContain("app-hook-v2");
    assertThat(h.events(NS, "app-hook")).extracting(Event::getReason)
        .contains("Created", "Updated", "Renamed", "Deleted");
  }

  @Test
  void customVariableLifecycleWithSecrets() {
    h.create(variable(NS, "app-env", "staging", false));
    h.awaitSynced(DatadogCustomVariable.class, NS, "app-env");
    h.edit(DatadogCustomVariable.class, NS, "app-env", v -> {
      v.getSpec().setValue("production");
      v.getSpec().setName("APP_ENVIRONMENT");
      return v;
    });
    await().untilAsserted(() -> assertThat(h.datadog.storedVariable("APP_ENVIRONMENT"))
        .hasValueSatisfying(v -> assertThat(v.get("value").asText()).isEqualTo("production")));
    assertThat(h.datadog.variableNames()).doesNotContain("APP_ENV");

    h.secret(NS, "var-creds", Map.of("key", "first"));
    h.create(variableFromSecret(NS, "app-key", "var-creds", "key", true));
    h.awaitSynced(DatadogCustomVariable.class, NS, "app-key");
    h.secret(NS, "var-creds", Map.of("key", "second"));
    await().untilAsserted(() -> assertThat(h.datadog.storedVariable("APP_KEY").orElseThrow().get("value").asText())
        .isEqualTo("second"));
    // created through its readable stand-in (POST, PUT), then the new value (PUT)
    assertThat(h.writesFor("APP_KEY")).extracting(RecordedCall::method).containsExactly("POST", "PUT", "PUT");

    h.delete(DatadogCustomVariable.class, NS, "app-env");
    h.delete(DatadogCustomVariable.class, NS, "app-key");
    h.awaitGone(DatadogCustomVariable.class, NS, "app-env");
    h.awaitGone(DatadogCustomVariable.class, NS, "app-key");
    assertThat(h.datadog.variableNames()).isEmpty();
  }

  @Test
  void missingSecretThenCreated() {
    h.create(webhookFromSecret(NS, "waits", "later", "url"));
    h.awaitReason(DatadogWebhook.class, NS, "waits", Reason.SecretNotFound);
    h.secret(NS, "later", Map.of("url", "https://later.example.com"));
    h.awaitSynced(DatadogWebhook.class, NS, "waits");
  }

  @Test
  void theOperatorNeverChangesSpecOrUserMetadata() {
    DatadogWebhook w = webhook(NS, "untouched", "https://a.example.com");
    w.getMetadata().setLabels(Map.of("app", "checkout"));
    w.getMetadata().setAnnotations(Map.of("team", "payments"));
    DatadogWebhook created = h.create(w);
    h.awaitSynced(DatadogWebhook.class, NS, "untouched");
    DatadogWebhook now = h.get(DatadogWebhook.class, NS, "untouched");
    assertThat(now.getMetadata().getGeneration()).isEqualTo(created.getMetadata().getGeneration());
    assertThat(now.getMetadata().getLabels()).isEqualTo(Map.of("app", "checkout"));
    assertThat(now.getMetadata().getAnnotations()).isEqualTo(Map.of("team", "payments"));
    assertThat(h.client.getKubernetesSerialization().asJson(now.getSpec()))
        .isEqualTo(h.client.getKubernetesSerialization().asJson(created.getSpec()));
  }

  @Test
  void severalOrgsWithTheServiceAccountsRbac() {
    // the emulator serves the second org at the same URL: the organization id makes it a separate org
    var prod = h.datadog.addOrg("prod", "prod-api-key", "prod-app-key");
    var team = h.datadog.addOrg("team", "team-api-key", "team-app-key");
    k8s.admin().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("tenant")
        .addToLabels("org", "prod").endMetadata().build()).create();
    h.secret(RealKubernetes.OPERATOR_NAMESPACE, "prod-keys", Map.of("api", "prod-api-key", "app", "prod-app-key"));
    k8s.admin().resource(io.ddwebhooks.operator.testing.CredentialsFixtures.cluster("prod",
        h.datadog.baseUrl().toString(), "prod", RealKubernetes.OPERATOR_NAMESPACE, "prod-keys",
        Map.of("org", "prod"))).create();
    h.create(io.ddwebhooks.operator.testing.CredentialsFixtures.using(
        io.ddwebhooks.operator.testing.Fixtures.webhook("tenant", "prod-hook", "https://prod.example.com"),
        io.ddwebhooks.operator.crd.CredentialsRef.CLUSTER, "prod"));
    h.awaitSynced(DatadogWebhook.class, "tenant", "prod-hook");
    assertThat(prod.webhookNames()).containsExactly("prod-hook");

    await().untilAsserted(() -> {
      var creds = k8s.admin().resources(io.ddwebhooks.operator.crd.ClusterDatadogCredentials.class)
          .withName("prod").get();
      assertThat(creds.getStatus()).isNotNull();
      assertThat(creds.getStatus().getUsedBy()).isEqualTo(1);
      assertThat(creds.getStatus().getConditions()).anyMatch(c -> c.getReason().equals("Ready"));
    });
    // a move back to the default org: created there, deleted from prod, the record cleared (server-side apply)
    h.edit(DatadogWebhook.class, "tenant", "prod-hook", w -> {
      w.getSpec().setCredentialsRef(null);
      return w;
    });
    await().untilAsserted(() -> {
      var status = h.get(DatadogWebhook.class, "tenant", "prod-hook").getStatus();
      assertThat(status.getMovingFrom()).isNull();
      assertThat(status.getCredentials().getRef()).isEqualTo("default");
      assertThat(h.datadog.webhookNames()).contains("prod-hook");
      assertThat(prod.webhookNames()).isEmpty();
    });
    assertThat(h.events("tenant", "prod-hook")).anyMatch(e -> e.getReason().equals("Moved"));
    // the credentials hear of the move from the webhooks' controller, long before their 30 s refresh
    await().untilAsserted(() -> assertThat(k8s.admin().resources(
        io.ddwebhooks.operator.crd.ClusterDatadogCredentials.class).withName("prod").get().getStatus().getUsedBy())
        .isZero());

    h.delete(DatadogWebhook.class, "tenant", "prod-hook");
    h.awaitGone(DatadogWebhook.class, "tenant", "prod-hook");
    assertThat(h.datadog.webhookNames()).doesNotContain("prod-hook");
    assertThat(team.calls()).isEmpty();
  }

  /**
   * Each kind is listed and watched as few times as the controllers need, whatever their number: one Secret watch
   * for all five controllers (it was five, each listing every Secret at every start), and the webhooks and custom
   * variables watched by their own controllers only (the credentials controllers count users from their caches, and
   * the webhooks' template check reads the custom variables' controller's cache). The API server's own gauge of open
   * watches tells.
   */
  @Test
  void theControllersShareOneSecretWatch() {
    await().untilAsserted(() -> {
      String metrics = k8s.admin().raw("/metrics");
      String watches = metrics.lines().filter(l -> l.startsWith("apiserver_longrunning_requests{")
          && l.contains("verb=\"WATCH\"")).collect(java.util.stream.Collectors.joining("\n"));
      assertThat(openWatches(metrics, "secrets") - openWatches(baseline, "secrets")).as(watches).isEqualTo(1);
      assertThat(openWatches(metrics, "datadogwebhooks")).as(watches).isEqualTo(1);
      assertThat(openWatches(metrics, "datadogcustomvariables")).as(watches).isEqualTo(1);
    });
  }

  private static long openWatches(String metrics, String resource) {
    return metrics.lines().filter(l -> l.startsWith("apiserver_longrunning_requests{"))
        .filter(l -> l.contains("resource=\"" + resource + "\"") && l.contains("verb=\"WATCH\""))
        .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
  }
}
