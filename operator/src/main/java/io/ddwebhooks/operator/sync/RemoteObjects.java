package io.ddwebhooks.operator.sync;

import io.ddwebhooks.operator.datadog.AuthMethod;
import io.ddwebhooks.operator.datadog.CustomVariable;
import io.ddwebhooks.operator.datadog.Webhook;
import io.ddwebhooks.operator.datadog.WebhooksIntegrationApi;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The four Datadog calls for one kind of object (and, where Datadog has one, its id), taken from the {@link WebhooksIntegrationApi} seam. Kept apart from
 * the translation ({@link ResourceKind}), which makes no calls.
 */
public record RemoteObjects<T>(Function<String, Optional<T>> get, UnaryOperator<T> create,
    BiFunction<String, T, T> update, Predicate<String> delete, Function<String, Optional<String>> id) {

  /** For a kind that Datadog identifies by name alone (no id to record). */
  public RemoteObjects(Function<String, Optional<T>> get, UnaryOperator<T> create, BiFunction<String, T, T> update,
      Predicate<String> delete) {
    this(get, create, update, delete, name -> Optional.empty());
  }

  public static RemoteObjects<Webhook> webhooks(WebhooksIntegrationApi api) {
    return new RemoteObjects<>(api::getWebhook, api::createWebhook, api::updateWebhook, api::deleteWebhook);
  }

  /** Auth methods: Datadog's id of each, as the client last saw it, goes to status.id. */
  public static RemoteObjects<AuthMethod> authMethods(WebhooksIntegrationApi api) {
    return new RemoteObjects<>(api::getAuthMethod, api::createAuthMethod, api::updateAuthMethod,
        api::deleteAuthMethod, api::knownAuthMethodId);
  }

  public static RemoteObjects<CustomVariable> variables(WebhooksIntegrationApi api) {
    return new RemoteObjects<>(api::getCustomVariable, api::createCustomVariable, api::updateCustomVariable,
        api::deleteCustomVariable);
  }
}
