package io.ddwebhooks.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * deploy/crds is what users apply; it must be exactly what the build generates from the Java model. When this
 * fails: {@code mvn package -DskipTests && cp operator/target/classes/META-INF/fabric8/*-v1.yml deploy/crds/}.
 */
class CrdsUpToDateTest {

  private static final Path GENERATED = Path.of("operator/target/classes/META-INF/fabric8");
  private static final Path COMMITTED = Path.of("deploy/crds");

  @Test
  void committedCrdsMatchTheGeneratedOnes() throws IOException {
    try (Stream<Path> generated = Files.list(GENERATED)) {
      var names = generated.map(p -> p.getFileName().toString()).filter(n -> n.endsWith("-v1.yml")).sorted()
          .toList();
      assertThat(names).containsExactly("clusterdatadogcredentials.ddwebhooks.io-v1.yml",
          "datadogcredentials.ddwebhooks.io-v1.yml", "datadogcustomvariables.ddwebhooks.io-v1.yml",
          "datadogwebhookauthmethods.ddwebhooks.io-v1.yml", "datadogwebhooks.ddwebhooks.io-v1.yml");
      try (Stream<Path> committed = Files.list(COMMITTED)) {
        assertThat(committed.map(p -> p.getFileName().toString()).sorted().toList())
            .as("files in deploy/crds").isEqualTo(names);
      }
      for (String name : names) {
        assertThat(Files.readString(COMMITTED.resolve(name)))
            .as("deploy/crds/%s is stale: copy it from %s", name, GENERATED)
            .isEqualTo(Files.readString(GENERATED.resolve(name)));
      }
    }
  }
}
