package io.ddwebhooks.operator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The benchmark harness runs and prints its figures (their values are not asserted: no timing tests). */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class BenchmarkIT {

  @Test
  void printsFiguresForEachPhase() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int exit = new Benchmark(new PrintStream(bytes, true, StandardCharsets.UTF_8)).run(5, Duration.ofMillis(1),
        Duration.ofMillis(1));
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(out).isZero();
    assertThat(out).contains("create: 5 resources", "update: 5 resources", "delete: 5 resources",
        "memory: heap used after GC", "writes in flight at once: max 1");
  }
}
