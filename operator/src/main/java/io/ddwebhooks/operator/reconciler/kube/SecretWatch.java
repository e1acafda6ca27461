package io.ddwebhooks.operator.reconciler.kube;

import io.ddwebhooks.operator.crd.SecretKeySelector;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.informers.cache.ReducedStateItemStore;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Re-reconciles the resources that refer to a Secret when it is created, changed or deleted. The informer stores
 * only each Secret's name and resourceVersion (a reduced item store): the operator does not keep Secret data of the
 * watched namespaces in memory, and reads a referenced key from the API server when it needs it.
 */
public final class SecretWatch {

  private SecretWatch() {}

  public static <P extends HasMetadata> InformerEventSource<Secret, P> eventSource(EventSourceContext<P> context,
      Class<P> primaryType, Function<P, List<SecretKeySelector>> refs) {
    String index = primaryType.getSimpleName() + "-by-secret";
    context.getPrimaryCache().addIndexer(index, primary -> refs.apply(primary).stream()
        .map(ref -> key(primary.getMetadata().getNamespace(), ref.getName()))
        .distinct()
        .collect(Collectors.toList()));
    InformerEventSourceConfiguration<Secret> config = InformerEventSourceConfiguration
        .from(Secret.class, primaryType)
        .withName(primaryType.getSimpleName() + "-secrets")
        .withNamespacesInheritedFromController()
        .withItemStore(new ReducedStateItemStore<>(ReducedStateItemStore.NAME_KEY_STATE, Secret.class,
            context.getClient().getKubernetesSerialization()))
        .withSecondaryToPrimaryMapper(secret -> context.getPrimaryCache()
            .byIndex(index, key(secret.getMetadata().getNamespace(), secret.getMetadata().getName()))
            .stream()
            .map(ResourceID::fromResource)
            .collect(Collectors.toSet()))
        .build();
    return new InformerEventSource<>(config, context);
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }
}
