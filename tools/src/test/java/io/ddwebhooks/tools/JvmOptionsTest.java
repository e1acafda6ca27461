package io.ddwebhooks.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The JVM options are chosen once (docs/benchmarks.md says why) and used everywhere: the Deployment, the chart's
 * default, the Dockerfile, and the benchmark's operator process (with -XX:MaxRAM standing in for the memory limit).
 */
class JvmOptionsTest {

  @Test
  void theDeploymentTheChartTheImageAndTheBenchmarkAgree() throws Exception {
    String deployment = Files.readString(Path.of("deploy/operator/50-deployment.yaml"));
    Matcher options = Pattern.compile("name: JAVA_TOOL_OPTIONS\\s+value: \"([^\"]+)\"").matcher(deployment);
    assertThat(options.find()).isTrue();
    String jvm = options.group(1);
    Matcher limit = Pattern.compile("limits:\\s+memory: (\\d+)Mi").matcher(deployment);
    assertThat(limit.find()).isTrue();

    assertThat(Files.readString(Path.of("deploy/helm/datadog-webhooks-operator/values.yaml")))
        .contains("javaOptions: \"" + jvm + "\"").contains("memory: " + limit.group(1) + "Mi");
    assertThat(Files.readString(Path.of("Dockerfile"))).contains("ENV JAVA_TOOL_OPTIONS=\"" + jvm + "\"");
    List<String> expected = new ArrayList<>(List.of("-XX:MaxRAM=" + limit.group(1) + "m"));
    expected.addAll(List.of(jvm.split(" ")));
    assertThat(Benchmark.DEPLOYMENT_JVM).isEqualTo(expected);
  }
}
