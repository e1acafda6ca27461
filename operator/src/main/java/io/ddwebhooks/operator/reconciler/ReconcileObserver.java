package io.ddwebhooks.operator.reconciler;

/** Told the outcome of every reconcile and every drift correction (for metrics). */
public interface ReconcileObserver {

  ReconcileObserver NONE = new ReconcileObserver() {
    @Override
    public void reconciled(String kind, String reason) {}

    @Override
    public void driftCorrected(String kind) {}
  };

  /** {@code reason}: the Ready condition's reason after the reconcile. */
  void reconciled(String kind, String reason);

  void driftCorrected(String kind);

  /** The resource {@code uid} of {@code kind} is now Ready with {@code reason} (for a gauge of resources by reason). */
  default void state(String kind, String uid, String reason) {}

  /** The resource {@code uid} is gone (deleted, its finalizer removed). */
  default void gone(String uid) {}

  /** A resource's resync read happened {@code lag} after its slot (reads paced behind changes, a busy org). */
  default void resyncLag(String kind, java.time.Duration lag) {}
}
