package io.ddwebhooks.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark's soak, small (50 webhooks across two orgs, two minutes of chaos, the operator killed once) so that
 * it keeps working; the full soak (1,000 for 30 minutes) is the documented command in docs/benchmarks.md.
 */
@Timeout(value = 12, unit = TimeUnit.MINUTES)
class SoakIT {

  @TempDir
  Path out;

  @Test
  void afterChaosAndAKillNothingIsDuplicatedLeftOrWrittenAtRest() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    // said as it goes (the test's output shows how far a slow soak got) and kept for the assertions' messages
    PrintStream both = new PrintStream(new java.io.OutputStream() {
      @Override
      public void write(int b) {
        bytes.write(b);
        System.out.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        bytes.write(b, off, len);
        System.out.write(b, off, len);
      }
    }, true, StandardCharsets.UTF_8);
    Soak.Figures f = new Soak(both).run(new Soak.Settings(50,
        Duration.ofMinutes(2), Duration.ofSeconds(15), Duration.ofMillis(20), Duration.ofMillis(20),
        Duration.ofSeconds(10), 0.05, null, Benchmark.DEPLOYMENT_JVM, out));
    String said = bytes.toString(StandardCharsets.UTF_8);
    assertThat(f).as(said).isNotNull();
    assertThat(f.faults()).as("chaos happened").isPositive();
    assertThat(f.restarts()).isEqualTo(1);
    assertThat(f.rotations()).isGreaterThanOrEqualTo(6);
    assertThat(f.converged()).as(said).isTrue();
    assertThat(f.duplicates()).as(said).isZero();
    assertThat(f.missing()).as(said).isZero();
    assertThat(f.writesAtRest()).as(said).isZero();
    assertThat(f.leftovers()).as(said).isZero();
    assertThat(f.samples()).hasSizeGreaterThanOrEqualTo(6);
    assertThat(out.resolve("soak.md")).exists();
    assertThat(Files.size(out.resolve("soak-memory.png"))).isPositive();
  }
}
