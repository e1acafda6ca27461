package io.ddwebhooks.operator.reconciler;

import io.ddwebhooks.operator.config.RetryPolicy;
import io.ddwebhooks.operator.datadog.DatadogApiException;
import io.ddwebhooks.operator.status.Reason;
import java.time.Duration;
import java.util.Optional;

/**
 * A failed call to Datadog, classified: the Ready reason to report and when (if ever, without a change to the
 * resource or its Secrets) to try again.
 */
public record Failure(Reason reason, String message, Duration retryAfter) {

  /** Classifies {@code e}; {@code failures} counts consecutive failures including this one. */
  public static Failure classify(DatadogApiException e, int failures, RetryPolicy policy, double random) {
    String message = e.getMessage();
    if (e.isRateLimited()) {
      Duration wait = e.retryAfter()
          // a little spread so that everything waiting on one reset does not fire at once
          .map(d -> d.plusMillis(Math.round(1000 * random)))
          .orElseGet(() -> policy.backoff(failures, random));
      return new Failure(Reason.RateLimited, message, wait);
    }
    if (e.isAuthFailure()) {
      return new Failure(Reason.DatadogAuthFailed,
          message + " (check DD_API_KEY, DD_APP_KEY, DD_SITE and the application key's permissions)",
          policy.authFailureRetry());
    }
    if (e.status() == 400) {
      // terminal: the same request would be refused again; a change to the spec or a Secret retries it
      return new Failure(Reason.DatadogRejected, message, null);
    }
    return new Failure(Reason.DatadogUnavailable, message, policy.backoff(failures, random));
  }

  public Optional<Duration> retry() {
    return Optional.ofNullable(retryAfter);
  }
}
