package io.ddwebhooks.operator.crd;

/** What happens to the Datadog object when the resource is deleted. */
public enum DeletionPolicy {
  /** Delete it from Datadog (default). */
  Delete,
  /** Leave it in Datadog: to move ownership between charts, namespaces or tools without an outage. */
  Orphan
}
