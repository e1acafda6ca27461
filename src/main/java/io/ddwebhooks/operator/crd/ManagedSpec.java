package io.ddwebhooks.operator.crd;

/** The policies both kinds share. */
public interface ManagedSpec {

  DeletionPolicy getDeletionPolicy();

  ManagementPolicy getManagementPolicy();

  default boolean orphanOnDelete() {
    return getDeletionPolicy() == DeletionPolicy.Orphan;
  }

  default boolean observeOnly() {
    return getManagementPolicy() == ManagementPolicy.ObserveOnly;
  }
}
