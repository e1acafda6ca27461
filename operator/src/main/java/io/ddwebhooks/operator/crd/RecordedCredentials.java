package io.ddwebhooks.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** Which credentials and which Datadog org the remote object lives in, as recorded when it was written. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class RecordedCredentials {

  @JsonPropertyDescription("The credentials used: 'default' (the operator's default org), DatadogCredentials/<name>"
      + " (of this resource's namespace) or ClusterDatadogCredentials/<name>.")
  private String ref;

  @JsonPropertyDescription("Where the org is: the scheme, host and port of its API (never user information, a path"
      + " or a query). Written by earlier versions as <endpoint>#<organization>.")
  private String org;

  @JsonPropertyDescription("The uid of the credentials object used; absent for the keys of the operator's"
      + " environment.")
  private String uid;

  @JsonPropertyDescription("The org's identity as the operator proved it: keyed digests of the endpoint and of the"
      + " API key (or of the organization a cluster admin declared), never a key. Two resources are in the same org"
      + " only when these say so.")
  private String identity;

  public RecordedCredentials() {}

  public RecordedCredentials(String ref, String org) {
    this(ref, org, null, null);
  }

  public RecordedCredentials(String ref, String org, String uid, String identity) {
    this.ref = ref;
    this.org = org;
    this.uid = uid;
    this.identity = identity;
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

  @Override
  public boolean equals(Object o) {
    return o instanceof RecordedCredentials r && Objects.equals(ref, r.ref) && Objects.equals(org, r.org)
        && Objects.equals(uid, r.uid) && Objects.equals(identity, r.identity);
  }

  @Override
  public int hashCode() {
    return Objects.hash(ref, org, uid, identity);
  }
}
