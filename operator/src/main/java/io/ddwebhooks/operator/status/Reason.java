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
  /** Datadog refused the object (400, 422, other 4xx); not retried until the spec or a Secret changes. */
  DatadogRejected(false),
  /** Datadog refused the keys (401, 403); retried slowly. */
  DatadogAuthFailed(false),
  /** Datadog could not be reached, answered 5xx, or a write raced another; retried with backoff. */
  DatadogUnavailable(false),
  /** Datadog answered 429; retried when the rate limit resets. */
  RateLimited(false),
  /**
   * The ddwebhooks.io/paused annotation stops all Datadog calls; Datadog is left as it is. Ready is True: the
   * resource is in the state its owner asked for (hands off), so a deploy that waits for it (kstatus: Flux, Helm 4;
   * kubectl wait) is not held up by a pause. Whether Datadog matches the spec is not checked while paused.
   */
  Paused(true),
  /** Observe only: Datadog differs from the spec (the message names the fields); nothing is corrected. */
  DriftDetected(false),
  /** Observe only: there is no object of that name in Datadog; nothing is created. */
  RemoteNotFound(false),
  /** spec.credentialsRef names credentials that do not exist, or there is no default org. */
  CredentialsNotFound(false),
  /** The credentials may not be used from this namespace (their namespaceSelector). */
  CredentialsNotAllowed(false),
  /** The credentials cannot be used yet: a key Secret or key is missing, or their URL is not allowed. */
  CredentialsNotReady(false),
  /** A webhook template refers to a variable its namespace may not use (VARIABLE_ACCESS); nothing written. */
  VariableNotAllowed(false),
  /** With UNKNOWN_VARIABLES=refuse: a template refers to no known variable; nothing written. */
  UnknownVariable(false),
  /** A failure the operator did not anticipate (see its log); retried with bounded backoff. */
  InternalError(false);

  private final Boolean ready;

  Reason(Boolean ready) {
    this.ready = ready;
  }

  /** The Ready condition's status for this reason: True, False or Unknown. */
  public String conditionStatus() {
    return ready == null ? "Unknown" : ready ? "True" : "False";
  }
}
