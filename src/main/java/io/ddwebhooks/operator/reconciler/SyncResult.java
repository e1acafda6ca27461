package io.ddwebhooks.operator.reconciler;

import java.util.List;

/** What one convergence did to Datadog. */
public record SyncResult<T>(Action action, T remote, List<String> changedFields, String detail) {

  /** The outcome, from no write at all to a refusal to touch someone else's object. */
  public enum Action {
    /** Nothing differed: no write. */
    UNCHANGED,
    CREATED,
    /** It was ours and had gone from Datadog: created again. */
    RECREATED,
    UPDATED,
    /** A PUT on the old name carrying the new one. */
    RENAMED,
    /** An existing object taken over (adoption allowed and requested). */
    ADOPTED,
    /** Found the object an earlier, interrupted attempt created or renamed (status.pendingName). */
    RECOVERED,
    /** The name belongs to an object this resource does not own: nothing written. */
    CONFLICT
  }

  /** A create, or an update of at least one field (a rename changes the name). */
  public boolean wrote() {
    return action == Action.CREATED || action == Action.RECREATED || !changedFields.isEmpty();
  }
}
