package io.ddwebhooks.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.ddwebhooks.operator.crd.DatadogResourceStatus;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReadyConditionTest {

  private static final Instant T1 = Instant.parse("2026-01-01T10:00:00Z");
  private static final Instant T2 = Instant.parse("2026-01-01T11:00:00Z");

  @Test
  void keepsTransitionTimeWhileStatusHolds() {
    DatadogResourceStatus status = new DatadogResourceStatus();
    ReadyCondition.set(status, 1, Reason.Synced, "in sync", T1);
    ReadyCondition.set(status, 2, Reason.Synced, "in sync", T2);
    Condition c = ReadyCondition.of(status).orElseThrow();
    assertThat(c.getLastTransitionTime()).isEqualTo("2026-01-01T10:00:00Z");
    assertThat(c.getObservedGeneration()).isEqualTo(2L);
    assertThat(status.getObservedGeneration()).isEqualTo(2L);
    assertThat(status.getConditions()).hasSize(1);
  }

  @Test
  void movesTransitionTimeWhenStatusFlips() {
    DatadogResourceStatus status = new DatadogResourceStatus();
    ReadyCondition.set(status, 1, Reason.Synced, "in sync", T1);
    ReadyCondition.set(status, 1, Reason.DatadogUnavailable, "down", T2);
    Condition c = ReadyCondition.of(status).orElseThrow();
    assertThat(c.getStatus()).isEqualTo("False");
    assertThat(c.getReason()).isEqualTo("DatadogUnavailable");
    assertThat(c.getLastTransitionTime()).isEqualTo("2026-01-01T11:00:00Z");
    ReadyCondition.set(status, 1, Reason.RateLimited, "slow down", T1.plusSeconds(9000));
    assertThat(ReadyCondition.of(status).orElseThrow().getLastTransitionTime())
        .as("False -> False keeps the time").isEqualTo("2026-01-01T11:00:00Z");
  }
}
