package io.ddwebhooks.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.ddwebhooks.operator.status.Reason;
import io.ddwebhooks.operator.sync.Outcome;
import org.junit.jupiter.api.Test;

class ReporterTest {

  @Test
  void everyOutcomeHasARowWithAReadyReasonAndARetry() {
    // a new Outcome without a row in the reporter's table would fail at run time: catch it here
    for (Class<?> type : Outcome.class.getPermittedSubclasses()) {
      OutcomeTable.Row row = OutcomeTable.of(type);
      assertThat(row.retry()).as(type.getSimpleName()).isNotNull();
      if (type == Outcome.Queued.class || type == Outcome.Stopped.class) {
        // nothing happened, or the operator is stopping: the status is left as it is
        assertThat(row.reason()).isNull();
        continue;
      }
      assertThat(row.reason()).as(type.getSimpleName()).isNotNull();
      assertThat(row.failure()).as(type.getSimpleName())
          .isEqualTo(!Reason.Synced.equals(row.reason()) && !Reason.Paused.equals(row.reason()));
    }
    assertThat(OutcomeTable.of(Outcome.Internal.class).reason()).isEqualTo(Reason.InternalError);
    assertThat(Reason.InternalError.conditionStatus()).isEqualTo("False");
  }
}
