package io.ddwebhooks.operator.reconciler;

import io.ddwebhooks.operator.crd.DatadogResourceStatus;
import io.fabric8.kubernetes.client.CustomResource;

/** Persists a status in the middle of a reconcile, before a Datadog write whose outcome must survive a crash. */
public interface StatusCheckpoint {

  /** Persists {@code status} on {@code resource}; afterwards the resource carries the new resourceVersion. */
  void write(CustomResource<?, DatadogResourceStatus> resource, DatadogResourceStatus status);

  /**
   * Whether the final status must be written here too: true where status patches are diffs against the resource as
   * the reconcile read it (no server-side apply), which go wrong when that copy is stale or a checkpoint added a field.
   */
  default boolean needsFinalWrite() {
    return false;
  }

  /** Writes the final status against the stored object (see {@link #needsFinalWrite}). */
  default void writeFinal(CustomResource<?, DatadogResourceStatus> resource, DatadogResourceStatus status) {
    write(resource, status);
  }
}
