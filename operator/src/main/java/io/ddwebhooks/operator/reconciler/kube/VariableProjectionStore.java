package io.ddwebhooks.operator.reconciler.kube;

import io.ddwebhooks.operator.crd.DatadogCustomVariable;
import io.ddwebhooks.operator.crd.DatadogResourceStatus;
import io.ddwebhooks.operator.status.ReadyCondition;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.util.ArrayList;
import java.util.List;

/**
 * The webhook controller's cache of custom variables: the variable controller caches each whole object; this second
 * watch keeps only what the template check reads (spec, the shared-with annotation, where the variable lives and under
 * which name, whether it is secret, and the Ready reason). Fingerprints, Secret versions, drift counters, timestamps,
 * condition messages and the other conditions are dropped: most of a status. Never written back (read-only use).
 */
public final class VariableProjectionStore extends BasicItemStore<DatadogCustomVariable> {

  public VariableProjectionStore() {
    super(Cache::metaNamespaceKeyFunc);
  }

  @Override
  public DatadogCustomVariable put(String key, DatadogCustomVariable obj) {
    return super.put(key, project(obj));
  }

  /** What this store keeps of {@code v} (the same object, pruned in place). */
  public static DatadogCustomVariable project(DatadogCustomVariable v) {
    PrunedItemStore.prune(v);
    DatadogResourceStatus full = v == null ? null : v.getStatus();
    if (full == null) {
      return v;
    }
    DatadogResourceStatus kept = new DatadogResourceStatus();
    kept.setObservedGeneration(full.getObservedGeneration());
    kept.setRemoteName(full.getRemoteName());
    kept.setPendingName(full.getPendingName());
    kept.setAppliedIsSecret(full.getAppliedIsSecret());
    kept.setCredentials(full.getCredentials());
    List<Condition> conditions = new ArrayList<>(1);
    ReadyCondition.of(full).ifPresent(c -> conditions.add(new ConditionBuilder().withType(c.getType())
        .withStatus(c.getStatus()).withReason(c.getReason()).build()));
    kept.setConditions(conditions);
    v.setStatus(kept);
    return v;
  }
}
