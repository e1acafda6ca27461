package io.ddwebhooks.operator.datadog;

import java.util.Optional;

/**
 * The Datadog Webhooks Integration API: v1's eight endpoints for two kinds of object identified by name only, and
 * v2's auth methods (identified by id; here by their name, which Datadog keeps unique in an org).
 * Every method throws {@link DatadogApiException} for an answer it cannot map to a result.
 */
public interface WebhooksIntegrationApi {

  /** GET a webhook; empty when Datadog answers 404. */
  Optional<Webhook> getWebhook(String name);

  /** POST a new webhook; a name already in use is a {@link DatadogApiException} with status 400. */
  Webhook createWebhook(Webhook webhook);

  /** PUT the full webhook at {@code currentName}; a different {@code webhook.name()} renames it. */
  Webhook updateWebhook(String currentName, Webhook webhook);

  /** DELETE a webhook; false when it did not exist (404, or the pre-2022 400 "does not exist"). */
  boolean deleteWebhook(String name);

  Optional<CustomVariable> getCustomVariable(String name);

  CustomVariable createCustomVariable(CustomVariable variable);

  CustomVariable updateCustomVariable(String currentName, CustomVariable variable);

  boolean deleteCustomVariable(String name);

  /** The auth method named {@code name}; empty when the org has none of that name. */
  Optional<AuthMethod> getAuthMethod(String name);

  /** POST a new auth method; a name in use is a {@link DatadogApiException} with status 409. */
  AuthMethod createAuthMethod(AuthMethod authMethod);

  /** PATCH every field of the auth method named {@code currentName}; a different name renames it. */
  AuthMethod updateAuthMethod(String currentName, AuthMethod authMethod);

  /** DELETE the auth method named {@code name}; false when there was none. */
  boolean deleteAuthMethod(String name);

  /** The auth method with Datadog's id {@code id}, whatever it is named now; empty when Datadog answers 404. */
  Optional<AuthMethod> getAuthMethodById(String id);

  /** PATCH every field of the auth method with id {@code id}; a different name renames it; 404 when it is gone. */
  AuthMethod updateAuthMethodById(String id, AuthMethod authMethod);

  /** DELETE the auth method with id {@code id}; false when there was none (no name is looked up). */
  boolean deleteAuthMethodById(String id);

  /** Every auth method of the org. */
  java.util.List<AuthMethod> listAuthMethods();

  /** The id of the auth method named {@code name} as this client last saw it, with no call to Datadog. */
  default Optional<String> knownAuthMethodId(String name) {
    return Optional.empty();
  }
}
