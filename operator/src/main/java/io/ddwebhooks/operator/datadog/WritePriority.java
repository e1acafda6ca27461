package io.ddwebhooks.operator.datadog;

/**
 * Whether the calls of an {@link OrgTurn} serve a user's change (served first) or a periodic check: its writes wait
 * in the org's queue ({@link PriorityWriteGate}) and its reads take their turns ({@link ReadPacer}) accordingly.
 */
public enum WritePriority {
  /** A change someone made: a new spec, a changed Secret, a first reconcile. */
  USER_CHANGE,
  /** A periodic re-read that found something to correct. */
  RESYNC
}
