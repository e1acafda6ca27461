package io.ddwebhooks.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * bundle/ is what the generator makes of deploy/crds, deploy/operator and deploy/examples: a change to those without
 * {@code java -jar tools/target/datadog-webhooks-tools.jar bundle} fails here.
 */
class OlmBundleTest {

  private static final Path BUNDLE = Path.of("bundle");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @Test
  void theCommittedBundleIsWhatTheManifestsGenerate() throws IOException {
    Map<String, String> generated = new OlmBundle(Path.of(".")).files();
    try (Stream<Path> committed = Files.walk(BUNDLE)) {
      assertThat(committed.filter(Files::isRegularFile).map(p -> BUNDLE.relativize(p).toString().replace('\\', '/'))
          .sorted().toList()).as("files in bundle/").containsExactlyElementsOf(generated.keySet());
    }
    for (Map.Entry<String, String> f : generated.entrySet()) {
      assertThat(Files.readString(BUNDLE.resolve(f.getKey())))
          .as("bundle/%s is stale: run java -jar tools/target/datadog-webhooks-tools.jar bundle", f.getKey())
          .isEqualTo(f.getValue());
    }
  }

  @Test
  void theCsvOwnsEveryCrdAndInstallsTheOperatorsDeployment() throws IOException {
    JsonNode csv = YAML.readTree(BUNDLE.resolve("manifests/datadog-webhooks-operator.clusterserviceversion.yaml")
        .toFile());
    java.util.List<String> kinds = new java.util.ArrayList<>();
    csv.at("/spec/customresourcedefinitions/owned").forEach(o -> kinds.add(o.get("kind").asText()));
    assertThat(kinds)
        .containsExactlyInAnyOrder("DatadogWebhook", "DatadogCustomVariable", "DatadogWebhookAuthMethod",
            "DatadogCredentials",
            "ClusterDatadogCredentials");
    for (JsonNode owned : csv.at("/spec/customresourcedefinitions/owned")) {
      assertThat(owned.get("specDescriptors")).as(owned.get("kind").asText()).isNotEmpty();
      assertThat(owned.get("statusDescriptors").findValuesAsText("path")).contains("conditions",
          "observedGeneration");
    }
    assertThat(csv.at("/spec/installModes").findValuesAsText("type")).containsExactly("OwnNamespace",
        "SingleNamespace", "MultiNamespace", "AllNamespaces");
    JsonNode deployment = csv.at("/spec/install/spec/deployments/0/spec");
    JsonNode plain = YAML.readTree(Path.of("deploy/operator/50-deployment.yaml").toFile()).get("spec");
    assertThat(deployment.at("/template/spec/securityContext")).isEqualTo(plain.at("/template/spec/securityContext"));
    assertThat(deployment.at("/template/spec/containers/0/resources"))
        .isEqualTo(plain.at("/template/spec/containers/0/resources"));
    assertThat(deployment.at("/template/spec/containers/0/env").toString())
        .contains("metadata.annotations['olm.targetNamespaces']");
    assertThat(csv.at("/spec/relatedImages/0/image").asText())
        .isEqualTo(plain.at("/template/spec/containers/0/image").asText());
    assertThat(csv.at("/spec/install/spec/clusterPermissions/0/rules")).isNotEmpty();
    assertThat(csv.at("/spec/install/spec/permissions/0/rules").toString()).contains("leases",
        "datadog-webhooks-operator-fingerprint-key");
    JsonNode annotations = YAML.readTree(BUNDLE.resolve("metadata/annotations.yaml").toFile()).get("annotations");
    assertThat(annotations.get("operators.operatorframework.io.bundle.channels.v1").asText()).isEqualTo("alpha");
  }
}
