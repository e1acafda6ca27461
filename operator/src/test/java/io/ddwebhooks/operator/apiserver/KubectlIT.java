package io.ddwebhooks.operator.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.ddwebhooks.operator.testing.OperatorHarness;
import io.ddwebhooks.operator.testing.RealKubernetes;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What a user does with kubectl, against a real API server and the operator in its production configuration. */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class KubectlIT {

  private static RealKubernetes k8s;
  private static OperatorHarness h;

  @BeforeAll
  static void start() {
    k8s = RealKubernetes.start(false);
    ok(k8s.kubectl("apply", "-f", "deploy/crds"));
    ok(k8s.kubectl("wait", "--for=condition=Established", "crd/datadogwebhooks.ddwebhooks.io",
        "crd/datadogcustomvariables.ddwebhooks.io", "crd/datadogwebhookauthmethods.ddwebhooks.io", "--timeout=60s"));
    h = OperatorHarness.startOn(k8s);
  }

  @AfterAll
  static void stop() {
    h.close();
    k8s.close();
  }

  private static String ok(RealKubernetes.Kubectl result) {
    assertThat(result.exitCode()).as(result.output()).isZero();
    return result.output();
  }

  @Test
  void applyWaitGetAndDeleteTheExamples() throws IOException {
    ok(k8s.kubectl("apply", "-f", "deploy/examples"));
    ok(k8s.kubectl("wait", "--for=condition=Ready", "datadogwebhooks", "--all", "-n", "default", "--timeout=60s"));
    ok(k8s.kubectl("wait", "--for=condition=Ready", "datadogcustomvariables", "--all", "-n", "default",
        "--timeout=60s"));
    ok(k8s.kubectl("wait", "--for=condition=Ready", "datadogwebhookauthmethods", "--all", "-n", "default",
        "--timeout=60s"));

    // the operator caches resources without managed fields and kubectl's last-applied copy; nothing it writes
    // drops them on the API server
    JsonNode applied = new ObjectMapper().readTree(ok(k8s.kubectl("get", "ddwh", "checkout-pager", "-n", "default",
        "-o", "json", "--show-managed-fields")));
    assertThat(applied.at("/metadata/annotations").has("kubectl.kubernetes.io/last-applied-configuration")).isTrue();
    assertThat(applied.at("/metadata/managedFields").findValuesAsText("manager"))
        .contains("kubectl-client-side-apply").anyMatch(m -> m.startsWith("datadogwebhook"));
    assertThat(applied.at("/metadata/finalizers").toString()).contains("ddwebhooks.io/finalizer");

    String table = ok(k8s.kubectl("get", "ddwh,ddcv,ddwham", "-n", "default"));
    assertThat(table.lines().filter(l -> l.startsWith("NAME")).toList())
        .allMatch(header -> header.contains("DATADOG NAME") && header.contains("READY")
            && header.contains("REASON") && header.contains("AGE"));
    assertThat(table.lines().filter(l -> l.startsWith("NAME")).toList()).allMatch(header ->
        header.matches("NAME\\s+DATADOG NAME\\s+(SECRET\\s+)?READY\\s+REASON\\s+(VARIABLES\\s+)?AGE"));
    assertThat(table).containsPattern("checkout-pager\\s+checkout-pager\\s+True\\s+Synced\\s+True\\s+\\S+")
        .containsPattern("checkout-signing-key\\s+CHECKOUT_SIGNING_KEY\\s+true\\s+True\\s+Synced\\s+\\S+")
        .containsPattern("servicenow\\s+servicenow-oauth\\s+True\\s+Synced\\s+\\S+");
    assertThat(ok(k8s.kubectl("get", "datadog", "-n", "default")))
        .contains("datadogwebhook.ddwebhooks.io/checkout-chatops")
        .contains("datadogcustomvariable.ddwebhooks.io/checkout-environment");
    assertThat(h.datadog.webhookNames()).containsExactlyInAnyOrder("checkout-chatops", "checkout-pager");

    // kubectl delete returns once the finalizer has removed everything from Datadog
    ok(k8s.kubectl("delete", "-f", "deploy/examples", "--timeout=60s"));
    assertThat(h.datadog.webhookNames()).isEmpty();
    assertThat(h.datadog.variableNames()).isEmpty();
    assertThat(h.datadog.authMethodNames()).isEmpty();
  }

  @Test
  void explainDescribesEverySpecField() throws IOException {
    for (String[] kind : new String[][] {
        {"datadogwebhook", "deploy/crds/datadogwebhooks.ddwebhooks.io-v1.yml"},
        {"datadogcustomvariable", "deploy/crds/datadogcustomvariables.ddwebhooks.io-v1.yml"},
        {"datadogwebhookauthmethod", "deploy/crds/datadogwebhookauthmethods.ddwebhooks.io-v1.yml"},
        {"datadogcredentials", "deploy/crds/datadogcredentials.ddwebhooks.io-v1.yml"},
        {"clusterdatadogcredentials", "deploy/crds/clusterdatadogcredentials.ddwebhooks.io-v1.yml"}}) {
      JsonNode spec = new ObjectMapper(new YAMLFactory()).readTree(Path.of(kind[1]).toFile())
          .at("/spec/versions/0/schema/openAPIV3Schema/properties/spec");
      List<String> paths = new ArrayList<>();
      collect(spec, kind[0] + ".spec", paths);
      assertThat(paths).hasSizeGreaterThan(3);
      // the API server publishes a new CRD's OpenAPI schema a moment after the CRD is established
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> ok(k8s.kubectl("explain", kind[0])));
      for (String path : paths) {
        String out = ok(k8s.kubectl("explain", path));
        assertThat(out).as(path).contains("DESCRIPTION:").doesNotContain("<empty>");
      }
    }
  }

  private static void collect(JsonNode schema, String path, List<String> out) {
    out.add(path);
    JsonNode properties = schema.has("items") ? schema.get("items").get("properties") : schema.get("properties");
    if (properties == null) {
      return;
    }
    for (Iterator<String> it = properties.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      collect(properties.get(field), path + "." + field, out);
    }
  }
}
