package io.ddwebhooks.operator.datadog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Reads to one org are spaced to the rate; a 429 pauses all of them; a far turn is not waited for in the thread. */
class ReadPacerTest {

  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final AtomicLong slept = new AtomicLong();
  private final ReadPacer pacer = new ReadPacer(1000, now::get, slept::addAndGet);

  @Test
  void readsBeyondTheRateAreSentBackWithTheTimeToTheirTurn() {
    // 1000 a second: one turn a millisecond; 2 seconds of turns can be waited for in the thread, not more
    for (int i = 0; i < 2000; i++) {
      pacer.acquire("GET");
    }
    assertThat(slept.get()).as("each waited for its own turn").isEqualTo(Duration.ofMillis(1999).toNanos() * 1000);
    assertThatThrownBy(() -> {
      for (int i = 0; i < 10; i++) {
        pacer.acquire("GET");
      }
    }).isInstanceOfSatisfying(DatadogApiException.class, e -> {
      assertThat(e.verdict(Operation.GET)).isEqualTo(Verdict.BUSY);
      assertThat(e.retryAfter()).hasValueSatisfying(d -> assertThat(d).isGreaterThan(ReadPacer.MAX_WAIT));
    });
    now.addAndGet(Duration.ofSeconds(3).toNanos());
    pacer.acquire("GET");
  }

  @Test
  void aRateLimitedReadPausesEveryReadOfTheOrgUntilTheReset() {
    pacer.acquire("GET");
    pacer.rateLimited(Duration.ofSeconds(30));
    assertThatThrownBy(() -> pacer.acquire("GET")).isInstanceOfSatisfying(DatadogApiException.class,
        e -> assertThat(e.retryAfter()).hasValueSatisfying(d -> assertThat(d).isCloseTo(Duration.ofSeconds(30),
            Duration.ofMillis(5))));
    now.addAndGet(Duration.ofSeconds(31).toNanos());
    pacer.acquire("GET");
    pacer.rateLimited(null);
    pacer.rateLimited(null);
    pacer.rateLimited(null);
    assertThatThrownBy(() -> pacer.acquire("GET")).as("no reset header: a pause that doubles, 1 s, 2 s, 4 s")
        .isInstanceOfSatisfying(DatadogApiException.class, e -> assertThat(e.retryAfter()).hasValueSatisfying(
            d -> assertThat(d).isCloseTo(Duration.ofSeconds(4), Duration.ofMillis(5))));
    now.addAndGet(Duration.ofSeconds(5).toNanos());
    pacer.acquire("GET");
    pacer.answered();
    pacer.rateLimited(null);
    slept.set(0);
    pacer.acquire("GET");
    assertThat(slept.get()).as("after an answer, the pauses start from 1 s again (waited for in the thread)")
        .isBetween(Duration.ofMillis(990).toNanos(), Duration.ofSeconds(1).toNanos());
  }
}
