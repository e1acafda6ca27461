package io.ddwebhooks.operator.sync;

import io.ddwebhooks.operator.datadog.CustomVariable;
import io.ddwebhooks.operator.datadog.Webhook;
import io.ddwebhooks.operator.datadog.WebhooksIntegrationApi;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The four Datadog calls for one kind of object, taken from the {@link WebhooksIntegrationApi} seam. Kept apart from
 * the translation ({@link ResourceKind}), which makes no calls.
 */
public record RemoteObjects<T>(Function<String, Optional<T>> get, UnaryOperator<T> create,
    BiFunction<String, T, T> update, Predicate<String> delete) {

  public static RemoteObjects<Webhook> webhooks(WebhooksIntegrationApi api) {
    return new RemoteObjects<>(api::getWebhook, api::createWebhook, api::updateWebhook, api::deleteWebhook);
  }

  public static RemoteObjects<CustomVariable> variables(WebhooksIntegrationApi api) {
    return new RemoteObjects<>(api::getCustomVariable, api::createCustomVariable, api::updateCustomVariable,
        api::deleteCustomVariable);
  }
}
