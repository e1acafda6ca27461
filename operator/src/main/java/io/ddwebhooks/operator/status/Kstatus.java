package io.ddwebhooks.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The kstatus conditions ({@code sigs.k8s.io/cli-utils/pkg/kstatus}: Flux, Helm 4's --wait, kpt, Config Sync) beside
 * Ready, derived from Ready's reason in the same status write: {@code Stalled=True} when only a person can fix it
 * (kstatus: Failed), {@code Reconciling=True} while the operator is getting there by itself (InProgress), neither when
 * Ready is True (Current). A new generation is InProgress through
 * observedGeneration, so no write is ever made just for Reconciling.
 */
public final class Kstatus {

  public static final String STALLED = "Stalled";
  public static final String RECONCILING = "Reconciling";

  /** What kstatus should conclude for a Ready reason. */
  public enum Progress {
    /** Ready=True (synced, or paused): neither condition; kstatus Current. */
    CURRENT,
    /** Only a person can fix it: Stalled=True; kstatus Failed. */
    STALLED,
    /** The operator gets there by itself (retrying, waiting for a Secret or credentials): Reconciling=True. */
    RECONCILING
  }

  private static final Map<String, Progress> BY_REASON = Map.ofEntries(
      // DatadogWebhook and DatadogCustomVariable (Reason)
      Map.entry(Reason.Synced.name(), Progress.CURRENT),
      // a Flux user pausing a webhook must not fail or hold their deploy: Ready is True while paused (kstatus reads
      // Ready=False or Unknown without Stalled as InProgress, so no other Ready would let a wait pass)
      Map.entry(Reason.Paused.name(), Progress.CURRENT),
      // ObserveOnly: Datadog differs from the spec (or has no such object) and the operator will not change it;
      // only a person can. A deploy that waits on an observe-only resource fails at once with the report instead
      // of hanging until its timeout (kstatus has no "reported" verdict; Ready=False alone would be InProgress)
      Map.entry(Reason.DriftDetected.name(), Progress.STALLED),
      Map.entry(Reason.RemoteNotFound.name(), Progress.STALLED),
      Map.entry(Reason.InvalidSpec.name(), Progress.STALLED),
      Map.entry(Reason.DatadogRejected.name(), Progress.STALLED),
      Map.entry(Reason.DatadogAuthFailed.name(), Progress.STALLED),
      Map.entry(Reason.NameConflict.name(), Progress.STALLED),
      Map.entry(Reason.CredentialsNotAllowed.name(), Progress.STALLED),
      Map.entry(Reason.VariableNotAllowed.name(), Progress.STALLED),
      // only given under UNKNOWN_VARIABLES=refuse (otherwise the write goes ahead with a warning)
      Map.entry(Reason.UnknownVariable.name(), Progress.STALLED),
      Map.entry(Reason.DatadogUnavailable.name(), Progress.RECONCILING),
      Map.entry(Reason.RateLimited.name(), Progress.RECONCILING),
      // an external-secrets controller may create it a moment later: progress, not failure
      Map.entry(Reason.SecretNotFound.name(), Progress.RECONCILING),
      Map.entry(Reason.CredentialsNotFound.name(), Progress.RECONCILING),
      Map.entry(Reason.CredentialsNotReady.name(), Progress.RECONCILING),
      // retried with bounded backoff
      Map.entry(Reason.InternalError.name(), Progress.RECONCILING),
      // the credentials kinds (CredentialsReconciler); SecretNotFound (a key Secret, Reconciling) and
      // DatadogAuthFailed (wrong keys, Stalled) are the rows above
      Map.entry(CredentialsReasons.READY, Progress.CURRENT),
      Map.entry(CredentialsReasons.URL_NOT_ALLOWED, Progress.STALLED),
      // being deleted, held until the resources that use them are gone
      Map.entry(CredentialsReasons.IN_USE, Progress.RECONCILING));

  private Kstatus() {}

  /** What kstatus concludes for {@code reason}; a reason without a row is a bug (ReadyConditionTest checks all). */
  public static Progress of(String reason) {
    Progress p = BY_REASON.get(reason);
    if (p == null) {
      throw new IllegalArgumentException("no kstatus row for Ready reason " + reason);
    }
    return p;
  }

  /** Whether the operator is still getting there by itself for {@code reason} (a retry, a wait); false if unknown. */
  public static boolean reconciling(String reason) {
    return BY_REASON.get(reason) == Progress.RECONCILING;
  }

  /** Reconciling's reason while a write a checkpoint recorded is under way (create, change, rename, delete). */
  public static final String WRITING = "Writing";
  /** Reconciling's reason while the object moves to another Datadog org (status.movingFrom or status.oldCopy). */
  public static final String MOVING = "MovingOrg";

  /**
   * Reconciling=True in a checkpoint: the status written before a Datadog write, so that a wait does not pass while
   * a write started without a new generation (a Secret rotation, a move to another org after a credentials change, a
   * correction) is under way, or was cut short by a crash. Ready, and a Stalled that went with it, stay as they were
   * (kstatus reads Reconciling first: InProgress); the reconcile's final status sets both conditions from Ready
   * again ({@link #apply}), so this costs no extra write.
   */
  public static void underWay(List<Condition> conditions, long generation, String reason, String message,
      Instant now) {
    ReadyCondition.set(conditions, RECONCILING, generation, reason, "True", message, now);
  }

  /** Sets or removes Stalled and Reconciling to go with Ready's {@code reason} and {@code message}. */
  static void apply(List<Condition> conditions, long generation, String reason, String readyStatus, String message,
      Instant now) {
    Progress progress = "True".equals(readyStatus) ? Progress.CURRENT : of(reason);
    conditions.removeIf(c -> (STALLED.equals(c.getType()) && progress != Progress.STALLED)
        || (RECONCILING.equals(c.getType()) && progress != Progress.RECONCILING));
    if (progress == Progress.STALLED) {
      ReadyCondition.set(conditions, STALLED, generation, reason, "True", message, now);
    } else if (progress == Progress.RECONCILING) {
      ReadyCondition.set(conditions, RECONCILING, generation, reason, "True", message, now);
    }
  }
}
