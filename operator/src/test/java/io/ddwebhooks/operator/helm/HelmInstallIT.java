package io.ddwebhooks.operator.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.Release;
import io.ddwebhooks.operator.crd.DatadogCustomVariable;
import io.ddwebhooks.operator.crd.DatadogWebhook;
import io.ddwebhooks.operator.testing.OperatorHarness;
import io.ddwebhooks.operator.testing.RealKubernetes;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Real Helm against a real API server: the operator chart installs (CRDs, RBAC, Deployment), the operator runs with
 * the chart's ServiceAccount and RBAC, and an application chart's webhook, variable and Secret converge and are
 * cleaned up on uninstall.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class HelmInstallIT {

  private static RealKubernetes k8s;
  private static OperatorHarness h;

  @BeforeAll
  static void start() {
    k8s = RealKubernetes.start(false, false);
  }

  @AfterAll
  static void stop() {
    if (h != null) {
      h.close();
    }
    k8s.close();
  }

  @Test
  void operatorChartThenAppChart() throws Exception {
    Release operator = new Helm(HelmChartTest.OPERATOR_CHART).install()
        .withName(HelmChartTest.RELEASE).withNamespace(RealKubernetes.OPERATOR_NAMESPACE).createNamespace()
        .set("datadog.credentials.create", "true").set("datadog.credentials.apiKey", "a")
        .set("datadog.credentials.appKey", "b")
        .withKubeConfig(k8s.kubeconfig()).call();
    assertThat(operator.getStatus()).isEqualTo("deployed");
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      for (CustomResourceDefinition crd : k8s.admin().apiextensions().v1().customResourceDefinitions().list()
          .getItems()) {
        assertThat(crd.getStatus().getConditions()).anyMatch(c -> c.getType().equals("Established")
            && c.getStatus().equals("True"));
      }
    });
    assertThat(k8s.admin().apps().deployments().inNamespace(RealKubernetes.OPERATOR_NAMESPACE)
        .withName(HelmChartTest.RELEASE).get()).isNotNull();
    assertThat(k8s.admin().rbac().clusterRoles().withName(HelmChartTest.RELEASE).get()).isNotNull();
    assertThat(k8s.admin().secrets().inNamespace(RealKubernetes.OPERATOR_NAMESPACE).withName("datadog-credentials")
        .get()).isNotNull();

    // the operator, in process, with the identity and RBAC the chart created
    h = OperatorHarness.startOn(k8s);
    Release app = new Helm(HelmChartTest.APP_CHART).install().withName("checkout").withNamespace("shop")
        .createNamespace().withKubeConfig(k8s.kubeconfig()).call();
    assertThat(app.getStatus()).isEqualTo("deployed");
    h.awaitSynced(DatadogWebhook.class, "shop", "checkout-alerts");
    h.awaitSynced(DatadogCustomVariable.class, "shop", "checkout-environment");
    assertThat(h.datadog.webhook("checkout-alerts").orElseThrow().get("url").asText())
        .isEqualTo("https://hooks.example.com/services/T000/B000/example-token");
    assertThat(h.datadog.storedVariable("CHECKOUT_ENVIRONMENT").orElseThrow().get("value").asText())
        .isEqualTo("production");

    Helm.uninstall("checkout").withNamespace("shop").withKubeConfig(k8s.kubeconfig()).call();
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      assertThat(h.datadog.webhookNames()).isEmpty();
      assertThat(h.datadog.variableNames()).isEmpty();
    });
  }
}
