package io.ddwebhooks.operator.reconciler;

import io.ddwebhooks.operator.config.AdoptionScope;
import io.ddwebhooks.operator.config.Backoff;
import io.ddwebhooks.operator.config.TemplateRules;
import io.ddwebhooks.operator.datadog.DatadogOrgs;
import io.ddwebhooks.operator.reconciler.credentials.CredentialsResolver;
import io.ddwebhooks.operator.reconciler.credentials.OrgHealth;
import io.ddwebhooks.operator.reconciler.kube.EventSink;
import io.ddwebhooks.operator.reconciler.kube.SecretSource;
import io.ddwebhooks.operator.reconciler.kube.StatusCheckpoint;
import io.ddwebhooks.operator.sync.Fingerprints;
import java.time.Clock;
import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * What a reconciler needs besides its kind: the collaborators with side effects (each an interface or a plain object,
 * so a unit test passes plain fakes), the Datadog orgs and how to pick one, the operator's settings, and the clock and
 * random source (injected so tests control them). {@code watches}: what the controllers watch together;
 * {@code minInterval}: the shortest resync or reapply interval a resource's annotation may ask for
 * (MIN_RESOURCE_INTERVAL); {@code references}: what custom variables' values refer to, shared by both controllers.
 */
public record ReconcileSettings(SecretSource secrets, EventSink events, StatusCheckpoint checkpoint,
    OperatorWatches watches, ReconcileObserver observer, Backoff backoff, Duration resync, Duration minInterval,
    AdoptionScope adoption, TemplateRules templates, Fingerprints fingerprints, DatadogOrgs orgs,
    CredentialsResolver credentials, OrgHealth health, VariableReferences references, Clock clock,
    DoubleSupplier random) {

  /** What the operator may do with {@code resource}: its policies, its annotations and the operator's settings. */
  io.ddwebhooks.operator.sync.ResourcePolicy policy(
      io.fabric8.kubernetes.client.CustomResource<? extends io.ddwebhooks.operator.crd.ManagedSpec, ?> resource) {
    return io.ddwebhooks.operator.sync.ResourcePolicy.of(resource.getMetadata().getAnnotations(),
        resource.getMetadata().getNamespace(), resource.getSpec(), adoption, minInterval);
  }
}
