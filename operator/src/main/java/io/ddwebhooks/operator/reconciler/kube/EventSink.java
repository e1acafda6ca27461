package io.ddwebhooks.operator.reconciler.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** Receives the Kubernetes Events the operator records about a resource; messages are already free of secrets. */
public interface EventSink {

  void normal(HasMetadata resource, String reason, String message);

  void warning(HasMetadata resource, String reason, String message);
}
