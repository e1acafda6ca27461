package io.ddwebhooks.operator.reconciler;

import io.ddwebhooks.operator.crd.DatadogResourceStatus;
import io.ddwebhooks.operator.crd.ManagedSpec;
import io.ddwebhooks.operator.crd.RecordedCredentials;
import io.ddwebhooks.operator.reconciler.credentials.CredentialsRefs;
import io.ddwebhooks.operator.reconciler.credentials.CredentialsResolver;
import io.ddwebhooks.operator.reconciler.credentials.OrgIdentities;
import io.fabric8.kubernetes.client.CustomResource;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The "which org" step of a reconcile: resolves the credentials, tells whether what status recorded is in that very
 * org (proven, see {@link OrgIdentities}), and narrows name claimants to the same org (the same name in two orgs is
 * no conflict, and a resource that may not use an org claims nothing in it).
 */
final class OrgStep {

  private final CredentialsResolver resolver;

  OrgStep(CredentialsResolver resolver) {
    this.resolver = resolver;
  }

  /** The org for this reconcile, or the outcome that stops it. */
  CredentialsResolver.Resolved resolve(CustomResource<? extends ManagedSpec, DatadogResourceStatus> resource) {
    return resolver.resolve(resource.getMetadata().getNamespace(), resource.getSpec().getCredentialsRef());
  }

  /**
   * Where the owned object lives: status.credentials; for objects written before several orgs, the default org
   * (they can only have been written there), as a record of an earlier version.
   */
  RecordedCredentials recorded(CustomResource<? extends ManagedSpec, DatadogResourceStatus> resource) {
    DatadogResourceStatus status = resource.getStatus();
    if (status != null && status.getCredentials() != null) {
      return status.getCredentials();
    }
    return new RecordedCredentials(CredentialsRefs.DEFAULT_REF, null);
  }

  /** Whether status proves that the object of {@code resource} lives in {@code org}. */
  boolean recordedIn(CustomResource<? extends ManagedSpec, DatadogResourceStatus> resource,
      CredentialsResolver.Org org) {
    RecordedCredentials recorded = recorded(resource);
    if (recorded.getOrg() == null) {
      // before several orgs: the default org, as it is now
      CredentialsResolver.Resolved defaultOrg = resolver.resolve(resource.getMetadata().getNamespace(), null);
      return defaultOrg instanceof CredentialsResolver.Org d && d.target().key().equals(org.target().key());
    }
    return resolver.sameOrg(recorded, org);
  }

  /** The claimants whose object lives, or would live, in {@code org}. */
  <R extends CustomResource<? extends ManagedSpec, DatadogResourceStatus>> List<R> sameOrg(Collection<R> claimants,
      CredentialsResolver.Org org) {
    return claimants.stream().filter(c -> inOrg(c, org)).toList();
  }

  /**
   * {@link #inOrg} for many resources at once (the template check walks every custom variable of the cluster):
   * resources with the same recorded org, or with no record and the same namespace and credentials reference, get
   * one answer, worked out once for all of them.
   */
  <R extends CustomResource<? extends ManagedSpec, DatadogResourceStatus>> Predicate<R> inOrgOfMany(
      CredentialsResolver.Org org) {
    Map<String, Boolean> answers = new HashMap<>();
    return r -> answers.computeIfAbsent(sameAnswer(r), k -> inOrg(r, org));
  }

  /** What {@link #inOrg}'s answer for {@code r} depends on (the cluster's credentials aside). */
  private static String sameAnswer(CustomResource<? extends ManagedSpec, DatadogResourceStatus> r) {
    RecordedCredentials c = r.getStatus() == null ? null : r.getStatus().getCredentials();
    if (c != null && c.getOrg() != null) {
      return String.join("\n", "recorded", c.getRef(), c.getOrg(), c.getUid(), c.getIdentity());
    }
    if (r.getSpec() == null) {
      return "no spec";
    }
    return String.join("\n", "spec", r.getMetadata().getNamespace(),
        CredentialsRefs.refString(r.getSpec().getCredentialsRef()));
  }

  /**
   * Whether {@code r} is (or may be) in {@code org}: by what its status recorded when it wrote there, else by what
   * its spec resolves to now, with every check (a namespace its credentials do not admit is in no org).
   */
  boolean inOrg(CustomResource<? extends ManagedSpec, DatadogResourceStatus> r, CredentialsResolver.Org org) {
    if (r.getStatus() != null && r.getStatus().getCredentials() != null
        && r.getStatus().getCredentials().getOrg() != null) {
      return resolver.sameOrg(r.getStatus().getCredentials(), org);
    }
    if (r.getSpec() == null) {
      return false;
    }
    CredentialsResolver.Resolved now = resolver.resolve(r.getMetadata().getNamespace(),
        r.getSpec().getCredentialsRef());
    return now instanceof CredentialsResolver.Org o && o.target().key().equals(org.target().key());
  }

  /** The org to delete in: the one status records, reached through credentials the namespace may use today. */
  CredentialsResolver.Resolved forDeletion(CustomResource<? extends ManagedSpec, DatadogResourceStatus> resource) {
    RecordedCredentials recorded = recorded(resource);
    if (recorded.getOrg() == null) {
      // written before several orgs were supported: to the default org, which is where it is deleted
      return resolver.resolve(resource.getMetadata().getNamespace(), null);
    }
    return resolver.resolveRecorded(resource.getMetadata().getNamespace(), recorded);
  }

  /** The org a recorded old copy lives in, resolved only if its credentials still reach that very org. */
  CredentialsResolver.Resolved recordedOrg(String namespace, RecordedCredentials where) {
    return resolver.resolveRecorded(namespace, where);
  }
}
