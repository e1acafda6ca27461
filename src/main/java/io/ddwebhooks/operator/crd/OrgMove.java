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

  @JsonPropertyDescription("That org's identity: its site or URL, and its organization id when declared.")
  private String org;

  @JsonPropertyDescription("The object's name in that org.")
  private String name;

  public OrgMove() {}

  public OrgMove(String ref, String org, String name) {
    this.ref = ref;
    this.org = org;
    this.name = name;
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

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }
}
