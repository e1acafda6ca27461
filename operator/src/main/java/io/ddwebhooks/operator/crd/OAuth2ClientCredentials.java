package io.ddwebhooks.operator.crd;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** The OAuth2 client-credentials grant Datadog runs to fetch a token before it calls the receiver. */
@ValidationRule(
    value = "has(self.clientId) != has(self.clientIdFrom)",
    message = "exactly one of clientId or clientIdFrom must be set")
public class OAuth2ClientCredentials {

  @Required
  @Size(min = 1, max = 2048)
  @Pattern("^https://[^\\s]+$")
  @JsonPropertyDescription("URL of the OAuth2 token endpoint. https only: the client secret is sent to it.")
  private String accessTokenUrl;

  @Size(min = 1, max = 2048)
  @JsonPropertyDescription("The OAuth2 client id. Exactly one of clientId and clientIdFrom.")
  private String clientId;

  @JsonPropertyDescription("Reads the client id from a Secret key. Exactly one of clientId and clientIdFrom.")
  private ValueSource clientIdFrom;

  @Required
  @JsonPropertyDescription("Reads the client secret from a Secret key (there is no literal form). Datadog never"
      + " returns it; the operator re-sends it once when the Secret key changes.")
  private ValueSource clientSecretFrom;

  @Size(min = 1, max = 2048)
  @JsonPropertyDescription("The OAuth2 audience, if the token endpoint wants one.")
  private String audience;

  @Size(min = 1, max = 2048)
  @JsonPropertyDescription("Space-separated OAuth2 scopes to request, if any.")
  private String scope;

  public String getAccessTokenUrl() {
    return accessTokenUrl;
  }

  public void setAccessTokenUrl(String accessTokenUrl) {
    this.accessTokenUrl = accessTokenUrl;
  }

  public String getClientId() {
    return clientId;
  }

  public void setClientId(String clientId) {
    this.clientId = clientId;
  }

  public ValueSource getClientIdFrom() {
    return clientIdFrom;
  }

  public void setClientIdFrom(ValueSource clientIdFrom) {
    this.clientIdFrom = clientIdFrom;
  }

  public ValueSource getClientSecretFrom() {
    return clientSecretFrom;
  }

  public void setClientSecretFrom(ValueSource clientSecretFrom) {
    this.clientSecretFrom = clientSecretFrom;
  }

  public String getAudience() {
    return audience;
  }

  public void setAudience(String audience) {
    this.audience = audience;
  }

  public String getScope() {
    return scope;
  }

  public void setScope(String scope) {
    this.scope = scope;
  }
}
