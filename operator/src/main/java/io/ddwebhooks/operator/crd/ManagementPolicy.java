package io.ddwebhooks.operator.crd;

/** How much the operator may do in Datadog for a resource. */
public enum ManagementPolicy {
  /** Create, update, correct drift and delete (default). */
  Full,
  /** Read and report drift only: never write or delete. */
  ObserveOnly
}
