package io.ddwebhooks.operator.crd;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** A Datadog org and the keys to reach it, for the resources of the namespaces it selects. */
@ValidationRule(value = "has(self.site) != has(self.url)", message = "exactly one of site or url must be set")
public class ClusterDatadogCredentialsSpec extends CredentialsEndpoint {

  @Required
  @JsonPropertyDescription("The Secret key (namespace, name, key) holding the Datadog API key.")
  private NamespacedSecretKeySelector apiKeySecretRef;

  @Required
  @JsonPropertyDescription("The Secret key (namespace, name, key) holding the Datadog application key"
      + " (manage_integrations, integrations_read).")
  private NamespacedSecretKeySelector appKeySecretRef;

  @JsonPropertyDescription("The namespaces whose resources may use these credentials, by their labels. Absent or"
      + " {}: every namespace.")
  private NamespaceSelector namespaceSelector;

  public NamespacedSecretKeySelector getApiKeySecretRef() {
    return apiKeySecretRef;
  }

  public void setApiKeySecretRef(NamespacedSecretKeySelector apiKeySecretRef) {
    this.apiKeySecretRef = apiKeySecretRef;
  }

  public NamespacedSecretKeySelector getAppKeySecretRef() {
    return appKeySecretRef;
  }

  public void setAppKeySecretRef(NamespacedSecretKeySelector appKeySecretRef) {
    this.appKeySecretRef = appKeySecretRef;
  }

  public NamespaceSelector getNamespaceSelector() {
    return namespaceSelector;
  }

  public void setNamespaceSelector(NamespaceSelector namespaceSelector) {
    this.namespaceSelector = namespaceSelector;
  }
}
