package io.ddwebhooks.operator.sync;

import io.ddwebhooks.operator.datadog.DatadogApiException;
import io.ddwebhooks.operator.datadog.Operation;
import io.ddwebhooks.operator.datadog.Verdict;

/** The one place a failed Datadog call becomes an {@link Outcome}. */
public final class Outcomes {

  private Outcomes() {}

  /**
   * The outcome of {@code e}, thrown by {@code operation} on the {@code noun} named {@code name}. An absent object is
   * not a failure for a GET or a DELETE (the API seam answers empty/false), and an update or rename that finds the
   * object gone recreates it ({@link Converger}); what reaches here for them was not absent.
   */
  public static Outcome failure(Operation operation, String noun, String name, DatadogApiException e) {
    String message = e.getMessage();
    Verdict verdict = e.verdict(operation);
    return switch (verdict) {
      case NAME_TAKEN -> conflict(noun, name, null);
      case REJECTED -> new Outcome.Rejected(message);
      case AUTH_FAILED -> new Outcome.AuthFailed(message
          + " (check DD_API_KEY, DD_APP_KEY, DD_SITE and the application key's permissions)");
      case RATE_LIMITED -> new Outcome.RateLimited(message, e.retryAfter());
      // a create that answers 404 means the endpoint is wrong (a proxy, a wrong DD_URL): worth retrying, not final
      case ABSENT, UNAVAILABLE -> new Outcome.Unavailable(message);
      case BUSY -> new Outcome.Queued(message, e.retryAfter());
      case STOPPING -> new Outcome.Stopped(message);
      case SUCCESS -> throw new IllegalArgumentException("not a failure: " + message);
    };
  }

  /** The org's write queue is full: nothing was read or written; the resource comes back shortly. */
  public static Outcome.Queued busy(String name) {
    return new Outcome.Queued("the Datadog org's write queue is full; '" + name + "' waits for its turn");
  }

  /** The name belongs to an object this resource does not own. */
  public static Outcome.Conflict conflict(String noun, String name, String adoptionRefusal) {
    return new Outcome.Conflict("a " + noun + " named '" + name + "' already exists in Datadog and is not owned by"
        + " this resource; nothing was changed. " + (adoptionRefusal != null ? adoptionRefusal + "."
        : "Choose another spec.name, delete the existing " + noun + ", or adopt it (annotation"
            + " ddwebhooks.io/adopt, where the operator allows it)."));
  }
}
