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
    // 1000 a second: one turn a millisecond; 2 seconds of turns can be waited for in the thread, not more (two
    // tenants: one alone may book only half of them, see below)
    for (int i = 0; i < 2000; i++) {
      pacer.acquire("GET", WritePriority.USER_CHANGE, i % 2 == 0 ? "team-a" : "team-b");
    }
    assertThat(slept.get()).as("each waited for its own turn").isEqualTo(Duration.ofMillis(1999).toNanos() * 1000);
    assertThatThrownBy(() -> {
      for (int i = 0; i < 10; i++) {
        pacer.acquire("GET");
      }
    }).isInstanceOfSatisfying(TurnedAwayException.class, e -> {
      assertThat(e.verdict(Operation.GET)).isEqualTo(Verdict.BUSY);
      assertThat(e.retryAfter()).hasValueSatisfying(d -> assertThat(d).isGreaterThan(ReadPacer.MAX_WAIT));
    });
    now.addAndGet(Duration.ofSeconds(3).toNanos());
    pacer.acquire("GET");
  }

  @Test
  void oneNamespacesFloodOfReadsCannotKeepAnotherNamespacesChangeOut() {
    // team-b reads now, then books every turn it may ahead (half of the 2 seconds a change may wait for), and
    // more: turned away
    for (int i = 0; i <= 1000; i++) {
      pacer.acquire("GET", WritePriority.USER_CHANGE, "team-b");
    }
    assertThatThrownBy(() -> pacer.acquire("GET", WritePriority.USER_CHANGE, "team-b"))
        .isInstanceOfSatisfying(TurnedAwayException.class, e -> assertThat(e.getMessage()).contains("share"));
    // team-a's change still gets a turn, within the wait a change may take
    slept.set(0);
    pacer.acquire("GET", WritePriority.USER_CHANGE, "team-a");
    assertThat(slept.get()).isLessThanOrEqualTo(ReadPacer.MAX_WAIT.toNanos());
    // once team-b's first turn has come, it may book again
    now.addAndGet(Duration.ofMillis(2).toNanos());
    pacer.acquire("GET", WritePriority.USER_CHANGE, "team-b");
  }

  @Test
  void aRateLimitedReadPausesEveryReadOfTheOrgUntilTheReset() {
    long sent = pacer.acquire("GET");
    pacer.rateLimited(Duration.ofSeconds(30), sent);
    assertThatThrownBy(() -> pacer.acquire("GET")).isInstanceOfSatisfying(DatadogApiException.class,
        e -> assertThat(e.retryAfter()).hasValueSatisfying(d -> assertThat(d).isCloseTo(Duration.ofSeconds(30),
            Duration.ofMillis(5))));
    now.addAndGet(Duration.ofSeconds(31).toNanos());
    // three 429s in a row, each to a read sent after the pause the one before set: 1 s, 2 s, 4 s
    for (int i = 0; i < 3; i++) {
      pacer.rateLimited(null, pacer.acquire("GET"));
      now.addAndGet(Duration.ofSeconds(1L << i).toNanos());
    }
    now.addAndGet(-Duration.ofSeconds(4).toNanos());
    assertThatThrownBy(() -> pacer.acquire("GET")).as("no reset header: a pause that doubles, 1 s, 2 s, 4 s")
        .isInstanceOfSatisfying(DatadogApiException.class, e -> assertThat(e.retryAfter()).hasValueSatisfying(
            d -> assertThat(d).isCloseTo(Duration.ofSeconds(4), Duration.ofMillis(5))));
    now.addAndGet(Duration.ofSeconds(5).toNanos());
    pacer.answered(pacer.acquire("GET"));
    long again = pacer.acquire("GET");
    pacer.rateLimited(null, again);
    slept.set(0);
    pacer.acquire("GET");
    assertThat(slept.get()).as("after an answer, the pauses start from 1 s again (waited for in the thread)")
        .isBetween(Duration.ofMillis(990).toNanos(), Duration.ofSeconds(1).toNanos());
  }

  @Test
  void the429sOfOneBurstAreOnePauseNotARunOfThem() {
    // forty reads out together (as after a pause, with many resources waiting): Datadog answers many of them 429
    long[] sent = new long[40];
    for (int i = 0; i < sent.length; i++) {
      sent[i] = pacer.acquire("GET");
    }
    for (long s : sent) {
      pacer.rateLimited(null, s);
    }
    // (a resync's read is told how long it is to its turn rather than waiting for it)
    assertThatThrownBy(() -> pacer.acquire("GET", WritePriority.RESYNC)).as("one pause of 1 s, not 30")
        .isInstanceOfSatisfying(DatadogApiException.class, e -> assertThat(e.retryAfter()).hasValueSatisfying(
            d -> assertThat(d).isLessThanOrEqualTo(Duration.ofSeconds(1))));
    // an answer to a read of that burst says nothing about after the pause: the next 429 in a row still doubles
    pacer.answered(sent[39]);
    now.addAndGet(Duration.ofSeconds(1).toNanos());
    pacer.rateLimited(null, pacer.acquire("GET"));
    assertThatThrownBy(() -> pacer.acquire("GET", WritePriority.RESYNC))
        .isInstanceOfSatisfying(DatadogApiException.class, e -> assertThat(e.retryAfter())
            .hasValueSatisfying(d -> assertThat(d).isCloseTo(Duration.ofSeconds(2), Duration.ofMillis(5))));
  }

  @Test
  void aChangeGoesAheadOfResyncsThatSaturateTheRate() {
    ReadPacer slow = new ReadPacer(5, now::get, slept::addAndGet); // a turn every 200 ms
    // resyncs take the free turn and the next one, never more: the rest are sent back to come again later
    slow.acquire("GET", WritePriority.RESYNC);
    slow.acquire("GET", WritePriority.RESYNC);
    assertThatThrownBy(() -> slow.acquire("GET", WritePriority.RESYNC))
        .isInstanceOfSatisfying(TurnedAwayException.class, e -> assertThat(e.verdict(Operation.GET))
            .isEqualTo(Verdict.BUSY));
    slept.set(0);
    slow.acquire("GET", WritePriority.USER_CHANGE);
    assertThat(Duration.ofNanos(slept.get())).as("a change waits behind at most the resync turns already taken")
        .isLessThanOrEqualTo(Duration.ofMillis(400));
    assertThat(slow.resyncsTurnedAway()).isEqualTo(1);
  }

  @Test
  void whileResyncsWaitChangesLeaveThemAFloorOfTheRate() {
    ReadPacer slow = new ReadPacer(10, now::get, slept::addAndGet); // a turn every 100 ms
    slow.acquire("GET", WritePriority.RESYNC);
    slow.acquire("GET", WritePriority.RESYNC);
    assertThatThrownBy(() -> slow.acquire("GET", WritePriority.RESYNC)).isInstanceOf(DatadogApiException.class);
    // resyncs are waiting: five changes in a row are spaced for 80% of the rate, leaving turns between them
    long start = now.get();
    for (int i = 0; i < 5; i++) {
      slept.set(0);
      slow.acquire("GET", WritePriority.USER_CHANGE);
      now.addAndGet(slept.get());
    }
    assertThat(Duration.ofNanos(now.get() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(4 * 125 + 100));
    // and a resync now finds a turn within its horizon
    slow.acquire("GET", WritePriority.RESYNC);
  }
}
