package io.ddwebhooks.operator.datadog;

import java.time.Duration;
import java.util.List;

/**
 * A call this process did not send: the org's write queue was full, or its reads are paced. Nothing reached Datadog
 * (there is no HTTP status: {@link #status()} is 0, no answer); {@link Verdict} reads it as {@link Verdict#BUSY}, and
 * {@link #retryAfter()} says when the call's turn comes, if known.
 */
public final class TurnedAwayException extends DatadogApiException {

  public TurnedAwayException(String operation, String why, Duration retryAfter) {
    super(operation, "not sent", NETWORK_ERROR, List.of(why), retryAfter);
  }
}
