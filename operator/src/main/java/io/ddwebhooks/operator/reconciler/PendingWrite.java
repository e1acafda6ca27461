package io.ddwebhooks.operator.reconciler;

import io.ddwebhooks.operator.crd.DatadogResourceStatus;
import io.ddwebhooks.operator.sync.Fingerprints;
import java.util.function.Predicate;

/**
 * status.pendingName and status.pendingFingerprint: a create or rename recorded before it is sent, so that an
 * object it made is recognised after a crash or a lost answer, and only an object that holds exactly what was sent
 * (the fingerprint of {@code ResourceKind.recognizable}): a name someone else holds is never taken for this
 * resource's. A definite refusal voids the record.
 */
final class PendingWrite {

  private PendingWrite() {}

  static void record(DatadogResourceStatus status, String name, String sent, Fingerprints fingerprints) {
    status.setPendingName(name);
    status.setPendingFingerprint(fingerprints.of(sent, status.getAppliedFingerprint()));
  }

  static void clear(DatadogResourceStatus status) {
    status.setPendingName(null);
    status.setPendingFingerprint(null);
  }

  /**
   * Whether a text is what was sent under {@code status}'s pending name. A pending name recorded by an earlier
   * version kept no fingerprint: then only {@code recognizableNow} (what is asked for now) counts, or, with null (a
   * deletion), nothing.
   */
  static Predicate<String> sent(DatadogResourceStatus status, Fingerprints fingerprints, String recognizableNow) {
    String fingerprint = status == null ? null : status.getPendingFingerprint();
    if (fingerprint == null) {
      return text -> text.equals(recognizableNow);
    }
    return text -> fingerprints.matches(fingerprint, text);
  }
}
