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
}
