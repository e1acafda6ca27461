package io.ddwebhooks.operator.crd;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** One key of a Secret in a named namespace (for cluster-scoped credentials). */
public class NamespacedSecretKeySelector {

  @Required
  @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
  @JsonPropertyDescription("Namespace of the Secret.")
  private String namespace;

  @Required
  @Pattern("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")
  @JsonPropertyDescription("Name of the Secret.")
  private String name;

  @Required
  @Pattern("^[-._a-zA-Z0-9]+$")
  @JsonPropertyDescription("Key inside the Secret's data whose value is used.")
  private String key;

  public NamespacedSecretKeySelector() {}

  public NamespacedSecretKeySelector(String namespace, String name, String key) {
    this.namespace = namespace;
    this.name = name;
    this.key = key;
  }

  public String getNamespace() {
    return namespace;
  }

  public void setNamespace(String namespace) {
    this.namespace = namespace;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getKey() {
    return key;
  }

  public void setKey(String key) {
    this.key = key;
  }
}
