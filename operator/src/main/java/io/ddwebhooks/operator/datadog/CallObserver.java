package io.ddwebhooks.operator.datadog;

import java.time.Duration;

/**
 * Told about every HTTP call to Datadog: the org (its label, never a key), the operation (Datadog's operationId), the
 * status (0: no answer) and the latency.
 */
@FunctionalInterface
public interface CallObserver {

  CallObserver NONE = (org, operation, status, latency) -> { };

  void observe(String org, String operation, int status, Duration latency);
}
