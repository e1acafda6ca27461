package io.ddwebhooks.operator.sync;

import io.ddwebhooks.operator.datadog.DatadogApiException;
import io.ddwebhooks.operator.datadog.Operation;

/** A Datadog call that failed, with what it was, so that {@link Converger} reads its answer for that operation. */
final class FailedCall extends RuntimeException {
  final Operation operation;
  final String name;
  final DatadogApiException cause;

  FailedCall(Operation operation, String name, DatadogApiException cause) {
    super(null, null, false, false);
    this.operation = operation;
    this.name = name;
    this.cause = cause;
  }
}
