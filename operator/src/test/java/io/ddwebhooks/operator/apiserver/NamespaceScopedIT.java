package io.ddwebhooks.operator.apiserver;

import static io.ddwebhooks.operator.testing.Fixtures.webhookFromSecret;
import static org.assertj.core.api.Assertions.assertThat;

import io.ddwebhooks.operator.crd.DatadogWebhook;
import io.ddwebhooks.operator.testing.OperatorHarness;
import io.ddwebhooks.operator.testing.RealKubernetes;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The single-namespace install: the operator's ServiceAccount has only the Role of deploy/operator/namespace-scoped
 * in the watched namespace (no ClusterRole), with RBAC enforced, and everything works there.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class NamespaceScopedIT {

  private static final String TEAM = "team";
  private static RealKubernetes k8s;
  private static OperatorHarness h;

  @BeforeAll
  static void start() throws Exception {
    k8s = RealKubernetes.start(true, false);
    for (String ns : List.of(RealKubernetes.OPERATOR_NAMESPACE, TEAM)) {
      k8s.admin().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
          .create();
    }
    for (HasMetadata item : k8s.load(Path.of("deploy/operator"))) {
      if (item.getKind().equals("ServiceAccount") || item.getKind().startsWith("Role")) {
        k8s.admin().resource(item).create();
      }
    }
    for (String file : List.of("20-role.yaml", "30-rolebinding.yaml")) {
      String yaml = Files.readString(Path.of("deploy/operator/namespace-scoped", file))
          .replace("WATCHED_NAMESPACE", TEAM);
      for (HasMetadata item : k8s.admin().load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)))
          .items()) {
        k8s.admin().resource(item).create();
      }
    }
    assertThat(k8s.admin().rbac().clusterRoles().withName("datadog-webhooks-operator").get()).isNull();
    h = OperatorHarness.startOn(k8s, c -> c.withNamespaces(Set.of(TEAM))
        .withCredentialsUrlAllowlist(List.of("http://127.0.0.1:")));
  }

  @AfterAll
  static void stop() {
    h.close();
    k8s.close();
  }

  @Test
  void everythingWorksInTheWatchedNamespace() {
    h.secret(TEAM, "creds", Map.of("url", "https://team.example.com/hook"));
    h.create(webhookFromSecret(TEAM, "team-hook", "creds", "url"));
    h.awaitSynced(DatadogWebhook.class, TEAM, "team-hook");
    h.secret(TEAM, "creds", Map.of("url", "https://team.example.com/hook-v2"));
    org.awaitility.Awaitility.await().untilAsserted(() -> assertThat(h.datadog.webhook("team-hook").orElseThrow()
        .get("url").asText()).isEqualTo("https://team.example.com/hook-v2"));
    h.delete(DatadogWebhook.class, TEAM, "team-hook");
    h.awaitGone(DatadogWebhook.class, TEAM, "team-hook");
    assertThat(h.datadog.webhookNames()).isEmpty();
  }

  @Test
  void theTeamUsesItsOwnDatadogCredentials() {
    // the Role grants DatadogCredentials in the watched namespace only; no ClusterDatadogCredentials, no namespaces
    var teamOrg = h.datadog.addOrg("team-org", "team-api-key", "team-app-key");
    h.secret(TEAM, "team-keys", Map.of("api", "team-api-key", "app", "team-app-key"));
    h.client.resource(io.ddwebhooks.operator.testing.CredentialsFixtures.namespaced(TEAM, "own",
        h.datadog.baseUrl().toString(), "team-org", "team-keys")).create();
    h.create(io.ddwebhooks.operator.testing.CredentialsFixtures.using(
        io.ddwebhooks.operator.testing.Fixtures.webhook(TEAM, "own-hook", "https://team.example.com/own"),
        io.ddwebhooks.operator.crd.CredentialsRef.NAMESPACED, "own"));
    h.awaitSynced(DatadogWebhook.class, TEAM, "own-hook");
    assertThat(teamOrg.webhookNames()).containsExactly("own-hook");
    org.awaitility.Awaitility.await().untilAsserted(() -> assertThat(h.client.resources(
        io.ddwebhooks.operator.crd.DatadogCredentials.class).inNamespace(TEAM).withName("own").get().getStatus()
        .getUsedBy()).isEqualTo(1));
    h.delete(DatadogWebhook.class, TEAM, "own-hook");
    h.awaitGone(DatadogWebhook.class, TEAM, "own-hook");
    assertThat(teamOrg.webhookNames()).isEmpty();
  }
}
