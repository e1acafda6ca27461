package io.ddwebhooks.operator.reconciler;

import io.ddwebhooks.operator.crd.DatadogResourceStatus;
import io.ddwebhooks.operator.crd.ManagedSpec;
import io.ddwebhooks.operator.datadog.WritePriority;
import io.ddwebhooks.operator.reconciler.credentials.CredentialsResolver;
import io.ddwebhooks.operator.sync.Outcome;
import io.fabric8.kubernetes.client.CustomResource;

/**
 * A webhook whose templates refer to a variable its namespace may not use (any more: the variable was made after the
 * webhook, or became secret, or stopped being shared) must not stay in Datadog as it is, or every notification would
 * send that value to the webhook's receiver. Its Datadog object is deleted (this resource's own, in the org status
 * records), and created again once the templates may be written; the status and a Warning say so.
 */
final class Withdrawal {

  private Withdrawal() {}

  static Outcome withdraw(CustomResource<? extends ManagedSpec, DatadogResourceStatus> resource,
      DatadogResourceStatus status, Outcome.VariableNotAllowed refused, OrgStep orgs, CredentialsResolver.Org org,
      Convergers<?> convergers, ReconcileSettings settings) {
    String name = status.getRemoteName();
    if (name == null || !orgs.recordedIn(resource, org)) {
      return refused;
    }
    String tenant = resource.getMetadata().getNamespace();
    Outcome deleted = convergers.inTurn(org.target(), WritePriority.USER_CHANGE, tenant, name,
        converger -> converger.delete(name));
    if (!(deleted instanceof Outcome.Synced)) {
      return deleted;
    }
    status.setRemoteName(null);
    status.setAppliedFingerprint(null);
    String message = refused.message() + "; the webhook '" + name + "' was deleted from Datadog so that it cannot"
        + " send that value, and is created again once the templates may be written";
    settings.events().warning(resource, "Withdrawn", message);
    return new Outcome.VariableNotAllowed(message);
  }
}
