package io.ddwebhooks.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** mvn package leaves a CycloneDX SBOM of what the jar ships next to it (the image copies both). */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class SbomIT {

  @Test
  void packageWritesTheSbomOfTheRuntimeDependencies() throws Exception {
    JsonNode bom = new ObjectMapper().readTree(Path.of("target/datadog-webhooks-operator.cdx.json").toFile());
    assertThat(bom.get("bomFormat").asText()).isEqualTo("CycloneDX");
    assertThat(bom.at("/metadata/component/name").asText()).isEqualTo("datadog-webhooks-operator");
    assertThat(bom.get("components").findValuesAsText("name")).contains("operator-framework",
        "kubernetes-client", "jackson-databind", "logback-classic", "jfreechart")
        .doesNotContain("junit-jupiter", "assertj-core", "awaitility");
  }
}
