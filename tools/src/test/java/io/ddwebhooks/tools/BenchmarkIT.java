package io.ddwebhooks.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark at a small N on the in-process stack: its counts hold (one write per change, no write in the steady
 * state or after a restart, one per deletion) and it writes its table and plots. Times are printed, never asserted.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class BenchmarkIT {

  @TempDir
  Path out;

  @Test
  void countsHoldAndTheReportIsWritten() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Benchmark benchmark = new Benchmark(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    int exit = benchmark.run(new Benchmark.Settings(List.of(3, 6), Duration.ofMillis(1), Duration.ofMillis(1),
        Duration.ofSeconds(6), 1, 100, null, List.of(), out, true));
    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(printed).isZero();
    assertThat(benchmark.results()).hasSize(2).allSatisfy(BenchmarkIT::countsHold);
    assertThat(out.resolve("benchmark.md")).content()
        .contains("| create: writes per change | 1 (+1 per secret variable) | 1.33 | 1.25 |");
    assertThat(out.resolve("time-vs-n.png")).isNotEmptyFile();
    assertThat(out.resolve("calls-per-resource.png")).isNotEmptyFile();
    assertThat(out.resolve("memory-vs-n.png")).isNotEmptyFile();

    // runs at different latencies combine into one report from their figures.json
    Path combined = out.resolve("combined");
    assertThat(benchmark.combine(List.of(out.resolve("figures.json"), out.resolve("figures.json")), combined))
        .isZero();
    assertThat(combined.resolve("benchmark.md")).content().contains("N=3 ", "N=6 ");
    assertThat(combined.resolve("time-vs-n.png")).isNotEmptyFile();
  }

  /** The counts the benchmark reports, whatever the machine's speed. */
  static void countsHold(BenchmarkFigures f) {
    // one write per create, and one more for each secret variable (half of them, i % 2 == 0: made through a readable
    // stand-in, so that a lost answer is never mistaken for someone else's secret)
    double secrets = (f.n() + 1) / 2;
    assertThat(f.createWritesPerChange()).as("create: writes per change")
        .isCloseTo((f.resources() + secrets) / f.resources(), org.assertj.core.data.Offset.offset(1e-9));
    assertThat(f.createGetsPerCreate()).as("create: GETs per create (webhooks none)").isLessThanOrEqualTo(1.0);
    assertThat(f.updateWritesPerChange()).as("update: writes per change").isEqualTo(1.0);
    assertThat(f.rotationWritesPerChange()).as("rotation: writes per change").isEqualTo(1.0);
    assertThat(f.steadyWritesPerResourceInterval()).as("steady state: writes").isZero();
    assertThat(f.restartWritesPerResource()).as("restart: writes").isZero();
    assertThat(f.deleteWritesPerResource()).as("delete: writes per resource").isEqualTo(1.0);
    assertThat(f.heapAfterGcMiB()).isPositive();
    assertThat(f.startupSeconds()).isPositive();
  }
}
