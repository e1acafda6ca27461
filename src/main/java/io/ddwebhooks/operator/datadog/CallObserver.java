package io.ddwebhooks.operator.datadog;

import java.time.Duration;

/** Told about every HTTP call to Datadog: its operation (Datadog's operationId), status (0: no answer) and latency. */
@FunctionalInterface
public interface CallObserver {

  CallObserver NONE = (operation, status, latency) -> { };

  void observe(String operation, int status, Duration latency);
}
