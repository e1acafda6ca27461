package io.ddwebhooks.operator.reconciler;

import io.ddwebhooks.operator.crd.DatadogResourceStatus;
import io.ddwebhooks.operator.reconciler.kube.StatusCheckpoint;
import io.ddwebhooks.operator.reconciler.kube.StatusJson;
import io.ddwebhooks.operator.status.Kstatus;
import io.ddwebhooks.operator.status.ReadyCondition;
import io.ddwebhooks.operator.status.Reason;
import io.ddwebhooks.operator.sync.ResourcePolicy;
import io.ddwebhooks.operator.sync.Fingerprints;
import io.ddwebhooks.operator.sync.Outcome;
import io.ddwebhooks.operator.sync.Ownership;
import io.ddwebhooks.operator.sync.ResourceKind;
import io.ddwebhooks.operator.sync.WriteIntent;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

/**
 * Every status field but the conditions' wording, for one reconcile: a working copy of the stored status, what it
 * says about ownership (remoteName, pendingName, fingerprints), and how an {@link Outcome} changes it. Writes nothing
 * to Kubernetes but checkpoints before a write; {@link #control} patches the status only when it changed.
 */
final class StatusDraft {

  private final CustomResource<?, DatadogResourceStatus> resource;
  private final Fingerprints fingerprints;
  private final DatadogResourceStatus status;
  /** The status as the API server holds it now: as read, then as each checkpoint wrote it. */
  private DatadogResourceStatus persisted;

  private StatusCheckpoint checkpoint;
  private Clock clock;
  /** Where {@link #startMove} and {@link #intent} persist the status before a write (a checkpoint). */
  StatusDraft checkpointWith(StatusCheckpoint checkpoint, Clock clock) {
    this.checkpoint = checkpoint;
    this.clock = clock;
    return this;
  }

  /**
   * Persists the status now, before a write whose outcome must survive a crash (a checkpoint), with kstatus's
   * Reconciling=True: the write is under way until the final status says how it went.
   */
  void persistNow() {
    boolean moving = status.getMovingFrom() != null || status.getOldCopy() != null;
    Kstatus.underWay(status.getConditions(), generation(), moving ? Kstatus.MOVING : Kstatus.WRITING,
        moving ? "moving the object to another Datadog org" : "writing to Datadog", clock.instant());
    checkpoint.write(resource, status);
    persisted = StatusJson.copy(status);
  }

  private StatusDraft(CustomResource<?, DatadogResourceStatus> resource, Fingerprints fingerprints) {
    this.resource = resource;
    this.fingerprints = fingerprints;
    this.persisted = resource.getStatus();
    this.status = persisted == null ? new DatadogResourceStatus() : StatusJson.copy(persisted);
  }

  static StatusDraft open(CustomResource<?, DatadogResourceStatus> resource, Fingerprints fingerprints) {
    return new StatusDraft(resource, fingerprints);
  }

  DatadogResourceStatus status() {
    return status;
  }

  private long generation() {
    return resource.getMetadata().getGeneration() == null ? 0 : resource.getMetadata().getGeneration();
  }

  /** The fingerprint of {@code canonical} with the current key, salted like the ones already in status. */
  String fingerprint(String canonical) {
    return fingerprints.of(canonical, status.getAppliedFingerprint(), status.getRejectedFingerprint());
  }

  /** Datadog refused this exact state before and nothing has changed since: not worth another call. */
  Optional<String> refusedBefore(String canonical) {
    Optional<Condition> ready = ReadyCondition.of(status);
    if (fingerprints.matches(status.getRejectedFingerprint(), canonical) && ready.isPresent()
        && Reason.DatadogRejected.name().equals(ready.get().getReason())) {
      return Optional.of(ready.get().getMessage());
    }
    return Optional.empty();
  }

  /**
   * What status proves about the object; {@code canonical}: the desired state, to compare with what was applied;
   * {@code recognizable}: what Datadog would return of it (for a pending name recorded by an earlier version, which
   * kept no fingerprint of what it sent: then only an object that already holds what is asked for now is taken).
   */
  Ownership ownership(ResourcePolicy policy, String canonical, String recognizable, Instant now) {
    boolean reapplyDue = policy.reapplyInterval().map(i -> due(status.getLastAppliedTime(), i, now))
        .orElse(false);
    boolean takenBefore = ReadyCondition.reason(status).equals(Optional.of(Reason.NameConflict.name()));
    return new Ownership(status.getRemoteName(), status.getPendingName(),
        PendingWrite.sent(status, fingerprints, recognizable), policy.adoption(),
        policy.adoptionRefusal(), fingerprints.matches(status.getAppliedFingerprint(), canonical), reapplyDue,
        takenBefore);
  }

  /** A change not done yet (new spec or Secret, or still retried: Reconciling), not a re-read; null: spec alone. */
  boolean userChange(Map<String, String> secretVersions) {
    return status.getObservedGeneration() == null || status.getObservedGeneration() != generation()
        || (secretVersions != null && !status.getSecretVersions().equals(secretVersions))
        || ReadyCondition.reason(status).filter(Kstatus::reconciling).isPresent();
  }

  /** The name being created or renamed to, persisted before the write (see {@link WriteIntent}). */
  WriteIntent intent() {
    return new WriteIntent() {
      @Override
      public void record(String name, String sent) {
        PendingWrite.record(status, name, sent, fingerprints);
        persistNow();
      }

      @Override
      public void clear() {
        PendingWrite.clear(status);
      }

      @Override
      public void made(String name) {
        status.setRemoteName(name);
        PendingWrite.clear(status);
        persistNow();
      }
    };
  }

  /** What {@code outcome} of converging to {@code name} and {@code fingerprint} means for the ownership fields. */
  void settle(Outcome outcome, String name, String fingerprint, Map<String, String> secretVersions,
      Instant now, io.ddwebhooks.operator.crd.RecordedCredentials credentials, Boolean appliedIsSecret) {
    if (outcome instanceof Outcome.Synced || outcome instanceof Outcome.Applied) {
      // where the object now lives, and the secrecy it was applied with
      status.setCredentials(credentials);
      status.setAppliedIsSecret(appliedIsSecret);
    }
    if (outcome instanceof Outcome.Applied w) {
      applied(name, fingerprint, secretVersions);
      if (w.wroteToDatadog()) {
        status.setLastAppliedTime(seconds(now));
      }
      if (w.drift()) {
        status.setDriftCorrections(status.getDriftCorrections() == null ? 1 : status.getDriftCorrections() + 1);
        status.setLastDriftCorrectionTime(seconds(now));
      }
    } else if (outcome instanceof Outcome.Synced) {
      applied(name, fingerprint, secretVersions);
    } else if (outcome instanceof Outcome.Rejected) {
      status.setRejectedFingerprint(fingerprint);
    } else if (outcome instanceof Outcome.Conflict) {
      // the name is someone else's: a recorded intent for it is void, and the answer is final
      PendingWrite.clear(status);
    }
  }

  /** What status says about the owned object, for defaults that must not change once applied. */
  ResourceKind.History history() {
    return ResourceKind.History.of(status);
  }

  /** The org the next write goes to, recorded with the name before a create (see {@link #intent}). */
  void writingTo(io.ddwebhooks.operator.crd.RecordedCredentials credentials) {
    status.setCredentials(status.getRemoteName() == null ? credentials : status.getCredentials());
  }

  /** Observe only: remember which Secret versions the comparison used. */
  void observed(Map<String, String> secretVersions) {
    status.setSecretVersions(secretVersions);
  }

  private void applied(String name, String fingerprint, Map<String, String> secretVersions) {
    status.setRemoteName(name);
    PendingWrite.clear(status);
    status.setAppliedFingerprint(fingerprint);
    status.setRejectedFingerprint(null);
    status.setSecretVersions(secretVersions);
  }

  /** Sets the Ready condition for the current generation. */
  void ready(Reason reason, String message, Instant now) {
    ReadyCondition.set(status, generation(), reason, message, now);
  }

  /**
   * Patch the status only when it changed, and not at all unless {@code write} (a reconcile cut short because the
   * operator is stopping writes nothing); come back after {@code next}, if given.
   */
  <R extends CustomResource<?, DatadogResourceStatus>> UpdateControl<R> control(R primary, Optional<Duration> next,
      boolean write) {
    UpdateControl<R> control;
    if (!write || StatusJson.same(status, persisted)) {
      // compared with what the API server holds, checkpoints included: a field a checkpoint set and this reconcile
      // cleared (a pending name Datadog refused) must be written away, even when the rest is as it was
      control = UpdateControl.noUpdate();
    } else {
      primary.setStatus(status);
      control = UpdateControl.patchStatus(primary);
    }
    next.ifPresent(control::rescheduleAfter);
    return control;
  }

  private static boolean due(String lastApplied, Duration interval, Instant now) {
    return lastApplied == null || Instant.parse(lastApplied).plus(interval).isBefore(now);
  }

  private static String seconds(Instant now) {
    return now.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
