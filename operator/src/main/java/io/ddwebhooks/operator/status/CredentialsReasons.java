package io.ddwebhooks.operator.status;

/** The Ready reasons of the credentials kinds (DatadogCredentials, ClusterDatadogCredentials). */
public final class CredentialsReasons {

  /** The keys are there (and Datadog has not refused them). */
  public static final String READY = "Ready";
  /** spec.url is not in CREDENTIALS_URL_ALLOWLIST. */
  public static final String URL_NOT_ALLOWED = "URLNotAllowed";
  /** A key Secret or key is missing. */
  public static final String SECRET_NOT_FOUND = "SecretNotFound";
  /** Datadog refused the keys (401/403) on the last call. */
  public static final String AUTH_FAILED = "DatadogAuthFailed";
  /** Being deleted, held while resources still use them. */
  public static final String IN_USE = "InUse";

  /** Every reason, for tests and documentation. */
  public static final java.util.List<String> ALL = java.util.List.of(READY, URL_NOT_ALLOWED, SECRET_NOT_FOUND,
      AUTH_FAILED, IN_USE);

  private CredentialsReasons() {}
}
