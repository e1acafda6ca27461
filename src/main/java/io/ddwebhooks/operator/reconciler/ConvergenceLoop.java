package io.ddwebhooks.operator.reconciler;

import io.ddwebhooks.operator.config.AdoptionPolicy;
import io.ddwebhooks.operator.config.RetryPolicy;
import io.ddwebhooks.operator.crd.Annotations;
import io.ddwebhooks.operator.crd.DatadogResourceStatus;
import io.ddwebhooks.operator.crd.ManagedSpec;
import io.ddwebhooks.operator.datadog.DatadogApiException;
import io.ddwebhooks.operator.datadog.WritePriority;
import io.ddwebhooks.operator.status.ReadyCondition;
import io.ddwebhooks.operator.status.Reason;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reconcile script shared by both kinds: policies, validation, the cluster-wide name claim, Secrets, render,
 * converge Datadog, report. Never throws for a Datadog or input failure: it reports the failure in status and an
 * Event and asks to be called again when a retry can help (never in a hot loop; never when only a change to the
 * resource or a Secret can help).
 */
public class ConvergenceLoop<R extends CustomResource<? extends ManagedSpec, DatadogResourceStatus>, T> {

  private static final Logger LOG = LoggerFactory.getLogger(ConvergenceLoop.class);

  /** What the loop needs besides the kind: collaborators and settings. */
  public record Settings(SecretReader secrets, EventRecorder events, StatusWriter statusWriter, RetryPolicy retry,
      Duration resync, AdoptionPolicy adoption, Clock clock, ReconcileObserver observer) {}

  private final ResourceKind<R, T> kind;
  private final Settings s;
  private final String fieldManager;
  /** Consecutive failures per resource uid, for exponential backoff; in memory, restarts reset it. */
  private final Map<String, Integer> failures = new ConcurrentHashMap<>();

  public ConvergenceLoop(ResourceKind<R, T> kind, Settings settings, String fieldManager) {
    this.kind = kind;
    this.s = settings;
    this.fieldManager = fieldManager;
  }

  /** One reconcile; {@code claimants} are the resources of this kind that claim the same Datadog name. */
  public UpdateControl<R> reconcile(R resource, Collection<R> claimants) {
    DatadogResourceStatus before = resource.getStatus();
    DatadogResourceStatus status = before == null ? new DatadogResourceStatus() : before.copy();
    Optional<Duration> next = converge(resource, status, claimants);
    s.observer().reconciled(resource.getKind(), ReadyCondition.reason(status).orElse("Unknown"));
    UpdateControl<R> control;
    if (status.equals(before)) {
      control = UpdateControl.noUpdate();
    } else {
      resource.setStatus(status);
      control = UpdateControl.patchStatus(resource);
    }
    next.ifPresent(control::rescheduleAfter);
    return control;
  }

  private Optional<Duration> converge(R resource, DatadogResourceStatus status, Collection<R> claimants) {
    RemoteKind<T> remote = kind.remote();
    ResourcePolicy policy = ResourcePolicy.of(resource, resource.getSpec(), s.adoption());
    Duration resync = policy.resync(s.resync());
    if (policy.paused()) {
      ReadyCondition.set(status, generation(resource), Reason.Paused, "paused by annotation " + Annotations.PAUSED
          + ": no Datadog calls until it is removed", s.clock().instant());
      return Optional.empty();
    }
    List<String> problems = new java.util.ArrayList<>(kind.validate(resource));
    problems.addAll(policy.problems());
    if (!problems.isEmpty()) {
      return fail(resource, status, Reason.InvalidSpec, String.join("; ", problems), null);
    }
    String name = kind.datadogName(resource);
    Optional<R> owner = NameClaims.otherOwner(resource, name, claimants, kind::datadogName);
    if (owner.isPresent() && !policy.observeOnly()) {
      return fail(resource, status, Reason.NameConflict, "the " + remote.noun() + " name '" + name
          + "' is claimed by " + owner.get().getKind() + " " + owner.get().getMetadata().getNamespace() + "/"
          + owner.get().getMetadata().getName() + ", which holds it or was created first; nothing was changed",
          resync);
    }
    SecretValues values;
    try {
      values = s.secrets().read(resource.getMetadata().getNamespace(), kind.secretRefs(resource));
    } catch (SecretReader.MissingSecretException e) {
      // no retry timer: the Secret watch calls us again as soon as it appears
      return fail(resource, status, Reason.SecretNotFound, e.getMessage(), null);
    }
    T desired = kind.render(resource, values);
    try {
      if (policy.observeOnly()) {
        return observe(resource, status, remote, desired, values, resync);
      }
      return apply(resource, status, policy, remote, desired, values, resync);
    } catch (DatadogApiException e) {
      Failure failure = Failure.classify(e, failures.merge(uid(resource), 1, Integer::sum), s.retry(), random());
      return fail(resource, status, failure.reason(), values.redact(failure.message()), failure.retryAfter());
    }
  }

  private Optional<Duration> observe(R resource, DatadogResourceStatus status, RemoteKind<T> remote, T desired,
      SecretValues values, Duration resync) {
    String name = remote.nameOf(desired);
    Optional<List<String>> diffs = RemoteSync.observe(remote, desired);
    failures.remove(uid(resource));
    status.setSecretVersions(values.versions());
    if (diffs.isEmpty()) {
      return fail(resource, status, Reason.RemoteNotFound, "observe only: there is no " + remote.noun() + " named '"
          + name + "' in Datadog (nothing is created)", resync);
    }
    if (!diffs.get().isEmpty()) {
      return fail(resource, status, Reason.DriftDetected, "observe only: " + remote.noun() + " '" + name
          + "' differs in Datadog (" + String.join(", ", diffs.get()) + "); nothing is corrected", resync);
    }
    ReadyCondition.set(status, generation(resource), Reason.Synced, "observe only: " + remote.noun() + " '" + name
        + "' matches the spec in Datadog", s.clock().instant());
    return Optional.of(resync);
  }

  private Optional<Duration> apply(R resource, DatadogResourceStatus status, ResourcePolicy policy,
      RemoteKind<T> remote, T desired, SecretValues values, Duration resync) {
    String name = remote.nameOf(desired);
    String fingerprint = Fingerprint.of(remote.canonical(desired), status.getAppliedFingerprint(),
        status.getRejectedFingerprint());
    Optional<Condition> ready = ReadyCondition.of(status);
    if (fingerprint.equals(status.getRejectedFingerprint()) && ready.isPresent()
        && Reason.DatadogRejected.name().equals(ready.get().getReason())) {
      LOG.debug("Datadog refused this exact {} '{}' before; waiting for a change", remote.noun(), name);
      ReadyCondition.set(status, generation(resource), Reason.DatadogRejected, ready.get().getMessage(),
          s.clock().instant());
      return Optional.empty();
    }
    boolean specUnchanged = fingerprint.equals(status.getAppliedFingerprint());
    boolean reapplyDue = policy.reapplyInterval().map(i -> due(status.getLastAppliedTime(), i)).orElse(false);
    RemoteSync.Ownership ownership = new RemoteSync.Ownership(status.getRemoteName(), status.getPendingName(),
        policy.adoption(), policy.adoptionRefusal(), specUnchanged && !reapplyDue);
    WritePriority priority = userChange(resource, status, values) ? WritePriority.USER_CHANGE : WritePriority.RESYNC;
    SyncResult<T> result;
    try {
      result = WritePriority.run(priority, () -> RemoteSync.converge(remote, desired, ownership,
          intent(resource, status)));
    } catch (DatadogApiException e) {
      if (e.status() == 400) {
        status.setRejectedFingerprint(fingerprint);
      }
      throw e;
    }
    failures.remove(uid(resource));
    if (result.action() == SyncResult.Action.CONFLICT) {
      status.setPendingName(null);
      // looked at again on the resync period: the other object may go away
      return fail(resource, status, Reason.NameConflict, result.detail(), resync);
    }
    report(resource, status, remote, name, result, specUnchanged && status.getRemoteName() != null);
    status.setRemoteName(name);
    status.setPendingName(null);
    status.setAppliedFingerprint(fingerprint);
    status.setRejectedFingerprint(null);
    status.setSecretVersions(values.versions());
    if (result.wrote()) {
      status.setLastAppliedTime(now());
    }
    ReadyCondition.set(status, generation(resource), Reason.Synced,
        remote.noun() + " '" + name + "' matches the spec in Datadog", s.clock().instant());
    return Optional.of(policy.reapplyInterval().filter(i -> i.compareTo(resync) < 0).orElse(resync));
  }

  /** Records the pending name in the stored status before Datadog is written to. */
  private RemoteSync.Intent intent(R resource, DatadogResourceStatus status) {
    return new RemoteSync.Intent() {
      @Override
      public void record(String name) {
        status.setPendingName(name);
        s.statusWriter().write(resource, status, fieldManager);
      }

      @Override
      public void clear() {
        status.setPendingName(null);
      }
    };
  }

  /** A change someone made (first reconcile, new spec, changed Secret), as opposed to a periodic re-read. */
  private static boolean userChange(CustomResource<?, ?> resource, DatadogResourceStatus status,
      SecretValues values) {
    return status.getObservedGeneration() == null
        || !status.getObservedGeneration().equals(resource.getMetadata().getGeneration())
        || !status.getSecretVersions().equals(values.versions());
  }

  private boolean due(String lastApplied, Duration interval) {
    return lastApplied == null || Instant.parse(lastApplied).plus(interval).isBefore(s.clock().instant());
  }

  private void report(R resource, DatadogResourceStatus status, RemoteKind<T> remote, String name,
      SyncResult<T> result, boolean unchangedOwnedSpec) {
    String noun = remote.noun();
    String changed = String.join(", ", result.changedFields());
    switch (result.action()) {
      case UNCHANGED -> LOG.debug("{} '{}' unchanged in Datadog", noun, name);
      case CREATED -> wrote(resource, "Created", "created " + noun + " '" + name + "' in Datadog");
      case RECREATED -> {
        if (unchangedOwnedSpec) {
          drift(resource, status, noun + " '" + name + "' was deleted outside Kubernetes; created it again");
        } else {
          wrote(resource, "Recreated", noun + " '" + name + "' was missing from Datadog and has been created again");
        }
      }
      case UPDATED -> {
        if (unchangedOwnedSpec) {
          drift(resource, status, noun + " '" + name + "' was changed outside Kubernetes (" + changed
              + "); restored it");
        } else {
          wrote(resource, "Updated", "updated " + noun + " '" + name + "' in Datadog (changed: " + changed + ")");
        }
      }
      case RENAMED -> {
        wrote(resource, "Renamed", "renamed " + noun + " '" + result.detail() + "' to '" + name + "' in Datadog");
        remote.renameNotice(result.detail(), name).ifPresent(m -> s.events().warning(resource, "RenameNotice", m));
      }
      case ADOPTED -> wrote(resource, "Adopted", "adopted existing " + noun + " '" + name + "'"
          + (changed.isEmpty() ? "" : " (changed: " + changed + ")"));
      case RECOVERED -> wrote(resource, "Recovered", noun + " '" + name + "' was written by an earlier attempt"
          + " whose result was not recorded; recognised it as this resource's" + (changed.isEmpty() ? ""
          : " (changed: " + changed + ")"));
      default -> throw new IllegalStateException("not a success: " + result.action());
    }
  }

  private void drift(R resource, DatadogResourceStatus status, String message) {
    LOG.warn("{}", message);
    s.events().warning(resource, "DriftCorrected", message);
    s.observer().driftCorrected(resource.getKind());
    status.setDriftCorrections(status.getDriftCorrections() == null ? 1 : status.getDriftCorrections() + 1);
    status.setLastDriftCorrectionTime(now());
  }

  private void wrote(R resource, String reason, String message) {
    LOG.info("{}", message);
    s.events().normal(resource, reason, message);
  }

  /** Reports a failure; warns (log and Event) only when the reason or message changes, not on every retry. */
  private Optional<Duration> fail(R resource, DatadogResourceStatus status, Reason reason, String message,
      Duration retryAfter) {
    Optional<Condition> previous = ReadyCondition.of(status);
    boolean news = previous.isEmpty() || !Objects.equals(previous.get().getReason(), reason.name())
        || !Objects.equals(previous.get().getMessage(), message);
    ReadyCondition.set(status, generation(resource), reason, message, s.clock().instant());
    if (news) {
      LOG.warn("{}: {}", reason, message);
      s.events().warning(resource, reason.name(), message);
    } else {
      LOG.debug("{} (unchanged): {}", reason, message);
    }
    return Optional.ofNullable(retryAfter);
  }

  public DeleteControl cleanup(R resource) {
    RemoteKind<T> remote = kind.remote();
    ResourcePolicy policy = ResourcePolicy.of(resource, resource.getSpec(), s.adoption());
    DatadogResourceStatus status = resource.getStatus();
    // the name of ours in Datadog; a pending create counts, since it may have happened
    String owned = status == null ? null
        : status.getRemoteName() != null ? status.getRemoteName() : status.getPendingName();
    if (owned == null) {
      // this resource never created anything in Datadog (or lost a name conflict): nothing of ours to delete
      LOG.info("nothing to delete in Datadog: this resource owns no {}", remote.noun());
      return DeleteControl.defaultDelete();
    }
    if (policy.paused() || policy.observeOnly() || policy.orphanOnDelete()) {
      String why = policy.paused() ? "the resource is paused (" + Annotations.PAUSED + ")"
          : policy.observeOnly() ? "managementPolicy is ObserveOnly" : "deletionPolicy is Orphan";
      String message = "left " + remote.noun() + " '" + owned + "' in Datadog: " + why;
      LOG.info("{}", message);
      if (policy.paused()) {
        s.events().warning(resource, "Orphaned", message);
      } else {
        s.events().normal(resource, "Orphaned", message);
      }
      return DeleteControl.defaultDelete();
    }
    try {
      boolean existed = WritePriority.run(WritePriority.USER_CHANGE, () -> remote.delete(owned));
      failures.remove(uid(resource));
      wrote(resource, "Deleted", existed ? "deleted " + remote.noun() + " '" + owned + "' from Datadog"
          : remote.noun() + " '" + owned + "' was already gone from Datadog");
      return DeleteControl.defaultDelete();
    } catch (DatadogApiException e) {
      int count = failures.merge(uid(resource), 1, Integer::sum);
      Failure failure = Failure.classify(e, count, s.retry(), random());
      Duration wait = failure.retry().orElseGet(() -> s.retry().backoff(count, random()));
      String message = "could not delete " + remote.noun() + " '" + owned + "' from Datadog, retrying in "
          + wait.toSeconds() + "s: " + failure.message();
      LOG.warn("{}", message);
      s.events().warning(resource, failure.reason().name(), message);
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(wait.toMillis());
    }
  }

  private String now() {
    return s.clock().instant().truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private static long generation(CustomResource<?, ?> resource) {
    Long g = resource.getMetadata().getGeneration();
    return g == null ? 0 : g;
  }

  private static String uid(CustomResource<?, ?> resource) {
    String uid = resource.getMetadata().getUid();
    return uid != null ? uid : resource.getMetadata().getNamespace() + "/" + resource.getMetadata().getName();
  }

  private static double random() {
    return ThreadLocalRandom.current().nextDouble();
  }
}
