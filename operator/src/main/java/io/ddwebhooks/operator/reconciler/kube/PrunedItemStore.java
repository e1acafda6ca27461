package io.ddwebhooks.operator.reconciler.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;

/**
 * An informer cache that keeps each object without what the operator never reads: {@code metadata.managedFields}
 * (server-side apply makes it several KiB per object, most of a small resource's size) and kubectl's
 * {@code last-applied-configuration} annotation (a second copy of the spec). Everything else stays, so the cache still
 * holds whole resources for the reconcilers. Nothing writes a cached object back whole: status and finalizers go by
 * server-side apply or patches of their own fields, so the pruned fields stay as they are on the API server
 * ({@code KubectlIT} checks it). The strings that repeat from object to object are shared ({@link SharedStrings}).
 */
public final class PrunedItemStore<V extends HasMetadata> extends BasicItemStore<V> {

  /** kubectl's client-side apply record. */
  public static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

  public PrunedItemStore() {
    super(Cache::metaNamespaceKeyFunc);
  }

  @Override
  public V put(String key, V obj) {
    return super.put(key, prune(obj));
  }

  static <V extends HasMetadata> V prune(V obj) {
    if (obj != null && obj.getMetadata() != null) {
      obj.getMetadata().setManagedFields(null);
      if (obj.getMetadata().getAnnotations() != null) {
        obj.getMetadata().getAnnotations().remove(LAST_APPLIED);
      }
      SharedStrings.share(obj);
    }
    return obj;
  }
}
