package io.ddwebhooks.operator.reconciler;

import io.ddwebhooks.operator.crd.DatadogResourceStatus;
import io.ddwebhooks.operator.crd.ManagedSpec;
import io.ddwebhooks.operator.sync.Outcome;
import io.fabric8.kubernetes.client.CustomResource;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The "which org" step of a reconcile: resolves the credentials, refuses a change of org once the resource owns an
 * object (moving objects between orgs is not supported yet), and narrows name claimants to the same org (the same
 * name in two orgs is no conflict).
 */
final class OrgStep {

  private final CredentialsResolver resolver;

  OrgStep(CredentialsResolver resolver) {
    this.resolver = resolver;
  }

  /** The org for this reconcile, or the outcome that stops it. */
  CredentialsResolver.Resolved resolve(CustomResource<? extends ManagedSpec, DatadogResourceStatus> resource) {
    String namespace = resource.getMetadata().getNamespace();
    CredentialsResolver.Resolved resolved = resolver.resolve(namespace, resource.getSpec().getCredentialsRef());
    if (!(resolved instanceof CredentialsResolver.Org org)) {
      return resolved;
    }
    return org;
  }

  /**
   * The org the owned object lives in: status.credentials, or for objects written before several orgs, the default
   * org as it is now (they can only have been written there).
   */
  Optional<String> recordedOrg(CustomResource<? extends ManagedSpec, DatadogResourceStatus> resource) {
    DatadogResourceStatus status = resource.getStatus();
    if (status != null && status.getCredentials() != null && status.getCredentials().getOrg() != null) {
      return Optional.of(status.getCredentials().getOrg());
    }
    return resolver.orgKeyOf(resource.getMetadata().getNamespace(), null);
  }

  /** The claimants whose object lives (or would live) in {@code orgKey}. */
  <R extends CustomResource<? extends ManagedSpec, DatadogResourceStatus>> List<R> sameOrg(Collection<R> claimants,
      String orgKey) {
    return claimants.stream().filter(c -> Objects.equals(orgOf(c).orElse(null), orgKey)).toList();
  }

  Optional<String> orgOf(CustomResource<? extends ManagedSpec, DatadogResourceStatus> r) {
    if (r.getStatus() != null && r.getStatus().getCredentials() != null) {
      return Optional.ofNullable(r.getStatus().getCredentials().getOrg());
    }
    return resolver.orgKeyOf(r.getMetadata().getNamespace(), r.getSpec() == null ? null
        : r.getSpec().getCredentialsRef());
  }

  /** The credentials to delete with: those recorded when the object was written, else the spec's. */
  CredentialsResolver.Resolved forDeletion(CustomResource<? extends ManagedSpec, DatadogResourceStatus> resource) {
    DatadogResourceStatus status = resource.getStatus();
    var ref = status != null && status.getCredentials() != null
        ? CredentialsRefs.parseRef(status.getCredentials().getRef())
        : resource.getSpec() == null ? null : resource.getSpec().getCredentialsRef();
    return resolver.resolve(resource.getMetadata().getNamespace(), ref, true);
  }
}
