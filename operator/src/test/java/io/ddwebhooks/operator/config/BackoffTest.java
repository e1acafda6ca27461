package io.ddwebhooks.operator.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private static final Backoff BACKOFF =
      new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(5), Duration.ofMinutes(5));

  @Test
  void growsWithJitterAndIsCapped() {
    assertThat(BACKOFF.after(1, 0.5)).isEqualTo(Duration.ofSeconds(2));
    assertThat(BACKOFF.after(2, 0.5)).isEqualTo(Duration.ofSeconds(4));
    assertThat(BACKOFF.after(3, 0.0)).isEqualTo(Duration.ofMillis(6400));
    assertThat(BACKOFF.after(3, 1.0)).isEqualTo(Duration.ofMillis(9600));
    assertThat(BACKOFF.after(40, 1.0)).isEqualTo(Duration.ofMinutes(5));
  }
}
