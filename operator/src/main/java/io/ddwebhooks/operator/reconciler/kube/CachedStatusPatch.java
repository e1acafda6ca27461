package io.ddwebhooks.operator.reconciler.kube;

import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;

/**
 * A reconcile's final status patch, made so that the next reconcile reads it. JOSDK 5 does not cache what
 * {@code UpdateControl.patchStatus} wrote: when a checkpoint ({@link StatusWriter}) made an informer event during the
 * reconcile, the reconcile that event triggers could start from the checkpoint (a pending name, no Ready) and act on
 * it (a needless GET, a status briefly without Ready). Patched through JOSDK's own caching utility instead, the next
 * reconcile starts from this status; with resource versions compared as numbers, the checkpoint's late event does not
 * replace it.
 */
public final class CachedStatusPatch {

  private CachedStatusPatch() {}

  /** {@code control}, with its status patch also put into JOSDK's cache so the next reconcile reads it. */
  public static <R extends CustomResource<?, ?>> UpdateControl<R> apply(UpdateControl<R> control, R primary,
      Context<R> context) {
    if (!control.isPatchStatus()) {
      return control;
    }
    R fresh = context.getClient().getKubernetesSerialization().clone(control.getResource().orElseThrow());
    fresh.getMetadata().setManagedFields(null);
    PrimaryUpdateAndCacheUtils.ssaPatchStatusAndCacheResource(primary, fresh, context);
    UpdateControl<R> done = UpdateControl.noUpdate();
    control.getScheduleDelay().ifPresent(done::rescheduleAfter);
    return done;
  }
}
