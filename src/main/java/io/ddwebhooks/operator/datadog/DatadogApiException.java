package io.ddwebhooks.operator.datadog;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A call to Datadog that did not succeed. Carries the HTTP status (0 for a network failure), Datadog's error texts and
 * the wait Datadog asked for. The message never contains request bodies, headers or keys.
 */
public class DatadogApiException extends RuntimeException {

  public static final int NETWORK_ERROR = 0;

  private final int status;
  private final List<String> errors;
  private final Duration retryAfter;

  public DatadogApiException(String operation, int status, List<String> errors, Duration retryAfter) {
    super(describe(operation, status, errors));
    this.status = status;
    this.errors = List.copyOf(errors);
    this.retryAfter = retryAfter;
  }

  public static DatadogApiException network(String operation, Throwable cause) {
    // the cause's message may carry the host name, never a key: keys travel in headers only
    DatadogApiException e = new DatadogApiException(operation, NETWORK_ERROR,
        List.of(cause.getClass().getSimpleName()), null);
    e.initCause(cause);
    return e;
  }

  private static String describe(String operation, int status, List<String> errors) {
    String what = status == NETWORK_ERROR ? "failed to reach Datadog" : "Datadog answered " + status;
    return operation + ": " + what + (errors.isEmpty() ? "" : ": " + String.join("; ", errors));
  }

  public int status() {
    return status;
  }

  public List<String> errors() {
    return errors;
  }

  /** The wait Datadog asked for (X-RateLimit-Reset), if any. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  public boolean isRateLimited() {
    return status == 429;
  }

  public boolean isAuthFailure() {
    return status == 401 || status == 403;
  }

  /** Retrying the same request later may succeed: rate limits, server errors and network failures. */
  public boolean isRetryable() {
    return status == NETWORK_ERROR || status == 429 || status >= 500;
  }

  /** 400 carrying "already exists": the name belongs to another object. */
  public boolean isNameTaken() {
    return status == 400 && errors.stream().anyMatch(m -> m.toLowerCase().contains("already exists"));
  }

  /** 404, or the pre-2022 400 "... does not exist". */
  public boolean isNotFound() {
    return status == 404
        || (status == 400 && errors.stream().anyMatch(m -> m.toLowerCase().contains("does not exist")));
  }
}
