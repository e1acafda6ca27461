package io.ddwebhooks.operator.reconciler;

import java.util.List;

/** What one convergence did to Datadog. */
public record SyncResult<T>(Action action, T remote, List<String> changedFields, String detail) {

  /** The outcome, from no write at all to a refusal to touch someone else's object. */
  public enum Action { UNCHANGED, CREATED, RECREATED, UPDATED, RENAMED, CONFLICT }

  public boolean wrote() {
    return action != Action.UNCHANGED && action != Action.CONFLICT;
  }
}
