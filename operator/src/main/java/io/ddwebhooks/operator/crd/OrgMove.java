package io.ddwebhooks.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * An object in another Datadog org than the resource now asks for: a move under way (recorded before the first
 * write, so that a restart resumes it), or an old copy the operator could not delete.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class OrgMove {

  @JsonPropertyDescription("The credentials of the org the object is in: 'default', DatadogCredentials/<name> or"
      + " ClusterDatadogCredentials/<name>.")
  private String ref;

  @JsonPropertyDescription("Where that org is: the scheme, host and port of its API.")
  private String org;

  @JsonPropertyDescription("The uid of those credentials (absent for the operator's environment keys).")
  private String uid;

  @JsonPropertyDescription("That org's identity as the operator proved it (see status.credentials.identity).")
  private String identity;

  @JsonPropertyDescription("The object's name in that org.")
  private String name;

  @JsonPropertyDescription("Datadog's id of the object in that org (auth methods), from status.id when the move"
      + " started: the old copy is deleted by it, whatever it is named there now.")
  private String id;

  @JsonPropertyDescription("Set when the object was only being created or renamed there (status.pendingName): the"
      + " keyed digest of what was sent, so that only an object holding exactly that is deleted.")
  private String pendingFingerprint;

  public OrgMove() {}

  public OrgMove(String ref, String org, String name) {
    this.ref = ref;
    this.org = org;
    this.name = name;
  }

  /** The object {@code name} in the org {@code where} records; {@code pendingFingerprint} when it was only pending. */
  public OrgMove(RecordedCredentials where, String name, String pendingFingerprint) {
    this.ref = where.getRef();
    this.org = where.getOrg();
    this.uid = where.getUid();
    this.identity = where.getIdentity();
    this.name = name;
    this.pendingFingerprint = pendingFingerprint;
  }

  public String getRef() {
    return ref;
  }

  public void setRef(String ref) {
    this.ref = ref;
  }

  public String getOrg() {
    return org;
  }

  public void setOrg(String org) {
    this.org = org;
  }

  public String getUid() {
    return uid;
  }

  public void setUid(String uid) {
    this.uid = uid;
  }

  public String getIdentity() {
    return identity;
  }

  public void setIdentity(String identity) {
    this.identity = identity;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getId() {
    return id;
  }

  public void setId(String id) {
    this.id = id;
  }

  public String getPendingFingerprint() {
    return pendingFingerprint;
  }

  public void setPendingFingerprint(String pendingFingerprint) {
    this.pendingFingerprint = pendingFingerprint;
  }
}
