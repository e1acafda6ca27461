package io.ddwebhooks.operator.reconciler;

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
  private final boolean serverSideApply;
  private final String fieldManager;

  public StatusWriter(KubernetesClient client, boolean serverSideApply, String fieldManager) {
    this.client = client;
    this.serverSideApply = serverSideApply;
    this.fieldManager = fieldManager;
  }

  @Override
  public void write(CustomResource<?, DatadogResourceStatus> resource, DatadogResourceStatus status) {
    CustomResource<?, DatadogResourceStatus> copy = client.getKubernetesSerialization().clone(resource);
    copy.setStatus(status);
    CustomResource<?, DatadogResourceStatus> written;
    if (serverSideApply) {
      copy.getMetadata().setManagedFields(null);
      copy.getMetadata().setResourceVersion(null);
      written = client.resource(copy).subresource("status").patch(new PatchContext.Builder()
          .withPatchType(PatchType.SERVER_SIDE_APPLY).withFieldManager(fieldManager).withForce(true).build());
    } else {
      written = client.resource(copy).patchStatus();
    }
    resource.getMetadata().setResourceVersion(written.getMetadata().getResourceVersion());
  }

  @Override
  public boolean needsFinalWrite() {
    return !serverSideApply;
  }

  @Override
  public void writeFinal(CustomResource<?, DatadogResourceStatus> resource, DatadogResourceStatus status) {
    // replace the status of the stored object whole: fields the checkpoint set go, lists have no stale positions
    @SuppressWarnings("unchecked")
    Class<CustomResource<?, DatadogResourceStatus>> type =
        (Class<CustomResource<?, DatadogResourceStatus>>) resource.getClass();
    for (int attempt = 1; ; attempt++) {
      CustomResource<?, DatadogResourceStatus> stored = client.resources(type)
          .inNamespace(resource.getMetadata().getNamespace()).withName(resource.getMetadata().getName()).get();
      if (stored == null) {
        return;
      }
      stored.setStatus(status);
      try {
        CustomResource<?, DatadogResourceStatus> written = client.resource(stored).updateStatus();
        resource.getMetadata().setResourceVersion(written.getMetadata().getResourceVersion());
        return;
      } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
        // someone wrote in between (a user's edit): read again
        if (e.getCode() != 409 || attempt == 5) {
          throw e;
        }
      }
    }
  }
}
