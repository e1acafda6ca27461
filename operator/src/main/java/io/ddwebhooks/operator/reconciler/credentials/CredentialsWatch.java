package io.ddwebhooks.operator.reconciler.credentials;

import io.ddwebhooks.operator.crd.ClusterDatadogCredentials;
import io.ddwebhooks.operator.crd.CredentialsRef;
import io.ddwebhooks.operator.crd.DatadogCredentials;
import io.ddwebhooks.operator.crd.ManagedSpec;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Constants;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Re-reconciles the resources that use a credentials object when it changes (its spec, or its status when its key
 * Secrets change), and indexes resources by the credentials they use, so that a credentials object can count them.
 */
public final class CredentialsWatch {

  static final String INDEX = "by-credentials";

  private CredentialsWatch() {}

  /** The index key of the credentials {@code resource} uses ("default" for the default org). */
  static String key(CustomResource<? extends ManagedSpec, ?> resource) {
    CredentialsRef ref = resource.getSpec() == null ? null : resource.getSpec().getCredentialsRef();
    if (ref == null) {
      return CredentialsResolver.DEFAULT_REF;
    }
    return ref.getKind().equals(CredentialsRef.CLUSTER) ? clusterKey(ref.getName())
        : namespacedKey(resource.getMetadata().getNamespace(), ref.getName());
  }

  static String namespacedKey(String namespace, String name) {
    return CredentialsRef.NAMESPACED + "/" + namespace + "/" + name;
  }

  static String clusterKey(String name) {
    return CredentialsRef.CLUSTER + "/" + name;
  }

  /** The event sources that bring a kind's resources back when the credentials they use change. */
  public static <P extends CustomResource<? extends ManagedSpec, ?>> List<EventSource<?, P>> eventSources(
      EventSourceContext<P> context, Class<P> primaryType, CredentialsKinds kinds, String defaultCredentials) {
    context.getPrimaryCache().addIndexer(INDEX, p -> List.of(key(p)));
    List<EventSource<?, P>> sources = new ArrayList<>();
    if (kinds.namespaced()) {
      sources.add(new InformerEventSource<>(InformerEventSourceConfiguration
          .from(DatadogCredentials.class, primaryType)
          .withName(primaryType.getSimpleName() + "-credentials")
          .withNamespacesInheritedFromController()
          .withOnUpdateFilter(CredentialsWatch::keysOrSpecChanged)
          .withSecondaryToPrimaryMapper(c -> users(context, Set.of(namespacedKey(c.getMetadata().getNamespace(),
              c.getMetadata().getName()))))
          .build(), context));
    }
    if (kinds.cluster()) {
      sources.add(new InformerEventSource<>(InformerEventSourceConfiguration
          .from(ClusterDatadogCredentials.class, primaryType)
          .withName(primaryType.getSimpleName() + "-cluster-credentials")
          .withNamespaces(Constants.WATCH_ALL_NAMESPACE_SET)
          .withOnUpdateFilter(CredentialsWatch::keysOrSpecChanged)
          .withSecondaryToPrimaryMapper(c -> {
            Set<String> keys = new HashSet<>(Set.of(clusterKey(c.getMetadata().getName())));
            if (c.getMetadata().getName().equals(defaultCredentials)) {
              keys.add(CredentialsResolver.DEFAULT_REF);
            }
            return users(context, keys);
          })
          .build(), context));
    }
    return sources;
  }

  /**
   * Users re-run when the credentials' spec or their key Secrets change, not when their status counts users or says
   * how Datadog took the keys (that would re-run every user each time one more comes).
   */
  static <C extends CustomResource<?, io.ddwebhooks.operator.crd.CredentialsStatus>> boolean keysOrSpecChanged(
      C now, C before) {
    return !java.util.Objects.equals(now.getMetadata().getGeneration(), before.getMetadata().getGeneration())
        || !java.util.Objects.equals(now.getMetadata().getDeletionTimestamp(),
            before.getMetadata().getDeletionTimestamp())
        || !java.util.Objects.equals(versions(now), versions(before));
  }

  private static Object versions(CustomResource<?, io.ddwebhooks.operator.crd.CredentialsStatus> c) {
    return c.getStatus() == null ? null : c.getStatus().getSecretVersions();
  }

  private static <P extends CustomResource<?, ?>> Set<ResourceID> users(EventSourceContext<P> context,
      Set<String> keys) {
    return keys.stream().flatMap(k -> context.getPrimaryCache().byIndex(INDEX, k).stream())
        .map(ResourceID::fromResource).collect(Collectors.toSet());
  }
}
