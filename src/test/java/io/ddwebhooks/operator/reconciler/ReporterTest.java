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
      assertThat(Reporter.reasonOf(type)).as(type.getSimpleName()).isNotNull();
    }
    assertThat(Reporter.reasonOf(Outcome.Internal.class)).isEqualTo(Reason.InternalError);
    assertThat(Reason.InternalError.conditionStatus()).isEqualTo("False");
  }
}
