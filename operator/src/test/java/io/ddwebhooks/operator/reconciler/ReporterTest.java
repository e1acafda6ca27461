package io.ddwebhooks.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.ddwebhooks.operator.status.Reason;
import io.ddwebhooks.operator.sync.Outcome;
import org.junit.jupiter.api.Test;

class ReporterTest {

  @Test
  void everyOutcomeHasAReadyReasonAndInternalErrorIsOne() {
    // a new Outcome without a row in the reporter's table would fail at run time: catch it here
    for (Class<?> type : Outcome.class.getPermittedSubclasses()) {
      if (type == Outcome.Queued.class) {
        // nothing happened: the status is left as it is
        continue;
      }
      assertThat(ReadyReasons.of(type).reason()).as(type.getSimpleName()).isNotNull();
    }
    assertThat(ReadyReasons.of(Outcome.Internal.class).reason()).isEqualTo(Reason.InternalError);
    assertThat(Reason.InternalError.conditionStatus()).isEqualTo("False");
  }
}
