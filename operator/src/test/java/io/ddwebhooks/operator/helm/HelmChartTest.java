package io.ddwebhooks.operator.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Both charts linted and rendered by real Helm; the operator chart agrees with deploy/operator and deploy/crds. */
class HelmChartTest {

  static final Path OPERATOR_CHART = Path.of("deploy/helm/datadog-webhooks-operator");
  static final Path APP_CHART = Path.of("deploy/helm/example-app");
  static final String RELEASE = "datadog-webhooks-operator";

  private static Map<String, JsonNode> render(Path chart, String release, String namespace, String... sets)
      throws Exception {
    var template = new Helm(chart).template().withName(release).withNamespace(namespace);
    for (int i = 0; i < sets.length; i += 2) {
      template.set(sets[i], sets[i + 1]);
    }
    return Manifests.parse(template.call());
  }

  @Test
  void bothChartsLintClean() {
    for (Path chart : new Path[] {OPERATOR_CHART, APP_CHART}) {
      LintResult result = new Helm(chart).lint().strict().call();
      assertThat(result.isFailed()).as("%s: %s", chart, result.getMessages()).isFalse();
    }
  }

  @Test
  void defaultRenderAgreesWithDeployOperator() throws Exception {
    Map<String, JsonNode> chart = render(OPERATOR_CHART, RELEASE, RELEASE);
    Map<String, JsonNode> plain = Manifests.folder(Path.of("deploy/operator"));
    plain.keySet().removeIf(k -> k.startsWith("Namespace/"));
    assertThat(new TreeSet<>(chart.keySet())).isEqualTo(new TreeSet<>(plain.keySet()));
    for (String key : plain.keySet()) {
      JsonNode a = chart.get(key);
      JsonNode b = plain.get(key);
      switch (a.path("kind").asText()) {
        case "ClusterRole", "Role" -> assertThat(a.get("rules")).as(key).isEqualTo(b.get("rules"));
        case "ClusterRoleBinding", "RoleBinding" -> {
          assertThat(a.get("roleRef")).as(key).isEqualTo(b.get("roleRef"));
          assertThat(a.get("subjects")).as(key).isEqualTo(b.get("subjects"));
        }
        case "Deployment" -> {
          assertThat(a.at("/spec/replicas")).as(key).isEqualTo(b.at("/spec/replicas"));
          assertThat(a.at("/spec/template/spec")).as(key).isEqualTo(b.at("/spec/template/spec"));
          assertThat(a.at("/spec/template/metadata/annotations")).as(key)
              .isEqualTo(b.at("/spec/template/metadata/annotations"));
        }
        case "Service" -> assertThat(a.at("/spec/ports")).as(key).isEqualTo(b.at("/spec/ports"));
        case "ServiceAccount" -> assertThat(a.get("automountServiceAccountToken")).as(key)
            .isEqualTo(b.get("automountServiceAccountToken"));
        default -> throw new AssertionError("unexpected " + key);
      }
    }
  }

  @Test
  void chartCrdsAreTheGeneratedOnes() throws Exception {
    for (String crd : new String[] {"datadogwebhooks.ddwebhooks.io-v1.yml",
        "datadogcustomvariables.ddwebhooks.io-v1.yml"}) {
      assertThat(Files.readString(OPERATOR_CHART.resolve("crds").resolve(crd)))
          .as("copy deploy/crds/%s to the chart's crds/", crd)
          .isEqualTo(Files.readString(Path.of("deploy/crds").resolve(crd)));
    }
  }

  @Test
  void namespaceScopedInstallUsesRolesInTheWatchedNamespaces() throws Exception {
    Map<String, JsonNode> out = render(OPERATOR_CHART, "dwo", "ops", "rbac.scope", "namespace",
        "watchNamespaces[0]", "team-a", "watchNamespaces[1]", "team-b");
    Set<String> kinds = new TreeSet<>();
    out.values().forEach(d -> kinds.add(d.path("kind").asText()));
    assertThat(kinds).doesNotContain("ClusterRole", "ClusterRoleBinding");
    assertThat(out).containsKeys("Role/team-a/dwo-datadog-webhooks-operator", "Role/team-b/dwo-datadog-webhooks-operator",
        "RoleBinding/team-a/dwo-datadog-webhooks-operator", "Role/ops/dwo-datadog-webhooks-operator-leader-election");
    assertThat(env(out.get("Deployment/ops/dwo-datadog-webhooks-operator"), "WATCH_NAMESPACES")).isEqualTo("team-a,team-b");
    assertThatThrownBy(() -> render(OPERATOR_CHART, "dwo", "ops", "rbac.scope", "namespace"))
        .hasMessageContaining("rbac.scope=namespace needs watchNamespaces");
  }

  @Test
  void valuesReachTheDeployment() throws Exception {
    Map<String, JsonNode> out = render(OPERATOR_CHART, "dwo", "ops",
        "datadog.site", "datadoghq.eu", "datadog.url", "http://emulator:8089", "replicas", "3",
        "leaderElection.enabled", "false", "logFormat", "json", "logLevel", "DEBUG", "resyncInterval", "2m",
        "allowAdoptionNamespaces[0]", "platform", "datadog.credentials.create", "true",
        "datadog.credentials.apiKey", "api-value", "datadog.credentials.appKey", "app-value",
        "nodeSelector.pool", "system", "tolerations[0].key", "dedicated", "tolerations[0].operator", "Exists",
        "image.repository", "registry.example.com/dwo", "image.tag", "1.2.3",
        "templateVariables.access", "namespace", "templateVariables.unknown", "refuse");
    JsonNode deployment = out.get("Deployment/ops/dwo-datadog-webhooks-operator");
    assertThat(env(deployment, "VARIABLE_ACCESS")).isEqualTo("namespace");
    assertThat(env(deployment, "UNKNOWN_VARIABLES")).isEqualTo("refuse");
    assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(3);
    assertThat(env(deployment, "LEADER_ELECTION")).as("more than one replica elects a leader").isEqualTo("true");
    assertThat(env(deployment, "DD_SITE")).isEqualTo("datadoghq.eu");
    assertThat(env(deployment, "DD_URL")).isEqualTo("http://emulator:8089");
    assertThat(env(deployment, "LOG_FORMAT")).isEqualTo("json");
    assertThat(env(deployment, "LOG_LEVEL")).isEqualTo("DEBUG");
    assertThat(env(deployment, "RESYNC_INTERVAL")).isEqualTo("2m");
    assertThat(env(deployment, "ALLOW_ADOPTION_NAMESPACES")).isEqualTo("platform");
    assertThat(deployment.at("/spec/template/spec/nodeSelector/pool").asText()).isEqualTo("system");
    assertThat(deployment.at("/spec/template/spec/tolerations/0/key").asText()).isEqualTo("dedicated");
    assertThat(deployment.at("/spec/template/spec/containers/0/image").asText())
        .isEqualTo("registry.example.com/dwo:1.2.3");
    assertThat(deployment.at("/spec/template/metadata/annotations/checksum~1credentials").asText()).isNotEmpty();
    JsonNode secret = out.get("Secret/ops/datadog-credentials");
    assertThat(new String(Base64.getDecoder().decode(secret.at("/data/api-key").asText()))).isEqualTo("api-value");
    assertThatThrownBy(() -> render(OPERATOR_CHART, "dwo", "ops", "datadog.credentials.create", "true"))
        .hasMessageContaining("needs datadog.credentials.apiKey");
  }

  @Test
  void theDefaultOrgCanBeAClusterDatadogCredentialsTheChartCreates() throws Exception {
    Map<String, JsonNode> out = render(OPERATOR_CHART, "dwo", "ops", "datadog.defaultOrg", "clusterCredentials",
        "datadog.clusterCredentials.create", "true", "datadog.clusterCredentials.organization", "acme-prod",
        "datadog.site", "datadoghq.eu", "credentialsUrlAllowlist[0]", "https://proxy.internal/");
    JsonNode deployment = out.get("Deployment/ops/dwo-datadog-webhooks-operator");
    assertThat(env(deployment, "DEFAULT_CREDENTIALS")).isEqualTo("default-org");
    assertThat(env(deployment, "DD_API_KEY")).as("no environment keys then").isNull();
    assertThat(env(deployment, "CREDENTIALS_URL_ALLOWLIST")).isEqualTo("https://proxy.internal/");
    JsonNode creds = out.get("ClusterDatadogCredentials//default-org");
    assertThat(creds).isNotNull();
    assertThat(creds.at("/spec/site").asText()).isEqualTo("datadoghq.eu");
    assertThat(creds.at("/spec/organization").asText()).isEqualTo("acme-prod");
    assertThat(creds.at("/spec/apiKeySecretRef/namespace").asText()).isEqualTo("ops");
    assertThat(creds.at("/spec/apiKeySecretRef/name").asText()).isEqualTo("datadog-credentials");
    assertThatThrownBy(() -> render(OPERATOR_CHART, "dwo", "ops", "datadog.defaultOrg", "someday"))
        .hasMessageContaining("datadog.defaultOrg must be");
    Map<String, JsonNode> none = render(OPERATOR_CHART, "dwo", "ops", "datadog.defaultOrg", "none");
    assertThat(env(none.get("Deployment/ops/dwo-datadog-webhooks-operator"), "DD_API_KEY")).isNull();
  }

  @Test
  void appChartBundlesItsWebhookVariableAndSecret() throws Exception {
    Map<String, JsonNode> out = render(APP_CHART, "checkout", "shop");
    assertThat(out.keySet()).containsExactlyInAnyOrder("Secret/shop/checkout-alerting",
        "DatadogWebhook/shop/checkout-alerts", "DatadogCustomVariable/shop/checkout-environment");
    JsonNode hook = out.get("DatadogWebhook/shop/checkout-alerts");
    assertThat(hook.at("/spec/name").asText()).isEqualTo("checkout-alerts");
    assertThat(hook.at("/spec/urlFrom/secretKeyRef/name").asText()).isEqualTo("checkout-alerting");
    assertThat(hook.at("/spec/payload").asText()).contains("\"environment\": \"$CHECKOUT_ENVIRONMENT\"");
    assertThat(out.get("DatadogCustomVariable/shop/checkout-environment").at("/spec/name").asText())
        .isEqualTo("CHECKOUT_ENVIRONMENT");
  }

  static String env(JsonNode deployment, String name) {
    for (JsonNode e : deployment.at("/spec/template/spec/containers/0/env")) {
      if (e.path("name").asText().equals(name)) {
        return e.path("value").asText();
      }
    }
    return null;
  }
}
