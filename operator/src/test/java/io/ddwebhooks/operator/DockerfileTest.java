package io.ddwebhooks.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * There is no Docker engine here, so the Dockerfile is checked against the build: it copies what the build needs and
 * produces, runs as a numeric non-root user on a JRE 17, and carries nothing but the operator's jar, its SBOM and
 * the class data archive dumped from the jar, labelled with OCI annotations.
 */
class DockerfileTest {

  /** The class list the image's class data archive is dumped from (the benchmark dumps it the same way). */
  static final String CLASS_LIST = "operator/src/main/cds/classes.lst";

  @Test
  void theImageIsBuiltFromWhatTheBuildProducesAndRunsAsNonRoot() throws Exception {
    List<String> lines = Files.readAllLines(Path.of("Dockerfile"));
    String pom = Files.readString(Path.of("operator/pom.xml"));
    String parent = Files.readString(Path.of("pom.xml"));
    Matcher finalName = Pattern.compile("<runnable.jar>([^<]+)</runnable.jar>").matcher(pom);
    assertThat(finalName.find()).isTrue();
    String jar = "operator/target/" + finalName.group(1) + ".jar";
    assertThat(parent).contains("<outputFile>${project.build.directory}/${runnable.jar}.jar</outputFile>");

    String text = String.join("\n", lines);
    List<String> froms = lines.stream().filter(l -> l.startsWith("FROM ")).toList();
    assertThat(froms).hasSize(2);
    assertThat(froms.get(0)).contains("maven").contains("17").endsWith("AS build");
    assertThat(froms.get(1)).contains("17-jre");

    // the build stage copies sources that exist
    for (String line : lines) {
      if (line.startsWith("COPY ") && !line.contains("--from")) {
        String source = line.split("\\s+")[1];
        assertThat(Path.of(source)).as(line).exists();
      }
    }
    // the runtime stage copies exactly the shaded jar the pom produces, and nothing else
    List<String> runtimeCopies = lines.stream().filter(l -> l.startsWith("COPY --from=build")).toList();
    assertThat(runtimeCopies).hasSize(2);
    assertThat(runtimeCopies.get(0)).contains("/src/" + jar);
    // the SBOM the cyclonedx plugin writes at package, next to the jar
    assertThat(pom).contains("cyclonedx-maven-plugin").contains("<outputName>" + finalName.group(1) + ".cdx");
    assertThat(runtimeCopies.get(1)).contains("/src/operator/target/" + finalName.group(1) + ".cdx.json");
    // the class data archive: dumped in the runtime stage from the committed class list (mounted, not copied), for the
    // same jar and at the same path the ENTRYPOINT uses
    String archive = "/opt/operator/" + finalName.group(1) + ".jsa";
    assertThat(Path.of(CLASS_LIST)).isRegularFile();
    assertThat(text).contains("RUN --mount=type=bind,from=build,source=/src/" + CLASS_LIST
        + ",target=/tmp/classes.lst \\\n    java -Xshare:dump -XX:SharedClassListFile=/tmp/classes.lst \\\n"
        + "      -XX:SharedArchiveFile=" + archive + " -cp /opt/operator/" + finalName.group(1) + ".jar");
    assertThat(text).contains("org.opencontainers.image.source=", "org.opencontainers.image.version=",
        "org.opencontainers.image.licenses=\"Apache-2.0\"");
    assertThat(parent).contains("<name>Apache-2.0</name>");
    assertThat(pom).contains("maven-shade-plugin").contains("<main.class>io.ddwebhooks.operator.Main</main.class>");
    assertThat(parent).contains("<mainClass>${main.class}</mainClass>");
    // the build stage builds the operator module only; the tools module (sandbox, benchmark) is not even compiled
    assertThat(text).contains("-pl operator -am package").doesNotContain("COPY tools ");

    String user = lines.stream().filter(l -> l.startsWith("USER ")).reduce((a, b) -> b).orElseThrow();
    assertThat(user).matches("USER [1-9][0-9]*:[1-9][0-9]*");
    String entry = lines.stream().filter(l -> l.startsWith("ENTRYPOINT")).findFirst().orElseThrow();
    assertThat(entry).contains("\"-XX:SharedArchiveFile=" + archive + "\", \"-jar\", \"/opt/operator/"
        + finalName.group(1) + ".jar\"");
    assertThat(String.join("\n", lines)).contains("MaxRAMPercentage");
  }

  /**
   * The class list is recorded from a real start (docs/development.md): a class it names that the operator no longer
   * has is only skipped when the archive is dumped, so the image would start slower without anyone noticing. Record
   * the list again when this fails.
   */
  @Test
  void theClassListNamesOnlyClassesTheOperatorStillHas() throws Exception {
    List<String> list = Files.readAllLines(Path.of(CLASS_LIST));
    List<String> names = list.stream()
        .filter(l -> l.startsWith("io/ddwebhooks/"))
        .map(l -> l.split("\\s+")[0])
        .toList();
    assertThat(names).as("the operator's classes in " + CLASS_LIST).hasSizeGreaterThan(100);
    assertThat(names).allSatisfy(name -> assertThat(Path.of("operator/target/classes", name + ".class"))
        .as("%s names %s; record the list again (docs/development.md)", CLASS_LIST, name).isRegularFile());
    assertThat(list).as("the JDK's HTTP client and the Kubernetes client")
        .contains("java/net/http/HttpClient", "io/fabric8/kubernetes/client/KubernetesClientBuilder");
  }
}
