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
 * The four Datadog calls for one kind of object (and, where Datadog has one, its id and the calls by id), taken from
 * the {@link WebhooksIntegrationApi} seam. Kept apart from the translation ({@link ResourceKind}), which makes no
 * calls.
 */
public record RemoteObjects<T>(Function<String, Optional<T>> get, UnaryOperator<T> create,
    BiFunction<String, T, T> update, Predicate<String> delete, Function<String, Optional<String>> id, ById<T> byId) {

  /** GET, PATCH and DELETE by Datadog's id, for a kind that has one. */
  public record ById<T>(Function<String, Optional<T>> get, BiFunction<String, T, T> update,
      Predicate<String> delete) {}

  /** For a kind that Datadog identifies by name alone (no id to record). */
  public RemoteObjects(Function<String, Optional<T>> get, UnaryOperator<T> create, BiFunction<String, T, T> update,
      Predicate<String> delete) {
    this(get, create, update, delete, name -> Optional.empty(), null);
  }

  /**
   * These calls, with the object {@code recorded} names reached by its recorded id: found even under another name
   * (renamed outside the operator), and gone when that id is (an object made under the name since is not it). The
   * same calls for a kind without ids, or with nothing recorded.
   */
  public RemoteObjects<T> recorded(Optional<RecordedId> recorded) {
    if (byId == null || recorded.isEmpty()) {
      return this;
    }
    String owned = recorded.get().name();
    String id = recorded.get().id();
    return new RemoteObjects<>(name -> owned.equals(name) ? byId.get().apply(id) : get.apply(name), create,
        (name, object) -> owned.equals(name) ? byId.update().apply(id, object) : update.apply(name, object),
        name -> owned.equals(name) ? byId.delete().test(id) : delete.test(name), this.id, byId);
  }

  public static RemoteObjects<Webhook> webhooks(WebhooksIntegrationApi api) {
    return new RemoteObjects<>(api::getWebhook, api::createWebhook, api::updateWebhook, api::deleteWebhook);
  }

  /** Auth methods: Datadog's id of each, as the client last saw it, goes to status.id. */
  public static RemoteObjects<AuthMethod> authMethods(WebhooksIntegrationApi api) {
    return new RemoteObjects<>(api::getAuthMethod, api::createAuthMethod, api::updateAuthMethod,
        api::deleteAuthMethod, api::knownAuthMethodId, new ById<>(api::getAuthMethodById,
            api::updateAuthMethodById, api::deleteAuthMethodById));
  }

  public static RemoteObjects<CustomVariable> variables(WebhooksIntegrationApi api) {
    return new RemoteObjects<>(api::getCustomVariable, api::createCustomVariable, api::updateCustomVariable,
        api::deleteCustomVariable);
  }
}
