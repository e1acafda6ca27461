package io.ddwebhooks.operator.reconciler;

import io.ddwebhooks.operator.config.RetryPolicy;
import io.ddwebhooks.operator.crd.DatadogResourceStatus;
import io.ddwebhooks.operator.datadog.DatadogApiException;
import io.ddwebhooks.operator.status.ReadyCondition;
import io.ddwebhooks.operator.status.Reason;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reconcile script shared by both kinds: validate, resolve Secrets, render, converge Datadog, report. Never throws
 * for a Datadog or input failure: it reports the failure in status and an Event and asks to be called again when a
 * retry can help (never in a hot loop; never when only a change to the resource or a Secret can help).
 */
public class ConvergenceLoop<R extends CustomResource<?, DatadogResourceStatus>, T> {

  private static final Logger LOG = LoggerFactory.getLogger(ConvergenceLoop.class);

  private final ResourceKind<R, T> kind;
  private final SecretReader secrets;
  private final EventRecorder events;
  private final RetryPolicy retry;
  private final Duration resync;
  private final Clock clock;
  /** Consecutive failures per resource uid, for exponential backoff; in memory, restarts reset it. */
  private final Map<String, Integer> failures = new ConcurrentHashMap<>();

  public ConvergenceLoop(ResourceKind<R, T> kind, SecretReader secrets, EventRecorder events, RetryPolicy retry,
      Duration resync, Clock clock) {
    this.kind = kind;
    this.secrets = secrets;
    this.events = events;
    this.retry = retry;
    this.resync = resync;
    this.clock = clock;
  }

  public UpdateControl<R> reconcile(R resource) {
    DatadogResourceStatus before = resource.getStatus();
    DatadogResourceStatus status = before == null ? new DatadogResourceStatus() : before.copy();
    Optional<Duration> next = converge(resource, status);
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

  private Optional<Duration> converge(R resource, DatadogResourceStatus status) {
    RemoteKind<T> remote = kind.remote();
    List<String> problems = kind.validate(resource);
    if (!problems.isEmpty()) {
      return fail(resource, status, Reason.InvalidSpec, String.join("; ", problems), null);
    }
    SecretValues values;
    try {
      values = secrets.read(resource.getMetadata().getNamespace(), kind.secretRefs(resource));
    } catch (SecretReader.MissingSecretException e) {
      // no retry timer: the Secret watch calls us again as soon as it appears
      return fail(resource, status, Reason.SecretNotFound, e.getMessage(), null);
    }
    T desired = kind.render(resource, values);
    String name = remote.nameOf(desired);
    String fingerprint = Fingerprint.of(remote.canonical(desired), status.getAppliedFingerprint(),
        status.getRejectedFingerprint());
    Optional<Condition> ready = ReadyCondition.of(status);
    if (fingerprint.equals(status.getRejectedFingerprint()) && ready.isPresent()
        && Reason.DatadogRejected.name().equals(ready.get().getReason())) {
      LOG.debug("Datadog refused this exact {} '{}' before; waiting for a change", remote.noun(), name);
      ReadyCondition.set(status, generation(resource), Reason.DatadogRejected, ready.get().getMessage(),
          clock.instant());
      return Optional.empty();
    }
    try {
      SyncResult<T> result = RemoteSync.converge(remote, desired, status.getRemoteName(),
          fingerprint.equals(status.getAppliedFingerprint()));
      failures.remove(uid(resource));
      if (result.action() == SyncResult.Action.CONFLICT) {
        // looked at again on the resync period: the other object may go away
        return fail(resource, status, Reason.NameConflict, result.detail(), resync);
      }
      report(resource, remote.noun(), name, result);
      status.setRemoteName(name);
      status.setAppliedFingerprint(fingerprint);
      status.setRejectedFingerprint(null);
      status.setSecretVersions(values.versions());
      ReadyCondition.set(status, generation(resource), Reason.Synced,
          remote.noun() + " '" + name + "' matches the spec in Datadog", clock.instant());
      return Optional.of(resync);
    } catch (DatadogApiException e) {
      Failure failure = Failure.classify(e, failures.merge(uid(resource), 1, Integer::sum), retry, random());
      if (failure.reason() == Reason.DatadogRejected) {
        status.setRejectedFingerprint(fingerprint);
      }
      return fail(resource, status, failure.reason(), values.redact(failure.message()), failure.retryAfter());
    }
  }

  private void report(R resource, String noun, String name, SyncResult<T> result) {
    switch (result.action()) {
      case UNCHANGED -> LOG.debug("{} '{}' unchanged in Datadog", noun, name);
      case CREATED -> wrote(resource, "Created", "created " + noun + " '" + name + "' in Datadog");
      case RECREATED -> wrote(resource, "Recreated",
          noun + " '" + name + "' was missing from Datadog and has been created again");
      case UPDATED -> wrote(resource, "Updated",
          "updated " + noun + " '" + name + "' in Datadog (changed: " + String.join(", ", result.changedFields()) + ")");
      case RENAMED -> wrote(resource, "Renamed",
          "renamed " + noun + " '" + result.detail() + "' to '" + name + "' in Datadog");
      default -> throw new IllegalStateException("not a write: " + result.action());
    }
  }

  private void wrote(R resource, String reason, String message) {
    LOG.info("{}", message);
    events.normal(resource, reason, message);
  }

  /** Reports a failure; warns (log and Event) only when the reason or message changes, not on every retry. */
  private Optional<Duration> fail(R resource, DatadogResourceStatus status, Reason reason, String message,
      Duration retryAfter) {
    Optional<Condition> previous = ReadyCondition.of(status);
    boolean news = previous.isEmpty() || !Objects.equals(previous.get().getReason(), reason.name())
        || !Objects.equals(previous.get().getMessage(), message);
    ReadyCondition.set(status, generation(resource), reason, message, clock.instant());
    if (news) {
      LOG.warn("{}: {}", reason, message);
      events.warning(resource, reason.name(), message);
    } else {
      LOG.debug("{} (unchanged): {}", reason, message);
    }
    return Optional.ofNullable(retryAfter);
  }

  public DeleteControl cleanup(R resource) {
    RemoteKind<T> remote = kind.remote();
    String owned = resource.getStatus() == null ? null : resource.getStatus().getRemoteName();
    if (owned == null) {
      // this resource never created anything in Datadog (or lost a name conflict): nothing of ours to delete
      LOG.info("nothing to delete in Datadog: this resource owns no {}", remote.noun());
      return DeleteControl.defaultDelete();
    }
    try {
      boolean existed = remote.delete(owned);
      failures.remove(uid(resource));
      String message = existed ? "deleted " + remote.noun() + " '" + owned + "' from Datadog"
          : remote.noun() + " '" + owned + "' was already gone from Datadog";
      wrote(resource, "Deleted", message);
      return DeleteControl.defaultDelete();
    } catch (DatadogApiException e) {
      int count = failures.merge(uid(resource), 1, Integer::sum);
      Failure failure = Failure.classify(e, count, retry, random());
      Duration wait = failure.retry().orElseGet(() -> retry.backoff(count, random()));
      String message = "could not delete " + remote.noun() + " '" + owned + "' from Datadog, retrying in "
          + wait.toSeconds() + "s: " + failure.message();
      LOG.warn("{}", message);
      events.warning(resource, failure.reason().name(), message);
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(wait.toMillis());
    }
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
