package io.ddwebhooks.operator.crd;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** Desired state of one Datadog webhook auth method (API v2): today OAuth2 client credentials. */
public class DatadogWebhookAuthMethodSpec extends ManagedSpec {

  @Size(min = 1, max = 100)
  @JsonPropertyDescription("Name of the auth method in Datadog (unique in an org, 1 to 100 characters). Defaults to"
      + " metadata.name. Changing it renames the auth method in place (its id stays).")
  private String name;

  @Required
  @JsonPropertyDescription("OAuth2 client credentials: Datadog fetches a token from accessTokenUrl with this client"
      + " before it calls a webhook that uses this auth method.")
  private OAuth2ClientCredentials oauth2ClientCredentials;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public OAuth2ClientCredentials getOauth2ClientCredentials() {
    return oauth2ClientCredentials;
  }

  public void setOauth2ClientCredentials(OAuth2ClientCredentials oauth2ClientCredentials) {
    this.oauth2ClientCredentials = oauth2ClientCredentials;
  }
}
