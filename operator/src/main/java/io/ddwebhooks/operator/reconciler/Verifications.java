package io.ddwebhooks.operator.reconciler;

import io.ddwebhooks.operator.crd.DatadogResourceStatus;
import io.ddwebhooks.operator.crd.RecordedCredentials;
import io.ddwebhooks.operator.reconciler.credentials.CredentialsResolver;
import io.ddwebhooks.operator.status.ReadyCondition;
import io.ddwebhooks.operator.status.Reason;
import io.ddwebhooks.operator.sync.Fingerprints;
import io.ddwebhooks.operator.sync.Outcome;
import io.ddwebhooks.operator.sync.ResyncSlots;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each resource is next due for a Datadog read, so that a reconcile with nothing new to apply makes no call.
 * Kept in memory (no status write per resync) and seeded from status after a restart or a leader change: a resource
 * whose status shows it converged for exactly its current inputs (generation, Secret values and versions, org, name)
 * waits for its own resync slot ({@link ResyncSlots}); a change goes to Datadog at once.
 */
final class Verifications {

  /** A slot this close is treated as come: the timer that brings the resource back may fire a little early. */
  private static final Duration EARLY = Duration.ofSeconds(1);

  private final Fingerprints fingerprints;
  private final Clock clock;
  private final ReconcileObserver observer;
  private final Map<String, Instant> due = new ConcurrentHashMap<>();

  Verifications(Fingerprints fingerprints, Clock clock, ReconcileObserver observer) {
    this.fingerprints = fingerprints;
    this.clock = clock;
    this.observer = observer;
  }

  /** Why no Datadog call is made now, and when to come back. */
  record Hold(Outcome outcome, Duration recheck) {}

  /**
   * Whether this reconcile leaves Datadog alone: when {@link #notDue}, reported as Synced with the message status
   * already shows, so that nothing is written.
   */
  Optional<Hold> hold(HasMetadata resource, DatadogResourceStatus status, String canonical, String name,
      CredentialsResolver.Org org, Map<String, String> secretVersions, Duration interval) {
    return notDue(resource, status, canonical, name, org.record(), secretVersions, interval).map(left -> new Hold(
        new Outcome.Synced(ReadyCondition.of(status).map(Condition::getMessage).orElse("")), left));
  }

  /**
   * How long Datadog may be left alone: present when status shows this resource converged for {@code canonical}
   * (the desired state with its Secret values) under {@code name} in {@code org}, with these Secret versions, and
   * its resync slot has not come.
   */
  Optional<Duration> notDue(HasMetadata resource, DatadogResourceStatus status, String canonical, String name,
      RecordedCredentials org, Map<String, String> secretVersions, Duration interval) {
    if (!settled(resource, status, canonical, name, org, secretVersions)) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    Instant next = due.computeIfAbsent(RecentSecretValues.uid(resource),
        uid -> ResyncSlots.nextCheck(uid, lastVerified(status), now, interval));
    Duration left = Duration.between(now, next);
    return left.compareTo(EARLY) > 0 ? Optional.of(left) : Optional.empty();
  }

  /**
   * Datadog was read (and written if needed) now: the next read is in the resource's next slot. A read that was a
   * resync (its slot had come) reports how late it came.
   */
  Duration verified(HasMetadata resource, Duration interval) {
    Instant now = clock.instant();
    String uid = RecentSecretValues.uid(resource);
    Instant next = ResyncSlots.nextAfterCheck(uid, now, interval);
    Instant slot = due.put(uid, next);
    if (slot != null && !slot.isAfter(now)) {
      observer.resyncLag(resource.getKind(), Duration.between(slot, now));
    }
    return Duration.between(now, next);
  }

  void forget(HasMetadata resource) {
    due.remove(RecentSecretValues.uid(resource));
  }

  int size() {
    return due.size();
  }

  private boolean settled(HasMetadata resource, DatadogResourceStatus status, String canonical, String name,
      RecordedCredentials org, Map<String, String> secretVersions) {
    long generation = resource.getMetadata().getGeneration() == null ? 0 : resource.getMetadata().getGeneration();
    Optional<Condition> ready = ReadyCondition.of(status);
    return ready.isPresent() && Reason.Synced.name().equals(ready.get().getReason())
        && Objects.equals(ready.get().getObservedGeneration(), generation)
        && Objects.equals(status.getObservedGeneration(), generation)
        && name.equals(status.getRemoteName()) && status.getPendingName() == null && status.getMovingFrom() == null
        && Objects.equals(status.getCredentials(), org) && secretVersions.equals(status.getSecretVersions())
        && fingerprints.matches(status.getAppliedFingerprint(), canonical);
  }

  /** The last time status proves a check: the last write, or when it last became Ready. */
  private static Instant lastVerified(DatadogResourceStatus status) {
    Instant applied = parse(status.getLastAppliedTime());
    Instant ready = ReadyCondition.of(status).map(c -> parse(c.getLastTransitionTime())).orElse(null);
    if (applied == null || ready == null) {
      return applied == null ? ready : applied;
    }
    return applied.isAfter(ready) ? applied : ready;
  }

  private static Instant parse(String time) {
    try {
      return time == null ? null : Instant.parse(time);
    } catch (java.time.format.DateTimeParseException e) {
      return null;
    }
  }
}
