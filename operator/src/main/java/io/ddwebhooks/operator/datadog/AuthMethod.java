package io.ddwebhooks.operator.datadog;

/**
 * An OAuth2 client-credentials webhook auth method as Datadog's API v2 carries it. {@code clientSecret} is null in
 * what Datadog answers (it never returns it); {@code id} is Datadog's, null in what the operator asks for.
 */
public record AuthMethod(String name, String accessTokenUrl, String clientId, String clientSecret, String audience,
    String scope, String id) {

  public AuthMethod withName(String newName) {
    return new AuthMethod(newName, accessTokenUrl, clientId, clientSecret, audience, scope, id);
  }

  @Override
  public String toString() {
    // never print the client secret
    return "AuthMethod[name=" + name + ", id=" + id + "]";
  }
}
