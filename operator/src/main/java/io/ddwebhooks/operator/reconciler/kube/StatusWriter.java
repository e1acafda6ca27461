package io.ddwebhooks.operator.reconciler.kube;

import io.ddwebhooks.operator.crd.DatadogResourceStatus;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

/**
 * Writes a status in the middle of a reconcile, before a Datadog write whose outcome must survive a crash. Uses the
 * same mechanism and field manager as JOSDK's own status patch, so the final patch can clear what this one set.
 */
public class StatusWriter implements StatusCheckpoint {

  private final KubernetesClient client;
  private final String fieldManager;

  public StatusWriter(KubernetesClient client, String fieldManager) {
    this.client = client;
    this.fieldManager = fieldManager;
  }

  @Override
  public void write(CustomResource<?, DatadogResourceStatus> resource, DatadogResourceStatus status) {
    CustomResource<?, DatadogResourceStatus> copy = client.getKubernetesSerialization().clone(resource);
    copy.setStatus(status);
    copy.getMetadata().setManagedFields(null);
    copy.getMetadata().setResourceVersion(null);
    CustomResource<?, DatadogResourceStatus> written = client.resource(copy).subresource("status").patch(
        new PatchContext.Builder().withPatchType(PatchType.SERVER_SIDE_APPLY).withFieldManager(fieldManager)
            .withForce(true).build());
    resource.getMetadata().setResourceVersion(written.getMetadata().getResourceVersion());
  }
}
