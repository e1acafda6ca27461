package io.ddwebhooks.operator.reconciler;

import io.ddwebhooks.operator.crd.Annotations;
import io.ddwebhooks.operator.crd.DatadogResourceStatus;
import io.ddwebhooks.operator.crd.ManagedSpec;
import io.ddwebhooks.operator.datadog.WritePriority;
import io.ddwebhooks.operator.sync.Converger;
import io.ddwebhooks.operator.sync.Directives;
import io.ddwebhooks.operator.sync.Outcome;
import io.ddwebhooks.operator.sync.Redactor;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The finalizer: deletes the Datadog object a deleted resource owns, unless a policy says to leave it; keeps the
 * finalizer (and retries with backoff) while Datadog fails, so nothing is left behind unnoticed.
 */
final class Cleanup<R extends CustomResource<? extends ManagedSpec, DatadogResourceStatus>, T> {

  private static final Logger LOG = LoggerFactory.getLogger(Cleanup.class);

  private final String noun;
  private final Converger<T> converger;
  private final Reporter reporter;
  private final ReconcileSettings settings;
  private final Function<R, Redactor> redactor;

  Cleanup(String noun, Converger<T> converger, Reporter reporter, ReconcileSettings settings,
      Function<R, Redactor> redactor) {
    this.noun = noun;
    this.converger = converger;
    this.reporter = reporter;
    this.settings = settings;
    this.redactor = redactor;
  }

  DeleteControl cleanup(R resource) {
    Directives directives = Directives.of(resource.getMetadata().getAnnotations(),
        resource.getMetadata().getNamespace(), resource.getSpec(), settings.adoption());
    DatadogResourceStatus status = resource.getStatus();
    // the name of ours in Datadog; a pending create counts, since it may have happened
    String owned = status == null ? null
        : status.getRemoteName() != null ? status.getRemoteName() : status.getPendingName();
    if (owned == null) {
      // this resource never created anything in Datadog (or lost a name conflict): nothing of ours to delete
      LOG.info("nothing to delete in Datadog: this resource owns no {}", noun);
      reporter.forget(resource);
      return DeleteControl.defaultDelete();
    }
    if (directives.paused() || directives.observeOnly() || directives.orphanOnDelete()) {
      String why = directives.paused() ? "the resource is paused (" + Annotations.PAUSED + ")"
          : directives.observeOnly() ? "managementPolicy is ObserveOnly" : "deletionPolicy is Orphan";
      String message = "left " + noun + " '" + owned + "' in Datadog: " + why;
      LOG.info("{}", message);
      if (directives.paused()) {
        settings.events().warning(resource, "Orphaned", message);
      } else {
        settings.events().normal(resource, "Orphaned", message);
      }
      reporter.forget(resource);
      return DeleteControl.defaultDelete();
    }
    Outcome outcome;
    try {
      outcome = WritePriority.run(WritePriority.USER_CHANGE, () -> converger.delete(owned));
    } catch (RuntimeException e) {
      outcome = new Outcome.Internal(InternalErrors.describe(e));
    }
    Optional<java.time.Duration> retry = reporter.deleted(resource, outcome, redactor.apply(resource));
    return retry.map(d -> DeleteControl.noFinalizerRemoval().rescheduleAfter(d.toMillis()))
        .orElseGet(DeleteControl::defaultDelete);
  }
}
