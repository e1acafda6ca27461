package io.ddwebhooks.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** Which credentials and which Datadog org the remote object lives in, as recorded when it was written. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class RecordedCredentials {

  @JsonPropertyDescription("The credentials used: 'default' (the operator's default org), DatadogCredentials/<name>"
      + " or ClusterDatadogCredentials/<name>.")
  private String ref;

  @JsonPropertyDescription("The org's identity: its site or URL, and its organization id when the credentials name"
      + " one (<endpoint>#<organization>).")
  private String org;

  public RecordedCredentials() {}

  public RecordedCredentials(String ref, String org) {
    this.ref = ref;
    this.org = org;
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

  @Override
  public boolean equals(Object o) {
    return o instanceof RecordedCredentials r && Objects.equals(ref, r.ref) && Objects.equals(org, r.org);
  }

  @Override
  public int hashCode() {
    return Objects.hash(ref, org);
  }
}
