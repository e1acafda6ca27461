package io.ddwebhooks.operator.crd;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** Which credentials (and so which Datadog org) a resource uses. */
public class CredentialsRef {

  public static final String NAMESPACED = "DatadogCredentials";
  public static final String CLUSTER = "ClusterDatadogCredentials";

  @Required
  @Pattern("^(DatadogCredentials|ClusterDatadogCredentials)$")
  @JsonPropertyDescription("DatadogCredentials (in this namespace) or ClusterDatadogCredentials.")
  private String kind;

  @Required
  @Pattern("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")
  @JsonPropertyDescription("Name of the credentials object.")
  private String name;

  public CredentialsRef() {}

  public CredentialsRef(String kind, String name) {
    this.kind = kind;
    this.name = name;
  }

  public String getKind() {
    return kind;
  }

  public void setKind(String kind) {
    this.kind = kind;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }
}
