package io.ddwebhooks.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.ddwebhooks.operator.crd.DatadogResourceStatus;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class KstatusTest {

  private static final Instant T1 = Instant.parse("2026-01-01T10:00:00Z");

  @Test
  void everyReadyReasonOfEveryKindHasARow() {
    Arrays.stream(Reason.values()).forEach(r -> assertThat(Kstatus.of(r.name())).as(r.name()).isNotNull());
    CredentialsReasons.ALL.forEach(r -> assertThat(Kstatus.of(r)).as(r).isNotNull());
  }

  @Test
  void stalledCarriesReadysReasonAndMessageAndGoesWhenFixed() {
    DatadogResourceStatus status = new DatadogResourceStatus();
    ReadyCondition.set(status, 3, Reason.InvalidSpec, "spec.url is not a URL", T1);
    Condition stalled = condition(status, Kstatus.STALLED);
    assertThat(stalled.getStatus()).isEqualTo("True");
    assertThat(stalled.getReason()).isEqualTo("InvalidSpec");
    assertThat(stalled.getMessage()).isEqualTo("spec.url is not a URL");
    assertThat(stalled.getObservedGeneration()).isEqualTo(3L);
    assertThat(condition(status, Kstatus.RECONCILING)).isNull();

    ReadyCondition.set(status, 4, Reason.Synced, "in sync", T1);
    assertThat(status.getConditions()).extracting(Condition::getType).containsExactly(ReadyCondition.TYPE);
  }

  @Test
  void reconcilingWhileRetryingThenStalledReplacesIt() {
    DatadogResourceStatus status = new DatadogResourceStatus();
    ReadyCondition.set(status, 1, Reason.SecretNotFound, "Secret 'a' not found", T1);
    assertThat(condition(status, Kstatus.RECONCILING).getReason()).isEqualTo("SecretNotFound");
    assertThat(condition(status, Kstatus.STALLED)).isNull();

    ReadyCondition.set(status, 1, Reason.DatadogRejected, "Datadog answered 400", T1);
    assertThat(condition(status, Kstatus.RECONCILING)).isNull();
    assertThat(condition(status, Kstatus.STALLED).getReason()).isEqualTo("DatadogRejected");
  }

  @Test
  void pausedIsReadySoAWaitPassesAndObserveOnlyReportsAreStalled() {
    DatadogResourceStatus status = new DatadogResourceStatus();
    ReadyCondition.set(status, 1, Reason.InternalError, "boom", T1);
    ReadyCondition.set(status, 1, Reason.Paused, "paused", T1);
    assertThat(status.getConditions()).extracting(Condition::getType).containsExactly(ReadyCondition.TYPE);
    assertThat(ReadyCondition.of(status).orElseThrow().getStatus()).isEqualTo("True");
    for (Reason report : new Reason[] {Reason.DriftDetected, Reason.RemoteNotFound}) {
      ReadyCondition.set(status, 1, report, "a report", T1);
      assertThat(condition(status, Kstatus.STALLED).getReason()).isEqualTo(report.name());
    }
  }

  private static Condition condition(DatadogResourceStatus status, String type) {
    return status.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
  }
}
