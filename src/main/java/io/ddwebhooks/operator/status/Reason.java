package io.ddwebhooks.operator.status;

/** Machine-readable reasons of the Ready condition. */
public enum Reason {
  /** Datadog holds exactly what the spec asks for. */
  Synced(true),
  /** The spec cannot be applied as written; fix the resource. */
  InvalidSpec(false),
  /** A referenced Secret or key is missing; converges as soon as it appears. */
  SecretNotFound(false),
  /** The Datadog name belongs to an object this resource does not own. */
  NameConflict(false),
  /** Datadog refused the object (400); not retried until the spec or a Secret changes. */
  DatadogRejected(false),
  /** Datadog refused the keys (403); retried slowly. */
  DatadogAuthFailed(false),
  /** Datadog could not be reached or answered 5xx; retried with backoff. */
  DatadogUnavailable(false),
  /** Datadog answered 429; retried when the rate limit resets. */
  RateLimited(false);

  private final boolean ready;

  Reason(boolean ready) {
    this.ready = ready;
  }

  public boolean ready() {
    return ready;
  }
}
