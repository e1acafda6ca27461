package io.ddwebhooks.operator.reconciler.credentials;

import io.ddwebhooks.operator.crd.CredentialsRef;
import io.ddwebhooks.operator.crd.DatadogCustomVariable;
import io.ddwebhooks.operator.crd.DatadogWebhook;
import io.ddwebhooks.operator.crd.DatadogWebhookAuthMethod;
import io.ddwebhooks.operator.crd.ManagedSpec;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.informers.cache.ReducedStateItemStore;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/** The kinds whose resources use credentials (spec.credentialsRef): the auth-method kind only where it is served. */
final class CredentialsUsers {

  private CredentialsUsers() {}

  static List<Class<? extends CustomResource<? extends ManagedSpec, ?>>> kinds(boolean authMethods) {
    List<Class<? extends CustomResource<? extends ManagedSpec, ?>>> kinds = new ArrayList<>(
        List.of(DatadogWebhook.class, DatadogCustomVariable.class));
    if (authMethods) {
      kinds.add(DatadogWebhookAuthMethod.class);
    }
    return kinds;
  }

  /**
   * Re-runs the credentials (of {@code type}) a resource of {@code userType} uses when the resource comes, changes or
   * goes (for usedBy, and for the deletion hold). Its cache keeps only names and versions: the credentials reference
   * is read from the events.
   */
  static <C extends HasMetadata, U extends CustomResource<? extends ManagedSpec, ?>> InformerEventSource<U, C>
      eventSource(EventSourceContext<C> context, Class<C> type, Class<U> userType,
      BiFunction<String, CredentialsRef, Set<ResourceID>> credentialsOf,
      Consumer<InformerEventSourceConfiguration.Builder<Secret>> namespaces) {
    InformerEventSourceConfiguration.Builder<U> config = InformerEventSourceConfiguration.from(userType, type)
        .withName(type.getSimpleName() + "-" + userType.getSimpleName() + "-users")
        .withItemStore(new ReducedStateItemStore<>(ReducedStateItemStore.NAME_KEY_STATE, userType,
            context.getClient().getKubernetesSerialization()))
        .withSecondaryToPrimaryMapper(user -> user.getSpec() == null ? Set.of()
            : credentialsOf.apply(user.getMetadata().getNamespace(), user.getSpec().getCredentialsRef()));
    namespaces.accept(castBuilder(config));
    return new InformerEventSource<>(config.build(), context);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static InformerEventSourceConfiguration.Builder<Secret> castBuilder(
      InformerEventSourceConfiguration.Builder<?> builder) {
    return (InformerEventSourceConfiguration.Builder) builder;
  }
}
