package io.ddwebhooks.operator.crd;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The policy fields both kinds' specs carry. Model only: what they mean is decided by sync.ResourcePolicy. */
public abstract class ManagedSpec {

  @JsonPropertyDescription("Delete (default) removes the object from Datadog when this resource is deleted; Orphan"
      + " leaves it there (to hand it over to another resource or tool).")
  private DeletionPolicy deletionPolicy;

  @JsonPropertyDescription("Full (default) lets the operator create, update and delete the object; ObserveOnly"
      + " only reads it and reports drift in status, never writing or deleting.")
  private ManagementPolicy managementPolicy;

  @JsonPropertyDescription("The credentials (and so the Datadog org) to use: {kind: DatadogCredentials, name} in this"
      + " namespace, or {kind: ClusterDatadogCredentials, name}. Absent: the operator's default org. Changing it to"
      + " another org moves the object there (created in the new org, then deleted from the old one).")
  private CredentialsRef credentialsRef;

  public CredentialsRef getCredentialsRef() {
    return credentialsRef;
  }

  public void setCredentialsRef(CredentialsRef credentialsRef) {
    this.credentialsRef = credentialsRef;
  }

  public DeletionPolicy getDeletionPolicy() {
    return deletionPolicy;
  }

  public void setDeletionPolicy(DeletionPolicy deletionPolicy) {
    this.deletionPolicy = deletionPolicy;
  }

  public ManagementPolicy getManagementPolicy() {
    return managementPolicy;
  }

  public void setManagementPolicy(ManagementPolicy managementPolicy) {
    this.managementPolicy = managementPolicy;
  }
}
