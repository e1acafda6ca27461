package io.ddwebhooks.operator.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Each resource is read in its own slot of the interval; slots are spread, whenever resources were created. */
class ResyncSlotsTest {

  private static final Duration INTERVAL = Duration.ofMinutes(10);
  private static final Instant NOW = Instant.parse("2026-11-29T03:00:00Z");

  @Test
  void theNextCheckIsInTheResourcesOwnSlotHalfToOneAndAHalfIntervalsLater() {
    for (int i = 0; i < 1000; i++) {
      String uid = UUID.randomUUID().toString();
      Instant next = ResyncSlots.nextAfterCheck(uid, NOW, INTERVAL);
      assertThat(Duration.between(NOW, next)).isBetween(INTERVAL.dividedBy(2), INTERVAL.multipliedBy(3).dividedBy(2));
      Instant after = ResyncSlots.nextAfterCheck(uid, next, INTERVAL);
      assertThat(Duration.between(next, after)).as("then every interval, in the same slot").isEqualTo(INTERVAL);
    }
  }

  @Test
  void resourcesCreatedTogetherAreReadSpreadOverTheInterval() {
    int[] perTenth = new int[10];
    int n = 10_000;
    for (int i = 0; i < n; i++) {
      // the same creation time for all, uids as Kubernetes makes them
      Instant next = ResyncSlots.nextCheck(UUID.randomUUID().toString(), null, NOW, INTERVAL);
      perTenth[(int) (Duration.between(NOW, next).toMillis() * 10 / INTERVAL.toMillis())]++;
    }
    for (int count : perTenth) {
      assertThat(count).as("each tenth of the interval reads about a tenth of the resources")
          .isBetween(n / 10 * 85 / 100, n / 10 * 115 / 100);
    }
  }

  @Test
  void afterARestartTheRegularSlotIsKeptAndAPassedOneIsNotMadeUpAllAtOnce() {
    String uid = "3f1c2d9e-0000-4000-8000-000000000001";
    Instant verified = NOW.minusSeconds(30);
    assertThat(ResyncSlots.nextCheck(uid, verified, NOW, INTERVAL))
        .as("verified 30 s ago: the slot it would have had").isEqualTo(ResyncSlots.nextAfterCheck(uid, verified,
            INTERVAL));
    Instant longAgo = NOW.minus(Duration.ofHours(5));
    Instant next = ResyncSlots.nextCheck(uid, longAgo, NOW, INTERVAL);
    assertThat(next).as("down for hours: its next slot from now, not now").isAfterOrEqualTo(NOW)
        .isBefore(NOW.plus(INTERVAL)).isEqualTo(ResyncSlots.slotAtOrAfter(uid, NOW, INTERVAL));
  }
}
