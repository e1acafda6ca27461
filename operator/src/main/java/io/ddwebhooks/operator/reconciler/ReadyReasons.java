package io.ddwebhooks.operator.reconciler;

import io.ddwebhooks.operator.status.Reason;
import io.ddwebhooks.operator.sync.Outcome;
import java.util.Map;

/** The Ready reason of each outcome, and whether it is a failure (logged and recorded as an Event when news). */
final class ReadyReasons {

  /** How an outcome is shown. */
  record Shown(Reason reason, boolean failure) {}

  /** The Ready reason of each outcome, and whether it is a failure (warned about when it is news). */
  private static final Map<Class<? extends Outcome>, Shown> SHOWN = Map.ofEntries(
      Map.entry(Outcome.Synced.class, new Shown(Reason.Synced, false)),
      Map.entry(Outcome.Wrote.class, new Shown(Reason.Synced, false)),
      Map.entry(Outcome.Paused.class, new Shown(Reason.Paused, false)),
      Map.entry(Outcome.Conflict.class, new Shown(Reason.NameConflict, true)),
      Map.entry(Outcome.Rejected.class, new Shown(Reason.DatadogRejected, true)),
      Map.entry(Outcome.AuthFailed.class, new Shown(Reason.DatadogAuthFailed, true)),
      Map.entry(Outcome.RateLimited.class, new Shown(Reason.RateLimited, true)),
      Map.entry(Outcome.Unavailable.class, new Shown(Reason.DatadogUnavailable, true)),
      Map.entry(Outcome.Invalid.class, new Shown(Reason.InvalidSpec, true)),
      Map.entry(Outcome.MissingSecret.class, new Shown(Reason.SecretNotFound, true)),
      Map.entry(Outcome.Drifted.class, new Shown(Reason.DriftDetected, true)),
      Map.entry(Outcome.Absent.class, new Shown(Reason.RemoteNotFound, true)),
      Map.entry(Outcome.Internal.class, new Shown(Reason.InternalError, true)),
      Map.entry(Outcome.CredentialsNotFound.class, new Shown(Reason.CredentialsNotFound, true)),
      Map.entry(Outcome.CredentialsNotAllowed.class, new Shown(Reason.CredentialsNotAllowed, true)),
      Map.entry(Outcome.CredentialsNotReady.class, new Shown(Reason.CredentialsNotReady, true)),
      Map.entry(Outcome.VariableNotAllowed.class, new Shown(Reason.VariableNotAllowed, true)),
      Map.entry(Outcome.UnknownVariable.class, new Shown(Reason.UnknownVariable, true)));



  private ReadyReasons() {}

  static Shown of(Class<?> outcome) {
    Shown shown = SHOWN.get(outcome);
    if (shown == null) {
      throw new IllegalArgumentException("no Ready reason for outcome " + outcome.getSimpleName());
    }
    return shown;
  }
}
