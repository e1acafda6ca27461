package io.ddwebhooks.operator.sync;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What one reconcile came to: the single channel between the steps that do the work and the one place
 * ({@code reconciler.Reporter}) that turns it into the Ready reason, an Event, a log line, a metric and the requeue
 * delay. Produced from Datadog's answers by {@link Outcomes} and from the operator's own checks by the reconcile
 * steps. Messages never carry a value from a Secret (the reporter redacts them once more all the same).
 */
public sealed interface Outcome {

  /** The message for status and Events. */
  String message();

  /** Datadog already matched the spec (or, observe only, matches it): no write. */
  record Synced(String message) implements Outcome {}

  /**
   * The object is now this resource's and matches the spec: created, changed, renamed, or taken over (adopted or
   * recovered, which may need no write). {@code fields}: what a PUT changed. {@code drift}: the spec had not changed,
   * someone changed Datadog. {@code notice}: what the user must do after a rename (Datadog updates no references).
   * {@code event}: what was done, for the Event and the log; {@code message}: the state, for the Ready condition.
   */
  record Applied(Change change, String name, List<String> fields, String previousName, boolean drift,
      Optional<String> notice, String event, String message) implements Outcome {

    /** Whether a write reached Datadog (an adoption or recovery that found the object matching makes none). */
    public boolean wroteToDatadog() {
      return change == Change.CREATED || change == Change.RECREATED || !fields.isEmpty();
    }
  }

  /** The name belongs to an object this resource does not own: nothing written; looked at again on resync. */
  record Conflict(String message) implements Outcome {}

  /** Datadog refused the request as such: not retried until the spec or a Secret changes. */
  record Rejected(String message) implements Outcome {}

  /** Datadog refused the keys: retried slowly, and at once when the keys change. */
  record AuthFailed(String message) implements Outcome {}

  /** 429: retried when the rate limit resets ({@code reset}, when Datadog said), else with backoff. */
  record RateLimited(String message, Optional<Duration> reset) implements Outcome {}

  /** No answer, 5xx, or a race a retry may fix: retried with backoff. */
  record Unavailable(String message) implements Outcome {}

  /** The spec cannot be applied as written: waits for a change to the resource. */
  record Invalid(String message) implements Outcome {}

  /** A referenced Secret or key is missing: the Secret watch brings the resource back when it appears. */
  record MissingSecret(String message) implements Outcome {}

  /** The paused annotation: no Datadog call at all. */
  record Paused(String message) implements Outcome {}

  /** Observe only: the object differs from the spec; nothing corrected. */
  record Drifted(String message) implements Outcome {}

  /** Observe only: no object of that name; nothing created. */
  record Absent(String message) implements Outcome {}

  /** Not attempted: the org's write queue was full. Nothing changed; reconciled again shortly. */
  record Queued(String message, java.util.Optional<java.time.Duration> after) implements Outcome {
    public Queued(String message) {
      this(message, java.util.Optional.empty());
    }
  }

  /**
   * The operator is stopping (an upgrade, a drain, a failover) and this reconcile was cut short: not a failure, so
   * nothing is reported (no status, no Event); the next leader reconciles the resource again.
   */
  record Stopped(String message) implements Outcome {}

  /** The credentials named do not exist, or there is no default org. */
  record CredentialsNotFound(String message) implements Outcome {}

  /** The credentials exist but may not be used from this namespace. */
  record CredentialsNotAllowed(String message) implements Outcome {}

  /** The credentials exist but cannot be used yet: a key Secret is missing, or their URL is not allowed. */
  record CredentialsNotReady(String message) implements Outcome {}

  /** A template refers to a custom variable this namespace may not use: nothing written. */
  record VariableNotAllowed(String message) implements Outcome {}

  /** UNKNOWN_VARIABLES=refuse and a template refers to no known variable: nothing written. */
  record UnknownVariable(String message) implements Outcome {}

  /** A failure nobody anticipated (a bug, or input no check caught): reported, retried with bounded backoff. */
  record Internal(String message) implements Outcome {}

  /** What a successful write did. */
  enum Change {
    CREATED,
    /** It was ours and had gone from Datadog: created again. */
    RECREATED,
    UPDATED,
    RENAMED,
    /** An existing object taken over (adoption allowed and requested). */
    ADOPTED,
    /** The object an earlier, interrupted attempt created or renamed (status.pendingName). */
    RECOVERED;

    /** The Event text for this change of the {@code noun} named {@code name}. */
    public String describe(String noun, String name, List<String> fields, String previousName, boolean drift) {
      String changed = String.join(", ", fields);
      return switch (this) {
        case CREATED -> "created " + noun + " '" + name + "' in Datadog";
        case RECREATED -> drift ? noun + " '" + name + "' was deleted outside Kubernetes; created it again"
            : noun + " '" + name + "' was missing from Datadog and has been created again";
        case UPDATED -> drift ? noun + " '" + name + "' was changed outside Kubernetes (" + changed + "); restored it"
            : "updated " + noun + " '" + name + "' in Datadog (changed: " + changed + ")";
        case RENAMED -> "renamed " + noun + " '" + previousName + "' to '" + name + "' in Datadog";
        case ADOPTED -> "adopted existing " + noun + " '" + name + "'" + (changed.isEmpty() ? ""
            : " (changed: " + changed + ")");
        case RECOVERED -> noun + " '" + name + "' was written by an earlier attempt whose result was not recorded;"
            + " recognised it as this resource's" + (changed.isEmpty() ? "" : " (changed: " + changed + ")");
      };
    }
  }
}
