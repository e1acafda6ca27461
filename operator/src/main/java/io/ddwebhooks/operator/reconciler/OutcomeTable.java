package io.ddwebhooks.operator.reconciler;

import io.ddwebhooks.operator.status.Reason;
import io.ddwebhooks.operator.sync.Outcome;
import java.util.Map;

/**
 * How each outcome is reported, in one table with no default: its Ready reason, whether it is a failure (logged and
 * recorded as a Warning Event when it is news) and when the resource comes back. A new {@link Outcome} without a row
 * fails {@code ReporterTest}.
 */
final class OutcomeTable {

  /** When the resource is reconciled again after this outcome. */
  enum Retry {
    /** Datadog answered: the regular resync; consecutive failures are forgotten. */
    RECHECK,
    /** A failure a retry may fix: exponential backoff with jitter. */
    BACKOFF,
    /** 429: when the rate limit resets, if Datadog said, else backoff. */
    AT_RESET,
    /** Keys refused: slowly (the credentials watch brings it back at once when the keys change). */
    AUTH,
    /** Only a change to the resource, a Secret or the credentials helps: their watches bring it back; no timer. */
    ON_CHANGE,
    /** Nothing to report (the org's write queue was full, or the operator is stopping): shortly, status as it was. */
    SOON
  }

  /** One row: {@code reason} is null only where the status is left as it was. */
  record Row(Reason reason, boolean failure, Retry retry) {}

  private static final Map<Class<? extends Outcome>, Row> ROWS = Map.ofEntries(
      Map.entry(Outcome.Synced.class, new Row(Reason.Synced, false, Retry.RECHECK)),
      Map.entry(Outcome.Applied.class, new Row(Reason.Synced, false, Retry.RECHECK)),
      Map.entry(Outcome.Paused.class, new Row(Reason.Paused, false, Retry.ON_CHANGE)),
      Map.entry(Outcome.Queued.class, new Row(null, false, Retry.SOON)),
      Map.entry(Outcome.Stopped.class, new Row(null, false, Retry.SOON)),
      Map.entry(Outcome.Conflict.class, new Row(Reason.NameConflict, true, Retry.RECHECK)),
      Map.entry(Outcome.Rejected.class, new Row(Reason.DatadogRejected, true, Retry.ON_CHANGE)),
      Map.entry(Outcome.AuthFailed.class, new Row(Reason.DatadogAuthFailed, true, Retry.AUTH)),
      Map.entry(Outcome.RateLimited.class, new Row(Reason.RateLimited, true, Retry.AT_RESET)),
      Map.entry(Outcome.Unavailable.class, new Row(Reason.DatadogUnavailable, true, Retry.BACKOFF)),
      Map.entry(Outcome.Invalid.class, new Row(Reason.InvalidSpec, true, Retry.ON_CHANGE)),
      Map.entry(Outcome.MissingSecret.class, new Row(Reason.SecretNotFound, true, Retry.ON_CHANGE)),
      Map.entry(Outcome.Drifted.class, new Row(Reason.DriftDetected, true, Retry.RECHECK)),
      Map.entry(Outcome.Absent.class, new Row(Reason.RemoteNotFound, true, Retry.RECHECK)),
      Map.entry(Outcome.Internal.class, new Row(Reason.InternalError, true, Retry.BACKOFF)),
      Map.entry(Outcome.CredentialsNotFound.class, new Row(Reason.CredentialsNotFound, true, Retry.ON_CHANGE)),
      // the namespace's labels or the credentials' selector may change without an event on this resource
      Map.entry(Outcome.CredentialsNotAllowed.class, new Row(Reason.CredentialsNotAllowed, true, Retry.RECHECK)),
      // a key Secret or the allowed URLs may change without an event on this resource
      Map.entry(Outcome.CredentialsNotReady.class, new Row(Reason.CredentialsNotReady, true, Retry.RECHECK)),
      // another resource's variable may become allowed, or appear: looked at again on the regular schedule
      Map.entry(Outcome.VariableNotAllowed.class, new Row(Reason.VariableNotAllowed, true, Retry.RECHECK)),
      Map.entry(Outcome.UnknownVariable.class, new Row(Reason.UnknownVariable, true, Retry.RECHECK)));

  private OutcomeTable() {}

  static Row of(Class<?> outcome) {
    Row row = ROWS.get(outcome);
    if (row == null) {
      throw new IllegalArgumentException("no row for outcome " + outcome.getSimpleName());
    }
    return row;
  }
}
