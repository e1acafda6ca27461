package io.ddwebhooks.operator.crd;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** A Datadog org and the keys to reach it, for the resources of one namespace. */
@ValidationRule(value = "has(self.site) != has(self.url)", message = "exactly one of site or url must be set")
public class DatadogCredentialsSpec extends CredentialsEndpoint {

  @Required
  @JsonPropertyDescription("The Secret key (in this namespace) holding the Datadog API key.")
  private SecretKeySelector apiKeySecretRef;

  @Required
  @JsonPropertyDescription("The Secret key (in this namespace) holding the Datadog application key"
      + " (manage_integrations, integrations_read).")
  private SecretKeySelector appKeySecretRef;

  public SecretKeySelector getApiKeySecretRef() {
    return apiKeySecretRef;
  }

  public void setApiKeySecretRef(SecretKeySelector apiKeySecretRef) {
    this.apiKeySecretRef = apiKeySecretRef;
  }

  public SecretKeySelector getAppKeySecretRef() {
    return appKeySecretRef;
  }

  public void setAppKeySecretRef(SecretKeySelector appKeySecretRef) {
    this.appKeySecretRef = appKeySecretRef;
  }
}
