package io.ddwebhooks.operator.datadog;

import java.util.Optional;

/**
 * The Datadog Webhooks Integration API v1: eight endpoints, two kinds of object, identified by name only.
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
}
