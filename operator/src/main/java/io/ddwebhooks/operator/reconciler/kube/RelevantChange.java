package io.ddwebhooks.operator.reconciler.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Which updates of a resource call for a reconcile: a new generation (spec), a change to this operator's
 * annotations (pause, adopt, intervals), deletion or finalizers. Not status-only updates, which are the operator's
 * own, nor labels or other tools' annotations.
 */
public final class RelevantChange {

  private static final String PREFIX = "ddwebhooks.io/";

  private RelevantChange() {}

  public static <R extends HasMetadata> boolean test(R newResource, R oldResource) {
    ObjectMeta now = newResource.getMetadata();
    ObjectMeta before = oldResource.getMetadata();
    return !Objects.equals(now.getGeneration(), before.getGeneration())
        || !ours(now.getAnnotations()).equals(ours(before.getAnnotations()))
        || !Objects.equals(now.getDeletionTimestamp(), before.getDeletionTimestamp())
        || !Objects.equals(now.getFinalizers(), before.getFinalizers());
  }

  private static Map<String, String> ours(Map<String, String> annotations) {
    Map<String, String> out = new TreeMap<>();
    if (annotations != null) {
      annotations.forEach((k, v) -> {
        if (k.startsWith(PREFIX)) {
          out.put(k, v);
        }
      });
    }
    return out;
  }
}
