package io.ddwebhooks.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * mvn package leaves a CycloneDX SBOM of what the operator's jar ships next to it (the image copies both); its runtime
 * libraries are exactly those of operator/sbom-allowlist.txt, and the jar carries no test tooling.
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class SbomIT {

  private static final Path MODULE = Path.of(System.getProperty("ddwebhooks.module.dir", "operator"));

  @Test
  void theSbomListsExactlyTheReviewedRuntimeLibraries() throws Exception {
    JsonNode bom = new ObjectMapper().readTree(MODULE.resolve("target/datadog-webhooks-operator.cdx.json").toFile());
    assertThat(bom.get("bomFormat").asText()).isEqualTo("CycloneDX");
    assertThat(bom.at("/metadata/component/name").asText()).isEqualTo("datadog-webhooks-operator");
    TreeSet<String> shipped = new TreeSet<>();
    for (JsonNode c : bom.get("components")) {
      shipped.add(c.path("group").asText() + ":" + c.path("name").asText());
    }
    TreeSet<String> allowed = new TreeSet<>();
    for (String line : Files.readAllLines(MODULE.resolve("sbom-allowlist.txt"))) {
      if (!line.isBlank() && !line.startsWith("#")) {
        allowed.add(line.trim());
      }
    }
    assertThat(shipped).as("the SBOM's libraries against operator/sbom-allowlist.txt: add a new runtime library there"
        + " (a reviewed decision) or drop it from the pom").containsExactlyElementsOf(allowed);
  }

  @Test
  void theJarCarriesNoTestToolingAndStaysSmall() throws Exception {
    Path jar = MODULE.resolve("target/datadog-webhooks-operator.jar");
    assertThat(Files.size(jar)).as("README records the jar's size: at most 25 MiB").isLessThanOrEqualTo(25L << 20);
    List<String> tooling = new ArrayList<>();
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      zip.stream().map(e -> e.getName()).filter(name -> name.startsWith("org/jfree/")
          || name.startsWith("io/fabric8/kubernetes/client/server/mock/") || name.startsWith("io/fabric8/mockwebserver/")
          || name.startsWith("org/bouncycastle/") || name.startsWith("io/netty/") || name.startsWith("io/vertx/")
          || name.startsWith("io/ddwebhooks/emulator/") || name.startsWith("io/ddwebhooks/tools/")
          || name.startsWith("io/ddwebhooks/kube/") || name.startsWith("org/junit/"))
          .limit(5).forEach(tooling::add);
    }
    assertThat(tooling).as("test tooling in the production jar").isEmpty();
  }
}
