package io.ddwebhooks.operator.datadog;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A call to Datadog that did not succeed. Carries the HTTP status (0 for a network failure), Datadog's error texts and
 * the wait Datadog asked for. The message never contains request bodies, headers or keys.
 */
public class DatadogApiException extends RuntimeException {

  /** No answer: a network failure (or a call never sent, {@link TurnedAwayException}). */
  public static final int NETWORK_ERROR = 0;
  /**
   * Cut short: the operator is stopping (its thread was interrupted); the call may or may not have been carried
   * out.
   */
  public static final int STOPPING = -2;

  private final int status;
  private final List<String> errors;
  private final Duration retryAfter;
  private final boolean conflictIsNameInUse;

  public DatadogApiException(String operation, int status, List<String> errors, Duration retryAfter) {
    this(operation, describe(status), status, errors, retryAfter);
  }

  /** {@code what}: what became of the call, for the message ("not sent", say). */
  DatadogApiException(String operation, String what, int status, List<String> errors, Duration retryAfter) {
    super(operation + ": " + what + (errors.isEmpty() ? "" : ": " + String.join("; ", errors)));
    this.status = status;
    this.errors = List.copyOf(errors);
    this.retryAfter = retryAfter;
    this.conflictIsNameInUse = false;
  }

  private DatadogApiException(DatadogApiException answer) {
    super(answer.getMessage(), answer);
    this.status = answer.status;
    this.errors = answer.errors;
    this.retryAfter = answer.retryAfter;
    this.conflictIsNameInUse = true;
  }

  /**
   * This answer, from an endpoint that documents 409 as "the name is in use" on every write that sends the name
   * (API v2's auth methods): see {@link Verdict#of(Operation, int, List, boolean)}.
   */
  public DatadogApiException conflictIsNameInUse() {
    return new DatadogApiException(this);
  }

  /** Whether this answer's endpoint documents 409 as "the name is in use" ({@link #conflictIsNameInUse()}). */
  boolean conflictMeansNameInUse() {
    return conflictIsNameInUse;
  }

  public static DatadogApiException network(String operation, Throwable cause) {
    // the cause's message may carry the host name, never a key: keys travel in headers only
    DatadogApiException e = new DatadogApiException(operation, NETWORK_ERROR,
        List.of(cause.getClass().getSimpleName()), null);
    e.initCause(cause);
    return e;
  }

  /** {@code operation} was cut short because the operator is stopping; the interrupt stays set. */
  public static DatadogApiException stopping(String operation) {
    Thread.currentThread().interrupt();
    return new DatadogApiException(operation, STOPPING, List.of(), null);
  }

  private static String describe(int status) {
    return status == NETWORK_ERROR ? "failed to reach Datadog"
        : status == STOPPING ? "cut short: the operator is stopping" : "Datadog answered " + status;
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

  /** What this answer means for {@code operation}. */
  public Verdict verdict(Operation operation) {
    return Verdict.of(operation, this);
  }
}
