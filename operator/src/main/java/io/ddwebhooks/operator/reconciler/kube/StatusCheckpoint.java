package io.ddwebhooks.operator.reconciler.kube;

import io.ddwebhooks.operator.crd.DatadogResourceStatus;
import io.fabric8.kubernetes.client.CustomResource;

/** Persists a status in the middle of a reconcile, before a Datadog write whose outcome must survive a crash. */
public interface StatusCheckpoint {

  /** Persists {@code status} on {@code resource}; afterwards the resource carries the new resourceVersion. */
  void write(CustomResource<?, DatadogResourceStatus> resource, DatadogResourceStatus status);

}
