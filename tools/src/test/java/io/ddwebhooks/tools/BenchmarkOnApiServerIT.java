package io.ddwebhooks.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.ddwebhooks.operator.config.OperatorConfig;
import io.ddwebhooks.operator.testing.RealKubernetes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark against a real kube-apiserver with the operator's own {@code run} command in a JVM of its own, with
 * the Deployment's JVM options (server-side apply, a real restart, the real process's memory). In CI it runs at a
 * small N and checks the counts. With {@code -Dbenchmark.resources=1000,5000} (and optionally
 * {@code benchmark.readLatency}, {@code benchmark.writeLatency}, {@code benchmark.resync},
 * {@code benchmark.steadyIntervals}, {@code benchmark.out}) it is how docs/benchmarks.md is regenerated. With
 * {@code -Dbenchmark.soak=30m} it runs the soak there instead ({@code benchmark.soakResources}, default 1,000, and
 * the latencies and resync above): the operator process's own memory over time, on a real API server.
 */
@Timeout(value = 12, unit = TimeUnit.HOURS)
class BenchmarkOnApiServerIT {

  @TempDir
  Path tmp;

  @Test
  void countsHoldWithTheOperatorProcessOnARealApiServer() throws Exception {
    if (System.getProperty("benchmark.soak") != null) {
      soak();
      return;
    }
    String sizes = System.getProperty("benchmark.resources", "");
    boolean published = !sizes.isBlank();
    try (RealKubernetes kube = RealKubernetes.start()) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      PrintStream print = published ? System.out : new PrintStream(bytes, true, StandardCharsets.UTF_8);
      Benchmark benchmark = new Benchmark(print);
      Benchmark.Settings settings = new Benchmark.Settings(
          published ? Arrays.stream(sizes.split(",")).map(String::trim).map(Integer::valueOf).toList() : List.of(4),
          duration("benchmark.readLatency", published ? "200ms" : "5ms"),
          duration("benchmark.writeLatency", published ? "100ms" : "5ms"),
          duration("benchmark.resync", published ? "30s" : "8s"),
          Integer.getInteger("benchmark.steadyIntervals", published ? 3 : 1),
          Double.parseDouble(System.getProperty("benchmark.readsPerSecond", "100")), kube.kubeconfig(),
          System.getProperty("benchmark.operatorJvm") == null ? Benchmark.DEPLOYMENT_JVM
              : List.of(System.getProperty("benchmark.operatorJvm").trim().split("\\s+")),
          published ? Path.of(System.getProperty("benchmark.out", "target/benchmark")) : tmp, true);
      int exit = benchmark.run(settings);
      assertThat(exit).as(bytes.toString(StandardCharsets.UTF_8)).isZero();
      assertThat(benchmark.results()).allSatisfy(BenchmarkIT::countsHold).allSatisfy(f -> {
        assertThat(f.rssMiB()).as("the operator process's RSS").isPositive();
        assertThat(f.maxHeapMiB()).as("heap sized as in the container").isBetween(200L, 300L);
        assertThat(f.memoryOf()).contains("operator process");
      });
    }
  }

  private void soak() throws Exception {
    try (RealKubernetes kube = RealKubernetes.start()) {
      Soak.Figures f = new Soak(System.out).run(new Soak.Settings(Integer.getInteger("benchmark.soakResources", 1000),
          duration("benchmark.soak", "30m"), duration("benchmark.soakSample", "1m"),
          duration("benchmark.readLatency", "200ms"), duration("benchmark.writeLatency", "100ms"),
          duration("benchmark.resync", "30s"), Double.parseDouble(System.getProperty("benchmark.soakChaos", "0.05")),
          kube.kubeconfig(), Benchmark.DEPLOYMENT_JVM, Path.of(System.getProperty("benchmark.out", "target/soak"))));
      assertThat(f).isNotNull();
      assertThat(f.holds()).as("no duplicates, nothing missing or left, no writes at rest").isTrue();
    }
  }

  private static Duration duration(String property, String fallback) {
    return OperatorConfig.parseDuration(property, System.getProperty(property, fallback), null);
  }
}
